import assert from 'node:assert/strict';
import {mock, test} from 'node:test';
import React from 'react';
import {RestoringActions} from '../../source/actions/restore.js';
import type {LinkActions} from '../../source/actions/types.js';
import {App, type ExitReport} from '../../source/app.js';
import type {DataSource} from '../../source/collect/source.js';
import {createDemoActions, SimulatedHost} from '../../source/demo/simulated-host.js';
import {keys, renderAt, settle} from './render-at.js';

const start = Date.UTC(2026, 0, 1, 12, 0, 0);

function demo() {
	const host = new SimulatedHost({}, start);
	const source: DataSource = {sample: (now) => host.snapshot(now), nextChangeAtMs: (now) => host.nextChangeAtMs(now)};
	return {host, source, actions: new RestoringActions(createDemoActions(host, () => Date.now()))};
}

function rowsOf(frame: string): string[] {
	return frame.split('\n');
}

for (const [columns, rows] of [
	[80, 24],
	[160, 50],
] as const) {
	test(`help at ${columns}x${rows}: title and keys first, fits, scrolls to the modes, wrapped lines indented; Esc closes, F1 opens`, async () => {
		const {source, actions} = demo();
		const app = renderAt(<App source={source} actions={actions} intervalMs={1000} colour={false} />, columns, rows);
		await settle();
		app.stdin.write(keys.f1);
		await settle();
		let frame = app.lastFrame();
		const lines = rowsOf(frame);
		assert.ok(lines.length <= rows, `help fits in ${rows} rows (got ${lines.length})`);
		assert.match(lines[1]!, /^bondtop help: Esc, \? or F1 closes/);
		assert.equal(lines[2], 'Keys');
		assert.match(frame, /^  d {15}pull the selected slave's cable/m);
		assert.match(frame, /^  q, Ctrl-C, F10 {2}quit;/m);
		for (const line of lines) assert.ok(line.length <= columns, `no row wider than ${columns}: ${line}`);
		assert.match(lines.at(-1)!, /\? help {2}q quit$/, 'the footer stays');
		if (rows < 40) {
			assert.equal(lines.length, rows, 'help uses every row');
			assert.match(lines.at(-2)!, /^↓ PgDn more: Bonding modes, Slave words {2}\(lines 1-20 of \d+\)$/, 'the row above the footer says what is below');
		} else {
			assert.doesNotMatch(frame, /PgDn more|back to the top/, 'at 160x50 all of help fits: no hint');
			assert.match(frame, /\n *\nBonding modes\n/, 'a blank row between the sections');
		}
		app.stdin.write(keys.end);
		await settle();
		frame = app.lastFrame();
		assert.match(frame, /GOING BACK/, 'End shows the last help line');
		if (rows < 40) assert.match(rowsOf(frame).at(-2)!, /^↑ PgUp Home: back to the top {2}\(lines \d+-(\d+) of \1\)$/, 'the hint says the end is shown');
		// Continuation rows of a wrapped mode description start under the description, not at column 0.
		const wrapped = rowsOf(frame).filter((l) => /^ {18}\S/.test(l));
		assert.ok(wrapped.length > 0, 'wrapped lines are indented by 18');
		assert.ok(rowsOf(frame).every((l) => l === '' || /^(\S|  )/.test(l)), 'no row restarts at column 0 mid-sentence');
		app.stdin.write(keys.home);
		await settle();
		assert.equal(rowsOf(app.lastFrame())[2], 'Keys', 'Home goes back to the top');
		if (rows < 40) {
			assert.doesNotMatch(app.lastFrame(), /balance-alb/, 'the modes are below the fold at 80x24');
			for (let i = 0; i < 3; i++) app.stdin.write(keys.pageDown);
			await settle();
			assert.match(app.lastFrame(), /balance-alb|balance-tlb/, 'PgDn reaches the modes');
		} else {
			assert.match(app.lastFrame(), /802\.3ad/, 'at 160x50 the modes fit below the keys');
		}
		app.stdin.write(keys.escape);
		await settle();
		assert.doesNotMatch(app.lastFrame(), /bondtop help/, 'Esc closes help');
		assert.match(app.lastFrame(), /active slave: eth1/);
		app.unmount();
	});

	test(`footer and header at ${columns}x${rows}: ? help  q quit and the active slave are never cut`, async () => {
		const {source, actions} = demo();
		const app = renderAt(<App source={source} actions={actions} intervalMs={1000} colour={false} />, columns, rows);
		await settle();
		let lines = rowsOf(app.lastFrame());
		assert.ok(lines.length <= rows, `the screen fits in ${rows} rows (got ${lines.length})`);
		assert.match(lines.at(-1)!, /\? help {2}q quit$/);
		assert.match(app.lastFrame(), /^bond0 \(SIMULATED\) {2}active slave: eth1 {2}MII up/m);
		for (const narrow of [60, 40, 24]) {
			app.resize(narrow, rows);
			await settle();
			lines = rowsOf(app.lastFrame());
			assert.match(lines.at(-1)!, /\? help {2}q quit$/, `footer at ${narrow} columns ends with ? help  q quit`);
			assert.ok(lines.at(-1)!.length <= narrow);
		}
		app.resize(60, rows);
		await settle();
		assert.match(app.lastFrame(), /active slave: eth1/, 'the active slave survives 60 columns');
		app.unmount();
	});
}

test('80x24: a long error keeps its fix in view (wrapped, not cut)', async () => {
	const fake: LinkActions = {
		setLinkDown: async () => ({ok: false, message: 'Operation not permitted: changing links needs CAP_NET_ADMIN, and sudo -n was refused. Run bondtop with sudo'}),
		setLinkUp: async () => ({ok: true}),
		setActiveSlave: async () => ({ok: true}),
	};
	const host = new SimulatedHost({}, start);
	const app = renderAt(<App source={{sample: () => host.snapshot(start)}} actions={new RestoringActions(fake)} intervalMs={1000} colour={false} initialSelection="eth0" />, 80, 24);
	await settle();
	app.stdin.write('d');
	await settle();
	const frame = app.lastFrame();
	assert.match(frame, /Run bondtop with sudo/);
	assert.ok(rowsOf(frame).length <= 24);
	assert.match(rowsOf(frame).at(-1)!, /\? help {2}q quit$/);
	app.unmount();
});

test('Space pauses sampling (PAUSED, counters frozen) and resumes; + and - change the interval shown in the title', async () => {
	mock.timers.enable({apis: ['setTimeout', 'Date'], now: start});
	try {
		const {source, actions} = demo();
		let samples = 0;
		const counting: DataSource = {...source, sample: (now) => (samples++, source.sample(now))};
		const app = renderAt(<App source={counting} actions={actions} intervalMs={1000} colour={false} />, 160, 50);
		await settle();
		assert.match(rowsOf(app.lastFrame())[0]!, /every 1000 ms/);
		app.stdin.write(' ');
		await settle();
		assert.match(rowsOf(app.lastFrame())[0]!, /PAUSED/);
		const before = samples;
		for (let i = 0; i < 5; i++) {
			mock.timers.tick(1000);
			await settle();
		}
		assert.equal(samples, before, 'no sample while paused');
		app.stdin.write(' ');
		await settle();
		assert.doesNotMatch(rowsOf(app.lastFrame())[0]!, /PAUSED/);
		mock.timers.tick(1000);
		await settle();
		assert.equal(samples, before + 1, 'sampling resumes at the interval');
		app.stdin.write('+');
		await settle();
		assert.match(rowsOf(app.lastFrame())[0]!, /every 500 ms/);
		const atFaster = samples;
		for (let i = 0; i < 2; i++) (mock.timers.tick(500), await settle());
		assert.equal(samples, atFaster + 2, 'two samples a second at 500 ms');
		app.stdin.write('-');
		app.stdin.write('-');
		await settle();
		assert.match(rowsOf(app.lastFrame())[0]!, /every 2000 ms/);
		for (let i = 0; i < 20; i++) app.stdin.write('-');
		await settle();
		assert.match(rowsOf(app.lastFrame())[0]!, /every 60000 ms/, 'bounded at 60 s');
		app.unmount();
	} finally {
		mock.timers.reset();
	}
});

test('Home/End select the first and last interface; F10 quits and restores', async () => {
	const {source, actions} = demo();
	let report: ExitReport | null = null;
	const app = renderAt(<App source={source} actions={actions} intervalMs={1000} colour={false} onExit={(r) => (report = r)} />, 160, 50);
	await settle();
	app.stdin.write(keys.end);
	await settle();
	const selected = () => rowsOf(app.lastFrame()).find((l) => l.startsWith('> '))!;
	assert.match(selected(), /^> lo /, 'End selects the last interface');
	app.stdin.write(keys.home);
	await settle();
	assert.match(selected(), /^> bond0/, 'Home selects the first');
	app.stdin.write(keys.f10);
	await settle();
	await new Promise((resolve) => setTimeout(resolve, 20));
	assert.deepEqual(report, {restored: [], failed: []}, 'F10 quits through the same restoring path as q');
	app.unmount();
});

test('PgUp/PgDn scroll the event log back and forward; Esc returns to the newest', async () => {
	mock.timers.enable({apis: ['setTimeout', 'Date'], now: start});
	try {
		const {host, source, actions} = demo();
		const app = renderAt(<App source={source} actions={actions} intervalMs={1000} colour={false} />, 80, 24);
		await settle();
		// Flap eth1 a few times: each flap logs several events.
		for (let i = 0; i < 4; i++) {
			host.setLinkDown('eth1', Date.now());
			for (let t = 0; t < 10; t++) (mock.timers.tick(100), await settle());
			host.setLinkUp('eth1', Date.now());
			for (let t = 0; t < 10; t++) (mock.timers.tick(100), await settle());
		}
		const newest = app.lastFrame();
		assert.match(newest, /Events \(PgUp for \d+ older\)/);
		app.stdin.write(keys.pageUp);
		await settle();
		const back = app.lastFrame();
		assert.match(back, /Events: \d+ newer not shown/);
		assert.notEqual(back, newest);
		app.stdin.write(keys.pageDown);
		app.stdin.write(keys.pageDown);
		app.stdin.write(keys.pageDown);
		await settle();
		assert.match(app.lastFrame(), /Events \(PgUp/);
		app.stdin.write(keys.pageUp);
		await settle();
		app.stdin.write(keys.escape);
		await settle();
		assert.match(app.lastFrame(), /Events \(PgUp/, 'Esc returns to the newest events');
		app.unmount();
	} finally {
		mock.timers.reset();
	}
});

test('ASCII fallback at 80x24 and 160x50: only ASCII reaches the terminal, charts included', async () => {
	mock.timers.enable({apis: ['setTimeout', 'Date'], now: start});
	try {
		for (const [columns, rows] of [
			[80, 24],
			[160, 50],
		] as const) {
			const {source, actions} = demo();
			const app = renderAt(<App source={source} actions={actions} intervalMs={1000} colour={false} />, columns, rows, {ascii: true});
			for (let i = 0; i < 10; i++) (mock.timers.tick(1000), await settle());
			const frame = app.lastFrame();
			// eslint-disable-next-line no-control-regex
			assert.doesNotMatch(frame, /[^\u0000-\u007F]/, 'nothing but ASCII');
			assert.match(frame, /(^ +|RX +\S+ \S+ )[ .:|#]*[.:|#]{2}/m, 'the charts are drawn in ASCII');
			assert.match(rowsOf(frame).at(-1)!, /v\/j\/Tab/, 'arrows in the footer are ASCII');
			app.unmount();
		}
	} finally {
		mock.timers.reset();
	}
});
