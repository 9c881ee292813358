import assert from 'node:assert/strict';
import {readFileSync, readdirSync} from 'node:fs';
import {test} from 'node:test';
import {kernelLogEvents, parseKmsgText} from '../../source/history/kernel-log.js';
import {diffSnapshots, type BondEvent} from '../../source/model/events.js';
import {bond, iface, slave, snap} from '../helpers/model.js';
import {eventText} from '../../source/ui/event-text.js';
import {actionEvent} from '../../source/ui/hooks/use-link-actions.js';

/** Every kind of change bondtop itself sees, in one pair of snapshots and back. */
function seenEvents(): BondEvent[] {
	const before = snap(0, [bond({slaves: [slave('eth0'), slave('eth1'), slave('eth2'), slave('eth4')]})], [iface('eth0', ['UP', 'RUNNING']), iface('eth1', ['UP', 'RUNNING'])]);
	const after = snap(
		250,
		[bond({activeSlave: null, miiStatus: 'down', slaves: [slave('eth0', {miiStatus: 'going down', linkFailureCount: 2}), slave('eth1', {miiStatus: 'down'}), slave('eth2', {miiStatus: null}), slave('eth3')]})],
		[iface('eth0', ['BROADCAST']), iface('eth1', ['UP'])],
	);
	return [...diffSnapshots(before, after), ...diffSnapshots(after, before)];
}

test('eventText: in English, the words of the stored message for every kind bondtop sees', () => {
	const events = seenEvents();
	const kinds = new Set(events.map((e) => e.kind));
	for (const kind of ['active-slave', 'bond-mii', 'mii', 'link-failure', 'slave-added', 'slave-removed', 'admin', 'carrier']) assert.ok(kinds.has(kind as BondEvent['kind']), kind);
	for (const event of events) assert.equal(eventText(event), event.message);
});

test('eventText: words the facts, not the stored message (so a translation can word them)', () => {
	for (const event of seenEvents()) assert.equal(eventText({...event, message: 'stored text'}), event.message, event.kind);
	const mii = seenEvents().find((e) => e.kind === 'mii' && e.toState === 'going down')!;
	assert.equal(eventText({...mii, message: 'x'}), 'bond0 eth0 MII up -> going down');
	assert.equal(eventText({...mii, toState: 'going back'}), 'bond0 eth0 MII up -> going back');
	assert.equal(eventText({...mii, toState: null}), 'bond0 eth0 MII up -> unknown', 'no MII Status line: unknown');
});

test("eventText: bondtop's own actions", () => {
	const down = actionEvent(5, 'bondtop: ip link set eth0 down', 'eth0', 'bond0', 'info', {type: 'ip-link', state: 'down'});
	const up = actionEvent(5, 'bondtop: ip link set eth0 up', 'eth0', 'bond0', 'info', {type: 'ip-link', state: 'up'});
	const active = actionEvent(5, 'bondtop: make eth1 the active slave of bond0', 'eth1', 'bond0', 'info', {type: 'make-active'});
	const armed = actionEvent(5, 'bondtop: watchdog 42 brings eth0 up in 30 s', 'eth0', 'bond0', 'warning', {type: 'watchdog', description: 'watchdog 42 brings eth0 up in 30 s'});
	for (const event of [down, up, active, armed]) assert.equal(eventText({...event, message: 'x'}), event.message);
	// Without facts (a drill line, an event from elsewhere): the stored message.
	assert.equal(eventText(actionEvent(5, 'drill: failover to eth1 in 212 ms', 'eth0', 'bond0')), 'drill: failover to eth1 in 212 ms');
});

test("eventText: the driver's kernel log records of every captured mode, as stored", () => {
	const dir = new URL('../fixtures/kmsg/', import.meta.url);
	let checked = 0;
	const driverKinds = new Set<string>();
	for (const file of readdirSync(dir).filter((f) => f.endsWith('.kmsg'))) {
		const {events} = kernelLogEvents(parseKmsgText(readFileSync(new URL(file, dir), 'utf8')), {bonds: null, bootWallMs: 0});
		for (const event of events) {
			assert.equal(eventText(event), event.message, `${file}: ${event.message}`);
			if (event.driver && event.driver.kind !== 'lacp') assert.equal(eventText({...event, message: 'x'}), event.message, `${file}: worded from the facts`);
			driverKinds.add(event.driver?.kind ?? '?');
			checked++;
		}
	}
	assert.ok(checked > 50, `${checked} events`);
	for (const kind of ['new-active', 'link-going-down', 'link-down', 'link-going-back', 'link-up', 'enslave', 'release']) assert.ok(driverKinds.has(kind), kind);
});
