import assert from 'node:assert/strict';
import {readFileSync, readdirSync} from 'node:fs';
import {test} from 'node:test';
import {driverMiiState, kernelLogEvents, parseKmsgText, recogniseBondingMessage} from '../../source/history/kernel-log.js';

const dir = new URL('../fixtures/kmsg/', import.meta.url);
/** Each slave's MII transitions (`from>to`) as the real driver's kernel log of one capture gives them. */
function transitions(file: string): Map<string, string[]> {
	const {events} = kernelLogEvents(parseKmsgText(readFileSync(new URL(file, dir), 'utf8')), {bonds: new Set(['bond0']), bootWallMs: 0});
	const per = new Map<string, string[]>();
	for (const e of events) if (e.toState !== undefined) per.set(e.interfaceName, [...(per.get(e.interfaceName) ?? []), `${e.fromState ?? '?'}>${e.toState}`]);
	return per;
}

test("the driver's messages name the MII states it committed (bond_miimon_inspect/commit), and no other", () => {
	const state = (message: string) => {
		const entry = recogniseBondingMessage(message);
		assert.ok(entry, message);
		return driverMiiState(entry);
	};
	assert.equal(state('bond0: (slave eth0): link status down for active interface, disabling it in 200 ms'), 'going down');
	assert.equal(state('bond0: link status down for interface eth0, disabling it in 200 ms.'), 'going down');
	assert.equal(state('bond0: (slave eth0): link status definitely down, disabling slave'), 'down');
	assert.equal(state('bond0: (slave eth0): link status up, enabling it in 200 ms'), 'going back');
	// updelay 0, or ignored because no slave is active: the driver goes straight on to up.
	assert.equal(state('bond0: (slave eth0): link status up, enabling it in 0 ms'), null);
	assert.equal(state('bond0: (slave eth0): link status definitely up, 10000 Mbps full duplex'), 'up');
	assert.equal(state('bond0: (slave eth0): link status up again after 100 ms'), 'up');
	assert.equal(state('bond0: (slave eth0): link status down again after 100 ms'), 'down');
	assert.equal(state('bond0: (slave eth0): Enslaving as a backup interface with a down link'), 'down');
	assert.equal(state('bond0: (slave eth0): Enslaving as a backup interface with an up link'), null, 'up or going back depends on updelay: not guessed');
	assert.equal(state('bond0: (slave eth1): making interface the new active one'), null);
});

test('with up/down delays the real driver passes through going down and going back, and the log has every one of them', () => {
	const t = transitions('active-backup.kmsg');
	for (const [slave, seq] of t) {
		for (let i = 1; i < seq.length; i++) assert.equal(seq[i]!.split('>')[0], seq[i - 1]!.split('>')[1], `${slave}: each transition starts where the last ended: ${seq.join(' ')}`);
		// up -> down never directly: the down delay always shows as going down first.
		assert.ok(!seq.includes('up>down'), `${slave}: ${seq.join(' ')}`);
	}
	assert.deepEqual(t.get('eth1'), [
		'?>down',
		'down>going back',
		'going back>up',
		'up>going down',
		'going down>down',
		'down>going back',
		'going back>up',
		'up>going down',
		'going down>down',
		'down>going back',
		'going back>up',
	]);
	// The driver repeats "disabling it in 200 ms" when its commit has to wait for the rtnl lock: one
	// state, said twice, one transition (test/history/monitor-retry.test.ts).
	assert.ok(!t.get('eth0')!.includes('going down>going down'));
	assert.equal(t.get('eth0')!.filter((s) => s === 'up>going down').length, 2);
	// With both slaves down the driver ignores updelay ("enabling it in 0 ms"): down -> up with no going back, as it happened.
	assert.equal(t.get('eth0')!.at(-1), 'down>up');
});

test('without delays the driver commits no intermediate state, and none is invented', () => {
	let failures = 0;
	for (const file of readdirSync(dir).filter((f) => f.endsWith('.kmsg') && f !== 'active-backup.kmsg')) {
		for (const [slave, seq] of transitions(file)) {
			assert.ok(seq.every((s) => !s.includes('going')), `${file} ${slave}: ${seq.join(' ')}`);
			failures += seq.filter((s) => s === 'up>down').length;
		}
	}
	assert.ok(failures >= 20, `links failed in these captures (${failures} times), straight from up to down`);
});
