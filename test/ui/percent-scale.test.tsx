import assert from 'node:assert/strict';
import {mock, test} from 'node:test';
import React from 'react';
import {RestoringActions} from '../../source/actions/restore.js';
import {App} from '../../source/app.js';
import type {DataSource} from '../../source/collect/source.js';
import {createDemoActions, SimulatedHost} from '../../source/demo/simulated-host.js';
import {brailleChart} from '../../source/ui/braille-chart.js';
import {chartScales, speedText} from '../../source/ui/chart-scale.js';
import {Ring} from '../../source/model/history.js';
import {renderAt, settle} from './render-at.js';

const start = Date.UTC(2026, 0, 1, 12, 0, 0);

function demo() {
	const host = new SimulatedHost({}, start);
	const source: DataSource = {sample: (now) => host.snapshot(now), nextChangeAtMs: (now) => host.nextChangeAtMs(now)};
	return {host, source, actions: new RestoringActions(createDemoActions(host, () => Date.now()))};
}

test('link speeds are written as they are sold', () => {
	assert.equal(speedText(10), '10Mb/s');
	assert.equal(speedText(100), '100Mb/s');
	assert.equal(speedText(1000), '1Gb/s');
	assert.equal(speedText(2500), '2.5Gb/s');
	assert.equal(speedText(25_000), '25Gb/s');
});

test('percent of link speed: each interface against its own speed (the bond against its own); unknown speed keeps the rate scale and says so', () => {
	const ring = (values: number[]) => {
		const r = new Ring(10);
		for (const v of values) r.push(v);
		return r;
	};
	const histories: Record<string, {rx: Ring; tx: Ring}> = {
		bond0: {rx: ring([300_000]), tx: ring([0])},
		eth0: {rx: ring([300_000]), tx: ring([0])},
		eth1: {rx: ring([0]), tx: ring([0])},
		veth0: {rx: ring([0]), tx: ring([0])},
	};
	const item = (name: string, speedMbps: number | null | undefined, slaveSpeed: number | null = null) =>
		({name, iface: {name, speedMbps}, slave: slaveSpeed === null ? null : {speedMbps: slaveSpeed}}) as never;
	const groups = [
		{bond: {} as never, items: [item('bond0', 200), item('eth0', 100), item('eth1', 100, 1000)]},
		{bond: null, items: [item('veth0', -1), item('dummy0', undefined)]},
	];
	const rate = chartScales(groups, (name) => histories[name], 10, 'bits', 'rate');
	assert.deepEqual(rate.get('eth0'), {max: 625_000, label: '5Mb', axis: '5Mb', note: '', percentOfMbps: null}, 'rate mode is the shared scale');
	const percent = chartScales(groups, (name) => histories[name], 10, 'bits', 'percent');
	assert.deepEqual(percent.get('bond0'), {max: 25_000_000, label: '% of 200Mb/s', axis: '100%', note: '% of 200Mb/s', percentOfMbps: 200});
	assert.equal(percent.get('eth0')?.max, 12_500_000, '100 Mbit/s is 12.5 MB/s at full height');
	assert.equal(percent.get('eth1')?.label, '% of 1Gb/s', "a slave: the bonding file's speed before sysfs (as the panel's Speed:)");
	// The same 2.4 Mbit/s is a taller bar against 100 Mb/s than against the bond's 200 Mb/s.
	const chart = (max: number | undefined) => brailleChart([12_500_000 / 2, 12_500_000 / 2], 1, 2, max);
	assert.deepEqual(chart(percent.get('eth0')?.max), ['⠀', '⣿'], '50 % of 100 Mb/s: the lower of two rows, full');
	assert.deepEqual(chart(percent.get('bond0')?.max), ['⠀', '⣤'], '25 % of 200 Mb/s: half of the lower row');
	for (const name of ['veth0', 'dummy0']) {
		const s = percent.get(name)!;
		assert.equal(s.percentOfMbps, null, `${name}: no made-up percentage`);
		assert.equal(s.max, rate.get(name)!.max, `${name}: the rate scale`);
		assert.equal(s.label, `${rate.get(name)!.label}, no speed`);
		assert.equal(s.note, 'link speed unknown: rate scale');
	}
});

const labelsOf = (frame: string) => [...frame.matchAll(/┤(% of \S+|\S+, no speed)$/gm)].map((m) => m[1]);

for (const [columns, rows] of [
	[80, 24],
	[160, 50],
] as const) {
	test(`% at ${columns}x${rows}: every chart says what it is a percentage of; % again goes back to the rate scale`, async () => {
		mock.timers.enable({apis: ['setTimeout', 'Date'], now: start});
		try {
			const {source, actions} = demo();
			const app = renderAt(<App source={source} actions={actions} intervalMs={1000} colour={false} initialSelection="eth1" />, columns, rows);
			for (let i = 0; i < 30; i++) (mock.timers.tick(1000), await settle());
			assert.deepEqual(labelsOf(app.lastFrame()), [], 'the rate scale at start');
			app.stdin.write('%');
			await settle();
			let frame = app.lastFrame();
			const lines = frame.split('\n');
			assert.ok(lines.length <= rows);
			for (const l of lines) assert.ok(l.length <= columns, `no row wider than the terminal: ${l}`);
			// The origin Pi: eth0 smsc95xx 100 Mb/s, eth1 r8152 1 Gb/s and active, so bond0 is 1 Gb/s.
			const labels = labelsOf(frame);
			if (columns === 80) assert.deepEqual(labels, ['% of 1Gb/s', '% of 100Mb/s', '% of 1Gb/s'], 'bond0, eth0, eth1 (two-line rows)');
			else {
				assert.deepEqual(labels, ['% of 1Gb/s', '% of 1Gb/s', '% of 100Mb/s', '% of 100Mb/s'], 'bond0 RX/TX, eth0 RX/TX (one-row charts)');
				// eth1, selected, has the tall charts: 100 % at the top of the axis, the speed on the rate row.
				assert.equal(lines.filter((l) => /^ +100% ┤[\u2800-\u28FF]+$/.test(l)).length, 2, frame);
				assert.equal(lines.filter((l) => /^ +[RT]X +[\d.]+ [kM]bit\/s {2}% of 1Gb\/s$/.test(l)).length, 2, frame);
			}
			// The charts still fit: as wide as the label leaves.
			for (const l of lines.filter((x) => /[\u2800-\u28FF]{8}/.test(x))) assert.ok(l.length >= columns - 20, `chart row ${l.length} of ${columns}`);
			app.stdin.write('%');
			await settle();
			frame = app.lastFrame();
			assert.deepEqual(labelsOf(frame), []);
			assert.doesNotMatch(frame, /100% ┤/);
			app.unmount();
		} finally {
			mock.timers.reset();
		}
	});
}

test('80x24, percent mode, eth0 taken down: its speed is gone, so its charts keep the rate scale and say "no speed"', async () => {
	mock.timers.enable({apis: ['setTimeout', 'Date'], now: start});
	try {
		const {source, actions} = demo();
		const app = renderAt(<App source={source} actions={actions} intervalMs={1000} colour={false} initialSelection="eth0" percent />, 80, 24);
		for (let i = 0; i < 20; i++) (mock.timers.tick(1000), await settle());
		assert.deepEqual(labelsOf(app.lastFrame()), ['% of 1Gb/s', '% of 100Mb/s', '% of 1Gb/s'], 'percent from the start (--percent)');
		app.stdin.write('d');
		for (let i = 0; i < 3; i++) (mock.timers.tick(1000), await settle());
		const frame = app.lastFrame();
		const labels = labelsOf(frame);
		assert.equal(labels.length, 3, frame);
		assert.equal(labels[0], '% of 1Gb/s');
		assert.match(labels[1]!, /^\d+(\.\d)?[kMG]?b, no speed$/, `eth0 (down): ${labels[1]}`);
		assert.doesNotMatch(frame, /% of 100Mb\/s/, 'no percentage of a speed the link no longer has');
		app.unmount();
	} finally {
		mock.timers.reset();
	}
});
