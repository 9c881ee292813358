import {test} from 'node:test';
import assert from 'node:assert/strict';
import {SimulatedHost} from '../../source/demo/simulated-host.js';
import {bond, iface, slave, start} from './helpers.js';

test('the default demo is the origin story\'s Pi 2 as its ifconfig showed it', () => {
	const host = new SimulatedHost({}, start);
	const s = host.snapshot(start + 1000);
	assert.equal(s.hostname, 'demo-pi');
	assert.equal(s.simulated, true);
	assert.equal(s.takenAtMs, start + 1000);
	assert.deepEqual(
		s.interfaces.map(i => i.name),
		['lo', 'eth0', 'eth1', 'bond0'],
		'no wlan0: a Pi 2 has no Wi-Fi',
	);
	const b = bond(s);
	assert.equal(b.mode, 'active-backup');
	assert.deepEqual([b.miimonMs, b.updelayMs, b.downdelayMs], [100, 200, 200]);
	assert.equal(b.primary, null, 'the origin file names no primary');
	assert.equal(b.primaryReselect, null);
	assert.equal(b.failOverMac, 'none');
	assert.equal(b.activeSlave, 'eth1', 'eth1, the USB adapter, is active as in the origin');
	assert.equal(b.miiStatus, 'up');
	assert.deepEqual(
		b.slaves.map(x => [x.name, x.state, x.miiStatus, x.speedMbps, x.linkFailureCount]),
		[
			['eth0', 'backup', 'down', null, 0],
			['eth1', 'active', 'up', 1000, 0],
		],
	);

	const bond0 = iface(s, 'bond0');
	const eth0 = iface(s, 'eth0');
	const eth1 = iface(s, 'eth1');
	// The origin's ifconfig flags, word for word.
	assert.deepEqual(bond0.flags, ['UP', 'BROADCAST', 'RUNNING', 'MASTER', 'MULTICAST']);
	assert.deepEqual(eth0.flags, ['UP', 'BROADCAST', 'SLAVE', 'MULTICAST'], 'eth0 has no carrier: why eth1 is active');
	assert.deepEqual(eth1.flags, ['UP', 'BROADCAST', 'RUNNING', 'SLAVE', 'MULTICAST']);
	assert.equal(eth0.operState, 'down');
	assert.deepEqual([eth0.driver, eth1.driver, bond0.driver], ['smsc95xx', 'r8152', 'bonding']);
	// The bond took eth0's MAC (the first slave enslaved), and with fail_over_mac none every slave shows it.
	assert.equal(slave(s, 'eth0').permHwAddr, 'b8:27:eb:ef:ea:34');
	assert.equal(bond0.macAddress, 'b8:27:eb:ef:ea:34');
	assert.equal(eth1.macAddress, 'b8:27:eb:ef:ea:34');
	assert.match(slave(s, 'eth1').permHwAddr ?? '', /^00:e0:4c(:[0-9a-f]{2}){3}$/, 'a Realtek (r8152) adapter');
	assert.deepEqual(bond0.ipv4, [{address: '192.168.176.20', prefixLength: 24, broadcast: '192.168.176.255'}]);
	assert.deepEqual(bond0.ipv6[0], {address: 'fe80::ba27:ebff:feef:ea34', prefixLength: 64, scope: 'link'});
	assert.equal(bond0.ipv6[1]?.scope, 'global');
	assert.deepEqual([bond0.mtu, bond0.txQueueLen, iface(s, 'lo').mtu], [1500, 1000, 65_536]);
	assert.equal(eth0.speedMbps, null);
	assert.equal(bond0.speedMbps, 1000);
	// Counters a few minutes after boot, as the origin's: eth0 never carried anything.
	assert.deepEqual([eth0.rx.bytes, eth0.rx.packets, eth0.tx.bytes, eth0.tx.packets], [0, 0, 0, 0]);
	assert.ok(eth1.rx.packets >= 970 && eth1.rx.packets < 970 + 1000, `eth1 rx packets ${eth1.rx.packets}`);
	assert.equal(bond0.rx.bytes, eth1.rx.bytes);
});

test('origin: eth0 plugged in at 10 s comes up after updelay and stays backup (no primary)', () => {
	const host = new SimulatedHost({}, start);
	assert.equal(host.nextStepAtMs(), start + 10_000);
	assert.equal(slave(host.snapshot(start + 9999), 'eth0').miiStatus, 'down');
	// Noticed at the first miimon tick at or after the plug, then updelay (200 ms) runs.
	let s = host.snapshot(start + 10_100);
	assert.equal(slave(s, 'eth0').miiStatus, 'going back');
	assert.ok(iface(s, 'eth0').flags.includes('RUNNING'));
	assert.equal(bond(s).activeSlave, 'eth1');
	const upAt = host.nextChangeAtMs(start + 10_100);
	assert.ok(upAt !== null && upAt >= start + 10_200 && upAt <= start + 10_300, `up at ${upAt}`);
	assert.equal(slave(host.snapshot(upAt - 1), 'eth0').miiStatus, 'going back');
	s = host.snapshot(upAt);
	assert.equal(slave(s, 'eth0').miiStatus, 'up');
	assert.equal(slave(s, 'eth0').speedMbps, 100);
	assert.equal(bond(s).activeSlave, 'eth1', 'no primary: nothing moves the bond back to eth0');
	assert.equal(host.nextStepAtMs(), null, 'origin settles');
	assert.equal(host.nextChangeAtMs(start + 60_000), null);
	assert.equal(bond(host.snapshot(start + 60_000)).activeSlave, 'eth1');
	assert.equal(slave(host.snapshot(start + 60_000), 'eth0').linkFailureCount, 0);
});

test('origin: taking eth1 down fails over to eth0 once it is up; a primary would have moved it back', () => {
	const host = new SimulatedHost({}, start);
	host.setLinkDown('eth1', start + 20_000);
	let s = host.snapshot(start + 21_000);
	assert.equal(bond(s).activeSlave, 'eth0');
	host.setLinkUp('eth1', start + 22_000);
	s = host.snapshot(start + 23_000);
	assert.equal(slave(s, 'eth1').miiStatus, 'up');
	assert.equal(bond(s).activeSlave, 'eth0', 'stays on eth0: no primary');

	const withPrimary = new SimulatedHost({primary: true}, start);
	assert.equal(bond(withPrimary.snapshot(start + 1000)).primary, 'eth0');
	assert.equal(bond(withPrimary.snapshot(start + 1000)).activeSlave, 'eth1', 'the primary has no carrier yet');
	assert.equal(bond(withPrimary.snapshot(start + 11_000)).activeSlave, 'eth0', 'primary_reselect always takes eth0 back once up');
});

test('a long gap does not skip a one-shot scenario step', () => {
	const host = new SimulatedHost({}, start);
	const s = host.snapshot(start + 30 * 24 * 3600 * 1000);
	assert.equal(slave(s, 'eth0').miiStatus, 'up');
	assert.equal(bond(s).activeSlave, 'eth1');
});
