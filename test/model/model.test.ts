import assert from 'node:assert/strict';
import {test} from 'node:test';
import {diffSnapshots} from '../../source/model/events.js';
import {HistoryStore, Ring} from '../../source/model/history.js';
import {interfaceRates, ratePerSecond} from '../../source/model/rates.js';
import {roleLabel, slaveRole} from '../../source/model/roles.js';
import {planPanels} from '../../source/ui/plan.js';
import {layoutItems} from '../../source/model/layout.js';
import type {NetInterface} from '../../source/model/types.js';
import {bond, iface as anyIface, slave, snap} from '../helpers/model.js';

/** An interface of no bond with `rxBytes` received. */
const iface = (name: string, rxBytes: number, flags = ['UP', 'BROADCAST', 'RUNNING', 'MULTICAST']): NetInterface =>
	anyIface(name, flags, {master: null, rx: {bytes: rxBytes, packets: 0, errors: 0, dropped: 0, overruns: 0, frame: 0}});


test('rates: bytes per second over the real elapsed time; a counter reset is not a spike', () => {
	assert.equal(ratePerSecond(1000, 3000, 500), 4000);
	assert.equal(ratePerSecond(3000, 1000, 1000), null);
	assert.equal(ratePerSecond(0, 10, 0), null);
	const rates = interfaceRates(snap(0, [], [iface('eth0', 100), iface('eth1', 5000)]), snap(2000, [], [iface('eth0', 300), iface('eth1', 10), iface('new', 1)]));
	assert.equal(rates.get('eth0')!.rxBytesPerSecond, 100);
	assert.equal(rates.get('eth1')!.rxBytesPerSecond, null);
	assert.equal(rates.get('new')!.rxBytesPerSecond, null);
	assert.equal(interfaceRates(null, snap(0, [], [iface('eth0', 1)])).get('eth0')!.rxBytesPerSecond, null);
});

test('history rings are bounded and ordered', () => {
	const ring = new Ring(3);
	for (const v of [1, 2, 3, 4, null]) ring.push(v);
	assert.equal(ring.length, 3);
	const last = ring.last();
	assert.deepEqual(last.slice(0, 2), [3, 4]);
	assert.ok(Number.isNaN(last[2]));
	assert.deepEqual(ring.last(1).length, 1);
	const store = new HistoryStore(2);
	store.record(new Map([['a', {rxBytesPerSecond: 1, txBytesPerSecond: 2}]]));
	store.record(new Map([['b', {rxBytesPerSecond: 1, txBytesPerSecond: 2}]]));
	assert.equal(store.get('a'), undefined, 'interfaces that went away are dropped');
	assert.equal(store.version, 2);
});

test('events: failover, MII, link failures, admin and carrier', () => {
	const before = snap(0, [bond()], [iface('eth0', 0, ['UP', 'RUNNING']), iface('eth1', 0, ['UP', 'RUNNING'])]);
	const after = snap(
		250,
		[bond({activeSlave: 'eth1', slaves: [slave('eth0', {miiStatus: 'down', linkFailureCount: 1}), slave('eth1')]})],
		[iface('eth0', 0, ['BROADCAST']), iface('eth1', 0, ['UP'])],
	);
	const messages = diffSnapshots(before, after).map((e) => e.message);
	// Cause first (see events.ts causeRanks): what was done to the link, what the MII monitor made of it, then the failover.
	assert.deepEqual(messages, [
		'eth0 admin down',
		'eth1 carrier lost',
		'bond0 eth0 MII up -> down',
		'bond0 eth0 link failure count 0 -> 1',
		'bond0 active slave eth0 -> eth1',
	]);
	assert.ok(diffSnapshots(before, after).every((e) => e.atMs === 250));
	assert.deepEqual(diffSnapshots(before, before), []);
});

test('roles: the active slave, traffic carriers, backups, down', () => {
	const ab = bond({slaves: [slave('eth0'), slave('eth1'), slave('eth2', {miiStatus: 'down'})]});
	assert.deepEqual(ab.slaves.map((s) => roleLabel(slaveRole(ab, s))), ['ACTIVE', 'BACKUP', 'DOWN']);
	const rr = bond({mode: 'balance-rr', activeSlave: null, slaves: [slave('eth0'), slave('eth1', {miiStatus: 'down', state: 'active'})]});
	assert.deepEqual(rr.slaves.map((s) => slaveRole(rr, s)), ['carrying', 'down'], 'the kernel\'s "active" state of a down rr slave does not fool us');
	const lacp = bond({
		mode: '802.3ad',
		activeSlave: null,
		lacp: {rate: 'fast', aggregatorId: 1, numberOfPorts: 1, actorKey: 1, partnerKey: 1, partnerMac: null},
		slaves: [slave('eth0', {aggregatorId: 1}), slave('eth1', {aggregatorId: 2})],
	});
	assert.deepEqual(lacp.slaves.map((s) => slaveRole(lacp, s)), ['carrying', 'backup']);
});

test('panel plan: shrinks others first, never the selection, and fits', () => {
	const b = bond();
	const snapshot = snap(0, [b], [iface('bond0', 0), iface('eth0', 0), iface('eth1', 0), iface('lo', 0), iface('wlan0', 0)]);
	const items = layoutItems(snapshot);
	assert.deepEqual(items.map((i) => i.name), ['bond0', 'eth0', 'eth1', 'lo', 'wlan0']);
	const roomy = planPanels(items, 'eth1', 200, true);
	assert.deepEqual(roomy.map((p) => p.detail), ['full', 'full', 'full', 'line', 'line']);
	const tight = planPanels(items, 'eth1', 16, false);
	assert.equal(tight.find((p) => p.item.name === 'eth1')!.detail, 'full');
	assert.ok(tight.filter((p) => p.item.name !== 'eth1').every((p) => p.detail !== 'full'));
	// The selection's full panel and every other row do not fit, its summary does: every slave stays
	// on screen, the selection as a two-line summary.
	const squeezed = planPanels(items, 'eth1', 6, true);
	assert.deepEqual(
		squeezed.map((p) => `${p.item.name}:${p.detail}`),
		['bond0:line', 'eth0:line', 'eth1:compact', 'lo:line', 'wlan0:line'],
	);
	// One row fewer: a window around the selection; its full panel does not fit alone, so compact.
	assert.deepEqual(
		planPanels(items, 'eth1', 5, true).map((p) => `${p.item.name}:${p.detail}`),
		['eth0:line', 'eth1:compact', 'lo:line', 'wlan0:line'],
	);
	const tiny = planPanels(items, 'wlan0', 3, true);
	assert.ok(tiny.some((p) => p.item.name === 'wlan0'), 'the selection is always on screen');
});
