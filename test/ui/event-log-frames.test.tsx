/**
 * The event log and the bond header at 80x24 and 160x50, against the simulated driver (which
 * passes through going down/going back with up/down delays as the real one does): a failover's
 * lines cause first with the intermediate state, marked and coloured; the header's last failover;
 * the alarm of a bond with no slave up; scrolling.
 */
import assert from 'node:assert/strict';
import {mock, test} from 'node:test';
import React from 'react';
import {RestoringActions} from '../../source/actions/restore.js';
import {App} from '../../source/app.js';
import type {DataSource} from '../../source/collect/source.js';
import {createDemoActions, SimulatedHost} from '../../source/demo/simulated-host.js';
import type {BondEvent} from '../../source/model/events.js';
import {headerAlarm} from '../../source/ui/components/bond-header.js';
import {eventStyle} from '../../source/ui/components/event-log.js';
import {colourTheme, plainTheme} from '../../source/ui/theme.js';
import {keys, renderAt, settle} from './render-at.js';

const start = Date.UTC(2026, 0, 1, 12, 0, 0);
const sizes = [
	[80, 24],
	[160, 50],
] as const;

function demo() {
	// eth0 the primary and active at start, miimon 100, up and down delay 200: the lab's bond.
	const host = new SimulatedHost({scenario: 'steady', primary: true}, start);
	const source: DataSource = {sample: (now) => host.snapshot(now), nextChangeAtMs: (now) => host.nextChangeAtMs(now)};
	return {host, source, actions: new RestoringActions(createDemoActions(host, () => Date.now()))};
}

async function run(ms: number) {
	for (let t = 0; t < ms; t += 10) (mock.timers.tick(10), await settle());
}

const eventLines = (frame: string) => frame.split('\n').filter((l) => /^\d\d:\d\d:\d\d\.\d{3} /.test(l));

function withTimers(fn: () => Promise<void>) {
	return async () => {
		mock.timers.enable({apis: ['setTimeout', 'Date'], now: start});
		try {
			await fn();
		} finally {
			mock.timers.reset();
		}
	};
}

test(
	'd on the active slave: the failover cause first with the driver\'s going down, marked, and named in the header, at 80x24 and 160x50',
	withTimers(async () => {
		for (const [columns, rows] of sizes) {
			for (const ascii of [false, true]) {
				const {source, actions} = demo();
				const app = renderAt(<App source={source} actions={actions} intervalMs={1000} colour={false} />, columns, rows, {ascii});
				await run(3000);
				app.stdin.write('j');
				await settle();
				app.stdin.write('d');
				await run(1500);
				const frame = app.lastFrame();
				const size = `${columns}x${rows}${ascii ? ' ascii' : ''}`;
				const lines = eventLines(frame);
				const at = (re: RegExp) => {
					const i = lines.findIndex((l) => re.test(l));
					assert.ok(i >= 0, `${size}: no event ${re} in\n${frame}`);
					return i;
				};
				const order = [
					at(/ bondtop: ip link set eth0 down$/),
					at(/ eth0 admin down$/),
					at(/ bond0 eth0 MII up -> going down$/),
					at(/ bond0 eth0 MII going down -> down$/),
					at(/ bond0 eth0 link failure count 0 -> 1$/),
					at(ascii ? / \* bond0 active slave eth0 -> eth1$/ : / ⇄ bond0 active slave eth0 -> eth1$/),
				];
				assert.deepEqual(order, [...order].sort((a, b) => a - b), `${size}: cause first:\n${lines.join('\n')}`);
				assert.equal(lines.filter((l) => l.includes(ascii ? ' * ' : ' ⇄ ')).length, 1, `${size}: only the failover is marked`);
				if (ascii) assert.ok(!/[^\x00-\x7F]/.test(frame), `${size}: ASCII only`);
				// The header: verdict, the active slave's name, and the last failover with how long it took.
				assert.match(frame, /^bond0: WARNING {2}1\/2 slaves up/m, size);
				assert.match(frame, /^bond0 \(SIMULATED\) {2}active slave: eth1 /m, size);
				const header = frame.split('\n').find((l) => /failover eth0 -> eth1 /.test(l));
				assert.ok(header, `${size}: no last failover in the header:\n${frame}`);
				assert.ok(header.length <= columns, size);
				assert.match(header, /failover eth0 -> eth1 12:00:\d\d\.\d{3} \((\d s ago, )?290 ms/, size);
				assert.match(header, /NOT on primary/, `${size}: the bond is off its primary`);
				if (columns >= 160) assert.match(header, /^ {2}last failover eth0 -> eth1 12:00:\d\d\.\d{3} \(\d s ago, 290 ms after the link went down\) [·.] active since 12:00:\d\d\.\d{3} [·.] NOT on primary/, size);
				app.unmount();
			}
		}
	}),
);

test('failover rows are bold in their own colour; warnings in the warning colour; without colour, bold and the marker', () => {
	const base = {atMs: 0, bond: 'bond0', interfaceName: 'bond0', message: 'm', severity: 'info' as const};
	const failover: BondEvent = {...base, kind: 'active-slave', from: 'eth0', to: 'eth1'};
	const lost: BondEvent = {...base, kind: 'active-slave', from: 'eth0', to: null, severity: 'warning'};
	const down: BondEvent = {...base, kind: 'mii', interfaceName: 'eth0', severity: 'warning', fromState: 'up', toState: 'going down'};
	assert.deepEqual(eventStyle(failover, colourTheme), {bold: true, color: colourTheme.failover});
	assert.ok(colourTheme.failover && ![colourTheme.warning, colourTheme.down, colourTheme.active, colourTheme.accent].includes(colourTheme.failover), 'a colour of its own');
	assert.deepEqual(eventStyle(lost, colourTheme), {bold: false, color: colourTheme.warning}, 'no active slave left is no failover: a warning');
	assert.deepEqual(eventStyle(down, colourTheme), {bold: false, color: colourTheme.warning});
	assert.deepEqual(eventStyle(failover, plainTheme), {bold: true, color: undefined});
});

test(
	'every slave down: an alarming header, not a calm one, at 80x24 and 160x50',
	withTimers(async () => {
		for (const [columns, rows] of sizes) {
			const {source, actions} = demo();
			const app = renderAt(<App source={source} actions={actions} intervalMs={1000} colour={false} />, columns, rows);
			await run(2000);
			assert.ok(!app.lastFrame().includes('NO SLAVE UP'));
			app.stdin.write('j');
			await settle();
			app.stdin.write('d');
			await run(1000);
			app.stdin.write('j');
			await settle();
			app.stdin.write('d');
			await settle();
			assert.match(app.lastFrame(), /last slave of bond0/, 'the last slave asks first');
			app.stdin.write('y');
			await run(1000);
			const frame = app.lastFrame();
			assert.match(frame, /^ NO SLAVE UP {2}bond0 \(SIMULATED\) {2}active slave: none {2}MII down/m, `${columns}x${rows}:\n${frame}`);
			assert.match(frame, /^bond0: CRITICAL /m);
			app.unmount();
		}
		assert.equal(headerAlarm(undefined), null);
	}),
);

test(
	'PgUp/PgDn scroll the log at 80x24 and 160x50: older events in order, the title counts what is out of view',
	withTimers(async () => {
		for (const [columns, rows] of sizes) {
			const {source, actions} = demo();
			const app = renderAt(<App source={source} actions={actions} intervalMs={1000} colour={false} />, columns, rows);
			await run(1000);
			// d and u on the backup a few times: each logs several events.
			for (const key of ['j', 'j']) (app.stdin.write(key), await settle());
			for (let i = 0; i < 4; i++) {
				app.stdin.write('d');
				await run(700);
				app.stdin.write('u');
				await run(700);
			}
			const newest = eventLines(app.lastFrame());
			const title = /Events \(PgUp for (\d+) older\)/.exec(app.lastFrame());
			assert.ok(title, `${columns}x${rows}: ${app.lastFrame()}`);
			const older = Number(title[1]);
			app.stdin.write(keys.pageUp);
			await settle();
			const back = eventLines(app.lastFrame());
			assert.match(app.lastFrame(), /Events: \d+ newer not shown \(PgDn or Esc for the newest\)/);
			assert.equal(back.length, newest.length, 'the same rows, other events');
			assert.ok(back.at(-1)! < newest[0]! || back.at(-1)! === newest[0]!, `${columns}x${rows}: a page back ends where the newest view began or before`);
			assert.deepEqual([...back].sort(), back, 'in time order');
			for (let i = 0; i < older; i++) app.stdin.write(keys.pageUp);
			await settle();
			assert.match(eventLines(app.lastFrame())[0]!, / bondtop: ip link set eth1 down$/, 'the oldest: the first d');
			assert.match(eventLines(app.lastFrame())[1]!, / eth1 admin down$/);
			app.stdin.write(keys.escape);
			await settle();
			assert.deepEqual(eventLines(app.lastFrame()), newest, 'Esc: the newest again');
			app.unmount();
		}
	}),
);
