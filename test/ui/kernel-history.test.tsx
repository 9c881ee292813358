import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {mock, test} from 'node:test';
import {render} from 'ink-testing-library';
import React from 'react';
import {RestoringActions} from '../../source/actions/restore.js';
import {App} from '../../source/app.js';
import type {KernelLogFollower} from '../../source/collect/kernel-log.js';
import type {DataSource} from '../../source/collect/source.js';
import {createDemoActions, SimulatedHost} from '../../source/demo/simulated-host.js';
import {kernelLogEvents, parseKmsgText} from '../../source/history/kernel-log.js';
import type {BondEvent} from '../../source/model/events.js';

const start = Date.UTC(2026, 0, 1, 12, 0, 0);

async function settle() {
	for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

test('the kernel log in the TUI: history merged by time into the event log, the header line, a poll only after a change, --log told', async () => {
	mock.timers.enable({apis: ['setTimeout', 'Date'], now: start});
	try {
		const host = new SimulatedHost({scenario: 'steady', primary: true}, start);
		const source: DataSource = {sample: (now) => host.snapshot(now), nextChangeAtMs: (now) => host.nextChangeAtMs(now)};
		const actions = new RestoringActions(createDemoActions(host, () => Date.now()));
		// The real driver's messages of the active-backup case, as if the host booted an hour ago.
		const kmsg = parseKmsgText(readFileSync(new URL('../fixtures/kmsg/active-backup.kmsg', import.meta.url), 'utf8'));
		const history = kernelLogEvents(kmsg, {bonds: new Set(['bond0']), bootWallMs: start - 3_600_000});
		let polls = 0;
		let closed = false;
		const follower: KernelLogFollower = {
			initial: Promise.resolve({history, source: 'kmsg', note: null}),
			poll: () => {
				polls++;
				return [{atMs: Date.now() - 900, kind: 'active-slave', bond: 'bond0', interfaceName: 'eth1', message: 'kernel: bond0 active slave eth0 -> eth1 (KERNEL)', severity: 'info', origin: 'kernel-log', from: 'eth0', to: 'eth1'}];
			},
			close: () => {
				closed = true;
			},
		};
		const logged: BondEvent[] = [];
		let followed = 0;
		const app = render(<App source={source} actions={actions} intervalMs={1000} colour={false} followKernelLog={() => (followed++, follower)} onEvents={(e) => logged.push(...e)} />);
		await settle();
		assert.equal(followed, 0, 'the first frame goes out before the log is read');
		assert.match(app.lastFrame()!, /no failover seen/);
		mock.timers.tick(60);
		await settle();
		assert.equal(followed, 1);
		let frame = app.lastFrame()!;
		// 100 columns: the failover and since when; the count is the first thing left out (failover-summary.ts).
		assert.match(frame, /last failover eth0 -> eth1 11:00:09\.757 \(60 min ago\) · active since 11:00:11\.045$/m);
		assert.match(frame, /Events/);
		assert.equal(polls, 0, 'nothing read per tick');
		for (let i = 0; i < 3; i++) mock.timers.tick(1000);
		await settle();
		assert.equal(polls, 0, 'still nothing without a change');
		assert.equal(logged.length, history.events.length, '--log got the history');
		app.stdin.write('j');
		await settle();
		app.stdin.write('d');
		await settle();
		for (let t = 0; t < 1000; t += 10) mock.timers.tick(10);
		await settle();
		frame = app.lastFrame()!;
		assert.ok(polls >= 1, 'read after the change');
		assert.ok(logged.some((e) => e.message === 'kernel: bond0 active slave eth0 -> eth1 (KERNEL)'), 'what the kernel wrote after the change is in the log');
		assert.match(frame, /last failover eth0 -> eth1 12:00:0\d\.\d{3} \(\d+ ms after link down\)/, 'the one seen is the last (timed from when bondtop saw eth0 go down), not the kernel record read after it');
		assert.match(frame, /active slave: eth1/);
		app.unmount();
		assert.ok(closed, 'the follower is closed on unmount');
	} finally {
		mock.timers.reset();
	}
});
