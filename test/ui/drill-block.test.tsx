import assert from 'node:assert/strict';
import {test} from 'node:test';
import React from 'react';
import {RestoringActions} from '../../source/actions/restore.js';
import {App} from '../../source/app.js';
import type {DataSource} from '../../source/collect/source.js';
import {createDemoActions, SimulatedHost} from '../../source/demo/simulated-host.js';
import {runDrill, type DrillDeps} from '../../source/drill/run-drill.js';
import {keys, renderAt, settle} from './render-at.js';

const start = Date.UTC(2026, 0, 1, 12, 0, 0);

/** The demo's steady bond0 (both links up, eth1 active, no primary) and a drill on its own fake clock. */
function demoWithDrill() {
	let clock = start;
	const host = new SimulatedHost({scenario: 'steady'}, start);
	const source: DataSource = {sample: () => host.snapshot(clock)};
	const demoActions = createDemoActions(host, () => clock);
	const deps: DrillDeps = {
		readBond: (name) => host.snapshot(clock).bonds.find((b) => b.name === name) ?? null,
		actions: demoActions,
		now: () => clock,
		sleep: async (ms) => {
			clock += ms;
		},
		startProbe: (target) => ({stop: async () => ({target, sent: 40, lost: 3, longestGapMs: 310})}),
		armDeadMan: () => ({description: 'test', cancel: () => {}}),
	};
	const drill = {
		forSeconds: 3,
		run: (bond: string, slave: string) => runDrill({bond, slave, forMs: 3000, target: '192.168.176.1'}, {...deps}).then((r) => ({...r, simulated: true as const})),
	};
	return {source, actions: new RestoringActions(demoActions), drill, now: () => clock};
}

for (const [columns, rows] of [
	[80, 24],
	[160, 50],
] as const) {
	test(`${columns}x${rows}: a drill's result is a block (failover, outage, recovery) in the log, nothing cut, simulated parts labelled`, async () => {
		const {source, actions, drill, now} = demoWithDrill();
		const app = renderAt(<App source={source} actions={actions} intervalMs={1000} colour={false} drill={drill} initialSelection="eth1" now={now} />, columns, rows);
		try {
		await settle();
		app.stdin.write('p');
		for (let i = 0; i < 20 && !/recovery:/.test(app.lastFrame()); i++) await settle();
		const frame = app.lastFrame();
		for (const line of frame.split('\n')) assert.ok(line.length <= columns, `no row wider than ${columns}: ${line}`);
		// On screen: the status area holds the whole block, wrapped rather than cut.
		const status = frame.slice(frame.lastIndexOf('\ndrill bond0/eth1')).replace(/\s+/g, ' ');
		assert.match(status, /drill bond0\/eth1, probing 192\.168\.176\.1 \(simulated\) · failover: to eth0 in \d+ ms · outage: 3\/40 probes lost, longest gap 310 ms \(simulated\) · recovery: no primary to return to/);
		// In the log: one event per line, each whole; PgUp brings back what later events pushed up.
		let lines = frame.split('\n');
		for (let i = 0; i < 6 && !lines.some((l) => /^\S+ drill bond0\/eth1/.test(l)); i++) {
			app.stdin.write(keys.pageUp);
			await settle();
			lines = app.lastFrame().split('\n');
		}
		const at = lines.findIndex((l) => /^\S+ drill bond0\/eth1, probing 192\.168\.176\.1 \(simulated\)$/.test(l));
		assert.ok(at >= 0, `the block's first line is in the log:\n${lines.join('\n')}`);
		assert.match(lines[at + 1]!, /^\S+ {3}failover: to eth0 in \d+ ms$/);
		assert.match(lines[at + 2]!, /^\S+ {3}outage: 3\/40 probes lost, longest gap 310 ms \(simulated\)$/);
		assert.match(lines[at + 3]!, /^\S+ {3}recovery: no primary to return to$/);
		} finally {
			app.unmount();
		}
	});
}
