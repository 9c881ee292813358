// Issue 9, the action side, against the real bonding driver: a plain d then kill -9 of bondtop (the
// watchdog brings the slave back and ends the ip monitor child), and --root on a capture of this
// guest (no key changes a link). Its own guest, beside the json and drill guests, so the tui guest
// keeps its time.
import {mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {dirname} from 'node:path';
import {assert, bondAttr, exec, note, now, say, scenario, sleep, sys, waitFor, waitSlavesUp} from './lab.mjs';
import {activeTakenDown, capture, installFailureScreen, key, quit, select, setupBond, startTui, waitScreen} from './tui.mjs';

const isAdminUp = (ifname) => (Number(sys(ifname, 'flags')) & 1) === 1;

/** Processes whose comm or command line matches, from /proc. */
function processes(pred) {
	const out = [];
	for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
		if (Number(pid) === process.pid) continue;
		try {
			const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
			const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
			if (pred(argv, comm)) out.push({pid: Number(pid), argv, comm});
		} catch {}
	}
	return out;
}

/** Every interface's flags and operstate, and each bond's active slave: what d/u/a/p could change. */
function linkState() {
	const state = {};
	for (const l of JSON.parse(exec('/usr/sbin/ip', ['-j', 'link', 'show']).stdout)) state[l.ifname] = `${l.flags.join(',')} ${l.operstate}`;
	for (const bond of ['bond0']) state[`${bond}/active_slave`] = bondAttr(bond, 'active_slave');
	return state;
}

export async function run() {
	installFailureScreen();
	// Issue 9: a plain d on the active slave, then kill -9 of bondtop: the watchdog brings the slave
	// up within 2 s of the kill, and ends the ip monitor child.
	await scenario('tui-kill-9-watchdog', async () => {
		const {a} = await activeTakenDown();
		await waitScreen(`"ip link set ${a} down: done"`, (s) => s.includes(`ip link set ${a} down: done`));
		const bondtops = processes((argv, comm) => comm === 'bondtop');
		const monitors = processes((argv) => argv.includes('monitor') && argv.includes('-timestamp'));
		const watchdogs = processes((argv) => argv.includes('bondtop-watchdog'));
		note(`bondtop ${bondtops.map((p) => p.pid)}, ip monitor ${monitors.map((p) => p.pid)}, watchdog ${watchdogs.map((p) => p.pid)}`);
		assert(bondtops.length === 1, `bondtop processes: ${bondtops.length}`);
		assert(monitors.length === 1, `ip monitor processes: ${monitors.length}`);
		assert(watchdogs.length === 1, `watchdog processes: ${watchdogs.length}`);
		const pid = bondtops[0].pid;
		const rss = Number(/VmRSS:\s*(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
		process.kill(pid, 'SIGKILL');
		const tKill = now();
		// The kernel closes a killed process's files (the watchdog's pipe among them) only after it
		// has freed its memory: under emulation that takes a while for a node process. Measured
		// beside the restore: when bondtop was gone (a zombie or reaped), and when eth0 was up.
		let exitedMs = null;
		let upMs = null;
		while (now() - tKill < 8000 && (exitedMs === null || upMs === null)) {
			if (exitedMs === null) {
				let state = 'gone';
				try {
					state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[0];
				} catch {}
				if (state === 'Z' || state === 'gone') exitedMs = now() - tKill;
			}
			if (upMs === null && isAdminUp(a)) upMs = now() - tKill;
			await sleep(5);
		}
		assert(upMs !== null, `${a} was not brought up within 8 s of kill -9 (bondtop ${exitedMs === null ? 'still exiting' : `gone after ${Math.round(exitedMs)} ms`})`);
		await waitFor('the ip monitor child gone', () => processes((argv) => argv.includes('monitor') && argv.includes('-timestamp')).length === 0, {timeout: 2000});
		await waitFor('the watchdog gone', () => processes((argv) => argv.includes('bondtop-watchdog')).length === 0, {timeout: 2000});
		const goneMs = now() - tKill;
		say(`METRIC tui-kill-9 ${a} up again ${Math.round(upMs)} ms after kill -9 of bondtop (RSS ${Math.round(rss / 1024)} MB; the kernel had ended bondtop after ${exitedMs === null ? '?' : Math.round(exitedMs)} ms); ip monitor and watchdog gone after ${Math.round(goneMs)} ms`);
		assert(upMs <= 2000, `${a} came back ${Math.round(upMs)} ms after the kill, want within 2 s (the kernel took ${exitedMs === null ? '?' : Math.round(exitedMs)} ms to end bondtop)`);
		await waitSlavesUp('bond0');
	});

	// Issue 9: --root on a capture of this guest is read-only: no key changes a link of the guest.
	await scenario('tui-root-capture-read-only', async () => {
		await setupBond();
		const tree = '/tmp/capture';
		const collected = JSON.parse(exec(process.execPath, ['/lab/guest/collect.mjs']).stdout);
		for (const [path, text] of Object.entries(collected.files)) {
			mkdirSync(dirname(`${tree}/${path}`), {recursive: true});
			writeFileSync(`${tree}/${path}`, text);
		}
		const taken = new Date().toUTCString(); // what a date file holds: one line of text
		mkdirSync(`${tree}/sos_commands/date`, {recursive: true});
		writeFileSync(`${tree}/sos_commands/date/date_--utc`, `${taken}\n`);
		const before = linkState();
		await startTui(['--root', tree]);
		await waitScreen(`"OFFLINE capture, taken ${taken}"`, (s) => s.includes(`OFFLINE capture, taken ${taken}`));
		const a = before['bond0/active_slave'];
		await select(a);
		for (const k of ['d', 'y', 'u', 'a', 'p', 'y', 'j', 'd', 'y']) await key(k);
		await sleep(2000);
		const screen = capture();
		const after = linkState();
		note(`links before and after the keys: ${JSON.stringify(before)}`);
		for (const [name, value] of Object.entries(before)) assert(after[name] === value, `${name} changed under --root: ${value} -> ${after[name]}`);
		assert(!/ip link set|d down|u up|a make active|p drill/.test(screen), `the screen offers or ran a link action under --root:\n${screen}`);
		const code = await quit();
		assert(code === 0, `bondtop exited ${code} after q`);
		say(`METRIC tui-root-capture ${Object.keys(before).length} links and active_slave unchanged after d y u a p y j d y under --root; title "OFFLINE capture, taken ${taken}"`);
	}, {timeout: 150_000});


}
