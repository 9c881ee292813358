// The MII monitor writes its inspection line again when its commit has to wait for the RTNL lock
// (bond_mii_monitor retries one jiffy later): one change said twice. Each real change is shown
// once, and a real repeated flap is never folded away. Built from the real driver's capture
// (test/fixtures/kmsg/active-backup.kmsg: "disabling it in 200 ms" twice, 7.8 ms apart).
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';
import {kernelLogEvents, monitorRetryMs, newKernelLogState, parseKernelLogText, parseKmsgText, type KernelRecord} from '../../source/history/kernel-log.js';

const capture = parseKmsgText(readFileSync(new URL('../fixtures/kmsg/active-backup.kmsg', import.meta.url), 'utf8'));
const options = {bonds: new Set(['bond0']), bootWallMs: 0};
const goingDown = 'bond0: (slave eth0): link status down for active interface, disabling it in 200 ms';
/** The capture's records 386-390: eth0's peer down, the line twice, the commit, eth1 made active. */
const failover = capture.filter((r) => r.seq! >= 386 && r.seq! <= 390);
const eth0Lines = (records: readonly KernelRecord[], state = newKernelLogState()) =>
	kernelLogEvents(records, options, state).events.filter((e) => e.interfaceName === 'eth0' && e.kind === 'mii').map((e) => e.message);

test('the real capture: the repeated "disabling it in 200 ms" is one event, and the failover is timed from the first', () => {
	assert.deepEqual(
		failover.filter((r) => r.message === goingDown).map((r) => r.bootUs),
		[7525049, 7532823],
		'the capture has the line twice, 7.8 ms apart, nothing between',
	);
	const {events} = kernelLogEvents(capture, options);
	const downs = events.filter((e) => e.message === 'kernel: bond0 eth0 link down, disabling it in 200 ms');
	assert.deepEqual(
		downs.map((e) => e.atMs),
		[7525.049, 10206.278],
		"eth0's peer went down twice in the capture (alone, then with eth1's): each shows once, at the first line",
	);
	assert.deepEqual(
		eth0Lines(failover),
		['kernel: bond0 eth0 link down, disabling it in 200 ms', 'kernel: bond0 eth0 link definitely down'],
	);
	const change = events.find((e) => e.kind === 'active-slave' && e.from === 'eth0' && e.to === 'eth1')!;
	assert.equal(change.linkDownAtMs, 7525.049, 'the driver first saw the link down at the first line');
	assert.match(change.message, /eth0 -> eth1 \(256 ms after the driver saw eth0's link go down\)/);
	// Every transition of eth0 starts where the last one ended and none is going down -> going down.
	const states = kernelLogEvents(capture, options).events.filter((e) => e.interfaceName === 'eth0' && e.toState !== undefined);
	for (let i = 1; i < states.length; i++) assert.equal(states[i]!.fromState, states[i - 1]!.toState);
	assert.ok(!states.some((e) => e.fromState === 'going down' && e.toState === 'going down'));
});

test('a repeat read in a later poll of the followed log is still the same change', () => {
	const state = newKernelLogState();
	const first = failover.filter((r) => r.seq! <= 387);
	const rest = failover.filter((r) => r.seq! > 387);
	assert.deepEqual(eth0Lines(first, state), ['kernel: bond0 eth0 link down, disabling it in 200 ms']);
	assert.deepEqual(eth0Lines(rest, state), ['kernel: bond0 eth0 link definitely down'], 'the repeat in the second read is not shown again');
});

test('a longer wait for the lock (the line every jiffy) is still one change', () => {
	const line = failover.find((r) => r.message === goingDown)!;
	const chain = [0, 4, 8, 12, 16, 20].map((ms, i) => ({...line, seq: line.seq! + i, bootUs: line.bootUs! + ms * 1000}));
	assert.deepEqual(eth0Lines(chain), ['kernel: bond0 eth0 link down, disabling it in 200 ms']);
});

test('real repeated flaps are kept: the same line after the monitor could have seen the link come back, or with anything about the slave between', () => {
	const line = failover.find((r) => r.message === goingDown)!;
	// Two monitor runs later (miimon 100: 200 ms), as when the kernel's rate limit swallowed the
	// "up again" line between two real flaps: not a retry, kept.
	const later = [line, {...line, seq: line.seq! + 1, bootUs: line.bootUs! + 200_000}];
	assert.equal(eth0Lines(later).length, 2);
	const edge = [line, {...line, seq: line.seq! + 1, bootUs: line.bootUs! + monitorRetryMs * 1000}];
	assert.equal(eth0Lines(edge).length, 2, `${monitorRetryMs} ms apart is no longer a retry`);
	// The driver's own "up again" between (the down delay cut short, bond_miimon_inspect): two flaps.
	const upAgain = {...line, seq: line.seq! + 1, bootUs: line.bootUs! + 10_000, message: 'bond0: (slave eth0): link status up again after 0 ms'};
	const bounce = [line, upAgain, {...line, seq: line.seq! + 2, bootUs: line.bootUs! + 20_000}];
	assert.deepEqual(eth0Lines(bounce), [
		'kernel: bond0 eth0 link down, disabling it in 200 ms',
		'kernel: bond0 eth0 link state back again after 0 ms',
		'kernel: bond0 eth0 link down, disabling it in 200 ms',
	]);
	// Another slave's line between does not break eth0's retry: it is still one change.
	const eth1 = {...line, seq: line.seq! + 1, bootUs: line.bootUs! + 2_000, message: 'bond0: (slave eth1): link status down for backup interface, disabling it in 200 ms'};
	assert.equal(eth0Lines([line, eth1, {...line, seq: line.seq! + 2, bootUs: line.bootUs! + 7_774}]).length, 1);
});

test('a log with whole seconds only (dmesg -T) cannot tell a retry from a flap: both lines are kept', () => {
	const text = [`[Mon Nov 30 09:17:24 2026] ${goingDown}`, `[Mon Nov 30 09:17:24 2026] ${goingDown}`].join('\n');
	assert.equal(eth0Lines(parseKernelLogText(text)).length, 2);
	// With the kernel's microseconds (plain dmesg) the retry is recognised.
	const dmesg = [`[    7.525049] ${goingDown}`, `[    7.532823] ${goingDown}`].join('\n');
	assert.equal(eth0Lines(parseKernelLogText(dmesg)).length, 1);
});
