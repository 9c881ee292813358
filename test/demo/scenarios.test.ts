import {test} from 'node:test';
import assert from 'node:assert/strict';
import {SimulatedHost, scenarioNames} from '../../source/demo/simulated-host.js';
import type {Snapshot} from '../../source/model/types.js';
import {bond, iface, slave, start} from './helpers.js';
import {cpuMs} from '../helpers/cpu-time.js';

const names = (s: Snapshot) => s.interfaces.map(i => i.name);

test('the scenario table: origin first, every name unique', () => {
	assert.equal(scenarioNames[0], 'origin');
	assert.equal(new Set(scenarioNames).size, scenarioNames.length);
	for (const name of ['steady', 'usb-unplug', 'carrier-loss', 'admin-down', 'flapping', 'upstream-dead']) assert.ok(scenarioNames.includes(name), name);
});

test('usb-unplug: the active USB adapter vanishes, the bond fails over at once, and it comes back enslaved', () => {
	const host = new SimulatedHost({scenario: 'usb-unplug'}, start);
	const before = host.snapshot(start + 4999);
	assert.equal(bond(before).activeSlave, 'eth1');
	const bondBytes = iface(before, 'bond0').rx.bytes;

	// Unplugged at 5 s: released (no downdelay, no failure counted), gone from every listing.
	let s = host.snapshot(start + 5000);
	assert.deepEqual(names(s), ['lo', 'eth0', 'bond0']);
	assert.deepEqual(bond(s).slaves.map(x => x.name), ['eth0']);
	assert.equal(bond(s).activeSlave, 'eth0', 'the release selects a new active slave in the same call');
	assert.equal(slave(s, 'eth0').linkFailureCount, 0);
	assert.ok(iface(s, 'bond0').rx.bytes >= bondBytes, 'the bond keeps what eth1 carried');
	assert.equal(host.setLinkDown('eth1', start + 5000).ok, false, 'no such device while unplugged');

	// Back at 8 s: a new netdev (listed last, counters from zero), enslaved with a down link.
	s = host.snapshot(start + 8000);
	assert.deepEqual(names(s), ['lo', 'eth0', 'bond0', 'eth1']);
	assert.deepEqual(bond(s).slaves.map(x => [x.name, x.miiStatus, x.state, x.linkFailureCount]), [
		['eth0', 'up', 'active', 0],
		['eth1', 'down', 'backup', 0],
	]);
	assert.deepEqual(iface(s, 'eth1').flags, ['UP', 'BROADCAST', 'SLAVE', 'MULTICAST']);
	assert.equal(iface(s, 'eth1').rx.bytes, 0);
	assert.ok(iface(s, 'bond0').rx.bytes >= bondBytes, 'the bond counters never go back');

	// Link up at 10.5 s, seen at the next miimon tick: going back for updelay, then up; eth0 stays
	// active (no primary).
	s = host.snapshot(start + 10_650);
	assert.equal(slave(s, 'eth1').miiStatus, 'going back');
	assert.equal(host.nextChangeAtMs(start + 10_650), start + 10_800);
	s = host.snapshot(start + 11_000);
	assert.equal(slave(s, 'eth1').miiStatus, 'up');
	assert.equal(bond(s).activeSlave, 'eth0');

	// The next cycle (every 20 s) unplugs eth1 again, this time a backup: nothing fails over.
	s = host.snapshot(start + 25_000);
	assert.deepEqual(bond(s).slaves.map(x => x.name), ['eth0']);
	assert.equal(bond(s).activeSlave, 'eth0');
	s = host.snapshot(start + 32_000);
	assert.deepEqual(bond(s).slaves.map(x => [x.name, x.miiStatus]), [
		['eth0', 'up'],
		['eth1', 'up'],
	]);
});

test('carrier-loss keeps UP and loses RUNNING; admin-down loses UP; both fail over after downdelay', () => {
	for (const [scenario, flags] of [
		['carrier-loss', ['UP', 'BROADCAST', 'SLAVE', 'MULTICAST']],
		['admin-down', ['BROADCAST', 'SLAVE', 'MULTICAST']],
	] as const) {
		const host = new SimulatedHost({scenario}, start);
		let s = host.snapshot(start + 5050);
		assert.deepEqual(iface(s, 'eth1').flags, flags, scenario);
		assert.equal(iface(s, 'eth1').operState, 'down', scenario);
		assert.equal(bond(s).activeSlave, 'eth1', `${scenario}: still active until the monitor notices`);
		s = host.snapshot(start + 5400);
		assert.equal(slave(s, 'eth1').miiStatus, 'down', scenario);
		assert.equal(slave(s, 'eth1').linkFailureCount, 1, scenario);
		assert.equal(bond(s).activeSlave, 'eth0', scenario);
		// eth1 back at 15 s, then eth0 out at 25 s: the bond goes back to eth1.
		s = host.snapshot(start + 25_500);
		assert.equal(bond(s).activeSlave, 'eth1', scenario);
		assert.equal(slave(s, 'eth0').linkFailureCount, 1, scenario);
		// It loops every 40 s.
		s = host.snapshot(start + 45_500);
		assert.equal(slave(s, 'eth1').linkFailureCount, 2, scenario);
	}
});

test('flapping: one failover, then the backup\'s link failure count keeps rising', () => {
	const host = new SimulatedHost({scenario: 'flapping'}, start);
	assert.equal(bond(host.snapshot(start + 4999)).activeSlave, 'eth1');
	let s = host.snapshot(start + 6000);
	assert.equal(bond(s).activeSlave, 'eth0');
	const counts: number[] = [];
	for (let t = 8000; t <= 40_000; t += 4000) counts.push(slave(host.snapshot(start + t), 'eth1').linkFailureCount);
	assert.deepEqual(counts, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
	s = host.snapshot(start + 40_000);
	assert.equal(bond(s).activeSlave, 'eth0');
	assert.equal(slave(s, 'eth0').linkFailureCount, 0);
});

test('upstream-dead: the link stays up, only the ARP monitor fails the slave', () => {
	const host = new SimulatedHost({scenario: 'upstream-dead'}, start);
	let s = host.snapshot(start + 1000);
	assert.deepEqual([bond(s).miimonMs, bond(s).arpIntervalMs, bond(s).arpIpTargets], [0, 1000, ['192.168.176.1']]);
	assert.deepEqual([bond(s).updelayMs, bond(s).downdelayMs], [0, 0]);
	// Dead at 5 s; the last reply came at the 4 s tick; down at the 3rd tick after it.
	assert.equal(host.nextChangeAtMs(start + 5001), start + 7000);
	s = host.snapshot(start + 6999);
	assert.equal(slave(s, 'eth1').miiStatus, 'up');
	s = host.snapshot(start + 7000);
	assert.equal(slave(s, 'eth1').miiStatus, 'down');
	assert.equal(slave(s, 'eth1').linkFailureCount, 1);
	assert.equal(bond(s).activeSlave, 'eth0');
	assert.deepEqual(iface(s, 'eth1').flags, ['UP', 'BROADCAST', 'RUNNING', 'SLAVE', 'MULTICAST'], 'the link itself is fine');
	assert.equal(iface(s, 'eth1').operState, 'up');
	assert.equal(slave(s, 'eth1').speedMbps, 1000);
	// Replies again from 25 s: up at the next tick, no updelay; eth0 stays active.
	assert.equal(slave(host.snapshot(start + 25_999), 'eth1').miiStatus, 'down');
	s = host.snapshot(start + 26_000);
	assert.equal(slave(s, 'eth1').miiStatus, 'up');
	assert.equal(bond(s).activeSlave, 'eth0');
});

test('the MII monitor alone would never see a dead upstream', () => {
	// The same step on an MII-monitored bond changes nothing the driver can see.
	const host = new SimulatedHost({scenario: 'steady'}, start);
	const s = host.snapshot(start + 60_000);
	assert.equal(slave(s, 'eth1').miiStatus, 'up');
	assert.equal(bond(s).miimonMs, 100);
	assert.equal(bond(s).arpIntervalMs, 0);
});

test('looping scenarios stay fixed in size and cheap, and a long gap skips whole cycles', () => {
	for (const scenario of ['usb-unplug', 'flapping', 'carrier-loss']) {
		const host = new SimulatedHost({scenario, bonds: 2}, start);
		let t = start;
		const {ms} = cpuMs(() => {
			for (let i = 0; i < 3600; i++) host.snapshot((t += 1000));
		});
		assert.ok(ms < 3000, `${scenario}: an hour of 1 s samples took ${ms.toFixed(0)} ms of CPU`);
		const {value: after, ms: jumpMs} = cpuMs(() => host.snapshot(t + 30 * 24 * 3600 * 1000));
		assert.ok(jumpMs < 500, `${scenario}: a month-long jump took ${jumpMs.toFixed(0)} ms of CPU`);
		assert.equal(bond(after).slaves.length >= 1, true);
		assert.ok(names(after).length <= 7, scenario);
	}
});
