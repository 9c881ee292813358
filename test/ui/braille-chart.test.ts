/**
 * brailleChart builds charts from cells that blessed-contrib's braille canvas context drew once;
 * it must give exactly what drawing every bar through the context gives.
 */
import {strict as assert} from 'node:assert';
import {test} from 'node:test';
import {brailleChart, drawBars} from '../../source/ui/braille-chart.js';

/** The chart as it used to be drawn: every bar through the canvas context. */
function drawnChart(values: readonly number[], columns: number, rows: number, max?: number): string[] {
	const width = Math.max(2, columns * 2);
	const height = Math.max(4, rows * 4);
	const visible = values.slice(-width);
	const top = max ?? visible.reduce((m, v) => (Number.isFinite(v) && v > m ? v : m), 0);
	const levels = new Array<number>(width - visible.length).fill(0);
	for (const value of visible) levels.push(!Number.isFinite(value) || value <= 0 || top <= 0 ? 0 : Math.max(1, Math.round((Math.min(value, top) / top) * height)));
	return drawBars(levels, columns, rows);
}

function random(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (state * 1664525 + 1013904223) >>> 0;
		return state / 4294967296;
	};
}

test('cells are the braille patterns of two bars', () => {
	assert.deepEqual(brailleChart([], 3, 1), ['⠀⠀⠀']);
	assert.deepEqual(brailleChart([1, 1], 1, 1), ['⣿']);
	assert.deepEqual(brailleChart([0, 4], 1, 1), ['⢸']);
	assert.deepEqual(brailleChart([4, 1], 1, 1), ['⣇']);
	// Two rows: an 8-dot bar fills its column in both, a 2-dot bar shows in the bottom row only.
	assert.deepEqual(brailleChart([8, 2, 0, Number.NaN], 2, 2), ['⡇⠀', '⣧⠀']);
	// The newest values are on the right; older ones fall off the left.
	assert.deepEqual(brailleChart([9, 9, 9, 0, 0, 9], 2, 1), ['⡇⢸']);
	// Light traffic is one dot, not nothing.
	assert.deepEqual(brailleChart([1000, 1], 1, 1), ['⣇']);
});

test('charts equal bars drawn one by one through the canvas context (500 random charts)', () => {
	const next = random(7);
	for (let i = 0; i < 500; i++) {
		const columns = 1 + Math.floor(next() * 30);
		const rows = 1 + Math.floor(next() * 3);
		const count = Math.floor(next() * (columns * 2 + 10));
		const values = Array.from({length: count}, () => {
			const roll = next();
			if (roll < 0.1) return Number.NaN;
			if (roll < 0.2) return 0;
			return next() * 10 ** Math.floor(next() * 7);
		});
		const max = next() < 0.3 ? next() * 1e5 : undefined;
		const expected = drawnChart(values, columns, rows, max);
		assert.deepEqual(brailleChart(values, columns, rows, max), expected, JSON.stringify({values, columns, rows, max}));
		// A typed array (a ring's storage) gives the same; the scratch buffers are reused across charts of every size.
		assert.deepEqual(brailleChart(Float64Array.from(values), columns, rows, max), expected);
	}
});

test('a chart wider than any before it (scratch space grows) and 4,000+ cells in a row', () => {
	const values = Array.from({length: 9000}, (_, i) => (i % 7) + 1);
	const wide = brailleChart(values, 4500, 2, 8);
	assert.equal(wide.length, 2);
	assert.equal(wide[0]!.length, 4500);
	assert.deepEqual(wide, drawBars(values.map((v) => Math.max(1, Math.round((v / 8) * 8))), 4500, 2));
	assert.deepEqual(brailleChart([1, 1], 1, 1), ['⣿']);
});
