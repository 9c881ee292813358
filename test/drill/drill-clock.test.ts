// The drill's clocks start when the kernel applied the change, not when `ip` was started: on a
// loaded machine (or under emulation) starting `ip` takes longer than the failover itself.
// Found in the kernel lab (test/kernel/guest/drill.mjs): failoverMs 798 while the kernel had
// switched 79 ms after the link went down.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {SimulatedHost} from '../../source/demo/simulated-host.js';
import {runDrill, type DrillDeps} from '../../source/drill/run-drill.js';

/** The simulated driver behind an `ip` that applies the change 300 ms in and returns 900 ms in. */
function slowIp(options: {upFails?: boolean; adminVisible?: boolean} = {}) {
	let clock = Date.UTC(2026, 0, 1);
	// Both links up and eth0 named primary (the origin demo has none), as the timings below assume.
	const host = new SimulatedHost({primary: true, scenario: 'steady'}, clock);
	const timers: Array<{at: number; fn: () => void}> = [];
	const later = (ms: number, fn: () => void) => timers.push({at: clock + ms, fn});
	const cancelled: string[] = [];
	const deps: DrillDeps = {
		readBond: (name) => host.snapshot(clock).bonds.find((b) => b.name === name) ?? null,
		actions: {
			setLinkDown: async (name) =>
				new Promise((resolve) => {
					later(300, () => host.setLinkDown(name, clock));
					later(900, () => resolve({ok: true}));
				}),
			setLinkUp: async (name) =>
				new Promise((resolve) => {
					if (options.upFails) later(900, () => resolve({ok: false, message: 'RTNETLINK answers: no'}));
					else {
						later(300, () => host.setLinkUp(name, clock));
						later(900, () => resolve({ok: true}));
					}
				}),
			setActiveSlave: async () => ({ok: true}),
		},
		now: () => clock,
		sleep: async (ms) => {
			clock += ms;
			for (const t of timers.filter((x) => x.at <= clock)) {
				timers.splice(timers.indexOf(t), 1);
				t.fn();
			}
		},
		startProbe: (target) => ({stop: async () => ({target, sent: 100, lost: 3, longestGapMs: 250})}),
		armDeadMan: () => ({description: 'test', cancel: () => cancelled.push('cancelled')}),
		...(options.adminVisible === false
			? {}
			: {linkAdminUp: (name: string) => host.snapshot(clock).interfaces.find((i) => i.name === name)?.flags.includes('UP') ?? null}),
	};
	return {deps, cancelled};
}

test('failover and return are timed from when the kernel took the link down and up, not from starting ip', async () => {
	const {deps, cancelled} = slowIp();
	const result = await runDrill({bond: 'bond0', slave: 'eth0', forMs: 3000, target: '192.0.2.254'}, deps);
	assert.equal(result.newActive, 'eth1');
	// The simulated driver: downdelay 200 + up to one miimon 100, counted from the link going down.
	assert.ok(result.failoverMs! >= 200 && result.failoverMs! <= 315, `failoverMs ${result.failoverMs}, want 200..315 (not + the 300 ms ip took to apply it)`);
	assert.ok(result.returnedToPrimaryMs! >= 200 && result.returnedToPrimaryMs! <= 315, `returnedToPrimaryMs ${result.returnedToPrimaryMs}, want 200..315`);
	const downFor = Date.parse(result.restoredAt) - Date.parse(result.downAt);
	// Down from the kernel's down to its up: the 3000 ms asked for + the 300 ms ip takes to apply the up.
	assert.ok(downFor >= 3290 && downFor <= 3330, `the link was down ${downFor} ms for a 3000 ms drill with a slow ip`);
	const returned = result.timeline.find((t) => t.what === 'ip link set eth0 down returned');
	assert.ok(returned && returned.ms >= 590 && returned.ms <= 615, `ip returned 600 ms after the link went down: ${JSON.stringify(returned)}`);
	assert.deepEqual(cancelled, ['cancelled']);
});

test('without a view of IFF_UP the clocks start at the ip command, as before', async () => {
	const {deps} = slowIp({adminVisible: false});
	const result = await runDrill({bond: 'bond0', slave: 'eth0', forMs: 3000, target: null}, deps);
	assert.ok(result.failoverMs! >= 500 && result.failoverMs! <= 610, `failoverMs ${result.failoverMs}`);
});

test('a failed ip link set up leaves the dead-man armed', async () => {
	const {deps, cancelled} = slowIp({upFails: true});
	const result = await runDrill({bond: 'bond0', slave: 'eth0', forMs: 1000, target: null}, deps);
	assert.deepEqual(cancelled, [], 'the dead-man restore must stay armed when the drill could not bring the link back');
	assert.ok(result.timeline.some((t) => /could not bring eth0 up: RTNETLINK answers: no \(the watchdog will\)/.test(t.what)));
	assert.equal(result.returnedToPrimaryMs, null);
});
