// Every family of messages outside the screen, from the built bundle under a German locale: usage
// errors of each command (--log, --textfile, export, lab, drill, --lang), warnings, the lockout
// guard and a drill's result. Each is German, one line, with the command's exit code and no stack
// trace; under an English locale the same line is what it always was, byte for byte.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';

const bin = fileURLToPath(new URL('../../dist/bondtop.js', import.meta.url));

function run(env: Record<string, string>, ...args: string[]) {
	const clean = {...process.env};
	for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG', 'LC_CTYPE', 'BONDTOP_DEBUG']) delete clean[name];
	const result = spawnSync(process.execPath, [bin, ...args], {encoding: 'utf8', input: '', timeout: 30_000, env: {...clean, NO_COLOR: '1', ...env}});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

const german = {LANG: 'de_DE.UTF-8'};
const english = {LANG: 'C.UTF-8'};

/** The error in German and in English: one line each, exit `code`, nothing on stdout, no stack. */
function bothLanguages(args: string[], code: number, de: string, en: string): void {
	for (const [env, line] of [
		[german, de],
		[english, en],
	] as const) {
		const result = run(env, ...args);
		assert.equal(result.stderr, `bondtop: ${line}\n`, `${env.LANG}: ${args.join(' ')}`);
		assert.equal(result.code, code, `${env.LANG}: ${args.join(' ')}`);
		assert.equal(result.stdout, '');
		assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
	}
}

test('--log: a file that cannot be opened is a German usage error (exit 2)', () => {
	bothLanguages(['--demo', '--json', '--log', '/nonexistent-dir/events.log'], 2, '--log /nonexistent-dir/events.log lässt sich nicht öffnen: ENOENT', '--log /nonexistent-dir/events.log: ENOENT');
});

test('export and --textfile: each refusal in German (exit 2)', () => {
	bothLanguages(['export', '--demo', '--textfile', '/nonexistent-dir'], 2, '--textfile /nonexistent-dir ist nicht lesbar: ENOENT', '--textfile /nonexistent-dir: ENOENT');
	const file = fileURLToPath(import.meta.url);
	bothLanguages(['export', '--demo', '--textfile', file], 2, `--textfile ${file} ist kein Verzeichnis`, `--textfile ${file} is not a directory`);
	bothLanguages(
		['export', '--demo'],
		2,
		'bondtop export braucht --textfile VERZEICHNIS (das Verzeichnis, das node_exporter mit --collector.textfile.directory liest)',
		'bondtop export needs --textfile DIR (the directory node_exporter reads with --collector.textfile.directory)',
	);
	bothLanguages(['--demo', '--textfile', '/tmp'], 2, '--textfile und --state-dir sind Optionen von bondtop export', '--textfile and --state-dir are options of bondtop export');
	bothLanguages(['export', '--demo', '--json', '--textfile', '/tmp'], 2, 'bondtop export schreibt eine Metrik-Datei: --json und --once passen nicht dazu', 'bondtop export writes a metrics file: --json and --once do not apply');
	bothLanguages(['watch', '--demo'], 2, 'bondtop watch gibt JSON-Zeilen aus: --json angeben', 'bondtop watch prints JSON lines: add --json');
});

test('export: a damaged state file is a German warning on stderr; the metrics file is written all the same', () => {
	const dir = mkdtempSync(join(tmpdir(), 'bondtop-de-'));
	try {
		writeFileSync(join(dir, 'state.json'), 'not json');
		const result = run(german, 'export', '--demo', '--textfile', dir, '--state-dir', dir);
		assert.equal(result.code, 0, result.stderr);
		assert.equal(result.stderr, `bondtop: Warnung: die Zustandsdatei ${join(dir, 'state.json')} war beschädigt; als state.json.damaged beiseitegelegt, die Zählung beginnt von vorn\n`);
		writeFileSync(join(dir, 'state.json'), 'not json');
		assert.equal(
			run(english, 'export', '--demo', '--textfile', dir, '--state-dir', dir).stderr,
			`bondtop: warning: the state file ${join(dir, 'state.json')} was damaged; set aside as state.json.damaged, counting starts again\n`,
		);
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});

test('lab: bad flags in German (exit 2), before anything is made', () => {
	bothLanguages(
		['lab', '--mode', 'bogus'],
		2,
		'--mode muss einer von balance-rr, active-backup, balance-xor, broadcast, 802.3ad, balance-tlb, balance-alb sein, nicht "bogus"',
		'--mode must be one of balance-rr, active-backup, balance-xor, broadcast, 802.3ad, balance-tlb, balance-alb, not "bogus"',
	);
	bothLanguages(['lab', '--slaves', '9'], 2, '--slaves muss eine ganze Zahl von 1 bis 8 sein, nicht 9', '--slaves must be a whole number from 1 to 8, not 9');
	bothLanguages(['lab', '--json'], 2, 'bondtop lab nimmt nur --mode, --slaves, --interval und --no-color', 'bondtop lab takes only --mode, --slaves, --interval and --no-color');
	bothLanguages(['--demo', '--mode', '802.3ad'], 2, '--mode und --slaves sind Optionen von bondtop lab', '--mode and --slaves are options of bondtop lab');
	bothLanguages(['lab', '--read-only'], 2, 'bondtop lab ändert Links: nicht mit --read-only', 'bondtop lab changes links: not with --read-only');
});

test('drill: usage, an unknown slave and a bad --target in German (exit 2)', () => {
	bothLanguages(
		['drill'],
		2,
		'Aufruf: bondtop drill SLAVE [--for SEKUNDEN] [--target IP] [--json] [--force] [--report DATEI] [--log DATEI]',
		'usage: bondtop drill SLAVE [--for SECONDS] [--target IP] [--json] [--force] [--report FILE] [--log FILE]',
	);
	bothLanguages(['drill', 'eth9', '--demo'], 2, 'eth9 ist hier kein Slave eines Bonds (Slaves: eth0, eth1)', 'eth9 is not a bond slave here (slaves: eth0, eth1)');
	bothLanguages(['drill', 'eth1', '--demo', '--target', 'gateway'], 2, '--target muss eine IP-Adresse sein, nicht "gateway"', '--target must be an IP address, not "gateway"');
	bothLanguages(['drill', 'eth1', '--root', '/'], 2, 'bondtop drill ändert Links: nicht mit --root (ein Abbild ist nur lesbar)', 'bondtop drill changes links: not with --root (a capture is read-only)');
});

test('drill: the lockout guard refuses in German (exit 3), the last working slave named', () => {
	// The origin scenario: eth0 has no carrier for its first 10 s, so eth1 is the last working slave.
	const de = run(german, 'drill', 'eth1', '--demo', '--demo-scenario', 'origin');
	assert.equal(de.code, 3);
	assert.equal(
		de.stderr,
		'bondtop: Aussperrschutz: eth1 ist der letzte funktionierende Slave von bond0: ihn down zu setzen trennt bond0 ab; der Link käme nach 10 s von selbst zurück (der Watchdog). Mit --force erneut aufrufen, um es trotzdem zu tun.\n',
	);
	const en = run(english, 'drill', 'eth1', '--demo', '--demo-scenario', 'origin');
	assert.equal(en.code, 3);
	assert.equal(en.stderr, 'bondtop: lockout guard: eth1 is the last working slave of bond0: taking it down cuts bond0 off; it would come back by itself after 10 s (the watchdog). Run again with --force to do it anyway.\n');
});

test('drill: the result in German (block and timeline), its --json in English whatever the locale', () => {
	const de = run(german, 'drill', 'eth1', '--demo', '--for', '1');
	assert.equal(de.code, 0, de.stderr);
	assert.match(de.stdout, /^Failover-Test bond0\/eth1, Proben an 192\.168\.176\.1 \(simuliert\)\n {2}Failover: auf eth0 in \d+ ms\n {2}Ausfall: \d+\/\d+ Proben verloren, längste Lücke \d+ ms \(simuliert\)\n {2}Rückkehr: entfällt \(kein primary\)\n/);
	assert.match(de.stdout, /^ {2}\+ +\d+ ms {2}aktiver Slave eth1 -> eth0$/m);
	assert.match(de.stdout, /^ {2}\+ +0 ms {2}eth1 wiederhergestellt: die Zeiten ab hier zählen ab dem Wiederherstellen$/m);
	assert.match(de.stderr, /^Failover-Test: eth1 down, beobachte bond0$/m);
	assert.doesNotMatch(de.stdout, /active slave|restored|probes/);
	const en = run(english, 'drill', 'eth1', '--demo', '--for', '1');
	assert.match(en.stdout, /^drill bond0\/eth1: failover to eth0 in \d+ ms probes to 192\.168\.176\.1: \d+\/\d+ lost, longest gap \d+ ms\n/);
	assert.match(en.stdout, /^ {2}\+ +0 ms {2}eth1 restored: the times from here count from the restore$/m);
	const json = JSON.parse(run(german, 'drill', 'eth1', '--demo', '--for', '1', '--json').stdout) as {timeline: Array<{what: string}>};
	assert.ok(json.timeline.some((step) => step.what === 'eth1 restored: the times from here count from the restore'), 'the JSON timeline stays English');
	assert.ok(json.timeline.some((step) => /^active slave eth1 -> eth0$/.test(step.what)));
});

test('--lang de under LANG=C: German messages without umlauts, ASCII only', () => {
	const result = run({LANG: 'C'}, '--lang', 'de', '--demo', '--json', '--log', '/nonexistent-dir/x');
	assert.equal(result.code, 2);
	assert.equal(result.stderr, 'bondtop: --log /nonexistent-dir/x laesst sich nicht oeffnen: ENOENT\n');
});

test('check keeps English: its errors are its UNKNOWN status line, which monitoring parses', () => {
	const result = run(german, 'check', '--demo', '--min-slaves', '99');
	assert.equal(result.code, 3);
	assert.equal(result.stdout, 'BONDING UNKNOWN - --min-slaves must be a whole number from 0 to 64, not 99\n');
	assert.equal(result.stderr, '');
});

test('--once in German: a drift note and a finding about the configuration are German; --json keeps the English note', () => {
	const de = run(german, '--demo', '--demo-scenario', 'upstream-dead', '--once');
	assert.equal(de.code, 0);
	assert.match(de.stdout, /^ {4}updelay: konfiguriert 200 \(\/etc\/network\/interfaces:22\), laufend 0; der Kernel rechnet Verzögerungen in miimon-Takten: bei miimon 0 sind sie 0$/m);
	assert.doesNotMatch(de.stdout, /the kernel keeps delays/);
	const json = run(german, '--demo', '--demo-scenario', 'upstream-dead', '--json').stdout;
	assert.match(json, /"note": "the kernel keeps delays in miimon ticks: with miimon 0 they are 0"/);
});

test('--help in German under a German locale (exit 0), English under an English one, ASCII German under a Latin-1 one', () => {
	const de = run(german, '--help');
	assert.equal(de.code, 0);
	assert.match(de.stdout, /^ {2}Aufruf$/m);
	assert.match(de.stdout, /^ {4}--once {9}einen Schnappschuss als Text ausgeben und beenden$/m);
	assert.match(de.stdout, /^ {2}Tasten in der Live-Ansicht$/m);
	assert.doesNotMatch(de.stdout, /Keys in the TUI|select the next interface/);
	// (meow answers --help only when it is the whole command line, so the locale chooses here.)
	const en = run(english, '--help');
	assert.match(en.stdout, /^ {2}Usage$/m);
	assert.match(en.stdout, /^ {4}--once {9}print one plain-text snapshot and exit$/m);
	const ascii = run({LANG: 'de_DE.ISO-8859-1'}, '--help');
	assert.match(ascii.stdout, /naechste Schnittstelle waehlen/);
	// eslint-disable-next-line no-control-regex
	assert.doesNotMatch(ascii.stdout, /[^\u0000-\u007F]/, 'ASCII only');
});

test('what could not be read (--once warnings) in German under --lang de; --json keeps the English text', () => {
	const root = mkdtempSync(join(tmpdir(), 'bondtop-de-root-'));
	try {
		const bonding = join(root, 'proc', 'net', 'bonding');
		mkdirSync(bonding, {recursive: true});
		writeFileSync(join(bonding, 'bond1'), 'Ethernet Channel Bonding Driver: v3.7.1\n\nBonding Mode: fault-tolerance (active-backup)\nGarbage here\nMII Status: up\n');
		const de = run(german, '--root', root, '--once');
		assert.equal(de.code, 0);
		assert.match(de.stdout, /^Warnung: \/proc\/net\/bonding\/bond1: Zeile 4 nicht verstanden: Garbage here$/m);
		assert.match(de.stdout, /^Warnung: \/proc\/net\/dev: nicht gefunden: keine Schnittstellenzähler$/m);
		const json = run(german, '--root', root, '--json').stdout;
		assert.match(json, /"message": "line 4 not understood: Garbage here"/);
		assert.match(json, /"message": "not found: no interface counters"/);
	} finally {
		rmSync(root, {recursive: true, force: true});
	}
});
