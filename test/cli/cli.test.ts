// Runs the built single-file bundle (dist/bondtop.js, `npm run build`) the way a user does.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';

const bin = fileURLToPath(new URL('../../dist/bondtop.js', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/kernel/${name}`, import.meta.url));

function run(...args: string[]) {
	const result = spawnSync(process.execPath, [bin, ...args], {encoding: 'utf8', input: '', timeout: 20_000, env: {...process.env, NO_COLOR: '1'}});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

test('the bundle exists (npm run build)', () => assert.ok(existsSync(bin), `${bin} missing: run npm run build`));

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const nullableString = (v: unknown) => v === null || typeof v === 'string';
const nullableNumber = (v: unknown) => v === null || typeof v === 'number';

/** Checks one JSON snapshot against schema 1 as the README documents it. */
function assertSchema1(json: unknown) {
	assert.ok(isObject(json));
	assert.equal(json.schema, 1);
	assert.equal(typeof json.hostname, 'string');
	assert.ok(!Number.isNaN(Date.parse(String(json.takenAt))) && String(json.takenAt).endsWith('Z'));
	assert.ok(Array.isArray(json.bonds) && Array.isArray(json.interfaces));
	for (const bond of json.bonds as unknown[]) {
		assert.ok(isObject(bond));
		assert.ok(['balance-rr', 'active-backup', 'balance-xor', 'broadcast', '802.3ad', 'balance-tlb', 'balance-alb'].includes(bond.mode as string));
		for (const key of ['name', 'failOverMac', 'miiStatus']) assert.equal(typeof bond[key], 'string', key);
		for (const key of ['activeSlave', 'primary', 'primaryReselect', 'xmitHashPolicy']) assert.ok(nullableString(bond[key]), key);
		for (const key of ['miimonMs', 'updelayMs', 'downdelayMs', 'arpIntervalMs']) assert.equal(typeof bond[key], 'number', key);
		assert.ok(Array.isArray(bond.arpIpTargets));
		if (bond.lacp !== null) {
			assert.ok(isObject(bond.lacp));
			assert.deepEqual(Object.keys(bond.lacp).sort(), ['actorKey', 'aggregatorId', 'numberOfPorts', 'partnerKey', 'partnerMac', 'rate']);
		}
		for (const slave of bond.slaves as unknown[]) {
			assert.ok(isObject(slave));
			assert.equal(typeof slave.name, 'string');
			assert.ok([null, 'active', 'backup'].includes(slave.state as string));
			assert.ok(['up', 'down', 'going down', 'going back'].includes(slave.miiStatus as string));
			assert.equal(typeof slave.linkFailureCount, 'number');
			assert.ok(nullableString(slave.permHwAddr) && nullableString(slave.duplex));
			assert.ok(nullableNumber(slave.speedMbps) && nullableNumber(slave.aggregatorId));
		}
	}
	for (const iface of json.interfaces as unknown[]) {
		assert.ok(isObject(iface));
		assert.ok(Array.isArray(iface.flags) && Array.isArray(iface.ipv4) && Array.isArray(iface.ipv6));
		for (const key of ['macAddress', 'master', 'driver']) assert.ok(nullableString(iface[key]), key);
		for (const key of ['mtu', 'txQueueLen', 'rxBytesPerSecond', 'txBytesPerSecond']) assert.ok(nullableNumber(iface[key]), key);
		assert.ok(isObject(iface.rx) && isObject(iface.tx));
		assert.deepEqual(Object.keys(iface.rx).sort(), ['bytes', 'dropped', 'errors', 'frame', 'overruns', 'packets']);
		assert.deepEqual(Object.keys(iface.tx).sort(), ['bytes', 'carrier', 'collisions', 'dropped', 'errors', 'overruns', 'packets']);
		for (const a of iface.ipv4 as Array<Record<string, unknown>>) assert.deepEqual(Object.keys(a).sort(), ['address', 'broadcast', 'prefixLength']);
		for (const a of iface.ipv6 as Array<Record<string, unknown>>) assert.deepEqual(Object.keys(a).sort(), ['address', 'prefixLength', 'scope']);
	}
}

test('--json --demo: schema 1, labelled simulated, rates null after one sample', () => {
	const {code, stdout} = run('--json', '--demo');
	assert.equal(code, 0);
	const json = JSON.parse(stdout);
	assertSchema1(json);
	assert.equal(json.simulated, true);
	assert.equal(json.bonds[0].name, 'bond0');
	assert.equal(json.bonds[0].activeSlave, 'eth0');
	assert.ok(json.interfaces.every((i: {rxBytesPerSecond: unknown}) => i.rxBytesPerSecond === null));
});

test('--json of the live host (no bond here) and of every real-kernel fixture', () => {
	assertSchema1(JSON.parse(run('--json').stdout));
	for (const name of ['802.3ad', 'balance-rr', 'active-backup-arp-primary', 'no-slaves', 'all-slaves-down']) {
		const {code, stdout} = run('--json', '--root', fixture(name));
		assert.equal(code, 0, name);
		const json = JSON.parse(stdout);
		assertSchema1(json);
		assert.equal(json.simulated, undefined, 'only the demo is labelled simulated');
	}
});

test('--once prints the ifconfig-like layout; a pipe without flags does too', () => {
	const once = run('--once', '--root', fixture('active-backup'));
	assert.equal(once.code, 0);
	assert.match(once.stdout, /active slave: eth0/);
	assert.match(once.stdout, /^eth0\s+ACTIVE\s+Link encap:Ethernet/m);
	assert.match(once.stdout, /^eth1\s+BACKUP/m);
	assert.match(once.stdout, /UP BROADCAST RUNNING MASTER MULTICAST/);
	const piped = run('--root', fixture('active-backup'));
	assert.equal(piped.code, 0);
	assert.equal(piped.stdout.replace(/\S+Z\n/, ''), once.stdout.replace(/\S+Z\n/, ''));
});

test('BOND names select bonds; an unknown one is a one-line error, exit 2', () => {
	assert.equal(run('--once', '--root', fixture('active-backup'), 'bond0').code, 0);
	const bad = run('--once', '--root', fixture('active-backup'), 'bond9');
	assert.equal(bad.code, 2);
	assert.equal(bad.stderr, 'bondtop: no bond named bond9 (bonds here: bond0)\n');
});

const badInputs: Array<[string[], RegExp]> = [
	[['--root', '/nonexistent/dir'], /^bondtop: cannot read --root \/nonexistent\/dir: ENOENT\n$/],
	[['--interval', '10'], /^bondtop: --interval must be/],
	[['--interval', 'soon'], /^bondtop: --interval must be/],
	[['--once', '--json'], /^bondtop: --once and --json/],
	[['--demo', '--demo-bonds', '99'], /^bondtop: --demo-bonds must be/],
	[['--frobnicate'], /^bondtop: unknown flag --frobnicate\n$/],
];
for (const [args, message] of badInputs) {
	test(`bad input ${args.join(' ')}: one line, exit 2, no stack trace`, () => {
		const {code, stderr} = run(...args);
		assert.equal(code, 2);
		assert.match(stderr, message);
		assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
		assert.ok(stderr.trim().split('\n').length <= 2);
	});
}

test('--version and --help', () => {
	assert.match(run('--version').stdout, /^\d+\.\d+\.\d+/);
	const help = run('--help').stdout;
	for (const flag of ['--interval', '--once', '--json', '--root', '--demo', '--no-color']) assert.ok(help.includes(flag), flag);
});
