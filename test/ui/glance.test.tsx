import assert from 'node:assert/strict';
import {mock, test} from 'node:test';
import React from 'react';
import {RestoringActions} from '../../source/actions/restore.js';
import {App} from '../../source/app.js';
import type {DataSource} from '../../source/collect/source.js';
import {createDemoActions, SimulatedHost} from '../../source/demo/simulated-host.js';
import {renderAt, settle} from './render-at.js';
import {slaveBadgeColour} from '../../source/ui/components/interface-panel.js';
import {colourTheme, plainTheme} from '../../source/ui/theme.js';
import {slaveBadge} from '../../source/output/format.js';

const start = Date.UTC(2026, 0, 1, 12, 0, 0);

function demo() {
	const host = new SimulatedHost({}, start);
	const source: DataSource = {sample: (now) => host.snapshot(now), nextChangeAtMs: (now) => host.nextChangeAtMs(now)};
	return {host, source, actions: new RestoringActions(createDemoActions(host, () => Date.now()))};
}

const plain = (text: string) => text.replace(/\u001B\[[0-9;]*m/g, '');

test('a failing active slave turns from green to the warning colour the moment its MII leaves up', () => {
	const host = new SimulatedHost({}, start);
	const bond = () => host.snapshot(Date.now()).bonds[0]!;
	const eth1 = () => bond().slaves.find((s) => s.name === 'eth1')!;
	mock.timers.enable({apis: ['Date'], now: start});
	try {
		mock.timers.tick(3000);
		assert.equal(slaveBadgeColour(bond(), eth1(), colourTheme), colourTheme.active, 'healthy and active: green');
		host.setLinkDown('eth1', Date.now());
		mock.timers.tick(150);
		assert.equal(eth1().miiStatus, 'going down');
		assert.equal(slaveBadge(bond(), eth1()), 'ACTIVE GOING DOWN');
		assert.equal(slaveBadgeColour(bond(), eth1(), colourTheme), colourTheme.warning, 'going down: the warning colour');
		assert.equal(slaveBadgeColour(bond(), eth1(), plainTheme), undefined, 'no colour without colour');
	} finally {
		mock.timers.reset();
	}
});

test('compact and one-line rows: RX starts in the same column whatever the badge', async () => {
	mock.timers.enable({apis: ['setTimeout', 'Date'], now: start});
	try {
		const {host, source, actions} = demo();
		const app = renderAt(<App source={source} actions={actions} intervalMs={1000} colour={false} />, 80, 24);
		host.setLinkDown('eth1', Date.now());
		for (let t = 0; t < 15; t++) (mock.timers.tick(10), await settle());
		const lines = app.lastFrame().split('\n').filter((l) => /^[> ] \S+ .* RX /.test(l));
		assert.ok(lines.length >= 3, lines.join('\n'));
		const columns = new Set(lines.map((l) => l.indexOf(' RX ')));
		assert.equal(columns.size, 1, `RX at ${[...columns].join(', ')}:\n${lines.join('\n')}`);
		app.unmount();
	} finally {
		mock.timers.reset();
	}
});
