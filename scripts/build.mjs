#!/usr/bin/env node
// Bundles source/cli.tsx into dist/bondtop-main.js, writes its launcher, dist/bondtop-launcher.cjs,
// from scripts/launcher.cjs, the bin, dist/bondtop.js, from scripts/entry.js (a Node.js version
// check that old Node.js versions can parse, then the launcher), and dist/package.json, which makes
// the bin a CommonJS script (the package is "type": "module"): no ES module loader at start-up. One bundle, so start-up reads one file instead of walking hundreds of
// node_modules files (an SD card on a Pi is slow at that); a separate launcher, so that bundle can
// be compiled with a V8 code cache (vm.Script cachedData), which ES modules cannot have before Node
// 22. The bundle is an ES module turned into the body of one async function (it has top-level
// await: Ink loads Yoga with one), `(async function (require, __bondtopImportMeta) {...})`:
// - node's built-in modules are reached through require() (builtinsViaRequire below), so it has no
//   import statements and no import();
// - import.meta is the launcher's (define below).
// BONDTOP_OUTFILE=dir/name.js puts the bin there and the launcher, bundle and package.json beside
// it (name-launcher.cjs, name-main.js);
// BONDTOP_MINIFY=0 leaves the bundle readable.
import {build} from 'esbuild';
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {chmodSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {builtinModules} from 'node:module';
import {basename, dirname, join} from 'node:path';
import {thirdPartyNotices} from './third-party-notices.mjs';
import {cjsExportsOnce, drawilleTwoGlMatrixModules, inkBoundedTextCaches, inkKeepRemovedYogaNodes, inkNeverInCi, inkSharedCaches, inkSquashCache, lazySegmenters, lazySystemInformation, memoisedStringWidth, meowWithoutPackageJson, yogaWithoutFetch} from './esbuild-plugins.mjs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const outfile = process.env.BONDTOP_OUTFILE ?? 'dist/bondtop.js';
const mainName = basename(outfile).replace(/(\.[cm]?js)?$/, '-main.js');
const mainFile = join(dirname(outfile), mainName);
const launcherName = basename(outfile).replace(/(\.[cm]?js)?$/, '-launcher.cjs');
const launcherFile = join(dirname(outfile), launcherName);

/**
 * An import of one of node's built-in modules becomes a require() of it: the same object node's
 * own ES module facade exports. `import {x} from 'node:fs'` and `import fs from 'node:fs'` go
 * through a small ES module, `const m = require('node:fs'); export default m; export const {...} = m`,
 * whose named exports are the module's plain data properties (names and values as node's facade
 * has them, read once at start-up); the few exports that are getters (process.stdout, fs.promises)
 * are reached through the default export, and importing one by name fails the build. Namespace
 * imports, `export *` and import() get a CommonJS module.exports = require() instead, which esbuild
 * wraps in a copy with getters: exact, but a few tenths of a millisecond per import of a big module,
 * about 5 ms over the whole bundle had every import gone that way.
 */
const builtins = new Set(builtinModules);
const importerText = new Map();
function namespaceImportOf(importer, specifier) {
	let text = importerText.get(importer);
	if (text === undefined) {
		try {
			text = readFileSync(importer, 'utf8');
		} catch {
			text = null;
		}
		importerText.set(importer, text);
	}
	if (text === null) return true;
	const quoted = `(['"])${specifier.replace(/[/]/g, '\\/')}\\1`;
	return new RegExp(`import\\s*\\*\\s*as\\s+[\\w$]+\\s+from\\s*${quoted}|export\\s*\\*(\\s*as\\s+[\\w$]+)?\\s*from\\s*${quoted}`).test(text);
}
// Each built-in's plain data properties, as a fresh node sees them (in this process some getters
// have already replaced themselves with values).
const dataExports = JSON.parse(
	execFileSync(process.execPath, ['-e', `
		const names = {};
		for (const id of require('node:module').builtinModules) {
			if (id.startsWith('_')) continue;
			let m;
			try { m = require(id); } catch { continue; }
			names[id] = Object.keys(m).filter((k) => k !== 'default' && /^[A-Za-z_$][\\w$]*$/.test(k) && 'value' in Object.getOwnPropertyDescriptor(m, k));
		}
		process.stdout.write(JSON.stringify(names));
	`], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 16 << 20}),
);
/**
 * Built-ins not in node's start-up snapshot that the first frame does not need: required on the
 * first call of one of their functions. node:child_process (and what it loads: net, dgram, the
 * stream internals) was 2-3 ms of every start-up here; bondtop spawns its first process (`ip
 * monitor`, a drill's ping) after the first frame. Only these functions can be imported from it
 * by name (anything else fails the build); test/build/start-up-patches.test.ts checks it is not
 * loaded before the first frame of the demo.
 */
const lazyBuiltins = {child_process: ['exec', 'execFile', 'execFileSync', 'execSync', 'fork', 'spawn', 'spawnSync']};
const builtinsViaRequire = {
	name: 'builtins-via-require',
	setup(build) {
		build.onResolve({filter: /^(node:)?[a-z0-9_/]+$/}, (args) => {
			if (args.namespace === 'builtin-cjs' || args.namespace === 'builtin-esm') return {path: args.path, external: true};
			if (args.kind !== 'import-statement' && args.kind !== 'dynamic-import') return undefined;
			if (!builtins.has(args.path.replace(/^node:/, ''))) return undefined;
			const exact = args.kind === 'dynamic-import' || namespaceImportOf(args.importer, args.path);
			return {path: args.path, namespace: exact ? 'builtin-cjs' : 'builtin-esm'};
		});
		build.onLoad({filter: /.*/, namespace: 'builtin-cjs'}, (args) => ({contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js'}));
		build.onLoad({filter: /.*/, namespace: 'builtin-esm'}, (args) => {
			const lazy = lazyBuiltins[args.path.replace(/^node:/, '')];
			if (lazy) {
				const functions = lazy.map((name) => `export function ${name}(...a) {\n\treturn load().${name}(...a);\n}\n`).join('');
				return {contents: `let m;\nconst load = () => (m ??= require(${JSON.stringify(args.path)}));\n${functions}`, loader: 'js'};
			}
			const names = dataExports[args.path.replace(/^node:/, '')] ?? [];
			const named = names.length > 0 ? `export const {${names.join(', ')}} = m;\n` : '';
			return {contents: `const m = require(${JSON.stringify(args.path)});\nexport default m;\n${named}`, loader: 'js'};
		});
	},
};

/**
 * signal-exit 3 (Ink's, and restore-cursor's) loads node:assert when it is loaded, for one check
 * of its argument; node:assert is not in node's start-up snapshot, and compiling it and what it
 * loads was about 5 ms of every start. The same check, with node:assert loaded only to throw.
 */
const signalExitLazyAssert = {
	name: 'signal-exit-lazy-assert',
	setup(build) {
		build.onLoad({filter: /[\\/]signal-exit[\\/]index\.js$/}, (args) => {
			const source = readFileSync(args.path, 'utf8');
			const target = "var assert = require('assert')";
			if (!source.includes(target)) throw new Error(`signal-exit changed: "${target}" not found in ${args.path}; update scripts/build.mjs`);
			return {contents: source.replace(target, "var assert = {equal: function (actual, expected, message) { if (actual != expected) require('assert').equal(actual, expected, message) }}"), loader: 'js'};
		});
	},
};

const result = await build({
	entryPoints: ['source/cli.tsx'],
	outfile: mainFile,
	write: false,
	metafile: true,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node18',
	minify: process.env.BONDTOP_MINIFY !== '0',
	legalComments: 'none',
	jsx: 'automatic',
	define: {
		'process.env.NODE_ENV': '"production"',
		BONDTOP_VERSION: JSON.stringify(pkg.version),
		'import.meta': '__bondtopImportMeta',
	},
	// Ink imports react-devtools-core only when DEV is set; it must not be bundled.
	alias: {'react-devtools-core': './scripts/stub-devtools.js', ws: './scripts/stub-devtools.js'},
	plugins: [builtinsViaRequire, cjsExportsOnce, meowWithoutPackageJson, lazySystemInformation, drawilleTwoGlMatrixModules, signalExitLazyAssert, inkSharedCaches, inkSquashCache, inkBoundedTextCaches, inkKeepRemovedYogaNodes, inkNeverInCi, memoisedStringWidth, lazySegmenters, yogaWithoutFetch],
	logLevel: 'warning',
});
if (result.outputFiles.length !== 1) throw new Error(`build: expected one output file, got ${result.outputFiles.map((f) => f.path).join(', ')}`);
const body = result.outputFiles[0].text;
const main = `(async function (require, __bondtopImportMeta) {"use strict";\n${body}\n})\n`;
// What the launcher relies on: a function body without import/export (a syntax error otherwise).
try {
	new Function(`return ${main}`);
} catch (error) {
	throw new Error(`build: the bundle is not a valid function body (an import or export left?): ${error.message}`);
}
if (/\bimport\s*\(/.test(body)) throw new Error('build: the bundle has an import(): vm.Script cannot run it');
// The launcher reads it as latin1 (faster than utf8, and V8 keeps it one byte per character).
if (/[^\x00-\x7f]/.test(main)) throw new Error('build: the bundle is not ASCII (esbuild\'s charset option?)');

const id = `${pkg.version}-${createHash('sha256').update(main).digest('hex').slice(0, 16)}`;
const launcherTemplate = readFileSync(new URL('launcher.cjs', import.meta.url), 'utf8');
const marker = /^const build = \{.*\}; \/\/ @@BUILD@@.*$/m;
if (!marker.test(launcherTemplate)) throw new Error('build: scripts/launcher.cjs lost its @@BUILD@@ line');
const launcher = launcherTemplate.replace(marker, `const build = ${JSON.stringify({main: mainName, entry: basename(outfile), id})};`);
// The bin: a Node.js version check any Node.js can parse, then the launcher.
const entryTemplate = readFileSync(new URL('entry.js', import.meta.url), 'utf8');
const entryMarker = /^(\s*)require\('\.\/bondtop-launcher\.cjs'\);.*@@LAUNCHER@@.*$/m;
if (!entryMarker.test(entryTemplate)) throw new Error('build: scripts/entry.js lost its @@LAUNCHER@@ line');
const entry = entryTemplate.replace(entryMarker, (_, indent) => `${indent}require(${JSON.stringify(`./${launcherName}`)});`);

mkdirSync(dirname(outfile), {recursive: true});
writeFileSync(mainFile, main);
writeFileSync(launcherFile, launcher);
writeFileSync(join(dirname(outfile), 'package.json'), `${JSON.stringify({type: 'commonjs'})}\n`);
writeFileSync(join(dirname(outfile), 'THIRD-PARTY-NOTICES'), thirdPartyNotices(result.metafile));
writeFileSync(outfile, entry);
chmodSync(outfile, 0o755);
