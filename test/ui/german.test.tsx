// The screen in German (--lang de, LANG=de_DE.UTF-8) at 80x24 and 160x50: every label from the
// German catalogue, the net-tools panel labels, the help with the seven modes, the footer's last
// labels, and the ASCII fallback without umlauts. This file's process speaks German throughout.
import assert from 'node:assert/strict';
import {mock, test} from 'node:test';
import React from 'react';
import {RestoringActions} from '../../source/actions/restore.js';
import {App} from '../../source/app.js';
import type {DataSource} from '../../source/collect/source.js';
import {createDemoActions, SimulatedHost} from '../../source/demo/simulated-host.js';
import {setLanguage} from '../../source/i18n/i18n.js';
import {keys, renderAt, settle} from './render-at.js';

const start = Date.UTC(2026, 0, 1, 12, 0, 0);

setLanguage('de');

function demo(scenario?: string) {
	const host = new SimulatedHost(scenario ? {scenario} : {}, start);
	const source: DataSource = {sample: (now) => host.snapshot(now), nextChangeAtMs: (now) => host.nextChangeAtMs(now)};
	return {host, source, actions: new RestoringActions(createDemoActions(host, () => Date.now()))};
}

const rowsOf = (frame: string) => frame.split('\n');

for (const [columns, rows] of [
	[80, 24],
	[160, 50],
] as const) {
	test(`German at ${columns}x${rows}: title, verdict, bond header, badges, event log and footer`, async (t) => {
		const {source, actions} = demo();
		const app = renderAt(<App source={source} actions={actions} intervalMs={1000} colour={false} />, columns, rows);
		t.after(() => app.unmount());
		await settle();
		const frame = app.lastFrame();
		const lines = rowsOf(frame);
		assert.ok(lines.length <= rows, `fits in ${rows} rows (got ${lines.length})`);
		assert.match(lines[0]!, /^bondtop {2}demo-pi {2}· {2}SIMULIERTER Host \(--demo\) {2}· {2}alle 1000 ms \(\+\/-\)/);
		assert.match(frame, /^bond0: WARNUNG {2}[12]\/2 Slaves up, (kein Failover mehr möglich|Slaves unterschiedlich schnell und kein primary)/m);
		assert.match(frame, /^bond0 \(SIMULIERT\) {2}aktiver Slave: eth1 {2}MII up {2}Modus active-backup/m);
		assert.match(frame, /^ {2}miimon 100 ms {2}updelay 200 ms {2}downdelay 200 ms$/m);
		assert.match(frame, /^ {2}primary keiner {2}fail_over_mac none {2}2 Slaves$/m);
		assert.match(frame, /eth1 +AKTIV /);
		assert.match(frame, /eth0 +(DOWN|BACKUP) /);
		assert.match(frame, /^Ereignisse/m);
		assert.match(lines.at(-1)!, /\? Hilfe {2}q Beenden$/);
		for (const english of ['active slave', 'WARNING', 'SIMULATED', 'Events', 'help', 'quit', 'slaves up']) assert.doesNotMatch(frame, new RegExp(english), english);
		for (const narrow of [60, 40, 24]) {
			app.resize(narrow, rows);
			await settle();
			const last = rowsOf(app.lastFrame()).at(-1)!;
			assert.match(last, /\? Hilfe {2}q Beenden$/, `footer at ${narrow} columns keeps ? Hilfe  q Beenden`);
			assert.ok(last.length <= narrow, last);
		}
	});

	test(`German help at ${columns}x${rows}: keys with German key names, then the seven bonding modes, then the slave words`, async (t) => {
		const {source, actions} = demo();
		const app = renderAt(<App source={source} actions={actions} intervalMs={1000} colour={false} />, columns, rows);
		t.after(() => app.unmount());
		await settle();
		app.stdin.write(keys.f1);
		await settle();
		const first = rowsOf(app.lastFrame());
		assert.match(first[1]!, /^bondtop-Hilfe: Esc, \? oder F1 schließt/);
		assert.equal(first[2], 'Tasten');
		assert.match(app.lastFrame(), /^ {2}Pos1, Ende +erste\/letzte Schnittstelle wählen/m);
		assert.match(app.lastFrame(), /^ {2}↑, k, Umschalt-Tab +vorige Schnittstelle wählen/m);
		assert.match(app.lastFrame(), /^ {2}Bild↑, Bild↓ +Ereignisprotokoll zurück- oder vorblättern/m);
		// The whole key table is on the first page, one row a key, with the hint of more under it.
		assert.match(app.lastFrame(), /^ {2}q, Strg-C, F10 +beenden; von bondtop down gesetzte Links vorher wieder up$/m);
		assert.ok(first.every((line) => !/^ {21}\S/.test(line)), 'no key description wraps');
		if (rows < 40) assert.match(first.at(-2)!, /^↓ Bild↓ weiter: Bonding-Modi, Slave-Zustände {2}\(Zeilen 1-20 von \d+\)$/);
		else assert.ok(!first.some((line) => /weiter/.test(line)), 'at 160x50 everything fits: no hint');
		// Page through the whole help: every mode in German, the slave words last.
		const seen: string[] = [...first];
		for (let i = 0; i < 12; i++) {
			app.stdin.write(keys.pageDown);
			await settle();
			seen.push(...rowsOf(app.lastFrame()));
		}
		const all = seen.join('\n');
		if (rows < 40) assert.match(seen.at(-2)!, /^↑ Bild↑ Pos1: zurück zum Anfang {2}\(Zeilen \d+-(\d+) von \1\)$/);
		assert.match(all, /^Bonding-Modi$/m);
		for (let mode = 0; mode <= 6; mode++) assert.match(all, new RegExp(`\\(Modus ${mode}\\): `), `mode ${mode}`);
		assert.match(all, /^ {2}balance-rr +Round-Robin \(Modus 0\): Pakete gehen reihum über jeden Slave/m);
		assert.match(all, /^ {2}active-backup +active-backup \(Modus 1\): Ein Slave trägt den gesamten Verkehr/m);
		assert.match(all.replace(/\s+/g, ' '), /Braucht LACP-Konfiguration am Switch\./);
		assert.match(all, /^Slave-Zustände$/m);
		assert.match(all, /^ {2}AKTIV +trägt den Verkehr/m);
		assert.match(all, /^ {2}GOING DOWN +in der Down-Verzögerung \(downdelay\)/m);
		for (const line of seen) assert.ok(line.length <= columns, `no row wider than ${columns}: ${line}`);
	});
}

test('German at 160x50: the selected panel uses the net-tools labels, and d on the active slave is worded in German (status, badge, log)', async (t) => {
	mock.timers.enable({apis: ['setTimeout', 'Date'], now: start});
	try {
		const {source, actions} = demo('steady');
		const app = renderAt(<App source={source} actions={actions} intervalMs={1000} colour={false} initialSelection="eth1" />, 160, 50);
		t.after(() => app.unmount());
		for (let i = 0; i < 15; i++) (mock.timers.tick(200), await settle());
		let frame = app.lastFrame();
		assert.match(frame, /RX +\d+,\d [kM]bit\/s/, 'rates in German decimals');
		assert.doesNotMatch(frame, /\d\.\d [kM]bit\/s/, 'no English decimal point in a rate');
		assert.match(frame, /^> eth1 +AKTIV +Link encap:Ethernet {2}Hardware Adresse b8:27:eb:ef:ea:34/m);
		assert.match(frame, /^ {10}UP BROADCAST RUNNING SLAVE MULTICAST {2}MTU:1500 {2}Metrik:1$/m);
		assert.match(frame, /^ {10}Kollisionen:0 Sendewarteschlangenlänge:1000$/m);
		assert.match(frame, /^ {10}RX bytes:\d+ \(\d+(,\d)? [KM]iB\) {2}TX bytes:/m);
		assert.match(frame, /^ {10}Slave von bond0 {2}MII:up {2}Link-Ausfälle:0 {2}Perm\. Adresse:00:e0:4c:75:3f:84$/m);
		app.stdin.write('d');
		for (let i = 0; i < 10; i++) (mock.timers.tick(100), await settle());
		frame = app.lastFrame();
		assert.match(frame, /ip link set eth1 down: erledigt/);
		assert.match(frame, /bond0 eth1 MII up -> (going down|down)/, frame);
		assert.match(frame, /bond0 aktiver Slave eth1 -> eth0/);
		assert.match(frame, /letzter Failover eth1 -> eth0/);
	} finally {
		mock.timers.reset();
	}
});

test('German under the ASCII fallback (LANG=de_DE.ISO-8859-1 or --ascii): umlauts as ae/oe/ue/ss, nothing outside ASCII', async (t) => {
	setLanguage('de', {ascii: true});
	try {
		const {source, actions} = demo();
		const app = renderAt(<App source={source} actions={actions} intervalMs={1000} colour={false} initialSelection="bond0" />, 160, 50, {ascii: true});
		t.after(() => app.unmount());
		await settle();
		const frame = app.lastFrame();
		assert.match(frame, /faellt er aus, uebernimmt ein anderer/);
		assert.match(frame, /Sendewarteschlangenlaenge:/);
		assert.match(frame, /Gueltigkeitsbereich:Verbindung/);
		// eslint-disable-next-line no-control-regex
		assert.doesNotMatch(frame, /[^\u0000-\u007F]/, 'ASCII only');
	} finally {
		setLanguage('de');
	}
});

for (const [columns, rows] of [
	[80, 24],
	[160, 50],
] as const) {
	test(`German at ${columns}x${rows}: what the screen says about a finding (the verdict's title; the finding's sentence where rows allow)`, async (t) => {
		// upstream-dead: eth0 100 Mb/s and eth1 1000 Mb/s and no primary, a warning finding.
		const {source, actions} = demo('upstream-dead');
		const app = renderAt(<App source={source} actions={actions} intervalMs={1000} colour={false} />, columns, rows);
		t.after(() => app.unmount());
		await settle();
		const frame = app.lastFrame();
		assert.match(frame, /^bond0: WARNUNG {2}2\/2 Slaves up, Slaves unterschiedlich schnell und kein primary/m);
		if (rows >= 50) {
			assert.match(frame, /^ {2}! Die Slaves von bond0 laufen unterschiedlich schnell \(eth0 100 Mb\/s, eth1 1000 Mb\/s\) und kein primary ist gesetzt: nach einem Failover bleibt/m);
		} else {
			assert.doesNotMatch(frame, /^ {2}! /m, 'no finding rows at 24 rows: the verdict carries the title');
		}
		for (const english of ['different speeds', 'no primary', 'slaves up', 'is set']) assert.doesNotMatch(frame, new RegExp(english), english);
		for (const line of rowsOf(frame)) assert.ok(line.length <= columns, line);
	});
}
