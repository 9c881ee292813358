// Scenarios c and d: the real TUI in tmux against the real bonding driver.
import {execFile, spawn} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import {
	assert, bondAttr, exec, makeBond, note, now, onCleanup, onFailure, say, scenario, setPeer, slaveAttr, sleep, sys, waitFor, waitSlavesUp,
} from './lab.mjs';
import {runGerman} from './german.mjs';

const TMUX = '/usr/bin/tmux';
const SESSION = 'bt';

function tmux(...args) {
	return exec(TMUX, args, {allowFail: true});
}

export function captureAsync() {
	return new Promise((resolve) => {
		// A failed capture says so: an empty string would look like a blank screen.
		execFile(TMUX, ['capture-pane', '-p', '-t', SESSION], {encoding: 'utf8'}, (err, stdout, stderr) =>
			resolve(err ? `[tmux capture-pane failed: ${String(stderr || err.message).trim()}]` : stdout),
		);
	});
}

export const capture = () => tmux('capture-pane', '-p', '-t', SESSION).stdout || '';

let lastScreen = '';
export async function waitScreen(what, pred, {timeout = 15_000} = {}) {
	const t0 = now();
	while (now() - t0 < timeout) {
		const s = await captureAsync();
		lastScreen = s;
		const v = pred(s);
		if (v) return v;
		await sleep(30);
	}
	throw new Error(`screen never showed ${what} within ${timeout} ms; screen was:\n${lastScreen}`);
}

const ROLE = /\b(ACTIVE|BACKUP|DOWN|CARRYING)\b/;

// The title line of a slave's panel: "> eth0      ACTIVE ..." or "  eth0      BACKUP ...".
function titleLine(screen, name) {
	const re = new RegExp(`^[> ]\\s*${name}\\s`);
	return screen.split('\n').find((l) => re.test(l) && ROLE.test(l)) || null;
}

export function roleOf(screen, name) {
	const l = titleLine(screen, name);
	const m = l && ROLE.exec(l);
	return m ? m[1] : null;
}

function selected(screen) {
	const l = screen.split('\n').find((x) => x.startsWith('>'));
	return l ? l.slice(1).trim().split(/\s+/)[0] : null;
}

export const showsActive = (screen, bond, name) =>
	screen.includes(`active slave: ${name}`) && roleOf(screen, name) === 'ACTIVE';

function isAdminUp(ifname) {
	return (Number(sys(ifname, 'flags')) & 1) === 1;
}

/**
 * What the bondtop processes (and tmux) are doing, for a start-up that never drew: each thread's
 * state, kernel wait channel and current syscall, the process's children. Best effort.
 */
export function diagnoseStart() {
	const lines = [`tmux ls: ${JSON.stringify((tmux('ls').stdout || tmux('ls').stderr || '').trim())}`];
	const text = (path) => {
		try {
			return readFileSync(path, 'utf8').trim();
		} catch (error) {
			return `(${error.code || error.message})`;
		}
	};
	for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
		const cmd = text(`/proc/${pid}/cmdline`).split('\0').join(' ');
		const comm = text(`/proc/${pid}/comm`);
		if (comm !== 'bondtop' && !/bondtop|ip -timestamp monitor/.test(cmd)) continue;
		if (/tmux|sleep 600/.test(cmd) && comm !== 'bondtop') continue;
		const state = /State:\s*(.*)/.exec(text(`/proc/${pid}/status`))?.[1];
		lines.push(`pid ${pid} ${comm} [${cmd.slice(0, 100)}] state ${state} ppid ${/PPid:\s*(\d+)/.exec(text(`/proc/${pid}/status`))?.[1]}`);
		let tasks = [];
		try {
			tasks = readdirSync(`/proc/${pid}/task`);
		} catch {}
		for (const tid of tasks) {
			const t = `/proc/${pid}/task/${tid}`;
			lines.push(`  task ${tid} ${text(`${t}/comm`)} ${/State:\s*(.*)/.exec(text(`${t}/status`))?.[1]} wchan ${text(`${t}/wchan`)} syscall ${text(`${t}/syscall`).split(' ')[0]} utime+stime ${text(`${t}/stat`).split(' ').slice(13, 15).join('+')}`);
		}
	}
	return lines.join('\n');
}

export async function startTui(args) {
	tmux('kill-server');
	// A new server started while the old one is still going away can end up with no session.
	for (let i = 0; i < 100 && tmux('ls').status === 0; i++) await sleep(20);
	onCleanup(() => tmux('kill-server'));
	const cmd = ['bondtop', ...args].join(' ');
	const r = tmux('new-session', '-d', '-s', SESSION, '-x', '160', '-y', '60', `${cmd}; echo BONDTOP-EXITED $?; sleep 600`);
	assert(r.status === 0, `tmux new-session failed: ${r.stderr}`);
	// Under TCG with another emulator beside it, node alone can take several seconds to start; a
	// blank screen for 20 s was seen once in CI with nothing wrong afterwards.
	let s;
	try {
		s = await waitScreen('the bond header', (x) => /active slave: |BONDTOP-EXITED/.test(x) && x, {timeout: 60_000});
	} catch (error) {
		error.message += `\nwhat the processes were doing:\n${diagnoseStart()}`;
		if (tmux('has-session', '-t', SESSION).status !== 0 && !args.retried) {
			// tmux lost the session (not bondtop's doing): say so and start once more.
			note(`tmux has no session ${SESSION} after 60 s; starting again. ${error.message}`);
			return startTui(Object.assign([...args], {retried: true}));
		}
		throw error;
	}
	const exited = /BONDTOP-EXITED (\d+)/.exec(s);
	if (exited) {
		throw new Error(`bondtop exited (${exited[1]}) at start: ${s.split('\n').filter((l) => l.startsWith('bondtop:')).join(' ') || s.trim().split('\n')[0]}`);
	}
	// Let the first frames settle (keys sent before Ink's raw mode is on are line-buffered).
	await sleep(500);
}

export async function select(name) {
	// One j at a time, each time waiting for the selection to move, so a slow frame never
	// makes us overshoot.
	for (let i = 0; i < 12; i++) {
		const before = selected(capture());
		if (before === name) return;
		tmux('send-keys', '-t', SESSION, 'j');
		const t0 = now();
		while (now() - t0 < 3000 && selected(capture()) === before) await sleep(50);
	}
	const s = capture();
	const exited = /BONDTOP-EXITED (\d+)/.exec(s);
	if (exited) throw new Error(`bondtop exited (${exited[1]}) while j moved the selection: ${s.split('\n').filter((l) => l.startsWith('bondtop:')).join(' ')}`);
	throw new Error(`could not select ${name} with j; screen:\n${s}`);
}

export async function key(k) {
	const r = tmux('send-keys', '-t', SESSION, k);
	assert(r.status === 0, `send-keys ${k}: ${r.stderr}`);
}

// d on a slave: bondtop must run `ip link set SLAVE down` (seen in sysfs) within 5 s.
export async function pressDown(name) {
	const t0 = now();
	await key('d');
	try {
		await waitFor(`${name} admin down`, () => !isAdminUp(name), {timeout: 5000, every: 5});
	} catch {
		const s = capture();
		const exited = /BONDTOP-EXITED (\d+)/.exec(s);
		throw new Error(exited
			? `bondtop exited (${exited[1]}) instead of taking ${name} down: ${s.split('\n').filter((l) => l.startsWith('bondtop:')).join(' ')}`
			: `d with ${name} selected had no effect within 5 s (no ip command ran; status line: ${JSON.stringify(s.split('\n').filter((l) => /ip link set|Take down|cancel/.test(l)).join(' | '))})`);
	}
	return now() - t0;
}

export async function quit() {
	await key('q');
	const s = await waitScreen('bondtop exiting after q', (x) => /BONDTOP-EXITED (\d+)/.exec(x), {timeout: 10_000});
	return Number(s[1]);
}

export async function setupBond() {
	makeBond('bond0', {options: ['mode', 'active-backup', 'miimon', '100']});
	await waitSlavesUp('bond0');
	await waitFor('an active slave', () => bondAttr('bond0', 'active_slave'));
}

/**
 * How the scenarios that take the active slave down with d start: a fresh bond0, the TUI on it
 * showing its active slave ACTIVE, the selection on that slave, d pressed (and its ip seen to
 * run). Returns the slave taken down (`a`) and the other one (`b`).
 */
export async function activeTakenDown() {
	await setupBond();
	const a = bondAttr('bond0', 'active_slave');
	const b = a === 'eth0' ? 'eth1' : 'eth0';
	await startTui(['bond0']);
	await waitScreen(`${a} as ACTIVE`, (s) => showsActive(s, 'bond0', a));
	await select(a);
	await pressDown(a);
	return {a, b};
}

export function installFailureScreen() {
	onFailure(() => {
		const s = capture();
		if (s) note(`screen at failure:\n${s.split('\n').filter((l) => !/^\s+(RX|TX)\s/.test(l)).join('\n')}`);
	});
}

export async function run() {
	installFailureScreen();
	// The event log's order and the header's last failover (log-order.mjs), first: the other
	// scenarios here do not depend on it.
	const {logOrderScenarios} = await import('./log-order.mjs');
	await logOrderScenarios();
	await scenario('tui-failover-d-u-q', async () => {
		await setupBond();
		const a = bondAttr('bond0', 'active_slave');
		const b = a === 'eth0' ? 'eth1' : 'eth0';
		await startTui(['bond0']);
		await waitScreen(`${a} as ACTIVE`, (s) => showsActive(s, 'bond0', a));
		await waitScreen(`${b} as BACKUP`, (s) => roleOf(s, b) === 'BACKUP');
		await select(a);
		const t0 = now();
		await pressDown(a);
		await waitFor(`kernel fails over ${a} -> ${b}`, () => bondAttr('bond0', 'active_slave') === b, {timeout: 10_000, every: 5});
		note(`d on ${a}: kernel switched to ${b} after ${Math.round(now() - t0)} ms`);
		assert(!isAdminUp(a), `${a} is still admin UP after d`);
		await waitScreen(`${b} as ACTIVE`, (s) => showsActive(s, 'bond0', b));
		await waitScreen(`the event "bond0 active slave ${a} -> ${b}"`, (s) => s.includes(`bond0 active slave ${a} -> ${b}`));
		note(`screen shows ${b} ACTIVE and the event after ${Math.round(now() - t0)} ms`);
		await waitScreen(`"ip link set ${a} down: done"`, (s) => s.includes(`ip link set ${a} down: done`));
		await key('u');
		await waitFor(`${a} admin UP after u`, () => isAdminUp(a), {timeout: 10_000});
		await waitFor(`${a} operstate up`, () => sys(a, 'operstate') === 'up', {timeout: 10_000});
		await waitFor(`${a} MII up`, () => slaveAttr(a, 'mii_status') === 'up', {timeout: 10_000});
		await waitScreen(`${a} back as BACKUP`, (s) => roleOf(s, a) === 'BACKUP' && s.includes(`ip link set ${a} up: done`));
		const code = await quit();
		assert(code === 0, `bondtop exited ${code} after q`);
		for (const s of ['eth0', 'eth1']) assert(isAdminUp(s), `${s} is down after quit`);
	});

	// As a person would: d, watch the screen confirm it, then q without u.
	await scenario('tui-quit-restores-links', async () => {
		const {a, b} = await activeTakenDown();
		await waitFor(`failover to ${b}`, () => bondAttr('bond0', 'active_slave') === b, {timeout: 10_000});
		await waitScreen(`"ip link set ${a} down: done" and ${a} DOWN`, (s) => s.includes(`ip link set ${a} down: done`) && roleOf(s, a) === 'DOWN');
		const code = await quit();
		assert(code === 0, `bondtop exited ${code} after q`);
		assert(isAdminUp(a), `${a} still down after quitting bondtop without u`);
		await waitSlavesUp('bond0');
	});

	// q pressed as soon as the kernel has taken the link down, before bondtop has seen its own
	// ip command finish: the link must still come back up.
	await scenario('tui-quit-while-action-in-flight', async () => {
		const {a} = await activeTakenDown();
		await key('q');
		const s = await waitScreen('bondtop exiting after q', (x) => /BONDTOP-EXITED (\d+)/.exec(x), {timeout: 15_000});
		assert(Number(s[1]) === 0, `bondtop exited ${s[1]} after q`);
		assert(isAdminUp(a), `${a} left down: q came while "ip link set ${a} down" was in flight, and bondtop quit without bringing it back up`);
	});

	await scenario('tui-last-slave-confirm-and-restore', async () => {
		const {a, b} = await activeTakenDown();
		await waitFor(`failover to ${b}`, () => bondAttr('bond0', 'active_slave') === b, {timeout: 10_000});
		await waitScreen(`${b} as ACTIVE and ${a} down done`, (s) => showsActive(s, 'bond0', b) && s.includes(`ip link set ${a} down: done`));
		await select(b);
		const before = capture();
		await key('d');
		// Taking the last up slave down must ask first.
		await sleep(1000);
		const prompt = capture();
		assert(isAdminUp(b), `d on the last up slave ${b} took it down without asking`);
		const promptLines = prompt.split('\n').filter((l) => !before.includes(l) && /y/i.test(l));
		note(`prompt: ${promptLines.map((l) => l.trim()).join(' | ').slice(0, 200)}`);
		await key('y');
		await waitFor(`${b} admin down after y`, () => !isAdminUp(b), {timeout: 10_000});
		await waitScreen(`"ip link set ${b} down: done"`, (s) => s.includes(`ip link set ${b} down: done`));
		const code = await quit();
		assert(code === 0, `bondtop exited ${code} after q`);
		for (const s of ['eth0', 'eth1']) assert(isAdminUp(s), `${s} is down after quit`);
	});


	// The same screen in German (LANG=de_DE.UTF-8), in its own file. Before escape-name: that
	// scenario's interface name (control characters) makes the next clean-up's `ip -j link` unparsable.
	await runGerman();

	// A real interface whose name holds an OSC 0 (set the window title) sequence: Linux accepts ESC
	// and BEL in names. Every output shows it as a visible escape, and the terminal title is unchanged.
	await scenario('escape-name-once-json-tui', async () => {
		const t0 = now();
		const at = (what) => note(`${what} at ${Math.round(now() - t0)} ms`);
		const hostile = 'e\u001b]0;PWNED\u0007';
		const shown = 'e\\x1b]0;PWNED\\x07';
		makeBond('bond0', {options: ['mode', 'active-backup', 'miimon', '100'], slaves: ['eth0', hostile]});
		await waitSlavesUp('bond0');
		assert(readdirSync('/sys/class/net').includes(hostile), 'the kernel took the name');
		const raw = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
		at('bond up');
		const once = exec('bondtop', ['--once']).stdout;
		at('--once done');
		assert(!raw.test(once), `--once printed a raw control character: ${JSON.stringify(once.split('\n').find((l) => raw.test(l)))}`);
		assert(once.includes(`${shown}  `) && once.includes(`Slave of bond0`), `--once does not show the slave as ${shown}:\n${once}`);
		const jsonText = exec('bondtop', ['--json']).stdout;
		at('--json done');
		assert(!raw.test(jsonText), '--json printed a raw control character');
		const json = JSON.parse(jsonText);
		const slaves = json.bonds[0].slaves.map((x) => x.name);
		assert(slaves.includes(hostile), `--json slaves ${JSON.stringify(slaves)} lack the exact name`);
		assert(json.interfaces.some((i) => i.name === hostile && i.master === 'bond0'), '--json interfaces lack it');
		await startTui(['bond0']);
		at('TUI drawn');
		const title = () => (tmux('display', '-p', '-t', SESSION, '#{pane_title}').stdout || '').trim();
		const before = title();
		await waitScreen(`${shown} on the screen`, (x) => x.includes(shown));
		await select(shown);
		at(`${shown} selected`);
		await sleep(1000);
		const after = title();
		note(`pane title before ${JSON.stringify(before)}, after ${JSON.stringify(after)}`);
		assert(!after.includes('PWNED') && after === before, `the pane title changed to ${JSON.stringify(after)}`);
		const code = await quit();
		assert(code === 0, `bondtop exited ${code} after q`);
		at('quit');
	}, {timeout: 180_000});
}

