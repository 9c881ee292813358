// `bondtop lab` against the real bonding driver: the sandbox appears while it runs, the TUI inside
// it shows bond0 with an ACTIVE slave, and everything is gone after q, SIGTERM or a hangup.
import {readFileSync, readdirSync, readlinkSync} from 'node:fs';
import {execFile} from 'node:child_process';
import {assert, exec, IP, listNetns, note, now, onCleanup, onFailure, scenario, sleep, waitFor} from './lab.mjs';

const TMUX = '/usr/bin/tmux';
const SESSION = 'labcmd';

const tmux = (...args) => exec(TMUX, args, {allowFail: true});
// The visible pane; with history, also what scrolled off (the lines printed before the TUI).
const capture = ({history = false} = {}) => new Promise((resolve) => {
	const args = ['capture-pane', '-p', ...(history ? ['-S', '-300'] : []), '-t', SESSION];
	execFile(TMUX, args, {encoding: 'utf8'}, (err, stdout) => resolve(err ? '' : stdout));
});

let lastScreen = '';
async function waitScreen(what, pred, {timeout = 30_000} = {}) {
	const t0 = now();
	while (now() - t0 < timeout) {
		lastScreen = await capture();
		const v = pred(lastScreen);
		if (v) return v;
		await sleep(100);
	}
	throw new Error(`screen never showed ${what} within ${timeout} ms; screen was:\n${lastScreen}`);
}

const ROLE = /\b(ACTIVE|BACKUP|DOWN|CARRYING)\b/;
function roleOf(screen, name) {
	const re = new RegExp(`^[> ]\\s*${name}\\s`);
	const line = screen.split('\n').find((l) => re.test(l) && ROLE.test(l));
	const m = line && ROLE.exec(line);
	return m ? m[1] : null;
}

const hostLinks = () => JSON.parse(exec(IP, ['-j', 'link', 'show']).stdout).map((l) => `${l.ifname} ${l.address} ${l.flags.join(',')}`).sort();

// Processes whose network namespace is not ours: after bondtop lab has gone there must be none
// (a process left in a namespace keeps it, its bond and veths alive after `ip netns del`).
function foreignNetnsProcesses() {
	const mine = readlinkSync('/proc/self/ns/net');
	const out = [];
	for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
		try {
			if (readlinkSync(`/proc/${pid}/ns/net`) !== mine) out.push(`${pid} ${readFileSync(`/proc/${pid}/comm`, 'utf8').trim()}`);
		} catch {}
	}
	return out;
}

// Starts `bondtop lab ARGS` in tmux; resolves with its namespaces once the TUI shows an ACTIVE
// (or, for 802.3ad, CARRYING) slave.
async function startLab(args, {role = 'ACTIVE'} = {}) {
	tmux('kill-server');
	onCleanup(() => tmux('kill-server'));
	assert(listNetns().length === 0, `namespaces before the start: ${listNetns().join(' ')}`);
	const cmd = ['bondtop', 'lab', ...args].join(' ');
	const t0 = now();
	const r = tmux('new-session', '-d', '-s', SESSION, '-x', '160', '-y', '60', `${cmd}; echo BONDTOP-EXITED $?; sleep 600`);
	assert(r.status === 0, `tmux new-session failed: ${r.stderr}`);
	await waitScreen(`bond0 with eth0 ${role}`, (s) => /BONDTOP-EXITED/.test(s) || (/^bond0 .*mode /m.test(s) && roleOf(s, 'eth0') === role && s.includes('192.0.2.1')), {timeout: 45_000});
	assert(!/BONDTOP-EXITED/.test(lastScreen), `bondtop lab exited at start:\n${lastScreen}`);
	note(`bondtop lab ${args.join(' ')}: TUI shows eth0 ${role} after ${Math.round(now() - t0)} ms`);
	const spaces = listNetns();
	const lab = spaces.find((n) => /^bondtop-lab-\d+$/.test(n));
	const sw = spaces.find((n) => /^bondtop-sw-\d+$/.test(n));
	assert(lab && sw && spaces.length === 2, `ip netns list while it runs: ${JSON.stringify(spaces)}`);
	const listed = exec(IP, ['netns', 'list']).stdout;
	assert(listed.includes(lab) && listed.includes(sw), `ip netns list: ${listed}`);
	const pid = Number(lab.slice('bondtop-lab-'.length));
	// meow sets the process title to "bondtop", so that is all /proc/PID/cmdline says.
	const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
	assert(cmdline.includes('bondtop'), `pid ${pid} of ${lab} is not bondtop: ${JSON.stringify(cmdline)}`);
	return {lab, sw, pid};
}

// The lab's bond as the kernel sees it inside the namespace.
function labBond(lab) {
	const [bond] = JSON.parse(exec(IP, ['-n', lab, '-d', '-j', '-s', 'link', 'show', 'bond0']).stdout);
	return bond;
}

async function expectGone(what, expectedCode, {screen = true} = {}) {
	if (screen) {
		const s = await waitScreen(`bondtop lab exiting after ${what}`, (x) => /BONDTOP-EXITED (\d+)/.exec(x), {timeout: 20_000});
		assert(Number(s[1]) === expectedCode, `bondtop lab exited ${s[1]} after ${what}, expected ${expectedCode}`);
		const all = await capture({history: true});
		assert(/bondtop lab: made bondtop-lab-\d+ /.test(all), `no "made" line before the TUI:\n${all}`);
		assert(/bondtop lab: removed namespaces bondtop-lab-\d+, bondtop-sw-\d+/.test(all), `no "removed namespaces" line after ${what}:\n${all}`);
	}
	await waitFor(`no namespaces after ${what}`, () => listNetns().length === 0, {timeout: 15_000});
	await waitFor(`no process left in another network namespace after ${what}`, () => foreignNetnsProcesses().length === 0 || null, {timeout: 10_000})
		.catch(() => {
			throw new Error(`processes left in the lab's namespaces after ${what}: ${foreignNetnsProcesses().join('; ')}`);
		});
}

export async function run() {
	onFailure(() => {
		note(`screen at failure:\n${lastScreen.split('\n').filter((l) => !/^\s+(RX|TX)\s/.test(l)).join('\n')}`);
	});

	await scenario('lab-command-not-root', async () => {
		const r = exec('/usr/local/bin/bondtop', ['lab'], {allowFail: true, uid: 65534});
		assert(r.status === 2, `as uid 65534: exit ${r.status}, stderr ${r.stderr}`);
		assert(r.stderr.includes('bondtop lab needs root (it creates network namespaces): run sudo bondtop lab'), `stderr: ${r.stderr}`);
		assert(listNetns().length === 0, 'namespaces made without root');
	});

	await scenario('lab-command-q', async () => {
		const before = hostLinks();
		const {lab, sw} = await startLab([]);
		const bond = labBond(lab);
		const info = bond.linkinfo.info_data;
		assert(info.mode === 'active-backup' && info.miimon === 100 && info.updelay === 200 && info.downdelay === 200, `bond0 options: ${JSON.stringify(info)}`);
		assert(info.primary === 'eth0' && info.active_slave === 'eth0', `primary ${info.primary}, active ${info.active_slave}`);
		// Light traffic: the switch pings the bond.
		const rx0 = labBond(lab).stats64.rx.packets;
		await sleep(1500);
		const rx1 = labBond(lab).stats64.rx.packets;
		assert(rx1 - rx0 >= 3, `bond0 received ${rx1 - rx0} packets in 1.5 s: no ping traffic?`);
		const pids = exec(IP, ['netns', 'pids', sw]).stdout.trim().split(/\s+/).filter(Boolean);
		assert(pids.some((p) => readFileSync(`/proc/${p}/comm`, 'utf8').trim() === 'ping'), `no ping in ${sw}`);
		note(`${lab}: bond0 active eth0, rx +${rx1 - rx0} packets in 1.5 s; ${sw} runs ping`);
		assert(JSON.stringify(hostLinks()) === JSON.stringify(before), `the host's own links changed while the lab ran:\n${before.join('\n')}\n->\n${hostLinks().join('\n')}`);
		tmux('send-keys', '-t', SESSION, 'q');
		await expectGone('q', 0);
		assert(JSON.stringify(hostLinks()) === JSON.stringify(before), `the host's own links changed:\n${before.join('\n')}\n->\n${hostLinks().join('\n')}`);
	});

	await scenario('lab-command-sigterm', async () => {
		const {pid} = await startLab(['--slaves', '3']);
		assert(JSON.parse(exec(IP, ['-n', listNetns().find((n) => n.startsWith('bondtop-lab-')), '-j', 'link', 'show', 'master', 'bond0']).stdout).length === 3, 'not 3 slaves');
		process.kill(pid, 'SIGTERM');
		await expectGone('SIGTERM', 143);
	});

	await scenario('lab-command-802.3ad-hangup', async () => {
		const {lab} = await startLab(['--mode', '802.3ad'], {role: 'CARRYING'});
		const ad = await waitFor('an LACP partner', () => {
			const a = labBond(lab).linkinfo.info_data.ad_info;
			return a && a.partner_mac && a.partner_mac !== '00:00:00:00:00:00' && a.num_ports === 2 ? a : null;
		}, {timeout: 20_000, every: 200});
		note(`802.3ad: aggregator ${ad.aggregator}, ${ad.num_ports} ports, partner ${ad.partner_mac}`);
		// Closing the terminal: the pane's processes get SIGHUP.
		tmux('kill-server');
		await expectGone('a hangup (tmux killed)', 129, {screen: false});
	});
}
