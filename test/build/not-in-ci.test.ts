// Ink draws nothing but the last frame when it thinks it runs in CI (CI=true in the environment);
// the build answers "not in CI" for bondtop (scripts/esbuild-plugins.mjs, inkNeverInCi). Without
// that, the TUI of the bundle in a terminal stays blank for anyone who exports CI=true.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';

const bin = fileURLToPath(new URL('../../dist/bondtop.js', import.meta.url));

for (const ci of ['true', '1']) {
	test(`CI=${ci}: the bundle's TUI in a terminal draws its frames while it runs (q quits)`, async () => {
		const child = spawn('script', ['-qec', `${process.execPath} ${bin} --demo`, '/dev/null'], {
			stdio: ['pipe', 'pipe', 'pipe'],
			env: {...process.env, NO_COLOR: '1', CI: ci, CONTINUOUS_INTEGRATION: ci},
		});
		let out = '';
		let drawn = false;
		child.stdout.on('data', (chunk) => {
			out += chunk;
			if (!drawn && out.includes('q quit')) {
				drawn = true;
				child.stdin.write('q');
			}
		});
		const timer = setTimeout(() => child.kill(), 20_000);
		const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
		clearTimeout(timer);
		assert.ok(drawn, `no frame before quitting: ${JSON.stringify(out.slice(0, 200))}`);
		assert.equal(code, 0);
	});
}
