import assert from 'node:assert/strict';
import {mock, test} from 'node:test';
import {render} from 'ink-testing-library';
import React from 'react';
import {RestoringActions} from '../../source/actions/restore.js';
import type {ActionResult, LinkActions} from '../../source/actions/types.js';
import {App, type ExitReport} from '../../source/app.js';
import type {DataSource} from '../../source/collect/source.js';
import {createDemoActions, SimulatedHost} from '../../source/demo/simulated-host.js';

const start = Date.UTC(2026, 0, 1, 12, 0, 0);

/** Lets React and Ink flush what the timers and key presses scheduled. */
async function settle() {
	for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

function demo() {
	const host = new SimulatedHost({}, start);
	const source: DataSource = {sample: (now) => host.snapshot(now), nextChangeAtMs: (now) => host.nextChangeAtMs(now)};
	return {host, source, actions: new RestoringActions(createDemoActions(host, () => Date.now()))};
}

function line(frame: string | undefined, pattern: RegExp): string {
	return frame?.split('\n').find((l) => pattern.test(l)) ?? '';
}

test('demo: as in the origin story eth1 (USB) is ACTIVE and eth0, without carrier, is not', async () => {
	mock.timers.enable({apis: ['setTimeout', 'Date'], now: start});
	try {
		const {source, actions} = demo();
		const app = render(<App source={source} actions={actions} intervalMs={1000} colour={false} />);
		await settle();
		const frame = app.lastFrame()!;
		assert.match(frame, /SIMULATED/);
		assert.match(frame, /active slave: eth1/);
		assert.match(line(frame, /^[> ] eth1 /), /ACTIVE/);
		assert.doesNotMatch(line(frame, /^[> ] eth0 /), /ACTIVE/);
		assert.match(line(frame, /^[> ] eth0 /), /DOWN/);
		assert.doesNotMatch(frame, /wlan0/, 'a Pi 2 has no Wi-Fi');
		assert.doesNotMatch(frame, /\u001B\[/, 'no escape codes with colour off');
		app.unmount();
	} finally {
		mock.timers.reset();
	}
});

test('demo: once eth0 is plugged in, select eth1, press d, watch the failover after miimon + downdelay, quit restores eth1', async () => {
	mock.timers.enable({apis: ['setTimeout', 'Date'], now: start});
	try {
		const {host, source, actions} = demo();
		let report: ExitReport | null = null;
		const app = render(<App source={source} actions={actions} intervalMs={1000} colour={false} onExit={(r) => (report = r)} />);
		await settle();
		// The origin scenario plugs eth0's cable in at 10 s; it comes up as backup after updelay.
		for (let t = 0; t < 11_000; t += 500) {
			mock.timers.tick(500);
			await settle();
		}
		assert.match(line(app.lastFrame(), /^[> ] eth0 /), /BACKUP/);
		app.stdin.write('j');
		await settle();
		app.stdin.write('j');
		await settle();
		assert.match(line(app.lastFrame(), /^[> ] eth1 /), /^> eth1/, 'j j moves the selection from bond0 to eth1');
		app.stdin.write('d');
		await settle();
		// Advance the clock in small steps, as the kernel's miimon would tick.
		for (let t = 0; t < 150; t += 10) {
			mock.timers.tick(10);
			await settle();
		}
		assert.match(line(app.lastFrame(), /^[> ] eth1 /), /ACTIVE GOING DOWN/, 'inside downdelay eth1 is still active, going down');
		for (let t = 0; t < 350; t += 10) {
			mock.timers.tick(10);
			await settle();
		}
		const frame = app.lastFrame()!;
		assert.match(frame, /active slave: eth0/);
		assert.match(line(frame, /^[> ] eth0 /), /ACTIVE/);
		assert.match(line(frame, /^> eth1 /), /DOWN/);
		assert.match(frame, /bond0 active slave eth1 -> eth0/);
		assert.match(frame, /bond0 eth1 link failure count 0 -> 1/);
		assert.deepEqual(actions.pending, ['eth1']);
		app.stdin.write('q');
		await settle();
		assert.deepEqual(report, {restored: ['eth1'], failed: []});
		assert.ok(host.snapshot(Date.now()).interfaces.find((i) => i.name === 'eth1')!.flags.includes('UP'), 'eth1 is up again');
	} finally {
		mock.timers.reset();
	}
});

test('taking down the last up slave asks first and names the consequence; n cancels, y proceeds', async () => {
	const calls: string[] = [];
	const fake: LinkActions = {
		setLinkDown: async (name): Promise<ActionResult> => (calls.push(`down ${name}`), {ok: true}),
		setLinkUp: async (name): Promise<ActionResult> => (calls.push(`up ${name}`), {ok: true}),
		setActiveSlave: async (): Promise<ActionResult> => ({ok: false, message: 'no'}),
	};
	mock.timers.enable({apis: ['setTimeout', 'Date'], now: start});
	try {
		const host = new SimulatedHost({scenario: 'steady'}, start);
		host.setLinkDown('eth1', start);
		mock.timers.tick(1000);
		const source: DataSource = {sample: (now) => host.snapshot(now)};
		const app = render(<App source={source} actions={new RestoringActions(fake)} intervalMs={1000} colour={false} initialSelection="eth0" />);
		await settle();
		app.stdin.write('d');
		await settle();
		assert.match(app.lastFrame()!, /eth0 is the last slave of bond0 that is up/);
		assert.match(app.lastFrame()!, /Press y/);
		app.stdin.write('n');
		await settle();
		assert.deepEqual(calls, []);
		assert.match(app.lastFrame()!, /cancelled/);
		app.stdin.write('d');
		await settle();
		app.stdin.write('y');
		await settle();
		assert.deepEqual(calls, ['down eth0']);
		app.unmount();
	} finally {
		mock.timers.reset();
	}
});

test('an action that fails shows its one-line reason and changes nothing', async () => {
	const fake: LinkActions = {
		setLinkDown: async () => ({ok: false, message: 'needs root (CAP_NET_ADMIN): run bondtop with sudo'}),
		setLinkUp: async () => ({ok: true}),
		setActiveSlave: async () => ({ok: true}),
	};
	// Both links up, so taking eth1 down needs no confirmation.
	const host = new SimulatedHost({scenario: 'steady'}, start);
	const source: DataSource = {sample: () => host.snapshot(start)};
	const actions = new RestoringActions(fake);
	const app = render(<App source={source} actions={actions} intervalMs={1000} colour={false} initialSelection="eth1" />);
	await settle();
	app.stdin.write('d');
	await settle();
	assert.match(app.lastFrame()!, /ip link set eth1 down: needs root \(CAP_NET_ADMIN\)/);
	assert.deepEqual(actions.pending, []);
	app.stdin.write('a');
	await settle();
	app.unmount();
});

test('help lists every key of the binding table and the seven modes', async () => {
	const host = new SimulatedHost({}, start);
	const app = render(<App source={{sample: () => host.snapshot(start)}} actions={new RestoringActions(createDemoActions(host, () => start))} intervalMs={1000} colour={false} />);
	await settle();
	app.stdin.write('?');
	await settle();
	// Help scrolls: gather what PgDn shows page by page.
	let frame = app.lastFrame()!;
	for (let page = 0; page < 4; page++) {
		app.stdin.write('\u001B[6~');
		await settle();
		frame += app.lastFrame()!;
	}
	for (const word of ['d down', 'u up', 'a make active', 'q quit', 'balance-rr', 'active-backup', 'balance-xor', 'broadcast', '802.3ad', 'balance-tlb', 'balance-alb']) {
		assert.ok(frame.includes(word), `help shows ${word}`);
	}
	app.unmount();
});

test('a host without bonds still shows its interfaces and points at --demo', async () => {
	const host = new SimulatedHost({bonds: 0, extraInterfaces: 1}, start);
	const app = render(<App source={{sample: () => host.snapshot(start)}} actions={new RestoringActions(createDemoActions(host, () => start))} intervalMs={1000} colour={false} />);
	await settle();
	assert.match(app.lastFrame()!, /No bonding interface/);
	assert.match(app.lastFrame()!, /bondtop\s+--demo/);
	assert.match(app.lastFrame()!, /dummy0/);
	app.unmount();
});
