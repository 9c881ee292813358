#!/usr/bin/env node
// Per-frame cost of one refresh of the real TUI: `node scripts/bench-frame.mjs [BONDS SLAVES EXTRA FRAMES]`
// (default 3 bonds x 4 slaves, 1 extra interface, 300 frames, 160x50). Uses the same esbuild
// plugins and production React as dist/bondtop.js. Prints JSON.
import {build} from 'esbuild';
import {spawnSync} from 'node:child_process';
import {mkdirSync} from 'node:fs';
import {cjsExportsOnce, drawilleTwoGlMatrixModules, inkBoundedTextCaches, inkKeepRemovedYogaNodes, inkSharedCaches, inkSquashCache, lazySegmenters, memoisedStringWidth, yogaWithoutFetch} from './esbuild-plugins.mjs';

const [bonds = '3', slaves = '4', extra = '1', frames = '300', columns = '160', rows = '50'] = process.argv.slice(2);
mkdirSync('.cache/bench', {recursive: true});
const outfile = '.cache/bench/frame.js';
await build({
	entryPoints: ['scripts/bench-frame-entry.tsx'],
	outfile,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node18',
	minify: process.env.BONDTOP_MINIFY !== '0',
	jsx: 'automatic',
	define: {'process.env.NODE_ENV': '"production"'},
	alias: {'react-devtools-core': './scripts/stub-devtools.js', ws: './scripts/stub-devtools.js'},
	plugins: process.env.BONDTOP_NO_PATCHES === '1' ? [] : [cjsExportsOnce, drawilleTwoGlMatrixModules, inkSharedCaches, inkSquashCache, inkBoundedTextCaches, inkKeepRemovedYogaNodes, memoisedStringWidth, lazySegmenters, yogaWithoutFetch],
	banner: {js: "import {createRequire as __cr} from 'node:module';const require=__cr(import.meta.url);"},
	logLevel: 'warning',
});
const result = spawnSync(process.execPath, [outfile, bonds, slaves, extra, frames, columns, rows], {encoding: 'utf8', env: {...process.env, CI: ''}});
process.stdout.write(result.stdout);
if (result.status !== 0) {
	process.stderr.write(result.stderr);
	process.exit(1);
}
