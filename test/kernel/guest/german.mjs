// The TUI in German against the real bonding driver (run from the tui guest, after its own
// scenarios): under LANG=de_DE.UTF-8 the screen's labels come from the German catalogue (net-tools'
// ifconfig labels in the panel, the bond header, the footer, a failover's log line), `--json` is
// the same as under an English locale, and `bondtop drill` reports in German.
import {assert, bondAttr, eq, exec, note, now, scenario, sleep, slaveAttr, waitFor} from './lab.mjs';
import {key, pressDown, select, setupBond, waitScreen} from './tui.mjs';

const TMUX = '/usr/bin/tmux';
const SESSION = 'bt';
// The guest exports LC_ALL=C.UTF-8, which would win over LANG: it is emptied (empty counts as unset).
const GERMAN = {LC_ALL: '', LANG: 'de_DE.UTF-8'};

/** A JSON snapshot with what changes between two runs (numbers, times) blanked. */
function stableJson(text) {
	return JSON.stringify(JSON.parse(text), (k, v) => (typeof v === 'number' ? 0 : typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? 'T' : v));
}

async function startGermanTui(args) {
	exec(TMUX, ['kill-server'], {allowFail: true});
	for (let i = 0; i < 100 && exec(TMUX, ['ls'], {allowFail: true}).status === 0; i++) await sleep(20);
	const cmd = `LC_ALL= LANG=de_DE.UTF-8 bondtop ${args.join(' ')}; echo BONDTOP-EXITED $?; sleep 600`;
	const r = exec(TMUX, ['new-session', '-d', '-s', SESSION, '-x', '160', '-y', '60', cmd], {allowFail: true});
	assert(r.status === 0, `tmux new-session failed: ${r.stderr}`);
	const s = await waitScreen('the German bond header', (x) => /aktiver Slave: |BONDTOP-EXITED/.test(x) && x, {timeout: 60_000});
	const exited = /BONDTOP-EXITED (\d+)/.exec(s);
	if (exited) throw new Error(`bondtop exited (${exited[1]}) at start: ${s.trim().split('\n').slice(0, 3).join(' | ')}`);
	await sleep(500);
}

export async function runGerman() {
	await scenario('tui-german-labels', async () => {
		await setupBond();
		const a = bondAttr('bond0', 'active_slave');
		const b = a === 'eth0' ? 'eth1' : 'eth0';
		// Machine-readable output does not change with the language.
		const jsonEn = exec('bondtop', ['--json', 'bond0'], {env: {LC_ALL: 'C.UTF-8'}}).stdout;
		const jsonDe = exec('bondtop', ['--json', 'bond0'], {env: GERMAN}).stdout;
		eq(stableJson(jsonDe), stableJson(jsonEn), '--json under LANG=de_DE.UTF-8 (numbers and times blanked)');
		eq(JSON.parse(jsonDe).bonds[0].verdict.status, JSON.parse(jsonEn).bonds[0].verdict.status, 'the verdict word in --json');

		await startGermanTui(['bond0']);
		let s = await waitScreen(`${a} as AKTIV`, (x) => x.includes(`aktiver Slave: ${a}`) && new RegExp(`^[> ]\\s*${a}\\s+AKTIV\\b`, 'm').test(x) && x);
		const want = [
			[/^bond0: (OK|WARNUNG) {2}2\/2 Slaves up, /m, 'the verdict line'],
			[/^bond0 {2}aktiver Slave: \S+ {2}MII up {2}Modus active-backup: active-backup \(Modus 1\)/m, 'the bond header'],
			[/Link encap:Ethernet {2}Hardware Adresse [0-9a-f:]{17}/, 'Hardware Adresse'],
			[/ {2}MTU:1500 {2}Metrik:1$/m, 'Metrik:1'],
			[/^ {10}Kollisionen:0 Sendewarteschlangenlänge:\d+$/m, 'Kollisionen and Sendewarteschlangenlänge'],
			[/^ {10}RX packets:\d+ errors:\d+ dropped:\d+ overruns:\d+ frame:\d+$/m, 'RX packets stays English as in net-tools'],
			[new RegExp(`^[> ]\\s*${b}\\s+BACKUP\\b`, 'm'), `${b} as BACKUP`],
			[/^Ereignisse/m, 'the event log title'],
			[/\? Hilfe {2}q Beenden$/m, 'the footer'],
		];
		for (const [re, what] of want) assert(re.test(s), `the German screen lacks ${what} (${re}); screen:\n${s}`);
		for (const english of ['active slave', 'collisions', 'txqueuelen', 'HWaddr', '? help']) assert(!s.includes(english), `English "${english}" on the German screen:\n${s}`);

		await select(a);
		const t0 = now();
		await pressDown(a);
		await waitFor(`kernel fails over ${a} -> ${b}`, () => bondAttr('bond0', 'active_slave') === b, {timeout: 10_000, every: 5});
		s = await waitScreen(`the German failover line "bond0 aktiver Slave ${a} -> ${b}"`, (x) => x.includes(`bond0 aktiver Slave ${a} -> ${b}`) && x);
		note(`German screen shows the failover ${Math.round(now() - t0)} ms after d`);
		await waitScreen(`"ip link set ${a} down: erledigt"`, (x) => x.includes(`ip link set ${a} down: erledigt`));
		await waitScreen(`the header's "letzter Failover ${a} -> ${b}"`, (x) => x.includes(`letzter Failover ${a} -> ${b}`));
		await key('q');
		const exit = await waitScreen('bondtop exiting after q', (x) => /BONDTOP-EXITED (\d+)/.exec(x), {timeout: 10_000});
		eq(Number(exit[1]), 0, 'exit code after q');
		await waitFor(`${a} admin up again after q`, () => (Number(exec('cat', [`/sys/class/net/${a}/flags`]).stdout) & 1) === 1, {timeout: 5000});

		// bondtop drill in German against the real driver: its progress, result block and timeline
		// (the driver's own MII states), and a usage error, each in German.
		await waitFor('both slaves MII up before the drill', () => ['eth0', 'eth1'].every((n) => slaveAttr(n, 'mii_status') === 'up'), {timeout: 10_000});
		const c = bondAttr('bond0', 'active_slave');
		const d = c === 'eth0' ? 'eth1' : 'eth0';
		const r = exec('bondtop', ['drill', c, '--for', '2'], {env: GERMAN, timeout: 90_000, allowFail: true});
		eq(r.status, 0, `bondtop drill ${c} exit code (stderr: ${r.stderr.trim().slice(0, 300)})`);
		const drillWant = [
			[new RegExp(`^Failover-Test bond0/${c}`), 'the block title'],
			[new RegExp(`^ {2}Failover: auf ${d} in \\d+ ms$`, 'm'), 'the failover line'],
			[/^ {2}(Ausfall|Rückkehr): /m, 'the outage or recovery line'],
			[new RegExp(`^ {2}\\+ +\\d+ ms {2}aktiver Slave ${c} -> ${d}$`, 'm'), "the timeline's failover"],
			[new RegExp(`^ {2}\\+ +\\d+ ms {2}${c} MII up -> (going down|down)$`, 'm'), "the timeline's MII change (the driver's words)"],
			[new RegExp(`^ {2}\\+ +0 ms {2}${c} wiederhergestellt: die Zeiten ab hier zählen ab dem Wiederherstellen$`, 'm'), 'the restore line'],
		];
		for (const [re, what] of drillWant) assert(re.test(r.stdout), `the German drill lacks ${what} (${re}); stdout:\n${r.stdout}`);
		assert(new RegExp(`^Failover-Test: ${c} down, beobachte bond0$`, 'm').test(r.stderr), `the German progress line; stderr:\n${r.stderr}`);
		for (const english of ['active slave', 'restored', 'failover to', 'probes']) assert(!r.stdout.includes(english), `English "${english}" in the German drill:\n${r.stdout}`);
		note(`German drill of ${c}: ${r.stdout.split('\n')[1]?.trim()}`);
		const bad = exec('bondtop', ['drill', 'eth9'], {env: GERMAN, allowFail: true});
		eq(bad.status, 2, 'bondtop drill eth9 exit code');
		eq(bad.stderr, 'bondtop: eth9 ist hier kein Slave eines Bonds (Slaves: eth0, eth1)\n', 'the German usage error');
		await waitFor(`${c} admin up after the drill`, () => (Number(exec('cat', [`/sys/class/net/${c}/flags`]).stdout) & 1) === 1, {timeout: 5000});
		// Under TCG each bondtop start takes 2.5-5 s (more beside another emulator): two --json runs and the TUI.
	}, {timeout: 240_000});
}
