/**
 * Start-up work the build keeps out of every start (scripts/esbuild-plugins.mjs, scripts/build.mjs):
 * React's exports given to its importers once (cjsExportsOnce), meow without read-package-up and
 * normalize-package-data (meowWithoutPackageJson), Yoga's wasm decoded natively (yogaWithoutFetch),
 * node:child_process and systeminformation loaded when first used (lazyBuiltins, lazySystemInformation),
 * two modules of gl-matrix instead of all of it (drawilleTwoGlMatrixModules). Each is checked on the real bundle (it does not
 * come back) and against the unpatched module (it behaves the same).
 */
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {build} from 'esbuild';
// @ts-expect-error: plain JS build helpers without types
import {cjsExportsOnce, drawilleTwoGlMatrixModules, meowWithoutPackageJson, yogaWithoutFetch} from '../../scripts/esbuild-plugins.mjs';
import {helpText, meowFlags} from '../../source/cli/usage.js';
import {keyBindings} from '../../source/ui/keys.js';

const bin = fileURLToPath(new URL('../../dist/bondtop.js', import.meta.url));

/** Runs `node -r spy.cjs ...args` with a preload whose text is given; returns stderr and status. */
function withSpy(spy: string, args: string[]): {status: number | null; stdout: string; stderr: string} {
	const directory = mkdtempSync(join(tmpdir(), 'bondtop-start-up-'));
	try {
		writeFileSync(join(directory, 'spy.cjs'), spy);
		return spawnSync(process.execPath, ['-r', join(directory, 'spy.cjs'), ...args], {encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});
	} finally {
		rmSync(directory, {recursive: true, force: true});
	}
}

// A getter named useState defined on any object: how esbuild's __toESM copies React's exports.
const getterSpy = `
const define = Object.defineProperty;
let copies = 0;
Object.defineProperty = function (target, key, descriptor) {
	if (key === 'useState' && descriptor && typeof descriptor.get === 'function') copies++;
	return define(target, key, descriptor);
};
process.on('exit', () => process.stderr.write('REACT EXPORT COPIES ' + copies + '\\n'));
`;

async function bundle(directory: string, name: string, contents: string, plugins: unknown[]): Promise<string> {
	const outfile = join(directory, `${name}.mjs`);
	await build({stdin: {contents, resolveDir: process.cwd(), loader: 'js'}, outfile, bundle: true, platform: 'node', format: 'esm', plugins: plugins as never, logLevel: 'silent'});
	return outfile;
}

test('the bundle copies none of React\'s exports at start-up (cjsExportsOnce)', () => {
	const r = withSpy(getterSpy, [bin, '--json', '--demo']);
	assert.equal(r.status, 0, r.stderr);
	assert.equal(JSON.parse(r.stdout).schema, 1);
	assert.match(r.stderr, /REACT EXPORT COPIES 0\n/);
});

test('imports of react through cjsExportsOnce are React\'s own exports; without it each importer gets a copy', async () => {
	const directory = mkdtempSync(join(tmpdir(), 'bondtop-cjs-once-'));
	try {
		writeFileSync(join(directory, 'a.jsx'), "import React, {useState} from 'react';\nexport const a = [React, useState, <div />];\n");
		writeFileSync(join(directory, 'b.jsx'), "import {useState, memo} from 'react';\nimport {jsx} from 'react/jsx-runtime';\nexport const b = [useState, memo, jsx];\n");
		writeFileSync(join(directory, 'c.js'), "import * as Namespace from 'react';\nexport const c = Namespace;\n");
		writeFileSync(
			join(directory, 'entry.js'),
			`import {a} from './a.jsx';
			import {b} from './b.jsx';
			import {c} from './c.js';
			const [React, useState, element] = a;
			export const same = useState === React.useState && b[0] === useState && b[1] === React.memo && typeof useState === 'function'
				&& c.default === React && c.useEffect === React.useEffect && Object.keys(c).filter((k) => k !== 'default').sort().join() === Object.keys(React).sort().join()
				&& typeof b[2] === 'function' && React.isValidElement(element) && element.type === 'div';
			`,
		);
		const copies: Record<string, number> = {};
		for (const [name, plugins] of [['once', [cjsExportsOnce]], ['copied', []]] as const) {
			const outfile = join(directory, `${name}.mjs`);
			await build({entryPoints: [join(directory, 'entry.js')], nodePaths: [join(process.cwd(), 'node_modules')], outfile, bundle: true, platform: 'node', format: 'esm', jsx: 'automatic', plugins: [...plugins] as never, logLevel: 'silent', define: {'process.env.NODE_ENV': '"production"'}});
			const r = withSpy(getterSpy, ['--input-type=module', '-e', `import {same} from ${JSON.stringify(pathToFileURL(outfile).href)}; if (!same) process.exit(3);`]);
			assert.equal(r.status, 0, `${name}: ${r.stderr}`);
			copies[name] = Number(/REACT EXPORT COPIES (\d+)/.exec(r.stderr)?.[1]);
		}
		// Once: only the namespace object of c.js has getters (as between ES modules); copied: one per importer.
		assert.ok(copies.once! <= 1 && copies.copied! >= 3, JSON.stringify(copies));
	} finally {
		rmSync(directory, {recursive: true, force: true});
	}
});

test('the bundle reads no package.json and sorts nothing with ICU collation at start-up (meowWithoutPackageJson)', () => {
	const spy = `
const fs = require('node:fs');
for (const name of ['statSync', 'readFileSync', 'existsSync', 'openSync']) {
	const real = fs[name];
	fs[name] = function (path, ...rest) {
		if (/package\\.json$/.test(String(path))) process.stderr.write('PACKAGE.JSON ' + name + '\\n');
		return real.call(this, path, ...rest);
	};
}
const compare = String.prototype.localeCompare;
String.prototype.localeCompare = function (...a) {
	process.stderr.write('LOCALECOMPARE\\n');
	return compare.apply(this, a);
};
`;
	for (const args of [['--json', '--demo'], ['--once', '--demo'], ['--version']]) {
		const r = withSpy(spy, [bin, ...args]);
		assert.equal(r.status, 0, r.stderr);
		assert.doesNotMatch(r.stderr, /PACKAGE\.JSON|LOCALECOMPARE/, args.join(' '));
	}
	// The spy sees both.
	const control = withSpy(spy, ['-e', "require('node:fs').existsSync('/package.json'); 'a'.localeCompare('b')"]);
	assert.match(control.stderr, /PACKAGE\.JSON existsSync\nLOCALECOMPARE/);
});

test('meow without read-package-up and normalize-package-data parses bondtop\'s command lines as the original', async () => {
	const directory = mkdtempSync(join(tmpdir(), 'bondtop-meow-'));
	try {
		const entry = `import meow from 'meow'; export default meow;`;
		type Meow = (help: string, options: object) => {input: string[]; flags: object; unnormalizedFlags: object; help: string; pkg: {name?: string}};
		const patched = ((await import(pathToFileURL(await bundle(directory, 'patched', entry, [meowWithoutPackageJson])).href)) as {default: Meow}).default;
		const original = ((await import(pathToFileURL(await bundle(directory, 'original', entry, [])).href)) as {default: Meow}).default;
		const patchedSize = (await import('node:fs')).statSync(join(directory, 'patched.mjs')).size;
		const originalSize = (await import('node:fs')).statSync(join(directory, 'original.mjs')).size;
		assert.ok(patchedSize < originalSize - 100_000, `the cut is gone from the bundle: ${patchedSize} vs ${originalSize} bytes`);
		const help = helpText(keyBindings);
		const lines = [
			[],
			['--demo'],
			['--demo', '--interval', '250', 'bond0', 'bond1'],
			['--interval=500', '--no-color', '--ascii', '--lang', 'de'],
			['--json', '--demo', '--no-events', '--log', '/tmp/x.log'],
			['check', '--expect-active', 'primary', '--min-slaves', '2', '--ignore', 'a,b', '--checkmk'],
			['drill', 'eth0', '--for', '5', '--target', '192.0.2.1', '--force', '--report', 'r.md'],
			['export', '--textfile', '/var/lib/x', '--state-dir', '/tmp/s'],
			['lab', '--mode', '802.3ad', '--slaves', '4'],
			['--demo', '--demo-scenario', 'flapping', '--demo-bonds', '3', '--demo-slaves', '2', '--demo-extra', '1', '--percent'],
			['--read-only', '--root', '/tmp/capture', '--once'],
			['--interval', 'abc', '--unknown-flag', '-x'],
		];
		for (const argv of lines) {
			const options = {importMeta: import.meta, argv, version: '1.2.3', pkg: {name: 'bondtop', version: '1.2.3'}, allowUnknownFlags: true, flags: meowFlags()};
			const a = patched(help, {...options, pkg: {...options.pkg}});
			const b = original(help, {...options, pkg: {...options.pkg}});
			assert.deepEqual({input: a.input, flags: a.flags, unnormalizedFlags: a.unnormalizedFlags, help: a.help, name: a.pkg.name}, {input: b.input, flags: b.flags, unnormalizedFlags: b.unnormalizedFlags, help: b.help, name: b.pkg.name}, argv.join(' '));
		}
	} finally {
		rmSync(directory, {recursive: true, force: true});
	}
});

test('Yoga\'s wasm is decoded without atob at start-up, and lays out as the original (yogaWithoutFetch)', async () => {
	const spy = "const real = globalThis.atob; globalThis.atob = function (s) { process.stderr.write('ATOB\\n'); return real(s); };\n";
	const r = withSpy(spy, [bin, '--json', '--demo']);
	assert.equal(r.status, 0, r.stderr);
	assert.doesNotMatch(r.stderr, /ATOB/);
	const directory = mkdtempSync(join(tmpdir(), 'bondtop-yoga-'));
	try {
		// The same layout from the patched module and the original (which fetches its data: URL).
		const entry = `import Yoga from 'yoga-layout';
			const root = Yoga.Node.create();
			root.setWidth(160);
			root.setFlexDirection(Yoga.FLEX_DIRECTION_ROW);
			const children = [1, 2, 3].map((grow, i) => { const n = Yoga.Node.create(); n.setFlexGrow(grow); n.setHeight(i + 1); root.insertChild(n, i); return n; });
			root.calculateLayout(undefined, undefined, Yoga.DIRECTION_LTR);
			process.stdout.write(JSON.stringify(children.map((n) => n.getComputedLayout())));`;
		const outputs = [];
		for (const [name, plugins] of [['patched', [yogaWithoutFetch]], ['original', []]] as const) {
			const outfile = await bundle(directory, name, entry, [...plugins]);
			const run = withSpy(spy, [outfile]);
			assert.equal(run.status, 0, run.stderr);
			if (name === 'patched') assert.doesNotMatch(run.stderr, /ATOB/);
			outputs.push(run.stdout);
		}
		assert.equal(outputs[0], outputs[1]);
		assert.match(withSpy(spy, ['-e', "atob('YQ==')"]).stderr, /ATOB/, 'the spy sees atob');
		assert.match(outputs[0]!, /"width":80/);
	} finally {
		rmSync(directory, {recursive: true, force: true});
	}
});

/**
 * The TUI in a pseudo-terminal (util-linux `script`) with a preload that appends every require of
 * node:child_process to a file (systeminformation, which is in the bundle, requires it as it
 * loads); returns what was loaded when the first frame was drawn and `laterMs` after it.
 */
async function loadsAroundFirstFrame(args: string[], laterMs: number): Promise<{atFirstFrame: string; later: string}> {
	const directory = mkdtempSync(join(tmpdir(), 'bondtop-lazy-'));
	try {
		const log = join(directory, 'loads.txt');
		writeFileSync(
			join(directory, 'spy.cjs'),
			`const Module = require('node:module');
const {appendFileSync} = require('node:fs');
const load = Module._load;
Module._load = function (request, ...rest) {
	if (/child_process|systeminformation/.test(request)) appendFileSync(${JSON.stringify(log)}, request + '\\n');
	return load.call(this, request, ...rest);
};
`,
		);
		const child = spawn('script', ['-qec', `${process.execPath} -r ${join(directory, 'spy.cjs')} ${bin} ${args.join(' ')}`, '/dev/null'], {stdio: ['pipe', 'pipe', 'pipe'], env: {...process.env, NO_COLOR: '1', CI: ''}});
		const read = () => (existsSync(log) ? readFileSync(log, 'utf8') : '');
		let out = '';
		let atFirstFrame: string | null = null;
		let later = '';
		child.stdout.on('data', (chunk) => {
			out += chunk;
			if (atFirstFrame === null && out.includes('q quit')) {
				atFirstFrame = read();
				setTimeout(() => {
					later = read();
					child.stdin.write('q');
				}, laterMs);
			}
		});
		const timer = setTimeout(() => child.kill(), 30_000);
		const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
		clearTimeout(timer);
		assert.notEqual(atFirstFrame, null, `no frame: ${JSON.stringify(out.slice(0, 300))}`);
		assert.equal(code, 0, out.slice(-300));
		return {atFirstFrame: atFirstFrame!, later};
	} finally {
		rmSync(directory, {recursive: true, force: true});
	}
}

test('the demo\'s first frame loads neither node:child_process nor systeminformation (lazyBuiltins, lazySystemInformation)', async () => {
	const demo = await loadsAroundFirstFrame(['--demo'], 1500);
	assert.equal(demo.atFirstFrame, '');
	assert.equal(demo.later, '');
	for (const args of [['--json', '--demo'], ['--once', '--demo']]) {
		const r = withSpy("const M = require('node:module'); const l = M._load; M._load = function (r, ...a) { if (/child_process|systeminformation/.test(r)) process.stderr.write('LOADED ' + r + '\\n'); return l.call(this, r, ...a); };\n", [bin, ...args]);
		assert.equal(r.status, 0, r.stderr);
		assert.doesNotMatch(r.stderr, /LOADED/, args.join(' '));
	}
});

test('the live view loads node:child_process and systeminformation when it uses them (its inventory, ip)', async () => {
	// This host has no bond: the live view shows every interface and reads its inventory
	// (systeminformation's default gateway, `ip -o addr`) after the first frame.
	const live = await loadsAroundFirstFrame(['--read-only'], 3000);
	// systeminformation is in the bundle: what shows it loaded is its own require('child_process');
	// bondtop's modules ask for node:child_process.
	assert.match(live.later, /^child_process$/m);
	assert.match(live.later, /^node:child_process$/m);
});

test('the braille charts are the same with two gl-matrix modules as with all of gl-matrix (drawilleTwoGlMatrixModules)', async () => {
	const directory = mkdtempSync(join(tmpdir(), 'bondtop-gl-matrix-'));
	try {
		const entry = `import {brailleChart, drawBars} from ${JSON.stringify(join(process.cwd(), 'source/ui/braille-chart.ts'))};
			const out = [];
			for (const [columns, rows] of [[1, 1], [10, 1], [30, 3], [60, 6]]) {
				const values = Array.from({length: columns * 2 + 3}, (_, i) => (i * 7919) % 101);
				out.push(brailleChart(values, columns, rows), brailleChart(values, columns, rows, 50), drawBars(values.map((v) => v % (rows * 4 + 1)), columns, rows));
			}
			export default JSON.stringify(out);`;
		const charts = [];
		for (const [name, plugins] of [['two', [drawilleTwoGlMatrixModules]], ['all', []]] as const) {
			const outfile = join(directory, `${name}.mjs`);
			await build({stdin: {contents: entry, resolveDir: process.cwd(), loader: 'ts'}, outfile, bundle: true, platform: 'node', format: 'esm', plugins: [...plugins] as never, logLevel: 'silent', metafile: true}).then((r) => {
				const inputs = Object.keys(r.metafile!.inputs).join(' ');
				assert.equal(/gl-matrix[\\/]dist[\\/]gl-matrix\.js/.test(inputs), name === 'all', `${name}: ${inputs}`);
			});
			charts.push(((await import(pathToFileURL(outfile).href)) as {default: string}).default);
		}
		assert.equal(charts[0], charts[1]);
		assert.match(charts[0]!, /[\u2801-\u28ff]/);
		// The bundle has mat2d (its str() says "mat2d(") and not the rest of gl-matrix ("mat4(").
		const bundle = readFileSync(bin.replace(/\.js$/, '-main.js'), 'latin1');
		assert.ok(bundle.includes('"mat2d("') && !bundle.includes('"mat4("'));
	} finally {
		rmSync(directory, {recursive: true, force: true});
	}
});

test('the bin and the launcher start without the ES module loader (dist/package.json: commonjs)', () => {
	const spy = "process.on('exit', () => process.stderr.write('ESM LOADER ' + process.moduleLoadList.filter((m) => /modules[/]esm[/](translators|module_job)/.test(m)).length + '\\n'));\n";
	for (const args of [[bin, '--json', '--demo'], [bin, '--version']]) {
		const r = withSpy(spy, args);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stderr, /ESM LOADER 0\n/, args.join(' '));
	}
	assert.equal(JSON.parse(readFileSync(join(bin, '..', 'package.json'), 'utf8')).type, 'commonjs');
	// The spy sees an ES module start-up.
	assert.match(withSpy(spy, ['--input-type=module', '-e', 'await 0']).stderr, /ESM LOADER [1-9]/);
});
