import assert from 'node:assert/strict';
import {readFileSync, readdirSync} from 'node:fs';
import {test} from 'node:test';
import {kernelLogEvents, parseKmsgText} from '../../source/history/kernel-log.js';
import {causeFirst, diffSnapshots, mergeEvents, type BondEvent} from '../../source/model/events.js';
import type {Bond, NetInterface} from '../../source/model/types.js';
import {bond as anyBond, iface as anyIface, slave, snap} from '../helpers/model.js';

const bond = (extra: Partial<Bond> = {}): Bond => anyBond({updelayMs: 200, downdelayMs: 200, ...extra});
const iface = (name: string, flags: string[], master: string | null = 'bond0'): NetInterface => anyIface(name, flags, {master});

const up = ['UP', 'BROADCAST', 'RUNNING', 'MULTICAST'];
const kinds = (events: readonly BondEvent[]) => events.map((e) => e.kind);

test('one kernel change, cause first: admin down before the MII leaves up (the order the issue saw reversed)', () => {
	const before = snap(1000, [bond()], [iface('eth0', up), iface('eth1', up), iface('bond0', up, null)]);
	const after = snap(1000, [bond({slaves: [slave('eth0', {miiStatus: 'going down'}), slave('eth1')]})], [iface('eth0', ['BROADCAST']), iface('eth1', up), iface('bond0', up, null)]);
	assert.deepEqual(
		diffSnapshots(before, after).map((e) => e.message),
		['eth0 admin down', 'bond0 eth0 MII up -> going down'],
	);
});

test('the whole order of one change: admin, carrier, slave MII, link failure count, active slave, bond MII', () => {
	const before = snap(5, [bond()], [iface('eth0', up), iface('eth1', up), iface('bond0', up, null)]);
	const after = snap(
		5,
		[bond({activeSlave: null, miiStatus: 'down', slaves: [slave('eth0', {miiStatus: 'down', linkFailureCount: 1}), slave('eth1', {miiStatus: 'down', linkFailureCount: 1})]})],
		[iface('eth0', ['BROADCAST']), iface('eth1', ['UP', 'BROADCAST']), iface('bond0', ['UP', 'BROADCAST'], null)],
	);
	const events = diffSnapshots(before, after);
	assert.deepEqual(kinds(events), ['admin', 'carrier', 'carrier', 'mii', 'mii', 'link-failure', 'link-failure', 'active-slave', 'bond-mii']);
	// Within one rank the diff's own order stays (the sort is stable): eth0 before eth1.
	assert.deepEqual(events.filter((e) => e.kind === 'mii').map((e) => e.interfaceName), ['eth0', 'eth1']);
	// A later change stays later whatever its kind.
	const later = diffSnapshots(after, snap(6, [bond({activeSlave: null, miiStatus: 'down', slaves: [slave('eth0', {miiStatus: 'down', linkFailureCount: 1}), slave('eth1', {miiStatus: 'going back', linkFailureCount: 1})]})], after.interfaces));
	const merged = mergeEvents(events, later, 100);
	assert.equal(merged[merged.length - 1]!.message, 'bond0 eth1 MII down -> going back');
});

test("the bonding driver's own kernel log order agrees with the ranks in every captured mode (the justification, checked)", () => {
	const dir = new URL('../fixtures/kmsg/', import.meta.url);
	let sameMs = 0;
	for (const file of readdirSync(dir).filter((f) => f.endsWith('.kmsg'))) {
		const events = kernelLogEvents(parseKmsgText(readFileSync(new URL(file, dir), 'utf8')), {bonds: null, bootWallMs: 0}).events.filter((e) => e.kind !== 'lacp');
		assert.deepEqual([...events].sort(causeFirst).map((e) => e.message), events.map((e) => e.message), file);
		for (let i = 1; i < events.length; i++) if (Math.floor(events[i]!.atMs) === Math.floor(events[i - 1]!.atMs) && events[i]!.kind !== events[i - 1]!.kind) sameMs++;
	}
	// Merged into a log, the kernel's own order stays, 802.3ad messages included.
	const all = kernelLogEvents(parseKmsgText(readFileSync(new URL('802.3ad-no-partner.kmsg', dir), 'utf8')), {bonds: null, bootWallMs: 0}).events;
	assert.deepEqual(mergeEvents([], all, 1000), all);
	const seen: BondEvent[] = all.map((e) => ({...e, origin: undefined, message: `seen ${e.message}`, atMs: Math.floor(e.atMs)}));
	const mixed = mergeEvents(seen, all, 1000);
	assert.deepEqual(mixed.filter((e) => e.origin === 'kernel-log'), all);
	assert.deepEqual(mixed.filter((e) => e.origin !== 'kernel-log'), seen);
	assert.ok(sameMs >= 3, `events of different kinds in one ms exist in the captures (${sameMs}), so the check above means something`);
});

test('merged with the kernel log: the kernel\'s events and what bondtop saw in the same ms, cause first', () => {
	const at = 1_700_000_000_000;
	const kernel: BondEvent[] = [
		{atMs: at + 0.3, kind: 'mii', bond: 'bond0', interfaceName: 'eth0', message: 'kernel: bond0 eth0 link definitely down', severity: 'warning', origin: 'kernel-log'},
		{atMs: at + 0.31, kind: 'active-slave', bond: 'bond0', interfaceName: 'eth1', message: 'kernel: bond0 active slave eth0 -> eth1', severity: 'info', origin: 'kernel-log', from: 'eth0', to: 'eth1'},
	];
	const seen: BondEvent[] = [
		{atMs: at, kind: 'action', bond: 'bond0', interfaceName: 'eth0', message: 'bondtop: ip link set eth0 down', severity: 'info'},
		{atMs: at, kind: 'active-slave', bond: 'bond0', interfaceName: 'bond0', message: 'bond0 active slave eth0 -> eth1', severity: 'info', from: 'eth0', to: 'eth1'},
		{atMs: at, kind: 'admin', bond: 'bond0', interfaceName: 'eth0', message: 'eth0 admin down', severity: 'warning', up: false},
	];
	const early: BondEvent = {atMs: at - 200, kind: 'mii', bond: 'bond0', interfaceName: 'eth0', message: 'kernel: bond0 eth0 link down, disabling it in 200 ms', severity: 'warning', origin: 'kernel-log'};
	// The log as diffSnapshots leaves it (cause first), then the kernel's records merged in.
	const merged = mergeEvents([...seen].sort(causeFirst), [early, ...kernel], 100);
	assert.deepEqual(merged.map((e) => e.message), [
		'kernel: bond0 eth0 link down, disabling it in 200 ms',
		'bondtop: ip link set eth0 down',
		'eth0 admin down',
		'kernel: bond0 eth0 link definitely down',
		'bond0 active slave eth0 -> eth1',
		'kernel: bond0 active slave eth0 -> eth1',
	]);
});
