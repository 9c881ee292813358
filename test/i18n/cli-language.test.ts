// The built bundle under a German locale: the screen's outputs speak German, the machine-readable
// ones are byte for byte what they are in English (Nagios parsers, jq scripts, dashboards).
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';

const bin = fileURLToPath(new URL('../../dist/bondtop.js', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/kernel/${name}`, import.meta.url));

function run(env: Record<string, string>, ...args: string[]) {
	const clean = {...process.env};
	for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG', 'LC_CTYPE']) delete clean[name];
	const result = spawnSync(process.execPath, [bin, ...args], {encoding: 'utf8', input: '', timeout: 20_000, env: {...clean, NO_COLOR: '1', ...env}});
	// The time a snapshot was taken is the only thing that differs between two runs.
	return {code: result.status, stdout: result.stdout.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z/g, '<time>'), stderr: result.stderr};
}

const german = {LANG: 'de_DE.UTF-8'};
const english = {LANG: 'C.UTF-8'};

test('--json, check (Nagios and Checkmk) and export text are the same under LANG=de_DE.UTF-8 and with --lang de', () => {
	for (const name of ['all-slaves-down', '802.3ad']) {
		const root = fixture(name);
		for (const args of [['--json', '--root', root], ['check', '--root', root], ['check', '--checkmk', '--root', root], ['check', '--json', '--root', root]]) {
			const en = run(english, ...args);
			const de = run(german, ...args);
			const flag = run(english, ...args, '--lang', 'de');
			assert.equal(de.stdout, en.stdout, `${name}: ${args.join(' ')} under LANG=de`);
			assert.equal(flag.stdout, en.stdout, `${name}: ${args.join(' ')} --lang de`);
			assert.equal(de.code, en.code);
		}
	}
	const check = run(german, 'check', '--root', fixture('all-slaves-down'));
	assert.match(check.stdout, /^BONDING CRITICAL - /, 'the plugin status line stays English');
	assert.doesNotMatch(check.stdout, /KRITISCH|Slaves up|kein/);
});

test('--once: German under LANG=de_DE.UTF-8 or --lang de, English under --lang en whatever the locale', () => {
	const root = fixture('all-slaves-down');
	const de = run(german, '--once', '--root', root);
	assert.equal(de.code, 0);
	assert.match(de.stdout, /: KRITISCH {2}/);
	assert.match(de.stdout, /aktiver Slave: /);
	assert.match(de.stdout, /Kollisionen:\d+ Sendewarteschlangenlänge:/);
	assert.equal(run(english, '--once', '--root', root, '--lang', 'de').stdout, de.stdout);
	const en = run(german, '--once', '--root', root, '--lang', 'en');
	assert.match(en.stdout, /: CRITICAL {2}/);
	assert.match(en.stdout, /collisions:\d+ txqueuelen:/);
	assert.equal(run({LC_ALL: 'C.UTF-8', LANG: 'de_DE.UTF-8'}, '--once', '--root', root).stdout, en.stdout, 'LC_ALL wins over LANG');
	assert.equal(run({LC_MESSAGES: 'de_DE.UTF-8', LANG: 'C.UTF-8'}, '--once', '--root', root).stdout, de.stdout, 'LC_MESSAGES wins over LANG');
	const ascii = run({LANG: 'de_DE.ISO-8859-1'}, '--once', '--root', root);
	assert.match(ascii.stdout, /Sendewarteschlangenlaenge:/, 'no UTF-8: umlauts as ae, oe, ue, ss');
	// eslint-disable-next-line no-control-regex
	assert.doesNotMatch(ascii.stdout, /[^\u0000-\u007F]/);
});

test('a bad --lang is one line on stderr and exit 2, for every command', () => {
	for (const args of [['--demo', '--once'], ['--demo', '--json'], ['drill', 'eth0', '--demo']]) {
		const result = run(english, ...args, '--lang', 'fr');
		assert.equal(result.code, 2, args.join(' '));
		assert.equal(result.stdout, '');
		assert.equal(result.stderr, 'bondtop: --lang must be one of en, de, not "fr"\n');
	}
});

test('errors on stderr in German under a German locale (one line, exit 2); check keeps its English UNKNOWN line', () => {
	const typo = run(german, '--intervall', '5');
	assert.equal(typo.code, 2);
	assert.equal(typo.stderr, 'bondtop: unbekannte Option --intervall (gemeint war wohl --interval?)\n');
	const bond = run(german, '--demo', '--once', 'bond7');
	assert.equal(bond.code, 2);
	assert.equal(bond.stderr, 'bondtop: kein Bond namens bond7 (Bonds hier: bond0)\n');
	assert.equal(run(german, '--demo', '--once', '--interval', '10').stderr, 'bondtop: --interval muss eine Zahl von Millisekunden von 50 bis 3600000 sein, nicht 10\n');
	assert.equal(run(german, '--demo', '--once', 'bond7', '--lang', 'en').stderr, 'bondtop: no bond named bond7 (bonds here: bond0)\n');
	assert.equal(run(english, '--demo', '--once', 'bond7').stderr, 'bondtop: no bond named bond7 (bonds here: bond0)\n');
	const check = run(german, 'check', '--demo', '--bogus');
	assert.equal(check.code, 3);
	assert.match(check.stdout, /^BONDING UNKNOWN - unknown option --bogus/);
});

test('--once --demo in German: the configuration line, the drill-free header and the findings in German', () => {
	const once = run(english, '--demo', '--once', '--lang', 'de');
	assert.equal(once.code, 0);
	assert.match(once.stdout, /^ {2}Konfiguration: \/etc\/network\/interfaces:13 \(ifupdown\): stimmt überein \(mode, miimon, updelay, downdelay, slaves\)$/m);
	assert.match(once.stdout, /^ {2}! eth0 ist down \(MII down, 0 Link-Ausfälle\); bond0 hat 1 von 2 Slaves up: Kabel und Switchport von eth0 prüfen\. {2}\[slave-down\]$/m);
	assert.match(once.stdout, /^bond0: WARNUNG {2}1\/2 Slaves up, kein Failover mehr möglich$/m);
	assert.match(once.stdout, /^eth1 +AKTIV {2}Link encap:Ethernet {2}Hardware Adresse /m);
});
