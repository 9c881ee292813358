import assert from 'node:assert/strict';
import {test} from 'node:test';
import {miiSettleAtMs, notificationHoldMs} from '../../source/model/mii-settle.js';
import type {Bond, BondSlave, MiiStatus, Snapshot} from '../../source/model/types.js';
import {bond as anyBond, iface, slave as anySlave} from '../helpers/model.js';

const slave = (name: string, miiStatus: MiiStatus | null): BondSlave => anySlave(name, {miiStatus});
const bond = (slaves: BondSlave[], extra: Partial<Bond> = {}): Bond => anyBond({updelayMs: 200, downdelayMs: 200, slaves, ...extra});

const up = ['UP', 'BROADCAST', 'RUNNING', 'MULTICAST'];
const snap = (takenAtMs: number, b: Bond, eth0Flags: string[]): Snapshot => ({
	hostname: 'h',
	takenAtMs,
	bonds: [b],
	interfaces: [iface('eth0', eth0Flags), iface('eth1', up)],
	warnings: [],
	simulated: false,
	limitedByPrivilege: false,
});

test('settled bonds: the timer alone', () => {
	assert.equal(miiSettleAtMs(snap(1000, bond([slave('eth0', 'up'), slave('eth1', 'up')]), up), 990, 1000), null);
	assert.equal(miiSettleAtMs(snap(1000, bond([slave('eth0', 'down'), slave('eth1', 'up')]), ['BROADCAST']), 990, 1000), null, 'admin down and MII down: settled');
	assert.equal(miiSettleAtMs(snap(1000, bond([slave('eth0', 'going down'), slave('eth1', 'up')]), up), null, 1000), null, 'no notification yet: nothing to follow');
});

test('a slave between states, or whose link the driver has not caught up with, is read again every half miimon', () => {
	const notified = 1000;
	// d on eth0: admin down, MII still up (the driver polls every 100 ms).
	assert.equal(miiSettleAtMs(snap(1005, bond([slave('eth0', 'up'), slave('eth1', 'up')]), ['BROADCAST', 'MULTICAST']), notified, 1005), 1055);
	// Carrier lost (UP without RUNNING).
	assert.equal(miiSettleAtMs(snap(1005, bond([slave('eth0', 'up'), slave('eth1', 'up')]), ['UP', 'BROADCAST']), notified, 1005), 1055);
	// In the down delay.
	assert.equal(miiSettleAtMs(snap(1100, bond([slave('eth0', 'going down'), slave('eth1', 'up')]), ['BROADCAST']), notified, 1100), 1150);
	// Link back, MII still down, then in the up delay.
	assert.equal(miiSettleAtMs(snap(1100, bond([slave('eth0', 'down'), slave('eth1', 'up')]), up), notified, 1100), 1150);
	assert.equal(miiSettleAtMs(snap(1200, bond([slave('eth0', 'going back'), slave('eth1', 'up')]), up), notified, 1200), 1250);
	// miimon 10: never faster than every 10 ms.
	assert.equal(miiSettleAtMs(snap(1005, bond([slave('eth0', 'going down'), slave('eth1', 'up')], {miimonMs: 10}), up), notified, 1005), 1015);
});

test('bounded: no MII monitor, or past the window after the last notification, the timer alone', () => {
	assert.equal(miiSettleAtMs(snap(1005, bond([slave('eth0', 'up'), slave('eth1', 'up')], {miimonMs: 0, arpIntervalMs: 200}), ['BROADCAST']), 1000, 1005), null);
	// Window: the longer delay + 3 miimon + 200 ms = 700 ms.
	const stuck = bond([slave('eth0', 'going back'), slave('eth1', 'up')]);
	assert.equal(miiSettleAtMs(snap(1700, stuck, up), 1000, 1700), 1750);
	assert.equal(miiSettleAtMs(snap(1701, stuck, up), 1000, 1701), null);
	// Looks that found nothing take no sample: the window runs on the clock, not on the last sample.
	assert.equal(miiSettleAtMs(snap(1100, stuck, up), 1000, 1650), 1700, 'the next look counts from now');
	assert.equal(miiSettleAtMs(snap(1100, stuck, up), 1000, 1701), null, 'and ends with the window, whatever the last sample');
	// A slave whose flags are unknown is not judged from them.
	assert.equal(miiSettleAtMs(snap(1005, bond([slave('eth0', 'up'), slave('eth1', 'up')]), []), 1000, 1005), null);
});

test('notification hold: a slave of a bond with miimon waits one MII poll + 20 ms for its bond; the bond itself, events and slow monitors do not wait', () => {
	const s = (b: Bond) => snap(1000, b, up);
	const two = [slave('eth0', 'up'), slave('eth1', 'up')];
	assert.equal(notificationHoldMs(s(bond(two)), 'eth0', null), 120, 'miimon 100');
	assert.equal(notificationHoldMs(s(bond(two, {miimonMs: 200})), 'eth1', null), 220);
	assert.equal(notificationHoldMs(s(bond(two, {miimonMs: 201})), 'eth0', null), 0, 'past the limit: shown at once');
	assert.equal(notificationHoldMs(s(bond(two, {miimonMs: 0, arpIntervalMs: 200})), 'eth0', null), 0, 'ARP monitor: no MII poll to wait for');
	assert.equal(notificationHoldMs(s(bond(two, {miimonMs: null})), 'eth0', null), 0);
	assert.equal(notificationHoldMs(s(bond(two)), 'bond0', null), 0, 'the bond itself');
	assert.equal(notificationHoldMs(s(bond(two)), 'eth0', 'BONDING FAILOVER'), 0, 'an event');
	assert.equal(notificationHoldMs(s(bond(two)), 'eth9', null), 0, 'not a slave');
});
