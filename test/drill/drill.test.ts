import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';
import {createDemoActions, SimulatedHost} from '../../source/demo/simulated-host.js';
import {drillRisk, drillTarget} from '../../source/drill/command.js';
import {lockoutRisk, sessionInterface, sshAddresses} from '../../source/drill/lockout.js';
import {parsePingLine, summarisePing} from '../../source/drill/ping.js';
import {drillBlock, drillSummary, DrillError, runDrill, type DrillDeps} from '../../source/drill/run-drill.js';
import {MonitorParser, parseLinkLine, parseTimestampLine} from '../../source/kernel/ip-monitor.js';
import {UsageError} from '../../source/errors.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/host/${name}`, import.meta.url), 'utf8');

test('ping -D -O output (real, iputils 20221126): replies, no-answer lines, the outage', () => {
	const lines = fixture('ping-with-loss.txt').split('\n');
	assert.deepEqual(parsePingLine(lines[1]!), {kind: 'reply', atMs: 1795470048174.225, seq: 1, rttMs: 1.02});
	assert.equal(parsePingLine('[1795470048.674139] no answer yet for icmp_seq=9').kind, 'no-answer');
	const result = summarisePing('198.51.100.2', lines);
	assert.equal(result.sent, 32, 'from the summary line');
	assert.equal(result.lost, 0, 'the queued probes did come back, late');
	// Replies stopped at .562 (seq 8) and resumed at 49.634: a 1072 ms outage as the user saw it.
	assert.equal(result.longestGapMs, 1072);
});

test('ping summary line wins over counting', () => {
	const result = summarisePing('x', ['[1.000] 64 bytes from x: icmp_seq=1 ttl=64 time=1 ms', '10 packets transmitted, 7 received, 30% packet loss, time 500ms']);
	assert.deepEqual(result, {target: 'x', sent: 10, lost: 3, longestGapMs: null});
});

test('ip -timestamp monitor link (real output): timestamps and link lines', () => {
	const parser = new MonitorParser();
	const notifications = fixture('ip-timestamp-monitor-link.txt').split('\n').map((l) => parser.push(l)).filter((n) => n !== null);
	assert.equal(notifications.length, 11);
	const first = notifications[0]!;
	assert.equal(first.name, 'vt1');
	assert.equal(first.atMs, parseTimestampLine('Timestamp: Mon Nov 23 21:40:38 2026 219280 usec'));
	assert.equal(new Date(first.atMs!).getMilliseconds(), 219);
	assert.ok(notifications.some((n) => n.flags.includes('NO-CARRIER')));
	assert.equal(notifications.at(-1)!.deleted, true);
	const failover = parseLinkLine('7: bond0: <BROADCAST,MULTICAST,MASTER,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default event BONDING FAILOVER ', 5);
	assert.equal(failover?.event, 'BONDING FAILOVER');
	assert.equal(parseLinkLine('    link/ether 7a:43:61:7e:f3:a7 brd ff:ff:ff:ff:ff:ff', null), null);
});

/** A drill on the simulated driver with a virtual clock: deterministic, no real waiting. */
function simulatedDrill(options: {primaryReselect?: 'always' | 'better' | 'failure'} = {}) {
	let clock = Date.UTC(2026, 0, 1);
	// Both links up and eth0 named primary (the origin demo has none): drills that return to a primary.
	const host = new SimulatedHost({primary: true, scenario: 'steady', primaryReselect: options.primaryReselect}, clock);
	const deadMen: string[] = [];
	const cancelled: string[] = [];
	const deps: DrillDeps = {
		readBond: (name) => host.snapshot(clock).bonds.find((b) => b.name === name) ?? null,
		actions: createDemoActions(host, () => clock),
		now: () => clock,
		sleep: async (ms) => {
			clock += ms;
		},
		startProbe: (target) => ({stop: async () => ({target, sent: 200, lost: 5, longestGapMs: 300})}),
		armDeadMan: (name, afterMs) => {
			deadMen.push(`${name} ${afterMs}`);
			return {description: 'test', cancel: () => cancelled.push(name)};
		},
	};
	return {host, deps, deadMen, cancelled, now: () => clock};
}

test('drill on the active slave: failover after miimon + downdelay, back on the primary after updelay', async () => {
	const {deps, deadMen, cancelled, host, now} = simulatedDrill();
	const result = await runDrill({bond: 'bond0', slave: 'eth0', forMs: 5000, target: '192.0.2.254'}, deps);
	assert.equal(result.newActive, 'eth1');
	assert.ok(result.failoverMs! >= 200 && result.failoverMs! <= 300 + 10, `failover ${result.failoverMs} ms ~ downdelay 200 + up to one miimon 100`);
	assert.ok(result.returnedToPrimaryMs! >= 200 && result.returnedToPrimaryMs! <= 310, `return ${result.returnedToPrimaryMs} ms ~ updelay 200 + miimon`);
	assert.equal(Date.parse(result.restoredAt) - Date.parse(result.downAt) >= 5000, true);
	assert.deepEqual(result.probes, {target: '192.0.2.254', sent: 200, lost: 5, longestGapMs: 300});
	assert.deepEqual(deadMen, ['eth0 6000'], 'the dead-man restore is armed past the drill length');
	assert.deepEqual(cancelled, ['eth0'], 'and disarmed once the drill restored the link itself');
	assert.ok(host.snapshot(now()).interfaces.find((i) => i.name === 'eth0')!.flags.includes('UP'));
	assert.match(drillSummary(result), /failover to eth1 in \d+ ms .*5\/200 lost, longest gap 300 ms .*back on primary eth0/);
	assert.ok(result.timeline.some((t) => t.what === 'eth0 MII up -> going down'));
});

test('drill on a backup slave: no failover, the active stays', async () => {
	const {deps} = simulatedDrill();
	const result = await runDrill({bond: 'bond0', slave: 'eth1', forMs: 1000, target: null}, deps);
	assert.equal(result.failoverMs, null);
	assert.equal(result.newActive, 'eth0');
	assert.equal(result.probes.sent, 0);
	assert.match(drillSummary(result), /no failover needed/);
	assert.equal(result.returnedToPrimaryMs, null, 'the bond never left its primary: nothing to time');
	assert.doesNotMatch(drillSummary(result), /back on primary/);
	assert.match(drillSummary(result), /on primary eth0 at the restore \(no return needed\)/);
	assert.ok(result.timeline.some((t) => /restored: the times from here count from the restore/.test(t.what)), 'the timeline says when it restarts');
});

test('drill after a moved the bond off its primary: failover onto the primary is not a "return"', async () => {
	const {deps, host, now} = simulatedDrill();
	host.setActiveSlave('bond0', 'eth1', now());
	const result = await runDrill({bond: 'bond0', slave: 'eth1', forMs: 1000, target: null}, deps);
	assert.equal(result.newActive, 'eth0');
	assert.equal(result.activeAtRestore, 'eth0');
	assert.equal(result.returnedToPrimaryMs, null);
	assert.doesNotMatch(drillSummary(result), /back on primary eth0 0 ms/);
	assert.match(drillSummary(result), /failover to eth0 .*on primary eth0 at the restore/);
	const block = drillBlock({...result, simulated: true});
	assert.deepEqual(block.map((l) => l.split(':')[0]!.trim()), ['drill bond0/eth1 (simulated)', 'failover', 'outage', 'recovery']);
	for (const line of block) assert.ok(line.length <= 80 - 13, `fits 80 columns after the log's timestamp: ${line}`);
});

test('a refused link-down is a DrillError and disarms the dead-man', async () => {
	const {deps, cancelled} = simulatedDrill();
	deps.actions = {...deps.actions, setLinkDown: async () => ({ok: false, message: 'needs root'})};
	await assert.rejects(runDrill({bond: 'bond0', slave: 'eth0', forMs: 1000, target: null}, deps), (e: unknown) => e instanceof DrillError && e.message === 'needs root');
	assert.deepEqual(cancelled, ['eth0']);
	await assert.rejects(runDrill({bond: 'bond0', slave: 'eth7', forMs: 1000, target: null}, deps), /eth7 is not a slave of bond0/);
});

test('lockout guard: SSH over the bond, last working slave, the bond itself', () => {
	const host = new SimulatedHost({primary: true, scenario: 'steady'}, 0);
	const snapshot = host.snapshot(0);
	const env = {SSH_CONNECTION: '192.168.176.7 50000 192.168.176.20 22'};
	assert.deepEqual(sshAddresses(env), {client: '192.168.176.7', server: '192.168.176.20'});
	assert.equal(sessionInterface(snapshot, env, () => 'never'), 'bond0', 'the interface holding the server address');
	assert.equal(sessionInterface(snapshot, {SSH_CONNECTION: '10.9.9.9 1 10.8.8.8 22'}, () => 'wlan0'), 'wlan0', 'else the route to the client');
	assert.equal(sessionInterface(snapshot, {}), null);
	assert.deepEqual(lockoutRisk(snapshot, 'eth0', 'bond0'), {risky: false}, 'eth1 is still up');
	assert.equal(lockoutRisk(snapshot, 'bond0', 'bond0').risky, true);
	host.setLinkDown('eth1', 0);
	const later = host.snapshot(1000);
	const risk = lockoutRisk(later, 'eth0', 'bond0');
	assert.equal(risk.risky, true);
	assert.match((risk as {reason: string}).reason, /last working slave/);
	assert.equal(drillRisk(later, later.bonds[0]!, 'eth0', {}).risky, true, 'even without SSH the last slave needs --force');
	assert.equal(drillRisk(snapshot, snapshot.bonds[0]!, 'eth0', {}).risky, false);
});

test('probe target: --target, else the ARP target, else the gateway', () => {
	const bond = new SimulatedHost({}, 0).snapshot(0).bonds[0]!;
	assert.equal(drillTarget(bond, '192.0.2.9', false), '192.0.2.9');
	assert.throws(() => drillTarget(bond, 'gateway', false), UsageError);
	assert.equal(drillTarget({...bond, arpIpTargets: ['192.0.2.254']}, null, false, () => 'x'), '192.0.2.254');
	assert.equal(drillTarget(bond, null, false, () => '192.0.2.1'), '192.0.2.1');
});
