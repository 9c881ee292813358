import assert from 'node:assert/strict';
import {mock, test} from 'node:test';
import React from 'react';
import {RestoringActions} from '../../source/actions/restore.js';
import {App} from '../../source/app.js';
import type {DataSource} from '../../source/collect/source.js';
import {createDemoActions, SimulatedHost} from '../../source/demo/simulated-host.js';
import {brailleChart} from '../../source/ui/braille-chart.js';
import {niceCeiling, rateText, scaleLabel, sharedScales} from '../../source/ui/chart-scale.js';
import {Ring} from '../../source/model/history.js';
import {keys, renderAt, settle} from './render-at.js';

const start = Date.UTC(2026, 0, 1, 12, 0, 0);

function demo() {
	const host = new SimulatedHost({}, start);
	const source: DataSource = {sample: (now) => host.snapshot(now), nextChangeAtMs: (now) => host.nextChangeAtMs(now)};
	return {host, source, actions: new RestoringActions(createDemoActions(host, () => Date.now()))};
}

test('nice ceilings, labels and rates in bits and bytes', () => {
	assert.equal(niceCeiling(0), 0);
	assert.equal(niceCeiling(3.2e6), 5e6);
	assert.equal(niceCeiling(1e6), 1e6);
	assert.equal(niceCeiling(1.01e6), 2e6);
	assert.equal(niceCeiling(7), 10);
	assert.equal(scaleLabel(5e6 / 8, 'bits'), '5Mb');
	assert.equal(scaleLabel(2e5, 'bytes'), '200kB');
	assert.equal(rateText(125_000, 'bits'), '1.0 Mbit/s');
	assert.equal(rateText(125_000, 'bytes'), '125 kB/s');
	assert.equal(rateText(null, 'bytes'), '–');
});

test('one scale per bond: the bond and its slaves share the round ceiling of their largest rate', () => {
	const ring = (values: number[]) => {
		const r = new Ring(10);
		for (const v of values) r.push(v);
		return r;
	};
	const histories: Record<string, {rx: Ring; tx: Ring}> = {
		bond0: {rx: ring([100_000, 300_000]), tx: ring([10])},
		eth0: {rx: ring([0]), tx: ring([Number.NaN])},
		eth1: {rx: ring([100_000]), tx: ring([300_000])},
		lo: {rx: ring([50]), tx: ring([60])},
	};
	const item = (name: string) => ({name}) as never;
	const groups = [
		{bond: {} as never, items: [item('bond0'), item('eth0'), item('eth1')]},
		{bond: null, items: [item('lo')]},
	];
	const scales = sharedScales(groups, (name) => histories[name], 10, 'bits');
	// 300 000 B/s = 2.4 Mbit/s -> 5 Mbit/s = 625 000 B/s, for all three.
	assert.equal(scales.get('bond0'), 625_000);
	assert.equal(scales.get('eth0'), 625_000);
	assert.equal(scales.get('eth1'), 625_000);
	assert.equal(scales.get('lo'), 1000 / 8, 'an idle interface gets the smallest scale, not 0');
	// The same rate draws the same height on every chart of the bond.
	assert.deepEqual(brailleChart([300_000, 300_000], 1, 1, scales.get('eth0')), brailleChart([300_000, 300_000], 1, 1, scales.get('bond0')));
});

for (const [columns, rows] of [
	[80, 24],
	[160, 50],
] as const) {
	test(`charts at ${columns}x${rows}: as wide as the panel, labelled with the bond's shared scale; b switches to bytes`, async () => {
		mock.timers.enable({apis: ['setTimeout', 'Date'], now: start});
		try {
			const {source, actions} = demo();
			const app = renderAt(<App source={source} actions={actions} intervalMs={1000} colour={false} initialSelection="eth1" />, columns, rows);
			for (let i = 0; i < 30; i++) (mock.timers.tick(1000), await settle());
			let frame = app.lastFrame();
			const lines = frame.split('\n');
			assert.ok(lines.length <= rows);
			const labels = [...frame.matchAll(/[┤ ](\d+(?:\.\d)?[kMG]?b)$/gm)].map((m) => m[1]);
			const chartLines = lines.filter((l) => /[\u2800-\u28FF]{8}/.test(l));
			assert.ok(chartLines.length >= 2, 'charts are drawn');
			for (const l of chartLines) assert.ok(l.length <= columns && l.length >= columns - 12, `a chart row fills the width: ${l.length} of ${columns}`);
			if (columns >= 160) {
				assert.ok(labels.length >= 2, 'chart rows carry the scale label');
				assert.equal(new Set(labels).size, 1, `one scale for bond0 and its slaves: ${labels.join(', ')}`);
			}
			app.stdin.write('b');
			await settle();
			frame = app.lastFrame();
			assert.match(frame, /RX +[\d.]+ [kM]?B\/s/, 'rates in bytes per second');
			assert.doesNotMatch(frame, /bit\/s/);
			app.unmount();
		} finally {
			mock.timers.reset();
		}
	});
}

test('200x60: the selected panel gets a taller chart with a y axis (scale on top, 0 at the bottom); the log takes the rest', async () => {
	mock.timers.enable({apis: ['setTimeout', 'Date'], now: start});
	try {
		const {source, actions} = demo();
		const app = renderAt(<App source={source} actions={actions} intervalMs={1000} colour={false} />, 200, 70);
		for (let i = 0; i < 30; i++) (mock.timers.tick(1000), await settle());
		const lines = app.lastFrame().split('\n');
		const top = lines.findIndex((l) => /^ +\d+(\.\d)?[kMG]?b ┤[\u2800-\u28FF]+$/.test(l));
		assert.ok(top > 0, 'a y axis labelled with the scale');
		const bottom = lines.findIndex((l, i) => i > top && /^ +0 ┤/.test(l));
		assert.ok(bottom - top >= 1, `two or more chart rows (${bottom - top + 1})`);
		assert.match(lines[top - 1]!, /^ {10}RX +[\d.]+ [kM]?bit\/s$/);
		assert.ok(lines.length <= 70);
		app.unmount();
	} finally {
		mock.timers.reset();
	}
});

test('the event log takes the rows the panels leave (160x50, many events)', async () => {
	mock.timers.enable({apis: ['setTimeout', 'Date'], now: start});
	try {
		const {host, source, actions} = demo();
		const app = renderAt(<App source={source} actions={actions} intervalMs={1000} colour={false} />, 160, 50);
		for (let i = 0; i < 8; i++) {
			host.setLinkDown('eth0', Date.now());
			for (let t = 0; t < 10; t++) (mock.timers.tick(100), await settle());
			host.setLinkUp('eth0', Date.now());
			for (let t = 0; t < 10; t++) (mock.timers.tick(100), await settle());
		}
		const lines = app.lastFrame().split('\n');
		const logTitle = lines.findIndex((l) => l.startsWith('Events'));
		assert.ok(logTitle > 0);
		const eventRows = lines.length - 1 - logTitle - 1; // minus the footer
		assert.ok(eventRows > 5, `more than the old fixed 5 event rows (${eventRows})`);
		assert.equal(lines.length, 50, 'the screen is filled');
		app.stdin.write(keys.home);
		await settle();
		app.unmount();
	} finally {
		mock.timers.reset();
	}
});
