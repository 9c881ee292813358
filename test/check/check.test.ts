// `bondtop check` as a monitoring system runs it: the built bundle, on --root trees of real kernel
// output (the 6.1 lab captures, and copies of them with one line edited), exit codes and output.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {cpSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';

const bin = fileURLToPath(new URL('../../dist/bondtop.js', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/kernel/${name}`, import.meta.url));

function check(...args: string[]) {
	const result = spawnSync(process.execPath, [bin, 'check', ...args], {encoding: 'utf8', input: '', timeout: 20_000, env: {...process.env, NO_COLOR: '1'}});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr, lines: result.stdout.split('\n').filter(Boolean)};
}

/** A copy of a lab capture with its bond0 proc text edited. */
function editedTree(name: string, from: string | RegExp, to: string): string {
	const dir = join(mkdtempSync(join(tmpdir(), 'bondtop-check-')), name);
	cpSync(fixture(name), dir, {recursive: true});
	const file = join(dir, 'proc/net/bonding/bond0');
	const text = readFileSync(file, 'utf8');
	const edited = text.replace(from, to);
	assert.notEqual(edited, text, 'edit applied');
	writeFileSync(file, edited);
	return dir;
}

const oneDown = () => editedTree('active-backup', /(Slave Interface: eth1\nMII Status: )up/, '$1down');

/** Perfdata of a status line, per the plugin guidelines: 'label'=value[UOM];[warn];[crit];[min];[max]. */
function perfdata(line: string): Map<string, string> {
	const [, perf] = line.split(' | ');
	assert.ok(perf, `no perfdata in ${line}`);
	const out = new Map<string, string>();
	for (const item of perf!.split(' ')) {
		const match = /^('[^'=]+'|[^'= ]+)=(-?\d+(?:\.\d+)?)(c|%|s|ms|B)?(;[^; ]*){0,4}$/.exec(item);
		assert.ok(match, `malformed perfdata ${item}`);
		out.set(match![1]!, item.slice(match![1]!.length + 1));
	}
	return out;
}

test('exit 0 OK with a healthy bond: status line and perfdata', () => {
	const r = check('--root', fixture('active-backup'));
	assert.equal(r.code, 0, r.stdout);
	assert.equal(r.lines.length, 1);
	assert.match(r.lines[0]!, /^BONDING OK - bond0: 2\/2 slaves up, active eth0, failover ready \| /);
	assert.deepEqual([...perfdata(r.lines[0]!)], [
		['slaves_up', '2;;;0;2'],
		['slaves', '2;;;0'],
		['link_failures', '0c;;;0'],
	]);
});

test('exit 1 WARNING with one slave down, the finding on the next line', () => {
	const r = check('--root', oneDown());
	assert.equal(r.code, 1, r.stdout);
	assert.match(r.lines[0]!, /^BONDING WARNING - bond0: 1\/2 slaves up, no failover left \| slaves_up=1;;;0;2 /);
	assert.match(r.lines[1]!, /^bond0: WARNING slave-down \(eth1\): eth1 is down .* \[bonding\.rst §7 Link Monitoring/);
	assert.equal(r.lines.length, 2);
});

test('exit 2 CRITICAL with no slave up (lab capture: both peers down)', () => {
	const r = check('--root', fixture('all-slaves-down'));
	assert.equal(r.code, 2, r.stdout);
	assert.match(r.lines[0]!, /^BONDING CRITICAL - bond0: no slave up \| slaves_up=0;;;0;2 slaves=2;;;0 link_failures=2c;;;0$/);
});

test('exit 3 UNKNOWN, one line on stdout, for every kind of bad input (not 2)', () => {
	for (const args of [['--bogus'], ['--root', '/nonexistent-bondtop'], ['--root', fixture('active-backup'), 'bond9'], ['--root', fixture('active-backup'), '--ignore', 'no-such-id'], ['--root', fixture('active-backup'), '--min-slaves', 'x'], ['--once']]) {
		const r = check(...args);
		assert.equal(r.code, 3, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
		assert.equal(r.lines.length, 1, r.stdout);
		assert.match(r.lines[0]!, /^BONDING UNKNOWN - \S/);
		assert.equal(r.stderr, '');
	}
	assert.match(check('--root', fixture('active-backup'), 'bond9').stdout, /no bond named bond9/);
});

test('--ignore, --warning, --critical re-map findings; --min-slaves and --expect-active', () => {
	assert.equal(check('--root', oneDown(), '--ignore', 'slave-down').code, 0);
	assert.equal(check('--root', oneDown(), '--critical', 'slave-down').code, 2);
	assert.equal(check('--root', fixture('active-backup-arp-primary'), '--expect-active', 'primary').code, 0);
	const wrong = check('--root', fixture('active-backup-arp-primary'), '--expect-active', 'eth0');
	assert.equal(wrong.code, 1);
	assert.match(wrong.stdout, /unexpected-active-slave \(eth1\): bond0's active slave is eth1, expected eth0/);
	const few = check('--root', fixture('active-backup'), '--min-slaves', '3');
	assert.equal(few.code, 2);
	assert.equal(perfdata(few.lines[0]!).get('slaves_up'), '2;;3:;0;2', 'the minimum as critical range');
	assert.equal(check('--root', oneDown(), '--warning', 'slave-down', '--min-slaves', '1').code, 1);
});

test('--checkmk: one local-check line per bond; --json: status, exit code, findings', () => {
	const r = check('--root', oneDown(), '--checkmk');
	assert.equal(r.code, 1);
	assert.equal(r.lines.length, 1);
	assert.match(r.lines[0]!, /^1 "bondtop bond0" slaves_up=1;;;0;2\|slaves=2;;;0\|link_failures=0;;;0 WARNING: 1\/2 slaves up, no failover left\\nWARNING slave-down: eth1 is down/);
	const j = check('--root', oneDown(), '--json');
	assert.equal(j.code, 1);
	const json = JSON.parse(j.stdout);
	assert.equal(json.status, 'WARNING');
	assert.equal(json.exitCode, 1);
	assert.deepEqual(json.bonds[0].perfdata, {slaves_up: 1, slaves: 2, link_failures: 0});
	assert.equal(json.bonds[0].findings[0].id, 'slave-down');
	const bad = check('--json', '--root', '/nonexistent-bondtop');
	assert.equal(bad.code, 3);
	assert.equal(JSON.parse(bad.stdout).status, 'UNKNOWN');
});

test('several bonds: worst first in the status line, perfdata prefixed with the bond', () => {
	const dir = oneDown();
	cpSync(join(fixture('all-slaves-down'), 'proc/net/bonding/bond0'), join(dir, 'proc/net/bonding/bond1'));
	const r = check('--root', dir);
	assert.equal(r.code, 2);
	assert.match(r.lines[0]!, /^BONDING CRITICAL - bond1: no slave up; bond0: 1\/2 slaves up, no failover left \| /);
	const perf = perfdata(r.lines[0]!);
	assert.equal(perf.get('bond0_slaves_up'), '1;;;0;2');
	assert.equal(perf.get('bond1_slaves_up'), '0;;;0;2');
	assert.equal(check('--root', dir, 'bond0').code, 1, 'only the named bond');
});

test('a hostile bond name cannot break the plugin line: escaped, no | in the text', () => {
	const dir = oneDown();
	const name = 'b|x\u001b[31m';
	cpSync(join(dir, 'proc/net/bonding/bond0'), join(dir, 'proc/net/bonding', name));
	const r = check('--root', dir, name);
	assert.equal(r.code, 1, r.stdout);
	assert.equal(r.stdout.includes('\u001b'), false);
	assert.equal(r.lines[0]!.split('|').length, 2, 'one perfdata separator');
	assert.match(r.lines[0]!, /^BONDING WARNING - b¦x\\x1b\[31m: /);
});

test('--once and --json carry the verdict first / as additive fields', () => {
	const once = spawnSync(process.execPath, [bin, '--once', '--root', oneDown()], {encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});
	const lines = once.stdout.split('\n').filter(Boolean);
	assert.equal(lines[1], 'bond0: WARNING  1/2 slaves up, no failover left');
	assert.match(once.stdout, /\n {2}! eth1 is down .*\[slave-down\]\n/);
	const json = JSON.parse(spawnSync(process.execPath, [bin, '--json', '--root', oneDown()], {encoding: 'utf8'}).stdout);
	assert.deepEqual(json.bonds[0].verdict, {status: 'WARNING', reason: '1/2 slaves up, no failover left'});
	assert.deepEqual(Object.keys(json.bonds[0].findings[0]).sort(), ['bond', 'id', 'message', 'reference', 'severity', 'subject']);
});
