// The failover drill (issue 4) against the real bonding driver: `bondtop drill SLAVE --json` in
// active-backup with and without primary, with up/downdelay, in 802.3ad with a LACP partner;
// kill -9 mid-drill (the watchdog restores at once); SIGTERM mid-drill (no later surprise restore);
// the lockout guard; `p` in the TUI. Every measured
// number is printed as a METRIC line. (Kernel-to-screen latency with and without link events is
// measured by latency.mjs, which runs alone.)
import {spawn, spawnSync} from 'node:child_process';
import {readFileSync, readdirSync} from 'node:fs';
import {
	assert, bondAttr, ip, ipns, makeBond, note, now, onCleanup, say, scenario, sleep, slaveAttr, SWITCH_IP, sys, waitFor, waitLacp, waitSlavesUp,
} from './lab.mjs';
import {installFailureScreen, key, quit, roleOf, select, showsActive, startTui, waitScreen} from './tui.mjs';

const BONDTOP = '/usr/local/bin/bondtop';
const BOND_ADDR = '192.0.2.1';

const isAdminUp = (ifname) => (Number(sys(ifname, 'flags')) & 1) === 1;
const metric = (name, text) => say(`METRIC ${name} ${text}`);

// Runs bondtop asynchronously (so pollers and timers keep running); resolves with its exit.
function bondtopAsync(args, {env = {}, timeout = 60_000} = {}) {
	const t0 = now();
	const child = spawn(BONDTOP, args, {env: {...process.env, ...env}, stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (d) => (stdout += d));
	child.stderr.on('data', (d) => (stderr += d));
	const done = new Promise((resolve) => {
		const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({code, signal, stdout, stderr, ms: now() - t0});
		});
	});
	return {child, done};
}

/**
 * `bondtop drill eth0 --for SECONDS` started in the background (killed at cleanup), once it has
 * taken eth0 down: its child, its exit, and when eth0 went down. Under emulation beside another
 * guest a drill takes several seconds to start; one that exits before eth0 is down fails here.
 */
async function drillHasTakenEth0Down(forSeconds) {
	const {child, done} = bondtopAsync(['drill', 'eth0', '--for', String(forSeconds)]);
	onCleanup(() => child.kill('SIGKILL'));
	let exited = null;
	done.then((r) => (exited = r));
	await waitFor('eth0 admin down by the drill', () => {
		if (exited) throw new Error(`bondtop drill exited ${exited.code ?? exited.signal} before taking eth0 down: ${exited.stderr.trim().slice(0, 300)}`);
		return !isAdminUp('eth0');
	}, {timeout: 30_000, every: 10});
	return {child, done, tDown: now()};
}

async function drill(args, {env, expect = 0} = {}) {
	const r = await bondtopAsync(['drill', ...args], {env}).done;
	if (r.code !== expect) {
		throw new Error(`bondtop drill ${args.join(' ')} exited ${r.code ?? r.signal} (want ${expect}): ${r.stderr.trim().slice(0, 400)}`);
	}
	return r;
}

async function drillJson(args, opts) {
	const r = await drill([...args, '--json'], opts);
	let j;
	try {
		j = JSON.parse(r.stdout);
	} catch (e) {
		throw new Error(`bondtop drill --json printed no JSON (${e.message}): ${r.stdout.slice(0, 300)}`);
	}
	note(`bondtop drill ${args.join(' ')} --json took ${Math.round(r.ms)} ms:`);
	note(JSON.stringify({...j, timeline: undefined}));
	for (const step of j.timeline || []) note(`  +${step.ms} ms ${step.what}`);
	return j;
}

// A child process polls sysfs every 10 ms (faster polling takes a whole emulated CPU from bondtop) and prints "<monotonic ms> <key> <value>" on each
// change: the slaves' admin state (IFF_UP) and the bond's active slave. It is the kernel's side
// of the story, to hold bondtop's failoverMs against.
function startPoller(bond, slaves) {
	const code = `
const fs = require('fs');
const files = ${JSON.stringify([
	['active', `/sys/class/net/${bond}/bonding/active_slave`],
	...slaves.map((s) => [`${s}.up`, `/sys/class/net/${s}/flags`]),
	...slaves.map((s) => [`${s}.mii`, `/sys/class/net/${s}/bonding_slave/mii_status`]),
])};
const last = {};
setInterval(() => {
	for (const [k, p] of files) {
		let v;
		try { v = fs.readFileSync(p, 'utf8').trim(); } catch { v = '?'; }
		if (k.endsWith('.up') && v !== '?') v = String(Number(v) & 1);
		if (v !== last[k]) { last[k] = v; process.stdout.write(Number(process.hrtime.bigint() / 1000n) / 1000 + ' ' + k + ' ' + (v || '-') + '\\n'); }
	}
}, 10);`;
	const child = spawn('/usr/bin/node', ['-e', code], {stdio: ['ignore', 'pipe', 'inherit']});
	const changes = [];
	let buf = '';
	child.stdout.on('data', (d) => {
		buf += d;
		let i;
		while ((i = buf.indexOf('\n')) >= 0) {
			const [t, k, v] = buf.slice(0, i).split(' ');
			buf = buf.slice(i + 1);
			changes.push({t: Number(t), k, v});
		}
	});
	const stop = () => child.kill('SIGKILL');
	onCleanup(stop);
	return {
		changes,
		stop,
		ready: () => waitFor('the sysfs poller', () => changes.some((c) => c.k === 'active'), {timeout: 10_000}),
		// First change of key k to value v at or after time `from`.
		at: (k, v, from = 0) => changes.find((c) => c.t >= from && c.k === k && c.v === v) || null,
	};
}

// iputils ping by full path (busybox's is another program).
async function ensureReachable(target) {
	await waitFor(`${target} answers a ping`, () => spawnSync('/usr/bin/ping', ['-n', '-c', '1', '-W', '1', target]).status === 0,
		{timeout: 15_000, every: 200});
}

// The kernel's failover as the poller saw it: slave admin-down -> active slave changes away.
function kernelFailover(poller, slave, to, from) {
	const down = poller.at(`${slave}.up`, '0', from);
	if (!down) return null;
	// Without downdelay the kernel may clear active_slave for a moment before naming the new one;
	// the failover is the kernel naming a new active slave, as bondtop's drill defines it.
	const switched = poller.changes.find((c) => c.t >= down.t && c.k === 'active' && c.v !== slave && c.v !== '' && c.v !== 'null');
	const miiDown = poller.at(`${slave}.mii`, 'down', down.t);
	return {
		downT: down.t,
		failoverMs: switched ? switched.t - down.t : null,
		to: switched ? switched.v : null,
		miiDownMs: miiDown ? miiDown.t - down.t : null,
	};
}

// Admin-up of the slave -> the primary is the active slave again, as the poller saw it.
function kernelReturn(poller, slave, primary, from) {
	const up = poller.at(`${slave}.up`, '1', from);
	if (!up) return null;
	const back = poller.at('active', primary, up.t);
	const miiUp = poller.at(`${slave}.mii`, 'up', up.t);
	return {returnMs: back ? back.t - up.t : null, miiUpMs: miiUp ? miiUp.t - up.t : null};
}

const fmt = (x) => (x === null || x === undefined ? 'null' : typeof x === 'number' ? String(Math.round(x)) : String(x));

function checkProbes(j, target) {
	assert(j.probes && j.probes.target === target, `probes.target ${JSON.stringify(j.probes && j.probes.target)}, want ${target}`);
	assert(j.probes.sent >= 40, `probes.sent ${j.probes.sent}: 20 probes a second over a 3 s drill should send at least 40`);
	assert(j.probes.lost > 0 || j.probes.longestGapMs > 0, `probes saw no outage at all: ${JSON.stringify(j.probes)}`);
	assert(j.probes.lost <= j.probes.sent, `probes.lost ${j.probes.lost} > sent ${j.probes.sent}`);
	assert(j.probes.longestGapMs === null || j.probes.longestGapMs < 5000, `probes.longestGapMs ${j.probes.longestGapMs} is longer than the whole drill`);
}

function checkCommon(j, mode) {
	assert(j.bond === 'bond0' && j.slave === 'eth0', `bond/slave ${j.bond}/${j.slave}, want bond0/eth0`);
	assert(j.mode === mode, `mode ${j.mode}, want ${mode}`);
	for (const k of ['downAt', 'restoredAt']) assert(!Number.isNaN(Date.parse(j[k])), `${k} is not a time: ${j[k]}`);
	const downFor = Date.parse(j.restoredAt) - Date.parse(j.downAt);
	assert(downFor >= 2900 && downFor < 6000, `restoredAt - downAt = ${downFor} ms for --for 3`);
	for (const k of ['failoverMs', 'newActive', 'returnedToPrimaryMs']) assert(k in j, `--json has no ${k}`);
}

async function activeBackupBond({options = [], primary = true} = {}) {
	makeBond('bond0', {
		options: ['mode', 'active-backup', 'miimon', '100', ...options],
		after: primary ? ['primary', 'eth0'] : [],
		addr: `${BOND_ADDR}/24`,
	});
	await waitSlavesUp('bond0');
	await waitFor('eth0 active', () => bondAttr('bond0', 'active_slave') === 'eth0', {timeout: 10_000});
	await ensureReachable(SWITCH_IP);
}

// One active-backup drill of eth0 with the poller beside it; returns both views.
async function activeBackupDrill(label) {
	const poller = startPoller('bond0', ['eth0', 'eth1']);
	await poller.ready();
	const t0 = now();
	const j = await drillJson(['eth0', '--for', '3', '--target', SWITCH_IP]);
	const k = kernelFailover(poller, 'eth0', 'eth1', t0);
	const r = kernelReturn(poller, 'eth0', 'eth0', t0);
	await sleep(300);
	poller.stop();
	note(`sysfs changes: ${poller.changes.filter((c) => c.t >= t0 - 1).map((c) => `+${Math.round(c.t - t0)} ${c.k}=${c.v}`).join(', ')}`);
	note(`${label}: kernel (sysfs poller): eth0 down -> MII down ${fmt(k && k.miiDownMs)} ms, -> active ${fmt(k && k.to)} ${fmt(k && k.failoverMs)} ms; eth0 up -> MII up ${fmt(r && r.miiUpMs)} ms, -> active eth0 ${fmt(r && r.returnMs)} ms`);
	return {j, k, r};
}

async function checkRestoredToPrimary() {
	await waitFor('eth0 admin up after the drill', () => isAdminUp('eth0'), {timeout: 3000});
	await waitFor('eth0 MII up after the drill', () => slaveAttr('eth0', 'mii_status') === 'up', {timeout: 3000});
	await waitFor('eth0 active again after the drill', () => bondAttr('bond0', 'active_slave') === 'eth0', {timeout: 3000});
}

// bondtop's failoverMs may exceed the kernel's (bondtop polls, and gets little CPU under TCG) but
// must not be below it: the poller reads sysfs every 10 ms, hence the 25 ms slack.
function checkAgainstKernel(j, k) {
	// The poller is a second emulated process polling every 10 ms; once in CI it never saw the
	// switch at all (bondtop did: failoverMs 100, newActive eth1). Without a kernel time there is
	// nothing to compare against, so say so instead of blaming bondtop.
	if (!k || k.failoverMs === null) {
		note('the sysfs poller missed the failover; no kernel time to compare failoverMs with');
		return;
	}
	assert(j.failoverMs >= k.failoverMs - 25, `failoverMs ${j.failoverMs} is below the kernel's ${Math.round(k.failoverMs)} ms (admin down -> new active slave, sysfs)`);
}

/**
 * The most failoverMs may be. bondtop reports an upper bound: from the last poll that still saw the
 * slave up to the poll that saw the new active slave. When the emulator gave bondtop no CPU while
 * `ip` ran, that first gap (the timeline's "seen down" entry) is in the bound by construction; what
 * is checked then is that bondtop saw the failover within `slack` ms of seeing the link down.
 */
function failoverBound(j, base, slack) {
	const seenDown = j.timeline.find((t) => /seen down \(IFF_UP clear\)/.test(t.what));
	const gap = seenDown ? seenDown.ms : 0;
	if (gap + slack > base) note(`bondtop's first poll after eth0 went down came ${gap} ms after the last that saw it up (no CPU under emulation): bound ${gap + slack} ms instead of ${base}`);
	return Math.max(base, gap + slack);
}

function drillMetric(name, j, k, r) {
	metric(name, `failoverMs ${fmt(j.failoverMs)} (kernel ${fmt(k && k.failoverMs)}) newActive ${fmt(j.newActive)}; probes ${j.probes.lost}/${j.probes.sent} lost, longest gap ${fmt(j.probes.longestGapMs)} ms; returnedToPrimaryMs ${fmt(j.returnedToPrimaryMs)} (kernel ${fmt(r && r.returnMs)})`);
}

// /proc entries whose command line matches.
function processes(pred) {
	const out = [];
	for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
		if (Number(pid) === process.pid) continue;
		try {
			const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
			const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
			if (pred(cmd, comm)) out.push({pid: Number(pid), argv: cmd, comm});
		} catch {}
	}
	return out;
}
// The watchdog: `sh -c SCRIPT bondtop-watchdog IP` (see source/watchdog/).
const isDeadMan = (cmd) => cmd.includes('bondtop-watchdog');
const show = (ps) => JSON.stringify(ps.map((p) => `${p.pid} ${p.comm}: ${p.argv.join(' ').replace(/\s+/g, ' ').slice(0, 80)}`));
const isBondtop = (cmd, comm) => comm === 'bondtop' || cmd.some((a) => /bondtop(\.js)?$/.test(a));

export async function run() {
	installFailureScreen();

	// 1. active-backup, miimon 100, no delays, primary eth0.
	await scenario('drill-active-backup-primary', async () => {
		await activeBackupBond({options: ['updelay', '0', 'downdelay', '0']});
		const {j, k, r} = await activeBackupDrill('no delays');
		drillMetric('drill-active-backup-primary', j, k, r);
		checkAgainstKernel(j, k);
		checkCommon(j, 'active-backup');
		// bondtop reports an upper bound (from the last time it saw eth0 up); under TCG, with another
		// emulator beside this one and both vCPUs on one host thread, bondtop may get no CPU for
		// most of a second (seen: 368 ms for a 90 ms kernel failover, 686 ms for 32 ms, 861 ms for
		// 45 ms). What this catches is a failover noticed only by a later poll or timer (seconds),
		// or timed from the wrong moment; the figures themselves are the METRIC lines.
		const bound = failoverBound(j, 1500, 1000);
		assert(j.failoverMs !== null && j.failoverMs >= 0 && j.failoverMs <= bound, `failoverMs ${j.failoverMs}, want 0..${bound} (miimon 100, no downdelay)`);
		assert(j.newActive === 'eth1', `newActive ${j.newActive}, want eth1`);
		assert(j.activeBefore === 'eth0' && j.primary === 'eth0', `activeBefore ${j.activeBefore} primary ${j.primary}`);
		checkProbes(j, SWITCH_IP);
		assert(j.returnedToPrimaryMs !== null, 'returnedToPrimaryMs is null: the drill did not see the return to primary eth0');
		assert(k && k.to === 'eth1', `the kernel switched to ${k && k.to}, not eth1`);
		await checkRestoredToPrimary();
	});

	// 2. The same with updelay/downdelay 200.
	await scenario('drill-active-backup-delays', async () => {
		await activeBackupBond({options: ['updelay', '200', 'downdelay', '200']});
		const {j, k, r} = await activeBackupDrill('updelay/downdelay 200');
		drillMetric('drill-active-backup-delays', j, k, r);
		checkAgainstKernel(j, k);
		checkCommon(j, 'active-backup');
		const bound = failoverBound(j, 1500, 1000);
		assert(j.failoverMs !== null && j.failoverMs >= 150 && j.failoverMs <= bound, `failoverMs ${j.failoverMs}, want 150..${bound} (downdelay 200 + up to one miimon)`);
		assert(j.newActive === 'eth1', `newActive ${j.newActive}, want eth1`);
		checkProbes(j, SWITCH_IP);
		assert(j.returnedToPrimaryMs !== null && j.returnedToPrimaryMs >= 150 && j.returnedToPrimaryMs <= 2000,
			`returnedToPrimaryMs ${j.returnedToPrimaryMs}, want about updelay 200 (150..2000)`);
		await checkRestoredToPrimary();
	});

	// 3. No primary: the kernel stays on eth1 after eth0 comes back.
	await scenario('drill-active-backup-no-primary', async () => {
		await activeBackupBond({primary: false});
		const {j, k} = await activeBackupDrill('no primary');
		drillMetric('drill-active-backup-no-primary', j, k, null);
		checkAgainstKernel(j, k);
		checkCommon(j, 'active-backup');
		assert(j.primary === null, `primary ${j.primary}, want null`);
		// The same bound as with a primary (see there): 896 ms was seen under load for an 80 ms kernel
		// failover, `ip link set` itself taking 784 ms.
		const bound = failoverBound(j, 1500, 1000);
		assert(j.failoverMs !== null && j.failoverMs >= 0 && j.failoverMs <= bound, `failoverMs ${j.failoverMs}, want 0..${bound}`);
		assert(j.newActive === 'eth1', `newActive ${j.newActive}, want eth1`);
		assert(j.returnedToPrimaryMs === null, `returnedToPrimaryMs ${j.returnedToPrimaryMs}, want null without a primary`);
		checkProbes(j, SWITCH_IP);
		await waitFor('eth0 MII up after the drill', () => isAdminUp('eth0') && slaveAttr('eth0', 'mii_status') === 'up', {timeout: 3000});
		await sleep(500);
		assert(bondAttr('bond0', 'active_slave') === 'eth1', `active slave ${bondAttr('bond0', 'active_slave')} after the drill, want eth1 (no primary, no return)`);
	});

	// 4. 802.3ad with a real LACP partner: eth0 leaves the carrying slaves.
	await scenario('drill-802.3ad', async () => {
		makeBond('bond0', {options: ['mode', '802.3ad', 'miimon', '100', 'lacp_rate', 'fast'], lacpPartner: true, addr: `${BOND_ADDR}/24`});
		ipns('peer', 'addr', 'add', `${SWITCH_IP}/24`, 'dev', 'pbond0');
		await waitSlavesUp('bond0');
		await waitLacp('bond0', 2);
		await ensureReachable(SWITCH_IP);
		const poller = startPoller('bond0', ['eth0', 'eth1']);
		await poller.ready();
		const t0 = now();
		const j = await drillJson(['eth0', '--for', '3', '--target', SWITCH_IP]);
		const down = poller.at('eth0.up', '0', t0);
		const mii = down && poller.at('eth0.mii', 'down', down.t);
		poller.stop();
		const kernelMs = mii ? mii.t - down.t : null;
		metric('drill-802.3ad', `failoverMs ${fmt(j.failoverMs)} (kernel: eth0 MII down after ${fmt(kernelMs)} ms); probes ${j.probes.lost}/${j.probes.sent} lost, longest gap ${fmt(j.probes.longestGapMs)} ms; returnedToPrimaryMs ${fmt(j.returnedToPrimaryMs)}`);
		checkCommon(j, '802.3ad');
		assert(j.failoverMs !== null && j.failoverMs >= 0 && j.failoverMs <= 2000, `failoverMs ${j.failoverMs}, want the time eth0 left the carrying slaves (0..2000)`);
		assert(j.newActive === null, `newActive ${j.newActive} in 802.3ad`);
		assert(j.probes.sent >= 40, `probes.sent ${j.probes.sent}`);
		assert(j.timeline.some((s) => /eth0 carries traffic again/.test(s.what)), `the drill never saw eth0 carry traffic again: ${JSON.stringify(j.timeline)}`);
		await waitLacp('bond0', 2, {timeout: 10_000});
	});

	// 5. kill -9 mid-drill: the watchdog brings eth0 back within 2 s of the kill (not at the end of
	// the drill's time); nothing of bondtop's is left behind. A default route via the switch makes
	// the drill probe the gateway (the fallback target).
	await scenario('drill-kill-9-watchdog', async () => {
		await activeBackupBond({options: ['updelay', '0', 'downdelay', '0']});
		ip('route', 'add', 'default', 'via', SWITCH_IP);
		const before = processes(isBondtop).map((p) => p.pid);
		assert(before.length === 0, `bondtop processes before the drill: ${before.join(' ')}`);
		const {child, done, tDown} = await drillHasTakenEth0Down(20);
		const during = processes(() => true).filter((p) => p.pid !== child.pid);
		const pings = during.filter((p) => p.comm === 'ping');
		const deadMen = during.filter((p) => isDeadMan(p.argv));
		note(`during the drill: bondtop ${child.pid}, ping ${show(pings)}, watchdog ${show(deadMen)}`);
		// The watchdog shell and the subshell of its time limit (a fork of it).
		assert(deadMen.length >= 1 && deadMen.length <= 2, `watchdog processes while eth0 is down: ${show(deadMen)}`);
		await sleep(1000);
		child.kill('SIGKILL');
		const tKill = now();
		const r = await done;
		assert(r.signal === 'SIGKILL', `bondtop ended with ${r.code ?? r.signal} before kill -9 (stderr: ${r.stderr.trim().slice(0, 300)})`);
		await waitFor('eth0 admin UP again (watchdog)', () => isAdminUp('eth0'), {timeout: 6000, every: 5});
		const upAfterKill = now() - tKill;
		const upAfterDown = now() - tDown;
		await waitFor('eth0 MII up', () => slaveAttr('eth0', 'mii_status') === 'up', {timeout: 3000});
		await waitFor('the watchdog exiting', () => processes((cmd) => isDeadMan(cmd)).length === 0, {timeout: 3000});
		const leftovers = processes((cmd, comm) => isBondtop(cmd, comm) || comm === 'ping' || isDeadMan(cmd));
		metric('drill-kill-9', `eth0 up again ${Math.round(upAfterKill)} ms after kill -9 (${Math.round(upAfterDown)} ms after it went down; --for 20); ping during the drill: ${pings.length ? 'yes' : 'no'}; left behind: ${leftovers.length ? show(leftovers) : 'nothing'}`);
		assert(pings.length > 0, 'the drill ran no ping to the default gateway');
		assert(upAfterKill <= 2000, `eth0 came back ${Math.round(upAfterKill)} ms after the kill, want within 2 s`);
		assert(leftovers.length === 0, `left behind after kill -9 and the watchdog's restore: ${show(leftovers)}`);
	});

	// 5b. SIGTERM mid-drill: bondtop brings eth0 back itself and disarms the watchdog; the operator
	// then takes eth0 down on purpose, and nothing brings it up when the drill's time has passed.
	await scenario('drill-sigterm-no-surprise', async () => {
		await activeBackupBond({options: ['updelay', '0', 'downdelay', '0']});
		const {child, done, tDown} = await drillHasTakenEth0Down(3);
		await sleep(500);
		child.kill('SIGTERM');
		const r = await done;
		assert(r.code === 143, `bondtop drill exited ${r.code ?? r.signal} after SIGTERM, want 143 (stderr: ${r.stderr.trim().slice(0, 300)})`);
		assert(/the drill was interrupted: brought eth0 back up/.test(r.stderr), `stderr: ${r.stderr.trim().slice(0, 300)}`);
		assert(isAdminUp('eth0'), 'eth0 is not up after bondtop exited on SIGTERM');
		await waitFor('no watchdog left', () => processes((cmd) => isDeadMan(cmd)).length === 0, {timeout: 2000});
		ip('link', 'set', 'dev', 'eth0', 'down');
		const tOperator = now();
		// Past the drill's own limit (--for 3 plus the 1 s margin) with room to spare.
		while (now() - tDown < 3000 + 1000 + 2500) {
			assert(!isAdminUp('eth0'), `eth0, taken down by the operator, came up ${Math.round(now() - tOperator)} ms later: a surprise restore`);
			await sleep(50);
		}
		metric('drill-sigterm', `bondtop exited 143 and restored eth0 itself; eth0 taken down by the operator stayed down ${Math.round(now() - tOperator)} ms (until ${Math.round(now() - tDown)} ms after the drill's pull; its limit was 4000 ms)`);
		ip('link', 'set', 'dev', 'eth0', 'up');
	});

	// 6. The lockout guard: the SSH session runs over bond0 (its own address), eth1 is down.
	await scenario('drill-lockout-guard', async () => {
		await activeBackupBond({options: ['updelay', '0', 'downdelay', '0']});
		const env = {SSH_CONNECTION: `${SWITCH_IP} 40000 ${BOND_ADDR} 22`};
		ip('link', 'set', 'eth1', 'down');
		await waitFor('eth1 MII down', () => slaveAttr('eth1', 'mii_status') === 'down', {timeout: 5000});
		const refused = await drill(['eth0'], {env, expect: 3});
		const msg = refused.stderr.trim();
		note(`refused over SSH: ${msg}`);
		assert(/lockout/i.test(msg) && /SSH/.test(msg) && /eth0/.test(msg) && /bond0/.test(msg), `the refusal does not name the risk (SSH session, bond0, eth0): ${msg}`);
		assert(/--force/.test(msg), `the refusal does not say how to go ahead (--force): ${msg}`);
		assert(isAdminUp('eth0') && slaveAttr('eth0', 'mii_status') === 'up', 'eth0 went down although the guard refused');
		// Without SSH the last working slave is refused too.
		const local = await drill(['eth0'], {env: {SSH_CONNECTION: ''}, expect: 3});
		note(`refused without SSH: ${local.stderr.trim()}`);
		assert(/last working slave/.test(local.stderr), `the refusal without SSH does not say "last working slave": ${local.stderr.trim()}`);
		assert(isAdminUp('eth0'), 'eth0 went down although the guard refused');
		const forced = await drillJson(['eth0', '--force', '--for', '2'], {env});
		assert(forced.failoverMs === null, `failoverMs ${forced.failoverMs} with no other working slave`);
		await waitFor('eth0 admin up after the forced drill', () => isAdminUp('eth0'), {timeout: 3000});
		await waitFor('eth0 MII up after the forced drill', () => slaveAttr('eth0', 'mii_status') === 'up', {timeout: 3000});
		await waitFor('eth0 active after the forced drill', () => bondAttr('bond0', 'active_slave') === 'eth0', {timeout: 3000});
		metric('drill-lockout-guard', `refused with exit 3 (over SSH and without); --force --for 2 exit 0, restoredAt - downAt ${Date.parse(forced.restoredAt) - Date.parse(forced.downAt)} ms, eth0 back`);
	});

	// 7. p in the TUI.
	await scenario('drill-tui-p', async () => {
		await activeBackupBond({options: ['updelay', '0', 'downdelay', '0']});
		await startTui(['--for', '3', '--target', SWITCH_IP, 'bond0']);
		await waitScreen('eth0 as ACTIVE', (s) => showsActive(s, 'bond0', 'eth0'));
		await select('eth0');
		const t0 = now();
		await key('p');
		// p arms the watchdog (a shell) and starts the probes before the link goes down: 0.7 s alone in
		// CI, over 10 s once with a second lab beside it. The time is the METRIC; this only waits.
		await waitFor('eth0 admin down after p', () => !isAdminUp('eth0'), {timeout: 30_000, every: 50});
		const downMs = now() - t0;
		// The result is a block: a "drill bond0/eth0" line, then "failover: to eth1 in N ms", outage, recovery.
		const line = await waitScreen('the drill block "drill bond0/eth0" + "failover: to eth1 in" in the event log',
			(s) => (s.includes('drill bond0/eth0') ? s.split('\n').find((l) => l.includes('failover: to eth1 in')) : undefined), {timeout: 20_000});
		const doneMs = now() - t0;
		await waitFor('eth0 admin up after the drill', () => isAdminUp('eth0'), {timeout: 3000});
		await waitScreen('eth0 back (not DOWN)', (s) => roleOf(s, 'eth0') === 'BACKUP' || roleOf(s, 'eth0') === 'ACTIVE');
		metric('drill-tui-p', `p -> eth0 down ${Math.round(downMs)} ms, event line after ${Math.round(doneMs)} ms: ${line.trim().replace(/\s+/g, ' ').slice(0, 200)}`);
		const code = await quit();
		assert(code === 0, `bondtop exited ${code} after q`);
		assert(isAdminUp('eth0') && isAdminUp('eth1'), 'a slave is down after quitting');
	}, {timeout: 120_000});
}
