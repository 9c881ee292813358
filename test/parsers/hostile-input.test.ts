// The bonding parser on text made to hurt it: lines that made the old regular expressions
// quadratic, numbers that are not sane, files that are not bonding status files at all.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';
import {parseBondingStatus} from '../../source/kernel/bonding-status.js';
import {parseLinkLine, parseTimestampLine} from '../../source/kernel/ip-monitor.js';
import {parseNetDev} from '../../source/kernel/net-dev.js';
import {judgeBond} from '../../source/judge/judge.js';
import {bondHeaderLines} from '../../source/output/format.js';
import {cpuMs} from '../helpers/cpu-time.js';

const activeBackup = readFileSync(new URL('../fixtures/kernel/active-backup/proc/net/bonding/bond0', import.meta.url), 'utf8');

// Each of these lines took the old parser seconds (quadratic backtracking); 2 MiB each now.
const size = 2 * 1024 * 1024;
const slowLines: Array<[string, string]> = [
	['blanks after a hash policy', `Transmit Hash Policy: ${' '.repeat(size)}x`],
	['parentheses in the banner', `Ethernet Channel Bonding Driver: v${'('.repeat(size)}`],
	['colons without blanks', `${'a:'.repeat(size / 2)}`],
	['blanks after the key', `Bonding Mode:${' '.repeat(size)}`],
	['a primary of blanks and parentheses', `Primary Slave: x ${' ('.repeat(size / 2)}`],
	['a mode line of fail_over_mac markers', `Bonding Mode: fault-tolerance (active-backup) ${'(fail_over_mac '.repeat(size / 16)}`],
	['digits without end', `MII Polling Interval (ms): ${'9'.repeat(size)}`],
	['ARP targets of commas', `ARP IP target/s (n.n.n.n form): ${', '.repeat(size / 2)}`],
];

for (const [what, line] of slowLines) {
	test(`linear time: a 2 MiB line of ${what} parses in well under a second`, () => {
		const text = activeBackup.replace('MII Status: up', `${line}\nMII Status: up`);
		const {value, ms} = cpuMs(() => parseBondingStatus('bond0', text));
		assert.ok(ms < 500, `${ms.toFixed(0)} ms`);
		assert.equal(value.bond.mode === null || value.bond.mode === 'active-backup', true);
		for (const u of value.unparsed) assert.ok(u.text.length < 300, 'what is kept of a line is bounded');
	});
}

test('linear time: ip monitor and /proc/net/dev lines of 2 MiB', () => {
	const lines = [
		`5: ${'a'.repeat(size)}`,
		`5: eth0: <UP> mtu 1500 event ${'A '.repeat(size / 2)}x`,
		`5: eth0: <${'<'.repeat(size)}`,
		`Timestamp: Mon Nov 23 21:40:38 ${'2'.repeat(size)}`,
	];
	for (const line of lines) {
		const {ms} = cpuMs(() => [parseLinkLine(line, null), parseTimestampLine(line)]);
		assert.ok(ms < 500, `${line.slice(0, 30)}: ${ms.toFixed(0)} ms`);
	}
	const {ms} = cpuMs(() => parseNetDev(`eth0: ${'1 '.repeat(size / 2)}\n${' '.repeat(size)}:\n`));
	assert.ok(ms < 500, `net/dev ${ms.toFixed(0)} ms`);
});

test('not a bonding status file: mode null, said why, nothing judged', () => {
	const cases: Array<[string, string, RegExp]> = [
		['no banner', activeBackup.replace(/^Ethernet Channel Bonding Driver.*\n/m, ''), /no "Ethernet Channel Bonding Driver" banner/],
		['no mode line', activeBackup.replace(/^Bonding Mode.*\n/m, ''), /no "Bonding Mode" line/],
		['an unknown mode', activeBackup.replace(/^Bonding Mode: .*$/m, 'Bonding Mode: quantum entanglement'), /unknown bonding mode "quantum entanglement"/],
		['a text file', 'hello\nworld\n', /no "Ethernet Channel Bonding Driver" banner/],
		['an empty file', '', /no "Ethernet Channel Bonding Driver" banner/],
	];
	for (const [what, text, reason] of cases) {
		const parsed = parseBondingStatus('bond0', text);
		assert.equal(parsed.bond.mode, null, what);
		assert.match(parsed.notBondingStatus ?? '', reason, what);
		assert.deepEqual(judgeBond(parsed.bond, null), {verdict: {status: 'UNKNOWN', reason: 'the bond could not be read'}, findings: []}, `${what}: no finding from fields never read`);
		const header = bondHeaderLines(parsed.bond).join('\n');
		assert.match(header, /mode unknown: not a bonding status file/, what);
		assert.doesNotMatch(header, /neither miimon|every slave is down|balance-rr/, what);
	}
	// A real file is one.
	assert.equal(parseBondingStatus('bond0', activeBackup).notBondingStatus, null);
});

test('a truncated real file: the timers never read are null, not 0', () => {
	const cut = activeBackup.slice(0, activeBackup.indexOf('MII Polling Interval'));
	const {bond} = parseBondingStatus('bond0', cut);
	assert.equal(bond.mode, 'active-backup');
	assert.equal(bond.miimonMs, null);
	assert.equal(bond.arpIntervalMs, null);
	assert.ok(!judgeBond(bond, null).findings.some((f) => f.id === 'no-link-monitoring'), 'unknown timers are not "not set"');
	assert.match(bondHeaderLines(bond).join('\n'), /miimon unknown {2}updelay unknown {2}downdelay unknown {2}ARP monitoring unknown/);
});

test('numbers that are not sane become null plus a problem', () => {
	const text = activeBackup
		.replace(/^MII Polling Interval \(ms\): \d+$/m, `MII Polling Interval (ms): ${'9'.repeat(400)}`)
		.replace(/^Up Delay \(ms\): \d+$/m, 'Up Delay (ms): -200')
		.replace(/^Speed: .*$/m, 'Speed: -1000 Mbps')
		.replace(/^Link Failure Count: \d+$/m, 'Link Failure Count: 99999999999');
	const parsed = parseBondingStatus('bond0', text);
	assert.equal(parsed.bond.miimonMs, null);
	assert.equal(parsed.bond.updelayMs, null);
	assert.equal(parsed.bond.slaves[0]!.speedMbps, null);
	assert.equal(parsed.bond.slaves[0]!.linkFailureCount, 0);
	const problems = parsed.problems.join('\n');
	assert.match(problems, /miimon \(ms\) 9{24}… \(400 digits\) is out of range/);
	assert.match(problems, /updelay \(ms\) -200 is out of range/);
	assert.match(problems, /speed \(Mb\/s\) -1000 is out of range/);
	assert.match(problems, /link failure count 99999999999 is out of range/);
	const header = bondHeaderLines(parsed.bond).join('\n');
	assert.doesNotMatch(header, /Infinity|-200/);
	// The kernel's own "unknown" speed (-1) is not a problem.
	const unknown = parseBondingStatus('bond0', activeBackup.replace(/^Speed: .*$/m, 'Speed: -1'));
	assert.equal(unknown.bond.slaves[0]!.speedMbps, null);
	assert.deepEqual(unknown.problems, []);
});

test('at most 1024 slaves are kept, and 1,000 are parsed fast', () => {
	const slave = activeBackup.slice(activeBackup.indexOf('Slave Interface:'));
	const block = slave.slice(0, slave.indexOf('\n\n') + 2);
	const many = (n: number) => activeBackup + Array.from({length: n}, (_, i) => block.replace(/^Slave Interface: .*$/m, `Slave Interface: s${i}`)).join('');
	const {value, ms} = cpuMs(() => parseBondingStatus('bond0', many(1000)));
	assert.ok(value.bond.slaves.length >= 1000);
	assert.ok(ms < 500, `${ms} ms`);
	const capped = parseBondingStatus('bond0', many(2000));
	assert.equal(capped.bond.slaves.length, 1024);
	assert.match(capped.problems.join(), /more slaves than the 1024 shown/);
});
