// Runs the built single-file bundle (dist/bondtop.js, `npm run build`) the way a user does.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {assertSchema1} from '../helpers/schema.js';

const bin = fileURLToPath(new URL('../../dist/bondtop.js', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/kernel/${name}`, import.meta.url));

function run(...args: string[]) {
	const result = spawnSync(process.execPath, [bin, ...args], {encoding: 'utf8', input: '', timeout: 20_000, env: {...process.env, NO_COLOR: '1'}});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

test('the bundle exists (npm run build)', () => assert.ok(existsSync(bin), `${bin} missing: run npm run build`));

test('--json --demo: schema 1, labelled simulated, rates null after one sample', () => {
	const {code, stdout} = run('--json', '--demo');
	assert.equal(code, 0);
	const json = JSON.parse(stdout);
	assertSchema1(json);
	assert.equal(json.simulated, true);
	assert.equal(json.bonds[0].name, 'bond0');
	// The origin story's Pi 2: eth1 (USB) active, eth0 without carrier, no primary, no Wi-Fi.
	assert.equal(json.bonds[0].activeSlave, 'eth1');
	assert.equal(json.bonds[0].primary, null);
	assert.deepEqual(json.interfaces.map((i: {name: string}) => i.name), ['lo', 'eth0', 'eth1', 'bond0']);
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
	[['--demo', '--demo-scenario', 'nope'], /^bondtop: --demo-scenario must be one of origin, steady, usb-unplug, carrier-loss, admin-down, flapping, upstream-dead, not "nope"\n$/],
	[['--json', '--demo-scenario', 'flapping'], /^bondtop: --demo-scenario goes with --demo\n$/],
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
	for (const flag of ['--interval', '--once', '--json', '--root', '--demo', '--no-color', '--demo-scenario NAME']) assert.ok(help.includes(flag), flag);
	// Every scenario is listed under --demo-scenario with its one line.
	for (const name of ['origin', 'steady', 'usb-unplug', 'carrier-loss', 'admin-down', 'flapping', 'upstream-dead']) assert.match(help, new RegExp(`^ +${name} +\\S`, 'm'), name);
	// The help text is made only for a one-word command line (cli.tsx), -h included.
	assert.equal(run('-h').stdout, help);
	// With other words beside it, as GNU tools do: the help, exit 0, nothing run.
	for (const args of [['--demo', '--help'], ['--json', '--demo', '-h'], ['drill', 'eth0', '--help']]) {
		const r = run(...args);
		assert.equal(r.code, 0, args.join(' '));
		assert.equal(r.stdout, help, args.join(' '));
	}
});

test('meow is loaded only for the command lines the fast parser leaves to it (cli.tsx, source/cli/argv.ts)', () => {
	// yargs-parser (inside meow) refuses to load under this node when it is told node 999 is the minimum.
	const env = {...process.env, NO_COLOR: '1', YARGS_MIN_NODE_VERSION: '999'};
	const common = spawnSync(process.execPath, [bin, '--json', '--demo', '--demo-scenario=steady', '--lang', 'en'], {encoding: 'utf8', input: '', timeout: 20_000, env: {...env}});
	assert.equal(common.status, 0, common.stderr);
	assert.equal(JSON.parse(common.stdout).schema, 1);
	for (const args of [['-h'], ['--version'], ['--json', '--demo', '--color=false']]) {
		const other = spawnSync(process.execPath, [bin, ...args], {encoding: 'utf8', input: '', timeout: 20_000, env: {...env}});
		assert.notEqual(other.status, 0, args.join(' '));
		assert.match(other.stderr, /yargs parser supports a minimum Node\.js version of 999/, args.join(' '));
	}
});

test('--json --demo --demo-scenario: each scenario starts the origin Pi 2 with both links up but origin', () => {
	for (const name of ['steady', 'carrier-loss', 'upstream-dead']) {
		const json = JSON.parse(run('--json', '--demo', '--demo-scenario', name).stdout);
		assert.equal(json.bonds[0].activeSlave, 'eth1', name);
		assert.deepEqual(json.bonds[0].slaves.map((x: {miiStatus: string}) => x.miiStatus), ['up', 'up'], name);
	}
	const arp = JSON.parse(run('--json', '--demo', '--demo-scenario', 'upstream-dead').stdout).bonds[0];
	assert.deepEqual([arp.miimonMs, arp.arpIntervalMs, arp.arpIpTargets], [0, 1000, ['192.168.176.1']]);
});
