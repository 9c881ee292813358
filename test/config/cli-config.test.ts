// Config vs running through the built bundle, as a user runs it: a kernel fixture tree (the real
// 6.1 driver's files) with the origin story's /etc/network/interfaces placed in it.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';

const bin = fileURLToPath(new URL('../../dist/bondtop.js', import.meta.url));
const origin = readFileSync(new URL('../fixtures/config/origin-interfaces', import.meta.url), 'utf8');

function rootWith(kernelCase: string, files: Record<string, string>): string {
	const root = mkdtempSync(join(tmpdir(), 'bondtop-cli-config-'));
	cpSync(fileURLToPath(new URL(`../fixtures/kernel/${kernelCase}/`, import.meta.url)), root, {recursive: true});
	for (const [path, text] of Object.entries(files)) {
		mkdirSync(join(root, path, '..'), {recursive: true});
		writeFileSync(join(root, path), text);
	}
	return root;
}

function run(...args: string[]) {
	const result = spawnSync(process.execPath, [bin, ...args], {encoding: 'utf8', input: '', timeout: 20_000, env: {...process.env, NO_COLOR: '1'}});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

test('--json and --once: the origin story file matches the bond built the same way', () => {
	const root = rootWith('active-backup', {'etc/network/interfaces': origin});
	const json = run('--root', root, '--json');
	assert.equal(json.code, 0, json.stderr);
	const out = JSON.parse(json.stdout);
	const config = out.bonds[0].config;
	assert.deepEqual(config.sources, ['/etc/network/interfaces:13 (ifupdown)']);
	assert.equal(config.drift, false);
	assert.deepEqual(config.settings.map((s: {name: string}) => s.name), ['mode', 'miimon', 'updelay', 'downdelay', 'slaves']);
	assert.deepEqual(out.configuredNotRunning, []);
	assert.deepEqual(out.configSources.read, ['/etc/network/interfaces']);
	const once = run('--root', root, '--once');
	assert.match(once.stdout, /config: \/etc\/network\/interfaces:13 \(ifupdown\): matches \(mode, miimon, updelay, downdelay, slaves\)/);
});

test('--json and --once: drift, a bond configured but not running, and one configured nowhere', () => {
	const text = origin.replace('bond-miimon 100', 'bond-miimon 150') + '\nauto bond1\niface bond1 inet manual\n  bond-slaves enx00e04c680001\n';
	const root = rootWith('active-backup', {'etc/network/interfaces': text});
	const out = JSON.parse(run('--root', root, '--json').stdout);
	const miimon = out.bonds[0].config.settings.find((s: {name: string}) => s.name === 'miimon');
	assert.deepEqual(miimon, {name: 'miimon', configured: 150, running: 100, source: '/etc/network/interfaces:20', drift: true});
	assert.equal(out.configuredNotRunning[0].name, 'bond1');
	assert.ok(out.configuredNotRunning[0].reasons.includes('no interface named enx00e04c680001 here'));
	const once = run('--root', root, '--once').stdout;
	assert.match(once, /config: \/etc\/network\/interfaces:13 \(ifupdown\) {2}DRIFT\n {4}miimon: configured 150 \(\/etc\/network\/interfaces:20\), running 100\n/);
	assert.match(once, /config: bond1 is configured in \/etc\/network\/interfaces:26 \(ifupdown\) but not running\n {2}- /);

	const nowhere = JSON.parse(run('--root', rootWith('balance-rr', {'etc/hostname': 'x\n'}), '--json').stdout);
	assert.equal(nowhere.bonds[0].config, null);
	const onceNowhere = run('--root', rootWith('balance-rr', {'etc/hostname': 'x\n'}), '--once').stdout;
	assert.match(onceNowhere, /config: none found \(gone after a reboot\)/);
});

test('a hostile file name or value in the configuration reaches the terminal escaped', () => {
	const root = rootWith('active-backup', {'etc/network/interfaces': origin.replace('bond-mode active-backup', 'bond-mode active-backup\nbond-primary \u001b]0;owned\u0007eth0')});
	const once = run('--root', root, '--once').stdout;
	assert.ok(!once.includes('\u001b'), 'no raw ESC');
	assert.ok(once.includes('\\x1b]0;owned\\x07eth0'), once);
	const json = run('--root', root, '--json').stdout;
	assert.ok(!json.includes('\u001b'));
});
