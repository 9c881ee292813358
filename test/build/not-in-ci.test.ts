// Ink draws nothing but the last frame when it thinks it runs in CI (CI=true in the environment);
// the build answers "not in CI" for bondtop (scripts/esbuild-plugins.mjs, inkNeverInCi). Without
// that, the TUI of the bundle in a terminal stays blank for anyone who exports CI=true.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {bundleCommand, runInPty} from '../helpers/pty.js';

for (const ci of ['true', '1']) {
	test(`CI=${ci}: the bundle's TUI in a terminal draws its frames while it runs (q quits)`, async () => {
		const {out, code, drawn} = await runInPty(bundleCommand(['--demo']), {env: {...process.env, NO_COLOR: '1', CI: ci, CONTINUOUS_INTEGRATION: ci}});
		assert.ok(drawn, `no frame before quitting: ${JSON.stringify(out.slice(0, 200))}`);
		assert.equal(code, 0);
	});
}
