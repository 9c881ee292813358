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
 * An area chart of the newest values (two samples per character), scaled to `max` (or to the
 * largest visible value). NaN (no rate for that interval) draws nothing.
 */
export function brailleChart(values: readonly number[], columns: number, rows: number, max?: number): string[] {
	const width = Math.max(2, columns * 2);
	const height = Math.max(4, rows * 4);
	const context = new Context(width, height, BrailleDots);
	const dots = context._canvas as BrailleDots;
	const visible = values.slice(-width);
	const top = max ?? visible.reduce((m, v) => (Number.isFinite(v) && v > m ? v : m), 0);
	const offset = width - visible.length;
	context.beginPath();
	for (let i = 0; i < visible.length; i++) {
		const value = visible[i]!;
		if (!Number.isFinite(value) || value <= 0 || top <= 0) continue;
		// At least one dot for any non-zero value, so light traffic is visible.
		const level = Math.max(1, Math.round((Math.min(value, top) / top) * height));
		const x = offset + i;
		context.moveTo(x, height - 1);
		context.lineTo(x, height - level);
	}
	context.stroke();
	return dots.lines();
}
