/**
 * Rate history as braille text, drawn with blessed-contrib's braille canvas context
 * (drawille-canvas-blessed-contrib: moveTo/lineTo/stroke with Bresenham lines). Its own braille
 * buffer emits ANSI colour codes around every cell and uses the deprecated `new Buffer`, so the
 * context draws onto {@link BrailleDots}, a small dot buffer of ours that returns plain text for Ink
 * to colour. Pure apart from that local buffer.
 */
import Context from 'drawille-canvas-blessed-contrib';

/** Dot bit of each (x % 2, y % 4) position inside a braille cell (U+2800 block). */
const dotBits = [
	[0x01, 0x08],
	[0x02, 0x10],
	[0x04, 0x20],
	[0x40, 0x80],
];

/** A width x height dot buffer (2 x 4 dots per character cell). */
export class BrailleDots {
	readonly cells: Uint8Array;
	readonly columns: number;
	readonly rows: number;

	constructor(
		readonly width: number,
		readonly height: number,
	) {
		this.columns = Math.ceil(width / 2);
		this.rows = Math.ceil(height / 4);
		this.cells = new Uint8Array(this.columns * this.rows);
	}

	set(x: number, y: number): void {
		if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
		this.cells[(y >> 2) * this.columns + (x >> 1)]! |= dotBits[y & 3]![x & 1]!;
	}

	unset(x: number, y: number): void {
		if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
		this.cells[(y >> 2) * this.columns + (x >> 1)]! &= ~dotBits[y & 3]![x & 1]!;
	}

	clear(): void {
		this.cells.fill(0);
	}

	/** One string per character row; empty cells are the blank braille pattern so widths stay fixed. */
	lines(): string[] {
		const out: string[] = [];
		for (let row = 0; row < this.rows; row++) {
			let line = '';
			for (let column = 0; column < this.columns; column++) line += String.fromCharCode(0x2800 + this.cells[row * this.columns + column]!);
			out.push(line);
		}
		return out;
	}
}

/**
 * Vertical bars drawn with blessed-contrib's braille canvas context: bar `i` is `levels[i]` dots
 * high, from the bottom of a `columns` x `rows` character area (two bars per character).
 */
export function drawBars(levels: readonly number[], columns: number, rows: number): string[] {
	const width = Math.max(2, columns * 2);
	const height = Math.max(4, rows * 4);
	const context = new Context(width, height, BrailleDots);
	const dots = context._canvas as BrailleDots;
	context.beginPath();
	for (let x = 0; x < Math.min(width, levels.length); x++) {
		const level = Math.min(height, levels[x]!);
		if (level <= 0) continue;
		context.moveTo(x, height - 1);
		context.lineTo(x, height - level);
	}
	context.stroke();
	return dots.lines();
}

/**
 * The 25 characters a chart is made of: one braille cell holds two bars of 0-4 dots each, so
 * `barCodes()[left * 5 + right]` is the character code of the cell for bars `left` and `right`
 * dots high, drawn once by {@link drawBars}. A chart of any height is these cells: each character
 * row shows the part of each bar that falls in its four dot rows. Drawing every refresh through
 * the canvas context allocated a vector per point and a point list per line (a quarter of the
 * TUI's garbage, see README, Performance); looking the cells up gives the very same characters.
 */
let barGlyphCodes: Uint16Array | undefined;
function barCodes(): Uint16Array {
	if (!barGlyphCodes) {
		barGlyphCodes = new Uint16Array(25);
		for (let left = 0; left <= 4; left++) for (let right = 0; right <= 4; right++) barGlyphCodes[left * 5 + right] = drawBars([left, right], 1, 1)[0]!.charCodeAt(0);
	}
	return barGlyphCodes;
}

// Scratch space reused by every chart (charts are drawn one after another, never nested): the bar
// heights and one row's character codes. A refresh draws a dozen charts and more; per chart it now
// allocates only its rows' strings.
let levels = new Uint16Array(0);
const rowCodes: number[] = [];

/**
 * An area chart of the newest values (two samples per character), scaled to `max` (or to the
 * largest visible value). NaN (no rate for that interval) draws nothing; any value above zero
 * draws at least one dot, so light traffic is visible.
 */
export function brailleChart(values: ArrayLike<number>, columns: number, rows: number, max?: number): string[] {
	const width = Math.max(2, columns * 2);
	const height = Math.max(4, rows * 4);
	const cellColumns = width / 2;
	const first = Math.max(0, values.length - width);
	let top = max ?? 0;
	if (max === undefined) for (let i = first; i < values.length; i++) if (Number.isFinite(values[i]) && values[i]! > top) top = values[i]!;
	const offset = width - (values.length - first);
	if (levels.length < width) levels = new Uint16Array(width);
	for (let x = 0; x < width; x++) {
		let level = 0;
		if (x >= offset) {
			const value = values[first + x - offset]!;
			if (Number.isFinite(value) && value > 0 && top > 0) level = Math.max(1, Math.round((Math.min(value, top) / top) * height));
		}
		levels[x] = level;
	}
	const table = barCodes();
	const lines: string[] = [];
	const characterRows = height / 4;
	rowCodes.length = cellColumns;
	for (let row = 0; row < characterRows; row++) {
		// Dots of each bar below this row's four.
		const below = height - 4 * (row + 1);
		for (let column = 0; column < cellColumns; column++) {
			const left = Math.min(4, Math.max(0, levels[column * 2]! - below));
			const right = Math.min(4, Math.max(0, levels[column * 2 + 1]! - below));
			rowCodes[column] = table[left * 5 + right]!;
		}
		lines.push(rowString(rowCodes));
	}
	return lines;
}

/** One flat string from character codes, in slices small enough for any engine's argument limit. */
function rowString(codes: number[]): string {
	if (codes.length <= 4096) return String.fromCharCode.apply(null, codes);
	let text = '';
	for (let at = 0; at < codes.length; at += 4096) text += String.fromCharCode.apply(null, codes.slice(at, at + 4096));
	return text;
}
