/**
 * The build makes the Intl.Segmenters of string-width, slice-ansi and ansi-tokenize on first use
 * (scripts/esbuild-plugins.mjs, lazySegmenters): loading the bundle makes none, and a patched
 * string-width still measures graphemes (wide, combining, emoji) as the original does.
 */
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {build} from 'esbuild';
// @ts-expect-error: plain JS build helpers without types
import {lazySegmenters} from '../../scripts/esbuild-plugins.mjs';

const bin = fileURLToPath(new URL('../../dist/bondtop.js', import.meta.url));

test('loading the bundle and a --json snapshot make no Intl.Segmenter', () => {
	const directory = mkdtempSync(join(tmpdir(), 'bondtop-segmenters-'));
	try {
		const spy = join(directory, 'spy.cjs');
		writeFileSync(spy, "const Real = Intl.Segmenter; Intl.Segmenter = function (...a) { process.stderr.write('SEGMENTER MADE\\n'); return new Real(...a); };\n");
		const r = spawnSync(process.execPath, ['-r', spy, bin, '--json', '--demo'], {encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});
		assert.equal(r.status, 0, r.stderr);
		assert.equal(JSON.parse(r.stdout).schema, 1);
		assert.doesNotMatch(r.stderr, /SEGMENTER MADE/);
		// The spy works: a plain segmenter is seen.
		const control = spawnSync(process.execPath, ['-r', spy, '-e', 'new Intl.Segmenter()'], {encoding: 'utf8'});
		assert.match(control.stderr, /SEGMENTER MADE/);
	} finally {
		rmSync(directory, {recursive: true, force: true});
	}
});

test('string-width with a lazy segmenter measures as the original', async () => {
	const directory = mkdtempSync(join(tmpdir(), 'bondtop-segmenters-'));
	try {
		const entry = join(process.cwd(), 'node_modules/ink/node_modules/string-width/index.js');
		const outfile = join(directory, 'sw.mjs');
		await build({stdin: {contents: `export {default} from ${JSON.stringify(entry)};`, resolveDir: process.cwd(), loader: 'js'}, outfile, bundle: true, platform: 'node', format: 'esm', plugins: [lazySegmenters], logLevel: 'silent'});
		const lazy = ((await import(pathToFileURL(outfile).href)) as {default: (s: string) => number}).default;
		const original = ((await import(pathToFileURL(entry).href)) as {default: (s: string) => number}).default;
		for (const text of ['bond0', '中文 bond0', 'e\u0301', '👍 ok', '\x1b[31m⣿\x1b[39m', '👨‍👩‍👧', '']) assert.equal(lazy(text), original(text), JSON.stringify(text));
	} finally {
		rmSync(directory, {recursive: true, force: true});
	}
});
