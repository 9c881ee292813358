// The shared chart scale moves in steps a user can follow: up at once for traffic that lasted
// (a spike of fewer than five samples is clipped, not allowed to flatten the window), down one
// 1-2-5 step at a time after the traffic has left the chart. Checked on made-up rings and on half
// an hour of the default demo.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {SimulatedHost} from '../../source/demo/simulated-host.js';
import {HistoryStore, Ring} from '../../source/model/history.js';
import {layoutGroups} from '../../source/model/layout.js';
import {interfaceRates} from '../../source/model/rates.js';
import {ladderIndex, ladderValue, niceCeiling, sharedScales, stepDownSamples, sustainedSamples} from '../../source/ui/chart-scale.js';

const mbit = 125_000;
const item = (name: string) => ({name}) as never;
const bondGroup = [{bond: {} as never, items: [item('bond0'), item('eth0'), item('eth1')]}];

test('the 1-2-5 ladder: places and values, one step at a time, nice ceilings on it', () => {
	const values = [0.5, 1, 2, 5, 10, 20, 50, 100, 1e6, 2e6, 5e6];
	for (const v of values) assert.equal(ladderValue(ladderIndex(v)), v, String(v));
	for (let i = -6; i < 30; i++) assert.equal(ladderIndex(ladderValue(i)), i, String(i));
	assert.equal(ladderIndex(5e6) - ladderIndex(2e6), 1);
	assert.equal(ladderIndex(1e7) - ladderIndex(5e6), 1);
	assert.equal(ladderIndex(0), -Infinity);
	assert.equal(ladderIndex(Number.NaN), -Infinity);
	assert.equal(niceCeiling(3.2e6), 5e6);
	assert.equal(niceCeiling(1000), 1000, 'exact decades stay');
	assert.equal(niceCeiling(1000.5), 2000);
	assert.equal(niceCeiling(999), 1000);
});

/** The bond's scale in Mbit/s after each pushed sample of `rxMbit` (eth1 carries the same, eth0 nothing). */
function scalesOver(rxMbit: number[], window: number): number[] {
	const rings = {bond0: {rx: new Ring(600), tx: new Ring(600)}, eth0: {rx: new Ring(600), tx: new Ring(600)}, eth1: {rx: new Ring(600), tx: new Ring(600)}};
	const out: number[] = [];
	for (const v of rxMbit) {
		rings.bond0.rx.push(v * mbit);
		rings.eth1.rx.push(v * mbit);
		rings.bond0.tx.push(0.5 * mbit);
		rings.eth1.tx.push(0.5 * mbit);
		rings.eth0.rx.push(0);
		rings.eth0.tx.push(0);
		const scales = sharedScales(bondGroup, (name) => rings[name as keyof typeof rings], window, 'bits');
		assert.equal(scales.get('eth0'), scales.get('bond0'), 'one scale for the bond and its slaves');
		out.push((scales.get('bond0')! * 8) / 1e6);
	}
	return out;
}

const baseline = (n: number) => Array.from({length: n}, (_, i) => 3 + (i % 3) * 0.5);

test(`a spike of ${sustainedSamples - 1} samples is clipped; ${sustainedSamples} samples of traffic raise the scale at once`, () => {
	const spike = scalesOver([...baseline(30), ...Array(sustainedSamples - 1).fill(60), ...baseline(10)], 60);
	assert.deepEqual([...new Set(spike)], [5], 'a short spike leaves the 5 Mb scale alone');
	const sustained = scalesOver([...baseline(30), ...Array(sustainedSamples).fill(60), ...baseline(10)], 60);
	assert.equal(sustained[30 + sustainedSamples - 2], 5, 'not yet');
	assert.equal(sustained[30 + sustainedSamples - 1], 100, 'the fifth sample of 60 Mbit/s: 100 Mb at once');
	assert.equal(sustained.at(-1), 100, 'and it stays while the traffic is on the chart');
});

test(`after the traffic leaves the chart the scale comes down one step every ${stepDownSamples} samples, to what the chart holds`, () => {
	const window = 40;
	const scales = scalesOver([...baseline(10), ...Array(10).fill(60), ...baseline(80)], window);
	const changes: Array<{at: number; from: number; to: number}> = [];
	for (let i = 1; i < scales.length; i++) if (scales[i] !== scales[i - 1]) changes.push({at: i, from: scales[i - 1]!, to: scales[i]!});
	assert.deepEqual(
		changes.map((c) => `${c.from}->${c.to}`),
		['5->100', '100->50', '50->20', '20->10', '10->5'],
	);
	// Once fewer than five of the burst's samples (10-19) are on a chart of 40, at index 55, one
	// step down at once.
	assert.equal(changes[1]!.at, 19 + window - (sustainedSamples - 1));
	for (let i = 2; i < changes.length; i++) assert.equal(changes[i]!.at - changes[i - 1]!.at, stepDownSamples, `step ${i}`);
	assert.ok(scales.slice(changes.at(-1)!.at).every((s) => s === 5), 'it stops at the level of what the chart shows');
});

test('an idle bond keeps the smallest scale (1 kbit/s); gaps (NaN) count for nothing', () => {
	const rings = {bond0: {rx: new Ring(10), tx: new Ring(10)}};
	for (let i = 0; i < 5; i++) (rings.bond0.rx.push(null), rings.bond0.tx.push(0));
	const scales = sharedScales([{bond: {} as never, items: [item('bond0')]}], (name) => rings[name as keyof typeof rings], 10, 'bits');
	assert.equal(scales.get('bond0'), 1000 / 8);
});

for (const [terminal, window] of [
	['80x24', 2 * (80 - 25 - 8)],
	['160x50', 2 * (160 - 25 - 8)],
] as const) {
	test(`default demo, 30 minutes at 1 s, charts of ${terminal} (${window} samples): the scale sits near the baseline and only steps down one place at a time`, () => {
		const start = Date.UTC(2026, 0, 1, 12);
		const host = new SimulatedHost({}, start);
		const history = new HistoryStore(600);
		let previous = host.snapshot(start);
		const scales: number[] = [];
		for (let s = 1; s <= 1800; s++) {
			const snapshot = host.snapshot(start + s * 1000);
			history.record(interfaceRates(previous, snapshot));
			previous = snapshot;
			scales.push(sharedScales(layoutGroups(snapshot), (name) => history.get(name), window, 'bits').get('bond0')! * 8);
		}
		let changes = 0;
		for (let i = 1; i < scales.length; i++) {
			if (scales[i] === scales[i - 1]) continue;
			changes++;
			if (scales[i]! < scales[i - 1]!) assert.equal(ladderIndex(scales[i - 1]!) - ladderIndex(scales[i]!), 1, `second ${i + 1}: ${scales[i - 1]} -> ${scales[i]}`);
		}
		// The baseline is 0.5-8 Mbit/s: a scale of 10 Mb or less shows it; bursts now and then lift it.
		const nearBaseline = scales.filter((s) => s <= 10e6).length / scales.length;
		assert.ok(nearBaseline >= 0.5, `scale <= 10 Mb ${Math.round(nearBaseline * 100)} % of the time`);
		assert.ok(changes <= 40, `${changes} changes in 30 minutes`);
	});
}
