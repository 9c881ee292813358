import {test} from 'node:test';
import assert from 'node:assert/strict';
import {SimulatedHost, createDemoActions, trafficStepMs} from '../../source/demo/simulated-host.js';
import type {Bond, BondSlave, NetInterface, Snapshot} from '../../source/model/types.js';
import {cpuMs} from '../helpers/cpu-time.js';

const start = 1_700_000_000_000;
const miimon = 100;
const updelay = 200;
const downdelay = 200;
/**
 * The driver tests run on a quiet host: both links up, nothing scheduled, and eth0 named primary
 * (the origin has no primary; these tests are about how the driver treats one).
 */
const quiet = {primary: true, scenario: 'steady'} as const;

function bond(snapshot: Snapshot, name = 'bond0'): Bond {
	const found = snapshot.bonds.find(candidate => candidate.name === name);
	assert.ok(found, `no bond ${name}`);
	return found;
}

function slave(snapshot: Snapshot, name: string, bondName = 'bond0'): BondSlave {
	const found = bond(snapshot, bondName).slaves.find(candidate => candidate.name === name);
	assert.ok(found, `no slave ${name}`);
	return found;
}

function iface(snapshot: Snapshot, name: string): NetInterface {
	const found = snapshot.interfaces.find(candidate => candidate.name === name);
	assert.ok(found, `no interface ${name}`);
	return found;
}

test('failover follows miimon, downdelay and updelay, and returns to the primary', () => {
	const host = new SimulatedHost(quiet, start);
	const t0 = start + 1234; // between miimon ticks
	host.snapshot(t0);
	assert.equal(host.nextChangeAtMs(t0), null, 'nothing pending on a healthy bond');

	assert.deepEqual(host.setLinkDown('eth0', t0), {ok: true});
	// The admin-down is seen at once on the interface, but the bond notices at its next tick.
	assert.ok(!iface(host.snapshot(t0), 'eth0').flags.includes('UP'));
	assert.equal(slave(host.snapshot(t0), 'eth0').miiStatus, 'up');
	const detectAt = host.nextChangeAtMs(t0);
	assert.ok(detectAt !== null && detectAt > t0 && detectAt <= t0 + miimon, `detection at ${detectAt}`);
	assert.equal(slave(host.snapshot(detectAt - 1), 'eth0').miiStatus, 'up');

	let s = host.snapshot(t0 + miimon * 1.5);
	assert.equal(slave(s, 'eth0').miiStatus, 'going down');
	assert.equal(bond(s).activeSlave, 'eth0', 'still active while going down');
	assert.equal(slave(s, 'eth0').linkFailureCount, 0);
	assert.equal(bond(s).miiStatus, 'up');

	const downAt = host.nextChangeAtMs(t0 + miimon * 1.5);
	assert.equal(downAt, detectAt + downdelay);
	assert.equal(slave(host.snapshot(downAt - 1), 'eth0').miiStatus, 'going down');
	s = host.snapshot(downAt);
	assert.equal(slave(s, 'eth0').miiStatus, 'down');
	s = host.snapshot(t0 + downdelay + miimon);
	assert.equal(slave(s, 'eth0').miiStatus, 'down');
	assert.equal(slave(s, 'eth0').linkFailureCount, 1);
	assert.equal(bond(s).activeSlave, 'eth1');
	assert.equal(slave(s, 'eth1').state, 'active');
	assert.equal(slave(s, 'eth0').state, 'backup');
	assert.equal(bond(s).miiStatus, 'up');
	assert.equal(host.nextChangeAtMs(t0 + downdelay + miimon), null);

	const t1 = t0 + 5000;
	assert.deepEqual(host.setLinkUp('eth0', t1), {ok: true});
	const backAt = host.nextChangeAtMs(t1);
	assert.ok(backAt !== null && backAt > t1 && backAt <= t1 + miimon);
	s = host.snapshot(backAt);
	assert.equal(slave(s, 'eth0').miiStatus, 'going back');
	assert.equal(bond(s).activeSlave, 'eth1', 'not yet: updelay runs');
	const upAt = host.nextChangeAtMs(backAt);
	assert.equal(upAt, backAt + updelay);
	assert.equal(slave(host.snapshot(upAt - 1), 'eth0').miiStatus, 'going back');
	s = host.snapshot(upAt);
	assert.equal(slave(s, 'eth0').miiStatus, 'up');
	assert.equal(bond(s).activeSlave, 'eth0', 'back to the primary (primary_reselect always)');
	assert.equal(slave(s, 'eth0').linkFailureCount, 1, 'coming back is not a failure');
	assert.equal(host.nextChangeAtMs(upAt), null);
});

test('a link that returns during downdelay recovers without a failure or failover', () => {
	const host = new SimulatedHost(quiet, start);
	host.setLinkDown('eth0', start + 1000);
	host.snapshot(start + 1150);
	assert.equal(slave(host.snapshot(start + 1150), 'eth0').miiStatus, 'going down');
	host.setLinkUp('eth0', start + 1160);
	const s = host.snapshot(start + 1200);
	assert.equal(slave(s, 'eth0').miiStatus, 'up');
	assert.equal(slave(s, 'eth0').linkFailureCount, 0);
	assert.equal(bond(s).activeSlave, 'eth0');
});

test('primary_reselect better and failure keep the faster / current slave', () => {
	for (const policy of ['better', 'failure'] as const) {
		const host = new SimulatedHost({...quiet, primaryReselect: policy}, start);
		host.setLinkDown('eth0', start + 1000);
		assert.equal(bond(host.snapshot(start + 2000)).activeSlave, 'eth1');
		host.setLinkUp('eth0', start + 3000);
		const s = host.snapshot(start + 4000);
		assert.equal(slave(s, 'eth0').miiStatus, 'up');
		assert.equal(bond(s).primaryReselect, policy);
		// eth0 (100 Mbps) is not better than eth1 (1000 Mbps).
		assert.equal(bond(s).activeSlave, 'eth1', policy);
	}
});

test('a manually chosen active slave stays until the next reselection', () => {
	const host = new SimulatedHost(quiet, start);
	assert.deepEqual(host.setActiveSlave('bond0', 'eth1', start + 1000), {ok: true});
	let s = host.snapshot(start + 5000);
	assert.equal(bond(s).activeSlave, 'eth1');
	assert.equal(slave(s, 'eth1').state, 'active');
	assert.equal(slave(s, 'eth0').state, 'backup');
	assert.deepEqual(host.setActiveSlave('bond0', 'eth1', start + 5000), {ok: true}, 'already active is fine');
	// A blip shorter than miimon falls between two ticks: the bond never sees it.
	host.setLinkDown('eth0', start + 6010);
	host.setLinkUp('eth0', start + 6050);
	s = host.snapshot(start + 7000);
	assert.equal(slave(s, 'eth0').linkFailureCount, 0);
	assert.equal(bond(s).activeSlave, 'eth1');
	// A primary that comes back up triggers a reselection, which (always) picks it again.
	host.setLinkDown('eth0', start + 7000);
	host.setLinkUp('eth0', start + 7500);
	s = host.snapshot(start + 9000);
	assert.equal(slave(s, 'eth0').linkFailureCount, 1);
	assert.equal(bond(s).activeSlave, 'eth0');
});

test('with both slaves down the bond has no active slave and no carrier', () => {
	const host = new SimulatedHost(quiet, start);
	host.setLinkDown('eth0', start + 1000);
	host.setLinkDown('eth1', start + 1000);
	const s = host.snapshot(start + 2000);
	const b = bond(s);
	assert.equal(b.activeSlave, null);
	assert.equal(b.miiStatus, 'down');
	assert.deepEqual(
		b.slaves.map(x => [x.miiStatus, x.linkFailureCount, x.state, x.speedMbps]),
		[
			['down', 1, 'backup', null],
			['down', 1, 'backup', null],
		],
	);
	assert.ok(!iface(s, 'bond0').flags.includes('RUNNING'));
	assert.ok(iface(s, 'bond0').flags.includes('UP'));
	assert.deepEqual(iface(s, 'eth0').flags, ['BROADCAST', 'SLAVE', 'MULTICAST']);
	assert.equal(iface(s, 'bond0').operState, 'down');

	// With no active slave the kernel ignores updelay: the first slave back is up at its detection.
	host.setLinkUp('eth1', start + 3000);
	const detectAt = host.nextChangeAtMs(start + 3000);
	assert.ok(detectAt !== null && detectAt <= start + 3000 + miimon);
	const after = host.snapshot(detectAt);
	assert.equal(slave(after, 'eth1').miiStatus, 'up');
	assert.equal(bond(after).activeSlave, 'eth1');
	assert.equal(bond(after).miiStatus, 'up');
	assert.ok(iface(after, 'bond0').flags.includes('RUNNING'));
});

test('a pulled cable keeps UP but loses RUNNING, and fails over like link down', () => {
	const host = new SimulatedHost(quiet, start);
	assert.deepEqual(host.setCarrier('eth0', false, start + 1000), {ok: true});
	const s = host.snapshot(start + 2000);
	assert.deepEqual(iface(s, 'eth0').flags, ['UP', 'BROADCAST', 'SLAVE', 'MULTICAST']);
	assert.equal(bond(s).activeSlave, 'eth1');
	assert.equal(host.setCarrier('bond0', false, start + 2000).ok, false);
});

test('counters: the bond is the sum of its slaves and only the active slave carries traffic', () => {
	const host = new SimulatedHost({...quiet, seed: 7}, start);
	const sum = (s: Snapshot, pick: (i: NetInterface) => number) => pick(iface(s, 'eth0')) + pick(iface(s, 'eth1'));
	const check = (s: Snapshot) => {
		const b = iface(s, 'bond0');
		assert.equal(b.rx.bytes, sum(s, i => i.rx.bytes));
		assert.equal(b.tx.bytes, sum(s, i => i.tx.bytes));
		assert.equal(b.rx.packets, sum(s, i => i.rx.packets));
		assert.equal(b.tx.packets, sum(s, i => i.tx.packets));
	};

	const first = host.snapshot(start + 1000);
	check(first);
	const second = host.snapshot(start + 11_000);
	check(second);
	const grew = (name: string, a: Snapshot, b: Snapshot) => iface(b, name).rx.bytes - iface(a, name).rx.bytes;
	const eth0Rate = grew('eth0', first, second) / 10;
	assert.ok(eth0Rate > 50_000 && eth0Rate < 12_000_000, `eth0 ${eth0Rate} B/s is a plausible rate`);
	assert.ok(iface(second, 'eth0').tx.bytes > iface(first, 'eth0').tx.bytes);
	assert.equal(grew('eth1', first, second), 0, 'the backup slave is idle');
	assert.equal(iface(second, 'eth1').tx.bytes, iface(first, 'eth1').tx.bytes);

	// After failover eth1 carries and eth0's counters stop.
	host.setLinkDown('eth0', start + 11_000);
	const third = host.snapshot(start + 12_000);
	const fourth = host.snapshot(start + 22_000);
	check(fourth);
	assert.equal(grew('eth0', third, fourth), 0);
	assert.ok(grew('eth1', third, fourth) > 0);

	// Rates vary from second to second.
	const rates = new Set<number>();
	let previous = host.snapshot(start + 22_000);
	for (let t = start + 23_000; t <= start + 33_000; t += 1000) {
		const next = host.snapshot(t);
		rates.add(grew('eth1', previous, next));
		previous = next;
	}

	assert.ok(rates.size > 5, 'rates vary');
});

test('traffic does not depend on how often the host is sampled', () => {
	const often = new SimulatedHost({...quiet, seed: 3}, start);
	const rarely = new SimulatedHost({...quiet, seed: 3}, start);
	for (let t = start; t <= start + 10_000; t += 100) often.snapshot(t);
	const a = iface(often.snapshot(start + 10_000), 'bond0');
	const b = iface(rarely.snapshot(start + 10_000), 'bond0');
	assert.ok(Math.abs(a.rx.bytes - b.rx.bytes) <= 2, `${a.rx.bytes} vs ${b.rx.bytes}`);
	assert.ok(Math.abs(a.tx.bytes - b.tx.bytes) <= 2);
});

test('in load-balancing modes every usable slave carries and reads active', () => {
	const host = new SimulatedHost({...quiet, bonds: 4, slavesPerBond: 2}, start);
	const first = host.snapshot(start + 1000);
	const second = host.snapshot(start + 11_000);
	const rr = bond(second, 'bond2');
	assert.equal(rr.mode, 'balance-rr');
	const xor = bond(second, 'bond3');
	assert.equal(xor.mode, 'balance-xor');
	assert.equal(xor.xmitHashPolicy, 'layer3+4');
	for (const b of [rr, xor]) {
		assert.equal(b.activeSlave, null, 'no active slave outside active-backup/tlb/alb');
		assert.equal(b.primary, null);
		for (const x of b.slaves) {
			assert.equal(x.state, 'active');
			assert.ok(iface(second, x.name).tx.bytes > iface(first, x.name).tx.bytes, `${x.name} carries`);
		}

		const total = b.slaves.reduce((acc, x) => acc + iface(second, x.name).rx.bytes, 0);
		assert.equal(iface(second, b.name).rx.bytes, total);
	}

	// balance-rr: a down slave still reads active (the kernel never marks it backup), and stops.
	host.setLinkDown('eth4', start + 11_000);
	const third = host.snapshot(start + 12_000);
	const fourth = host.snapshot(start + 15_000);
	assert.equal(slave(fourth, 'eth4', 'bond2').miiStatus, 'down');
	assert.equal(slave(fourth, 'eth4', 'bond2').state, 'active');
	assert.equal(iface(fourth, 'eth4').rx.bytes, iface(third, 'eth4').rx.bytes);
	assert.ok(iface(fourth, 'eth5').rx.bytes > iface(third, 'eth5').rx.bytes);
});

test('an 802.3ad bond shows LACP details and moves a failed port off the active aggregator', () => {
	const host = new SimulatedHost({...quiet, bonds: 2}, start);
	let s = host.snapshot(start + 1000);
	const b = bond(s, 'bond1');
	assert.equal(b.mode, '802.3ad');
	assert.ok(b.lacp);
	assert.equal(b.lacp.rate, 'slow');
	assert.equal(b.lacp.aggregatorId, 1);
	assert.equal(b.lacp.numberOfPorts, 2);
	assert.equal(b.lacp.actorKey, 9);
	assert.equal(typeof b.lacp.partnerKey, 'number');
	assert.match(b.lacp.partnerMac ?? '', /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
	assert.deepEqual(
		b.slaves.map(x => [x.name, x.aggregatorId, x.state, x.actorPortState?.distributing]),
		[
			['eth2', 1, 'active', true],
			['eth3', 1, 'active', true],
		],
	);
	assert.equal(iface(s, 'eth3').macAddress, iface(s, 'bond1').macAddress);

	host.setLinkDown('eth2', start + 1000);
	s = host.snapshot(start + 2000);
	const after = bond(s, 'bond1');
	assert.equal(after.lacp?.aggregatorId, 1);
	assert.equal(after.lacp?.numberOfPorts, 1);
	assert.deepEqual(
		after.slaves.map(x => [x.name, x.miiStatus, x.aggregatorId, x.state, x.actorPortState?.distributing]),
		[
			['eth2', 'down', 2, 'backup', false],
			['eth3', 'up', 1, 'active', true],
		],
	);

	host.setLinkDown('eth3', start + 2000);
	s = host.snapshot(start + 3000);
	assert.equal(bond(s, 'bond1').lacp?.aggregatorId, null);
	assert.equal(bond(s, 'bond1').miiStatus, 'down');

	host.setLinkUp('eth2', start + 3000);
	host.setLinkUp('eth3', start + 3000);
	s = host.snapshot(start + 4000);
	assert.equal(bond(s, 'bond1').lacp?.numberOfPorts, 2);
	assert.deepEqual(
		bond(s, 'bond1').slaves.map(x => x.aggregatorId),
		[2, 2],
	);
});

test('tlb and alb keep a unique MAC per slave and swap the bond MAC onto the active one', () => {
	const host = new SimulatedHost({...quiet, bonds: 6, slavesPerBond: 2}, start);
	let s = host.snapshot(start + 1000);
	const tlb = bond(s, 'bond5');
	assert.equal(tlb.mode, 'balance-tlb');
	const [first, second] = tlb.slaves;
	assert.ok(first && second);
	assert.equal(tlb.activeSlave, first.name);
	assert.equal(iface(s, first.name).macAddress, iface(s, 'bond5').macAddress);
	assert.equal(iface(s, second.name).macAddress, second.permHwAddr);
	assert.equal(second.state, 'active', 'the kernel never marks a tlb/alb slave backup');

	assert.deepEqual(host.setActiveSlave('bond5', second.name, start + 1000), {ok: true});
	s = host.snapshot(start + 1000);
	assert.equal(iface(s, second.name).macAddress, iface(s, 'bond5').macAddress);
	assert.equal(iface(s, first.name).macAddress, second.permHwAddr);
});

test('setActiveSlave refuses what the kernel refuses', () => {
	const host = new SimulatedHost({...quiet, bonds: 3}, start);
	const refused = (result: {ok: boolean; message?: string}, pattern: RegExp) => {
		assert.equal(result.ok, false);
		assert.match(result.message ?? '', pattern);
	};

	refused(host.setActiveSlave('bond9', 'eth0', start), /Cannot find device "bond9"/);
	refused(host.setActiveSlave('eth0', 'eth1', start), /eth0 is not a bond/);
	refused(host.setActiveSlave('bond0', 'eth9', start), /Cannot find device "eth9"/);
	refused(host.setActiveSlave('bond0', 'lo', start), /not bonding slave/);
	refused(host.setActiveSlave('bond0', 'eth2', start), /not our slave/);
	refused(host.setActiveSlave('bond1', 'eth2', start), /not supported in mode 802\.3ad\(4\)/);
	refused(host.setActiveSlave('bond2', 'eth4', start), /not supported in mode balance-rr\(0\)/);

	// A slave that is down, or only going back, cannot be made active.
	host.setLinkDown('eth1', start + 100);
	refused(host.setActiveSlave('bond0', 'eth1', start + 1000), /either eth1 is down or the link is down/);
	host.setLinkUp('eth1', start + 1000);
	const back = host.nextChangeAtMs(start + 1000)!;
	assert.equal(slave(host.snapshot(back), 'eth1').miiStatus, 'going back');
	refused(host.setActiveSlave('bond0', 'eth1', back), /is down or the link is down/);
	assert.deepEqual(host.setActiveSlave('bond0', 'eth1', back + updelay), {ok: true});
	assert.equal(bond(host.snapshot(back + updelay)).activeSlave, 'eth1');

	// Unknown interfaces for the link actions.
	refused(host.setLinkDown('eth42', start + 5000), /Cannot find device/);
	refused(host.setLinkUp('eth42', start + 5000), /Cannot find device/);
});

test('the bond itself can be set down and up', () => {
	const host = new SimulatedHost(quiet, start);
	const before = host.snapshot(start + 1000);
	assert.deepEqual(host.setLinkDown('bond0', start + 1000), {ok: true});
	const down = host.snapshot(start + 2000);
	assert.deepEqual(iface(down, 'bond0').flags, ['BROADCAST', 'MASTER', 'MULTICAST']);
	assert.deepEqual(iface(down, 'bond0').ipv6, []);
	assert.equal(iface(down, 'bond0').ipv4.length, 1);
	const later = host.snapshot(start + 5000);
	assert.equal(iface(later, 'bond0').rx.bytes, iface(down, 'bond0').rx.bytes, 'no traffic while down');
	assert.ok(iface(down, 'bond0').rx.bytes >= iface(before, 'bond0').rx.bytes);

	assert.deepEqual(host.setLinkUp('bond0', start + 5000), {ok: true});
	const up = host.snapshot(start + 6000);
	assert.deepEqual(iface(up, 'bond0').flags, ['UP', 'BROADCAST', 'RUNNING', 'MASTER', 'MULTICAST']);
	assert.ok(iface(up, 'bond0').rx.bytes > iface(later, 'bond0').rx.bytes);
});

test('the same seed and calls give the same snapshots; another seed differs', () => {
	const run = (seed: number) => {
		const host = new SimulatedHost({...quiet, seed, bonds: 3}, start);
		const out: Snapshot[] = [];
		for (let t = start; t <= start + 20_000; t += 700) {
			if (t === start + 4900) host.setLinkDown('eth0', t);
			if (t === start + 9800) host.setLinkUp('eth0', t);
			out.push(host.snapshot(t));
		}

		return out;
	};

	assert.deepEqual(run(42), run(42));
	assert.notDeepEqual(run(42).at(-1)?.interfaces, run(43).at(-1)?.interfaces);
});

test('createDemoActions wraps the host with the given clock', async () => {
	const host = new SimulatedHost(quiet, start);
	let now = start + 1000;
	const actions = createDemoActions(host, () => now);
	assert.deepEqual(await actions.setLinkDown('eth0'), {ok: true});
	now = start + 2000;
	assert.equal(bond(host.snapshot(now)).activeSlave, 'eth1');
	assert.deepEqual(await actions.setActiveSlave('bond0', 'eth0'), {
		ok: false,
		message: 'Could not set eth0 as active slave; either eth0 is down or the link is down',
	});
	assert.deepEqual(await actions.setLinkUp('eth0'), {ok: true});
	assert.equal(bond(host.snapshot(start + 3000)).activeSlave, 'eth0');
});

test('options are validated', () => {
	assert.throws(() => new SimulatedHost({bonds: -1}, start), RangeError);
	assert.throws(() => new SimulatedHost({slavesPerBond: 1.5}, start), RangeError);
	assert.throws(() => new SimulatedHost({extraInterfaces: 99}, start), RangeError);
	assert.throws(() => new SimulatedHost({scenario: 'nope'}, start), /scenario must be one of origin, steady, usb-unplug/);
	const host = new SimulatedHost({bonds: 0, extraInterfaces: 3}, start);
	assert.deepEqual(
		host.snapshot(start).interfaces.map(i => i.name),
		['lo', 'dummy0', 'dummy1', 'dummy2'],
		'a Pi 2 has no Wi-Fi: extra interfaces are dummies',
	);
});

/** Counts the properties, array elements and map entries reachable from a value: the size of the state. */
function stateSize(root: unknown): number {
	const seen = new Set<unknown>();
	const stack: unknown[] = [root];
	let count = 0;
	while (stack.length > 0) {
		const value = stack.pop();
		if (typeof value !== 'object' || value === null || seen.has(value)) continue;
		seen.add(value);
		count++;
		if (value instanceof Map || value instanceof Set) {
			count += value.size;
			for (const entry of value.entries()) stack.push(...entry);
		} else {
			const entries = Object.values(value);
			count += entries.length;
			stack.push(...entries);
		}
	}

	return count;
}

test('state stays bounded and snapshots stay cheap over long runs', () => {
	const host = new SimulatedHost({...quiet, bonds: 3}, start);
	host.snapshot(start + 10_000);
	const sizeEarly = stateSize(host);
	let t = start + 10_000;
	const {ms: hourMs} = cpuMs(() => {
		for (let i = 0; i < 3600; i++) {
			t += 1000;
			if (i % 600 === 0) host.setLinkDown('eth0', t);
			if (i % 600 === 300) host.setLinkUp('eth0', t);
			host.snapshot(t);
		}
	});
	assert.equal(stateSize(host), sizeEarly, 'no state grows with time');
	assert.ok(hourMs < 2000, `an hour of 1 s samples took ${hourMs.toFixed(0)} ms of CPU`);

	// A month-long gap (a suspended laptop) costs no more than a few minutes of steps.
	const {value: after, ms: jumpMs} = cpuMs(() => host.snapshot(t + 30 * 24 * 3600 * 1000));
	assert.ok(jumpMs < 200, `a month-long jump took ${jumpMs.toFixed(0)} ms of CPU`);
	assert.ok(iface(after, 'bond0').rx.bytes > 0);
	assert.equal(stateSize(host), sizeEarly);
	assert.ok(Number.isSafeInteger(iface(after, 'bond0').rx.bytes));
	assert.equal(trafficStepMs > 0, true);
});
