/**
 * The bundle patches Ink's Output (scripts/esbuild-plugins.mjs, scripts/ink-output-get.js): rows
 * that are self-contained strings side by side are joined directly instead of going through Ink's
 * cell grid. This checks the patched Output against Ink's own on many generated frames: the same
 * characters with the same styles in every cell of every row (escape codes may be ordered
 * differently, what the terminal shows may not).
 */
import {strict as assert} from 'node:assert';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import {styledCharsFromTokens, tokenize} from '@alcalzone/ansi-tokenize';
import chalk, {Chalk} from 'chalk';
// @ts-expect-error: plain JS build helpers without types
import {inkSharedCaches, memoisedStringWidth} from '../../scripts/esbuild-plugins.mjs';
import {bundleInkModule} from '../helpers/ink-build.js';
// @ts-expect-error: plain JS build helper without types
import {plainRun} from '../../scripts/plain-run.js';

type Clip = {x1?: number; x2?: number; y1?: number; y2?: number};
type OutputLike = {
	write(x: number, y: number, text: string, options: {transformers: Array<(line: string, index: number) => string>}): void;
	clip(clip: Clip): void;
	unclip(): void;
	get(): {output: string; height: number};
};
type OutputClass = new (options: {width: number; height: number}) => OutputLike;

let directory = '';
let Patched: OutputClass;
let Original: OutputClass;


before(async () => {
	directory = mkdtempSync(join(tmpdir(), 'bondtop-ink-output-'));
	Patched = await bundleInkModule<OutputClass>(directory, 'patched', 'output.js', [inkSharedCaches, memoisedStringWidth]);
	Original = await bundleInkModule<OutputClass>(directory, 'original', 'output.js', []);
});
after(() => rmSync(directory, {recursive: true, force: true}));

/** Each visible cell of a row as `character|styles`, trailing unstyled blanks dropped. */
function cells(row: string): string[] {
	const out = styledCharsFromTokens(tokenize(row)).map((c) => `${c.value}|${c.styles.map((s) => s.code).sort().join(',')}`);
	while (out.length > 0 && out.at(-1) === ' |') out.pop();
	return out;
}

function assertSameScreen(patched: string, original: string, context: string) {
	const a = patched.split('\n');
	const b = original.split('\n');
	assert.equal(a.length, b.length, `${context}: row count`);
	for (let row = 0; row < a.length; row++) assert.deepEqual(cells(a[row]!), cells(b[row]!), `${context}: row ${row}\npatched:  ${JSON.stringify(a[row])}\noriginal: ${JSON.stringify(b[row])}`);
}

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const colour = new Chalk({level: 3});
const pieces = ['eth0', 'bond0 ', 'RX 1.2 MB/s', '⣿⣷⣦⣄⡀', '   ', 'ACTIVE', '·', '中文', 'e\u0301', '👍', 'x\ty', '', 'a b  '];
const styles: Array<(s: string) => string> = [
	(s) => s,
	(s) => colour.green(s),
	(s) => colour.bold.inverse(s),
	(s) => colour.dim(s),
	(s) => colour.hex('#ff8800')(s),
	(s) => colour.bgBlue.white(s),
	(s) => `\x1b[31m${s}`, // left open
	(s) => `\x1b[44m${s}\x1b[39m`, // background left open
	(s) => `\x1b]8;;http://x\x07${s}\x1b]8;;\x07`, // a hyperlink: not SGR
	(s) => colour.underline(`${s}${colour.red('!')}`),
];

function randomText(next: () => number): string {
	const parts = 1 + Math.floor(next() * 3);
	let text = '';
	for (let i = 0; i < parts; i++) text += styles[Math.floor(next() * styles.length)]!(pieces[Math.floor(next() * pieces.length)]!);
	return text;
}

test('patched Ink Output draws the same cells as Ink on 400 generated frames', () => {
	const next = random(20261124);
	// Rows the direct path wrote differ from the grid's bytes (the grid re-encodes styles) while
	// showing the same cells: proof that the direct path ran, not only the fallback.
	let directRows = 0;
	for (let frame = 0; frame < 400; frame++) {
		const width = 10 + Math.floor(next() * 40);
		const height = 1 + Math.floor(next() * 8);
		const patched = new Patched({width, height});
		const original = new Original({width, height});
		const operations = 1 + Math.floor(next() * 12);
		for (let i = 0; i < operations; i++) {
			const roll = next();
			if (roll < 0.08) {
				const clip: Clip = next() < 0.5 ? {x1: Math.floor(next() * 10), x2: 10 + Math.floor(next() * 30)} : {y1: Math.floor(next() * 3), y2: 2 + Math.floor(next() * 5)};
				patched.clip(clip);
				original.clip(clip);
				continue;
			}
			if (roll < 0.12) {
				patched.unclip();
				original.unclip();
				continue;
			}
			const lines = 1 + Math.floor(next() * 3);
			const text = Array.from({length: lines}, () => randomText(next)).join('\n');
			const x = Math.floor(next() * (width + 4)) - (next() < 0.05 ? 3 : 0);
			const y = Math.floor(next() * (height + 2)) - (next() < 0.05 ? 1 : 0);
			const transformers = next() < 0.3 ? [(line: string) => colour.magenta(line)] : [];
			patched.write(x, y, text, {transformers});
			original.write(x, y, text, {transformers});
		}
		const a = patched.get();
		const b = original.get();
		assert.equal(a.height, b.height);
		assertSameScreen(a.output, b.output, `frame ${frame} (${width}x${height})`);
		const rowsA = a.output.split('\n');
		const rowsB = b.output.split('\n');
		directRows += rowsA.filter((row, index) => row !== rowsB[index]).length;
	}
	assert.ok(directRows > 20, `only ${directRows} rows took the direct path`);
});

test('bondtop-like rows take the direct path and equal the grid', () => {
	const width = 80;
	const patched = new Patched({width, height: 3});
	const original = new Original({width, height: 3});
	const writes: Array<[number, number, string]> = [
		[0, 0, `${chalk.bold('> eth0     ')}${colour.bold.inverse.green(' ACTIVE ')}  ${colour.dim('mii up')}`],
		[10, 1, `${colour.cyan('RX    1.2 MB/s ')}${colour.cyan('⣀⣤⣶⣿⣿⣷⣦⣄⡀')}`],
		[2, 2, 'plain'],
		[20, 2, colour.red('right')],
	];
	for (const [x, y, text] of writes) {
		patched.write(x, y, text, {transformers: []});
		original.write(x, y, text, {transformers: []});
	}
	assertSameScreen(patched.get().output, original.get().output, 'bondtop rows');
	// The direct path keeps the written strings verbatim (no re-encoding through cells).
	assert.ok(patched.get().output.includes(colour.cyan('⣀⣤⣶⣿⣿⣷⣦⣄⡀')));
});

test('plainRun accepts self-contained single-width text and refuses the rest', () => {
	const ok = (s: string) => plainRun(s, [...s.replace(/\x1b\[[0-9;]*m/g, '')].length) as boolean;
	assert.equal(ok('eth0  up'), true);
	assert.equal(ok(colour.green('⣿⣷ RX')), true);
	assert.equal(ok(colour.bold.inverse(' ACTIVE ')), true);
	assert.equal(ok(colour.hex('#123456').bgRgb(1, 2, 3)('x')), true);
	assert.equal(ok('\x1b[31mopen'), false, 'colour left open');
	assert.equal(ok('\x1b[1mbold'), false, 'bold left open');
	assert.equal(ok('\x1b[44mblue\x1b[39m'), false, 'background left open');
	assert.equal(ok('\x1b[7;4minverse\x1b[27m'), false, 'underline left open');
	assert.equal(ok('\x1b]8;;http://x\x07link\x1b]8;;\x07'), false, 'not SGR');
	assert.equal(ok('e\u0301'), false, 'combining mark');
	assert.equal(ok('a\tb'), false, 'control character');
	assert.equal(plainRun('中文', 4), false, 'wide characters: 2 code units, 4 columns');
	assert.equal(plainRun('👍', 2), false, 'surrogate pair');
});

test('frames that repeat most rows (the last frame\'s row strings reused) equal Ink, across width changes', () => {
	const next = random(4242);
	let width = 60;
	const height = 6;
	// Each row: its writes (column, text); a frame changes a few of them, as a refresh does.
	const rows: Array<Array<[number, string]>> = Array.from({length: height}, () => [[0, randomText(next)]]);
	for (let frame = 0; frame < 300; frame++) {
		if (next() < 0.05) width = 20 + Math.floor(next() * 60);
		for (let change = Math.floor(next() * 3); change > 0; change--) {
			const row = Math.floor(next() * height);
			const roll = next();
			if (roll < 0.5) rows[row] = [[Math.floor(next() * 10), randomText(next)]];
			else if (roll < 0.8) rows[row]!.push([Math.floor(next() * width), randomText(next)]);
			else rows[row] = [];
		}
		const patched = new Patched({width, height});
		const original = new Original({width, height});
		rows.forEach((writes, y) => {
			for (const [x, text] of writes) {
				patched.write(x, y, text, {transformers: []});
				original.write(x, y, text, {transformers: []});
			}
		});
		assertSameScreen(patched.get().output, original.get().output, `frame ${frame} (width ${width})`);
	}
});
