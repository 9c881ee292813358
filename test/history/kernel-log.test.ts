import assert from 'node:assert/strict';
import {readFileSync, readdirSync} from 'node:fs';
import {test} from 'node:test';
import {kernelLogEvents, parseJournalJson, parseKernelLogText, parseKmsgRecord, parseKmsgText, recogniseBondingMessage} from '../../source/history/kernel-log.js';
import {failoverLine, failoverSummary} from '../../source/history/failover-summary.js';
import type {Bond} from '../../source/model/types.js';

const dir = new URL('../fixtures/kmsg/', import.meta.url);
const fixture = (name: string) => parseKmsgText(readFileSync(new URL(`${name}.kmsg`, dir), 'utf8'));
/** The commands of a case with their CLOCK_MONOTONIC microseconds. */
const commands = (name: string) =>
	readFileSync(new URL(`${name}.commands.txt`, dir), 'utf8')
		.split('\n')
		.filter((l) => /^\d/.test(l))
		.map((l) => ({us: Number(l.slice(0, l.indexOf(' '))), command: l.slice(l.indexOf(' ') + 1)}));
const activeChanges = (name: string) =>
	kernelLogEvents(fixture(name), {bonds: new Set(['bond0']), bootWallMs: 0}).events.filter((e) => e.kind === 'active-slave');

test('every bond0 message the real driver wrote in every mode is recognised, except the few that are no event', () => {
	const cases = readdirSync(dir).filter((f) => f.endsWith('.kmsg'));
	assert.ok(cases.length >= 10, 'a capture per mode');
	const notEvents = [/^IPv6: ADDRCONF\(NETDEV_CHANGE\): p?bond0: link becomes ready$/, /^bond0: \(slave eth\d\): the permanent HWaddr of slave - /];
	let recognised = 0;
	for (const file of cases) {
		for (const record of parseKmsgText(readFileSync(new URL(file, dir), 'utf8'))) {
			const entry = recogniseBondingMessage(record.message);
			if (/^p?bond0[: ]/.test(record.message) || record.message.includes(' bond0:')) {
				if (notEvents.some((re) => re.test(record.message))) continue;
				assert.ok(entry, `${file}: not recognised: ${record.message}`);
				assert.match(entry.bond, /^p?bond0$/);
				recognised++;
			} else {
				assert.equal(entry, null, `${file}: ${record.message} is not the bonding driver's`);
			}
		}
	}
	assert.ok(recognised > 200, `recognised ${recognised}`);
});

test('kmsg records: sequence, microseconds since boot, escaped bytes back to UTF-8', () => {
	assert.deepEqual(parseKmsgRecord('6,390,7780762,-;bond0: (slave eth1): making interface the new active one'), {
		seq: 390,
		bootUs: 7780762,
		wallMs: null,
		message: 'bond0: (slave eth1): making interface the new active one',
	});
	assert.equal(parseKmsgRecord('6,1,2,-;bond0: (slave e\\x1b[2Jx): making interface the new active one\n SUBSYSTEM=net')!.message, 'bond0: (slave e\x1b[2Jx): making interface the new active one');
	assert.equal(parseKmsgRecord('6,1,2,-;bond0: (slave \\xc3\\xa9th0): Releasing backup interface')!.message, 'bond0: (slave éth0): Releasing backup interface');
	assert.equal(parseKmsgRecord('garbage'), null);
	assert.equal(parseKmsgRecord('6,x,2,-;bond0: active interface up!'), null);
});

test('active-backup with delays and a primary: every active-slave change, from and to, timed after the ip that caused it', () => {
	const changes = activeChanges('active-backup');
	assert.deepEqual(
		changes.map((e) => `${e.from ?? 'none'}>${e.to ?? 'none'}`),
		['none>eth0', 'eth0>eth1', 'eth1>eth0', 'eth0>eth1', 'none>eth0'],
		'enslaved, failover, back to the primary, forced to eth1, both down (no active), eth0 back first',
	);
	const cmds = commands('active-backup');
	const pull = cmds.find((c) => c.command === 'ip -n sw link set sw0 down')!;
	const failover = changes[1]!;
	// bootWallMs 0: atMs is the kernel's monotonic time in ms, the clock of the commands file.
	const afterPull = failover.atMs - pull.us / 1000;
	assert.ok(afterPull > 200 && afterPull < 500, `failover ${afterPull} ms after the peer went down (downdelay 200 + a miimon tick)`);
	assert.ok(failover.linkDownAtMs! >= pull.us / 1000, 'the link was seen going down after the command');
	assert.ok(failover.atMs - failover.linkDownAtMs! >= 200, 'downdelay 200 between the driver seeing it and the failover');
	const forced = cmds.find((c) => c.command.includes('active_slave eth1'))!;
	assert.ok(changes[3]!.atMs - forced.us / 1000 < 200, 'the forced change follows its command at once');
	assert.equal(kernelLogEvents(fixture('active-backup'), {bonds: new Set(['bond0']), bootWallMs: 0}).failovers.get('bond0'), 3);
});

test('active-backup without delays, three slaves: failovers chain through every slave, then none is left', () => {
	const changes = activeChanges('active-backup-no-delays');
	assert.deepEqual(
		changes.map((e) => `${e.from ?? 'none'}>${e.to ?? 'none'}`),
		['none>eth0', 'eth0>eth1', 'eth1>eth0', 'eth0>eth1', 'eth1>eth2', 'eth2>none', 'none>eth0'],
	);
	assert.equal(changes[5]!.severity, 'warning');
	assert.match(changes[5]!.message, /^kernel: bond0 now running without any active slave$/);
});

test('modes without an active slave: no active-slave changes, only when every slave is down', () => {
	for (const mode of ['balance-rr', 'balance-xor', 'broadcast']) {
		const events = kernelLogEvents(fixture(mode), {bonds: new Set(['bond0']), bootWallMs: 0}).events;
		assert.deepEqual(events.filter((e) => e.kind === 'active-slave').map((e) => e.to), [null], mode);
		assert.ok(events.some((e) => e.kind === 'mii' && e.interfaceName === 'eth0' && /definitely down/.test(e.message)), mode);
		assert.ok(events.some((e) => e.kind === 'slave-removed' && /released eth1 \(backup\)/.test(e.message)), mode);
	}
	const tlb = activeChanges('balance-tlb');
	assert.equal(tlb.filter((e) => e.from && e.to).length, 3, 'tlb has an active slave and fails over');
});

test('802.3ad: LACP messages and no partner', () => {
	const events = kernelLogEvents(fixture('802.3ad-no-partner'), {bonds: new Set(['bond0']), bootWallMs: 0}).events;
	const lacp = events.filter((e) => e.kind === 'lacp');
	assert.ok(lacp.some((e) => /No 802\.3ad response from the link partner/.test(e.message) && e.severity === 'warning'), JSON.stringify(lacp));
	const withPartner = kernelLogEvents(fixture('802.3ad'), {bonds: new Set(['bond0']), bootWallMs: 0}).events;
	assert.ok(withPartner.some((e) => e.kind === 'lacp' && /Removing an active aggregator/.test(e.message)));
	assert.ok(!withPartner.some((e) => e.bond === 'pbond0'), 'only the bonds asked for');
});

test('older drivers\' wording (3.x-4.x kernels, "bonding: " prefix) is recognised too', () => {
	const cases: Array<[string, string, string | null, string]> = [
		['bond1: link status definitely down for interface ens19, disabling it', 'link-down', 'ens19', 'bond1'],
		['bond1: making interface ens19 the new active one', 'new-active', 'ens19', 'bond1'],
		['bonding: bond0: making interface eth1 the new active one.', 'new-active', 'eth1', 'bond0'],
		['bond1: link status definitely up for interface ens19, 0 Mbps full duplex', 'link-up', 'ens19', 'bond1'],
		['bond0: now running without any active interface !', 'no-active', null, 'bond0'],
		['bond0: Enslaving eth0 as a backup interface with an up link', 'enslave', 'eth0', 'bond0'],
		['bond0: enslaving eth0 as an active interface with an up link.', 'enslave', 'eth0', 'bond0'],
		['bond0: Releasing active interface eth0', 'release', 'eth0', 'bond0'],
		['bond0: link status down for active interface eth0, disabling it in 200 ms', 'link-going-down', 'eth0', 'bond0'],
		['bond0: link status up for interface eth0, enabling it in 200 ms', 'link-going-back', 'eth0', 'bond0'],
		['bond0: first active interface up!', 'active-up', null, 'bond0'],
	];
	for (const [message, kind, slave, bond] of cases) {
		const entry = recogniseBondingMessage(message);
		assert.ok(entry, message);
		assert.equal(entry.kind, kind, message);
		assert.equal(entry.slave, slave, message);
		assert.equal(entry.bond, bond, message);
	}
	for (const other of ['eth0: link up', 'br0: port 1(sw0) entered blocking state', 'IPv6: ADDRCONF(NETDEV_CHANGE): bond0: link becomes ready', 'bond0: something new']) {
		assert.equal(recogniseBondingMessage(other), null, other);
	}
});

test('text logs: dmesg, dmesg -T, kern.log and ISO syslog; journalctl JSON with byte-array messages', () => {
	const text = [
		'[   12.345678] bond0: (slave eth1): making interface the new active one',
		'[Mon Nov 30 09:17:24 2026] bond0: (slave eth0): making interface the new active one',
		'Nov 30 09:17:25 pi kernel: [   13.000001] bond0: (slave eth1): making interface the new active one',
		'2026-11-30T09:17:26.250000+00:00 pi kernel: bond0: (slave eth0): making interface the new active one',
		'not a log line',
	].join('\n');
	const records = parseKernelLogText(text, {yearHint: 2026});
	assert.equal(records.length, 4);
	assert.deepEqual(records[0], {seq: null, bootUs: 12_345_678, wallMs: null, message: 'bond0: (slave eth1): making interface the new active one'});
	assert.equal(records[1]!.wallMs, Date.UTC(2026, 10, 30, 9, 17, 24));
	assert.equal(records[2]!.wallMs, Date.UTC(2026, 10, 30, 9, 17, 25));
	assert.equal(records[2]!.bootUs, 13_000_001);
	assert.equal(records[3]!.wallMs, Date.UTC(2026, 10, 30, 9, 17, 26, 250));
	const history = kernelLogEvents(records, {bonds: null, bootWallMs: null});
	assert.equal(history.events.length, 3, 'the dmesg line without a boot time has no time: dropped');
	const journal = [
		JSON.stringify({MESSAGE: 'bond0: (slave eth0): link status definitely down, disabling slave', __REALTIME_TIMESTAMP: '1795943844000000', _SOURCE_MONOTONIC_TIMESTAMP: '5000000'}),
		JSON.stringify({MESSAGE: [...Buffer.from('bond0: (slave \u00e9th1): making interface the new active one')], __REALTIME_TIMESTAMP: '1795943844100000'}),
		'{broken',
	].join('\n');
	const j = parseJournalJson(journal);
	assert.equal(j.length, 2);
	assert.equal(j[0]!.wallMs, 1795943844000);
	assert.equal(j[0]!.bootUs, 5_000_000);
	assert.equal(recogniseBondingMessage(j[1]!.message)!.slave, '\u00e9th1');
});

test('hostile input: a long line does not backtrack, names are bounded', () => {
	const long = `bond0: (slave eth0): ${'link status '.repeat(20_000)}`;
	const t0 = process.hrtime.bigint();
	assert.equal(recogniseBondingMessage(long), null);
	assert.equal(recogniseBondingMessage(`${'a'.repeat(100_000)}: x`), null);
	const records = parseKernelLogText(`[${'1'.repeat(50_000)}`);
	assert.equal(records.length, 0);
	assert.ok(Number(process.hrtime.bigint() - t0) / 1e6 < 200, 'linear time');
});

test('the failover summary: last failover with the time since the link went down, active since, count, primary', () => {
	const history = kernelLogEvents(fixture('active-backup'), {bonds: new Set(['bond0']), bootWallMs: 1_000_000});
	const bond = {name: 'bond0', mode: 'active-backup', activeSlave: 'eth0', primary: 'eth0'} as Bond;
	const summary = failoverSummary(bond, history.events, {kernelFailovers: history.failovers, kernelLog: 'boot'})!;
	assert.equal(summary.failovers, 3);
	assert.equal(summary.countedSince, 'boot');
	assert.equal(summary.onPrimary, true);
	assert.equal(summary.lastFailover!.from, 'eth0');
	assert.equal(summary.lastFailover!.to, 'eth1', 'the last change from a slave to another was the forced one');
	assert.equal(summary.lastFailover!.origin, 'kernel-log');
	assert.equal(summary.activeSinceMs, history.events.filter((e) => e.kind === 'active-slave').at(-1)!.atMs);
	// A failover bondtop saw itself counts on top of the kernel's.
	const seen = [...history.events, {atMs: 1_100_000, kind: 'active-slave' as const, bond: 'bond0', interfaceName: 'bond0', message: 'x', severity: 'info' as const, from: 'eth0', to: 'eth1'}];
	const later = failoverSummary({...bond, activeSlave: 'eth1'}, seen, {kernelFailovers: history.failovers, kernelLog: 'boot'})!;
	assert.equal(later.failovers, 4);
	assert.equal(later.onPrimary, false);
	assert.equal(later.lastFailover!.origin, 'bondtop');
	assert.equal(later.activeSinceMs, 1_100_000);
	const line = failoverLine(later, 1_160_000, (ms) => `T${ms}`);
	assert.equal(line, 'last failover eth0 -> eth1 T1100000 (60 s ago) · active since T1100000 · 4 failovers since boot · NOT on primary');
	const ab = kernelLogEvents(fixture('active-backup'), {bonds: new Set(['bond0']), bootWallMs: 0}).events.find((e) => e.linkDownAtMs);
	assert.match(failoverLine(failoverSummary({...bond, activeSlave: 'eth1'}, [ab!], {kernelFailovers: new Map(), kernelLog: 'none'})!, ab!.atMs + 1000, String), /256 ms after the link went down\) · active since \d+(\.\d+)? · 0 failovers since bondtop started · NOT on primary$/);
	assert.equal(failoverSummary({...bond, mode: 'balance-rr'}, history.events, {kernelFailovers: history.failovers, kernelLog: 'boot'}), null);
});

test('a failover bondtop saw itself: how long after it saw the old slave go down', () => {
	const bond = {name: 'bond0', mode: 'active-backup', activeSlave: 'eth1', primary: null} as Bond;
	const ev = (atMs: number, kind: 'mii' | 'active-slave' | 'admin', interfaceName: string, severity: 'info' | 'warning', extra = {}) => ({atMs, kind, bond: 'bond0', interfaceName, message: '', severity, ...extra});
	const events = [
		ev(500, 'mii', 'eth0', 'warning'),
		ev(600, 'mii', 'eth0', 'info'),
		ev(1000, 'admin', 'eth0', 'warning'),
		ev(1050, 'mii', 'eth0', 'warning'),
		ev(1250, 'active-slave', 'bond0', 'info', {from: 'eth0', to: 'eth1'}),
	];
	const summary = failoverSummary(bond, events, {kernelFailovers: new Map(), kernelLog: 'none'})!;
	assert.equal(summary.lastFailover!.afterLinkDownMs, 250, 'from the admin down at 1000, not the earlier flap that came back');
	// The link's fall and the failover first seen in one sample (cause first): how long between them is not known.
	const oneSample = [ev(2000, 'admin', 'eth0', 'warning'), ev(2000, 'mii', 'eth0', 'warning'), ev(2000, 'active-slave', 'bond0', 'info', {from: 'eth0', to: 'eth1'})];
	assert.equal(failoverSummary(bond, oneSample, {kernelFailovers: new Map(), kernelLog: 'none'})!.lastFailover!.afterLinkDownMs, null);
	assert.equal(summary.failovers, 1);
	assert.equal(summary.onPrimary, null);
});

test('the header line at any width: the count goes first, then "on primary", then "ago"; from -> to, when, how long and NOT on primary stay', () => {
	const summary = {
		bond: 'bond0',
		lastFailover: {atMs: 10_000, from: 'eth0', to: 'eth1', afterLinkDownMs: 212, origin: 'kernel-log' as const},
		activeSinceMs: 10_000,
		failovers: 3,
		countedSince: 'log' as const,
		onPrimary: false,
	};
	const clock = (ms: number) => `T${ms}`;
	const full = failoverLine(summary, 70_000, clock);
	assert.equal(full, 'last failover eth0 -> eth1 T10000 (60 s ago, 212 ms after the link went down) · active since T10000 · 3 failovers in the kernel log · NOT on primary');
	assert.equal(failoverLine(summary, 70_000, clock, full.length), full);
	const widths = [120, 100, 78, 60];
	const lines = widths.map((w) => failoverLine(summary, 70_000, clock, w));
	assert.equal(lines[0], 'last failover eth0 -> eth1 T10000 (60 s ago, 212 ms after the link went down) · active since T10000 · NOT on primary');
	assert.equal(lines[2], 'last failover eth0 -> eth1 T10000 (212 ms after link down) · NOT on primary', 'active since is the failover\'s time: implied');
	assert.equal(failoverLine({...summary, activeSinceMs: 20_000}, 70_000, clock, 60), 'failover eth0 -> eth1 T10000 (212 ms) · NOT on primary · active since T20000');
	for (const [i, line] of lines.entries()) {
		assert.match(line, /eth0 -> eth1 T10000 .*212 ms/, `${widths[i]}: from -> to, when, how long`);
		assert.match(line, /NOT on primary/, `${widths[i]}`);
		if (line.length <= widths[i]!) continue;
		assert.equal(i, lines.length - 1, `only the narrowest may still be too long: ${line}`);
	}
	assert.equal(failoverLine({...summary, onPrimary: true}, 70_000, clock, 100), 'last failover eth0 -> eth1 T10000 (60 s ago, 212 ms after the link went down) · active since T10000');
});

test("the header prefers the kernel's record of a failover bondtop also saw: the driver's time and how long it took", () => {
	const bond = {name: 'bond0', mode: 'active-backup', activeSlave: 'eth1', primary: null} as Bond;
	const base = {kernelFailovers: new Map<string, number>(), kernelLog: 'boot' as const};
	const ev = (atMs: number, extra: object) => ({atMs, kind: 'active-slave' as const, bond: 'bond0', interfaceName: 'bond0', message: '', severity: 'info' as const, from: 'eth0', to: 'eth1', ...extra});
	const seenDown = {atMs: 10_018, kind: 'admin' as const, bond: 'bond0', interfaceName: 'eth0', message: '', severity: 'warning' as const};
	const kernel = ev(10_159, {origin: 'kernel-log', linkDownAtMs: 9_935});
	const seen = ev(10_583, {});
	const summary = failoverSummary(bond, [seenDown, kernel, seen], base)!;
	assert.deepEqual(summary.lastFailover, {atMs: 10_159, from: 'eth0', to: 'eth1', afterLinkDownMs: 224, origin: 'kernel-log'});
	assert.equal(summary.activeSinceMs, 10_159);
	assert.equal(summary.failovers, 1, 'one failover, counted once');
	// Without the kernel's timing (or a later, other failover), bondtop's own sighting stands.
	assert.equal(failoverSummary(bond, [seenDown, ev(10_159, {origin: 'kernel-log', linkDownAtMs: null}), seen], base)!.lastFailover!.origin, 'bondtop');
	assert.equal(failoverSummary(bond, [seenDown, kernel, ev(16_000, {})], base)!.lastFailover!.atMs, 16_000);
});
