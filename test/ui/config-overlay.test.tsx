import assert from 'node:assert/strict';
import {mock, test} from 'node:test';
import {render} from 'ink-testing-library';
import React from 'react';
import {RestoringActions} from '../../source/actions/restore.js';
import {App} from '../../source/app.js';
import type {DataSource} from '../../source/collect/source.js';
import {bondsFromInterfaces, parseInterfacesFile} from '../../source/config/interfaces.js';
import {demoHostConfig} from '../../source/demo/demo-config.js';
import {createDemoActions, SimulatedHost} from '../../source/demo/simulated-host.js';
import {commandForKey, keyBindings} from '../../source/ui/keys.js';

const start = Date.UTC(2026, 0, 1, 12, 0, 0);

async function settle() {
	for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

function demo(config: DataSource['config']) {
	const host = new SimulatedHost({}, start);
	let loads = 0;
	const source: DataSource = {
		sample: (now) => host.snapshot(now),
		nextChangeAtMs: (now) => host.nextChangeAtMs(now),
		config: config && (() => (loads++, config())),
	};
	return {source, actions: new RestoringActions(createDemoActions(host, () => Date.now())), loads: () => loads};
}

test('c is a row of the key table', () => {
	assert.equal(commandForKey('c', {} as never), 'config');
	assert.ok(keyBindings.some((b) => b.command === 'config' && b.label.startsWith('c')));
});

test('c shows the selected bond configured beside running (the demo runs the origin story file), c again closes', async () => {
	mock.timers.enable({apis: ['setTimeout', 'Date'], now: start});
	try {
		const {source, actions, loads} = demo(async () => demoHostConfig());
		const app = render(<App source={source} actions={actions} intervalMs={1000} colour={false} />);
		await settle();
		assert.equal(loads(), 1, 'read once at start');
		app.stdin.write('c');
		await settle();
		const frame = app.lastFrame()!;
		assert.equal(loads(), 2, 're-read when opened');
		assert.match(frame, /configuration vs running of bond0 \(press c to close\)/);
		assert.match(frame, /bond0: configured in \/etc\/network\/interfaces:13 \(ifupdown\)/);
		assert.match(frame, /^ {2}miimon +100 +100 +\/etc\/network\/interfaces:20$/m);
		assert.match(frame, /^ {2}slaves +eth0,eth1 +eth0,eth1 +\/etc\/network\/interfaces:21$/m);
		assert.match(frame, /configured as: all; members eth0 eth1/);
		assert.doesNotMatch(frame, /≠/);
		app.stdin.write('c');
		await settle();
		assert.doesNotMatch(app.lastFrame()!, /configuration vs running/);
		assert.match(app.lastFrame()!, /active slave: eth1/);
		app.unmount();
	} finally {
		mock.timers.reset();
	}
});

test('c marks what differs, with the file and line, and escapes what the file holds', async () => {
	mock.timers.enable({apis: ['setTimeout', 'Date'], now: start});
	try {
		const text = 'auto bond0\niface bond0 inet manual\n  bond-slaves eth0 eth1\n  bond-miimon 250\n  bond-primary \u001b[2Jeth1\n';
		const {source, actions} = demo(async () => ({...demoHostConfig(), bonds: bondsFromInterfaces([parseInterfacesFile('/etc/network/interfaces.d/bond0', text)]).bonds}));
		const app = render(<App source={source} actions={actions} intervalMs={1000} colour={false} />);
		await settle();
		app.stdin.write('c');
		await settle();
		const frame = app.lastFrame()!;
		assert.match(frame, /^≠ miimon +250 +100 +\/etc\/network\/interfaces.d\/bond0:4$/m);
		assert.match(frame, /^≠ primary +\\x1b\[2Jeth1 +\(none\) +/m, 'the demo runs with no primary, as the origin');
		assert.ok(!frame.includes('\u001b[2J'), 'the escape sequence from the file is shown, not obeyed');
		app.unmount();
	} finally {
		mock.timers.reset();
	}
});

test('without a configuration source (a fake source) c says it is reading, and a bond configured nowhere says so', async () => {
	mock.timers.enable({apis: ['setTimeout', 'Date'], now: start});
	try {
		const {source, actions} = demo(undefined);
		const app = render(<App source={source} actions={actions} intervalMs={1000} colour={false} />);
		await settle();
		app.stdin.write('c');
		await settle();
		assert.match(app.lastFrame()!, /Reading the configuration…/);
		app.unmount();
		const none = demo(async () => ({...demoHostConfig(), bonds: []}));
		const app2 = render(<App source={none.source} actions={none.actions} intervalMs={1000} colour={false} />);
		await settle();
		app2.stdin.write('c');
		await settle();
		assert.match(app2.lastFrame()!, /bond0: no configuration found/);
		assert.match(app2.lastFrame()!, /gone after a reboot/);
		app2.unmount();
	} finally {
		mock.timers.reset();
	}
});

test('the configuration counts in the verdict of the bond header: drift makes it WARNING, with the finding', async () => {
	mock.timers.enable({apis: ['setTimeout', 'Date'], now: start});
	try {
		const text = 'auto bond0\niface bond0 inet manual\n  bond-slaves eth0 eth1\n  bond-miimon 250\n';
		const {source, actions} = demo(async () => ({...demoHostConfig(), bonds: bondsFromInterfaces([parseInterfacesFile('/etc/network/interfaces', text)]).bonds}));
		const app = render(<App source={source} actions={actions} intervalMs={1000} colour={false} />);
		await settle();
		mock.timers.tick(10);
		await settle();
		const frame = app.lastFrame()!;
		const header = frame.split('\n').find((l) => /^bond0/.test(l)) ?? '';
		assert.match(header, /^bond0: WARNING .*config drift/, frame);
		// On the 40 rows of the test terminal the header lists no finding (headerFindings): the
		// verdict line names it; a taller terminal lists it under the header.
		assert.doesNotMatch(frame, /runs differently from/);
		app.unmount();
		// The demo's own configuration (the origin story's file) matches: no config finding.
		const ok = demo(async () => demoHostConfig());
		const app2 = render(<App source={ok.source} actions={ok.actions} intervalMs={1000} colour={false} />);
		await settle();
		mock.timers.tick(10);
		await settle();
		assert.doesNotMatch(app2.lastFrame()!, /config[- ]drift|configured \d+, running/);
		app2.unmount();
	} finally {
		mock.timers.reset();
	}
});
