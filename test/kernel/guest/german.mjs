// The TUI in German against the real bonding driver (run from the tui guest, after its own
// scenarios): under LANG=de_DE.UTF-8 the screen's labels come from the German catalogue (net-tools'
// ifconfig labels in the panel, the bond header, the footer, a failover's log line), and
// `--json` is the same as under an English locale.
import {assert, bondAttr, eq, exec, note, now, scenario, sleep, waitFor} from './lab.mjs';
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
		// Under TCG each bondtop start takes 2.5-5 s (more beside another emulator): two --json runs and the TUI.
	}, {timeout: 180_000});
}
