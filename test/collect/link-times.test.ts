import assert from 'node:assert/strict';
import {test} from 'node:test';
import {LinkChangeTracker} from '../../source/collect/link-times.js';
import {MonitorParser} from '../../source/kernel/ip-monitor.js';
import {diffSnapshots, mergeEvents, type BondEvent} from '../../source/model/events.js';
import type {Bond, NetInterface, Snapshot} from '../../source/model/types.js';
import {iface} from '../helpers/model.js';

const bond = {name: 'bond0', mode: 'active-backup', activeSlave: 'eth0', miiStatus: 'up', slaves: []} as unknown as Bond;
const snap = (takenAtMs: number, interfaces: NetInterface[]): Snapshot => ({hostname: 'h', takenAtMs, bonds: [bond], interfaces, warnings: [], simulated: false, limitedByPrivilege: false});
const up = ['UP', 'BROADCAST', 'RUNNING', 'MULTICAST'];

/** What `ip -timestamp monitor link` printed in the kernel lab for `ip link set eth0 down` and a lost carrier of eth1 (6.1). */
const monitorText = `Timestamp: Mon Nov 30 12:23:43 2026 303026 usec
3: eth0@if3: <BROADCAST,MULTICAST,SLAVE> mtu 1500 qdisc noqueue master bond0 state DOWN group default
    link/ether ba:f9:e2:27:8f:56 brd ff:ff:ff:ff:ff:ff link-netns sw
Timestamp: Mon Nov 30 12:23:43 2026 578193 usec
3: eth0@if3: <BROADCAST,MULTICAST,SLAVE> mtu 1500 qdisc noqueue master bond0 state DOWN group default
    link/ether ba:f9:e2:27:8f:56 brd ff:ff:ff:ff:ff:ff link-netns sw
Timestamp: Mon Nov 30 12:23:44 2026 100000 usec
4: eth1@if4: <NO-CARRIER,BROADCAST,MULTICAST,SLAVE,UP> mtu 1500 qdisc noqueue master bond0 state DOWN group default
    link/ether ba:f9:e2:27:8f:56 brd ff:ff:ff:ff:ff:ff link-netns sw`;

function notifications() {
	const parser = new MonitorParser();
	return monitorText.split('\n').map((l) => parser.push(l)).filter((n) => n !== null);
}

test('link notifications stamp the admin and carrier changes they report, not the ones they repeat', () => {
	const [down, again, carrier] = notifications();
	const tracker = new LinkChangeTracker();
	const before = snap(down!.atMs! - 500, [iface('eth0', up), iface('eth1', up)]);
	assert.equal(tracker.seen(before).get('eth0')!.upChangedAtMs, null, 'known from a sample: no change seen yet');
	tracker.note(down!);
	tracker.note(again!);
	tracker.note(carrier!);
	const known = tracker.seen(before);
	assert.deepEqual(known.get('eth0'), {up: false, carrier: false, upChangedAtMs: down!.atMs, carrierChangedAtMs: down!.atMs});
	assert.equal(known.get('eth1')!.carrierChangedAtMs, carrier!.atMs);
	assert.equal(known.get('eth1')!.upChangedAtMs, null, 'eth1 stayed UP');
	tracker.note({...down!, deleted: true});
	assert.equal(tracker.seen(snap(0, [])).has('eth0'), false, 'a deleted interface is forgotten');
});

test('an admin down is logged when the kernel notified it, so it comes before the driver\'s reaction in its log', () => {
	const [down] = notifications();
	const tracker = new LinkChangeTracker();
	const before = snap(down!.atMs! - 500, [iface('eth0', up), iface('eth1', up)]);
	tracker.seen(before);
	tracker.note(down!);
	// The sample comes 700 ms later (the TUI was drawing): MII already going down.
	const after = snap(down!.atMs! + 700, [iface('eth0', ['BROADCAST', 'MULTICAST']), iface('eth1', up)]);
	after.linkChanges = tracker.seen(after);
	const seen = diffSnapshots(before, after);
	assert.deepEqual(seen.map((e) => [e.message, e.atMs - down!.atMs!]), [['eth0 admin down', 0]]);
	// The driver noticed at its next MII poll, 70 ms after the admin down.
	const kernel: BondEvent = {atMs: down!.atMs! + 70, kind: 'mii', bond: 'bond0', interfaceName: 'eth0', message: 'kernel: bond0 eth0 link down, disabling it in 200 ms', severity: 'warning', origin: 'kernel-log'};
	assert.deepEqual(mergeEvents(seen, [kernel], 10).map((e) => e.message), ['eth0 admin down', 'kernel: bond0 eth0 link down, disabling it in 200 ms']);
	// A notification older than the previous sample says nothing about this change: the sample's time.
	const later = snap(after.takenAtMs + 1000, [iface('eth0', up), iface('eth1', up)]);
	later.linkChanges = after.linkChanges;
	assert.deepEqual(diffSnapshots(after, later).map((e) => [e.message, e.atMs]), [['eth0 admin up', later.takenAtMs]]);
});
