// Guest-side helpers of the bondtop kernel lab. Runs inside the QEMU guest as root (PID 1's child).
// Results go to the console as lines starting with "@@LAB ", which the host parses.
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, openSync, readFileSync, readSync, readdirSync, writeFileSync, writeSync} from 'node:fs';
import {join} from 'node:path';

export const IP = '/usr/sbin/ip';

export function say(line) {
	process.stdout.write(`@@LAB ${line}\n`);
}

export function note(...args) {
	process.stdout.write(`  ${args.join(' ')}\n`);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const now = () => Number(process.hrtime.bigint() / 1000n) / 1000; // ms, float

// When set to an array, every ip command run through ip()/ipns() is appended to it.
export const ipLog = {lines: null};

export function ip(...args) {
	if (ipLog.lines) ipLog.lines.push(`ip ${args.map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' ')}`);
	const r = spawnSync(IP, args, {encoding: 'utf8'});
	if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${(r.stderr || '').trim()}`);
	return r.stdout;
}

export function ipns(ns, ...args) {
	return ip('-n', ns, ...args);
}

export function sh(cmd, {allowFail = false, env} = {}) {
	const r = spawnSync('/bin/sh', ['-c', cmd], {encoding: 'utf8', env: env ? {...process.env, ...env} : process.env});
	if (r.status !== 0 && !allowFail) throw new Error(`sh -c ${JSON.stringify(cmd)} exited ${r.status}: ${r.stderr}`);
	return r;
}

export function exec(file, args, {allowFail = false, env, timeout = 30_000, uid} = {}) {
	const ids = uid === undefined ? {} : {uid, gid: uid};
	const r = spawnSync(file, args, {encoding: 'utf8', env: env ? {...process.env, ...env} : process.env, timeout, maxBuffer: 64 * 1024 * 1024, ...ids});
	if ((r.status !== 0 || r.error) && !allowFail) {
		throw new Error(`${file} ${args.join(' ')} exited ${r.status}${r.error ? ' ' + r.error.message : ''}: ${(r.stderr || '').slice(-1500)}`);
	}
	return r;
}

export function read(path) {
	return readFileSync(path, 'utf8');
}

export function readTrim(path) {
	try {
		return readFileSync(path, 'utf8').trim();
	} catch {
		return null;
	}
}

export const sys = (ifname, attr) => readTrim(`/sys/class/net/${ifname}/${attr}`);
export const bondAttr = (bond, attr) => readTrim(`/sys/class/net/${bond}/bonding/${attr}`);
export const slaveAttr = (slave, attr) => readTrim(`/sys/class/net/${slave}/bonding_slave/${attr}`);

export function bondSlaves(bond) {
	const s = bondAttr(bond, 'slaves');
	return s ? s.split(/\s+/).filter(Boolean) : [];
}

export async function waitFor(what, fn, {timeout = 15_000, every = 20} = {}) {
	const t0 = now();
	let last;
	while (now() - t0 < timeout) {
		try {
			last = fn();
			if (last) return last;
		} catch (e) {
			last = e;
		}
		await sleep(every);
	}
	throw new Error(`timed out after ${timeout} ms waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
}

// --- topology ----------------------------------------------------------------------------------
// Namespace "sw" holds a bridge br0 (192.0.2.254/24): the switch. Each slave ethN is one end of a
// veth pair whose other end "swN" sits in sw, enslaved to br0. For 802.3ad, namespace "peer"
// holds the other ends enslaved to a second 802.3ad bond (a real LACP partner).

export const SWITCH_IP = '192.0.2.254';

export function resetNet() {
	// The names from sysfs, not `ip -j link show`: iproute2 writes control characters in a name
	// (escape-name-once-json-tui's) raw into its JSON, which JSON.parse refuses, and then nothing
	// was deleted and the next scenario found bond0 still there. bonding_masters is a file there.
	for (const name of readdirSync('/sys/class/net')) {
		if (name === 'lo' || name === 'bonding_masters') continue;
		spawnSync(IP, ['link', 'del', 'dev', name]);
	}
	for (const ns of listNetns()) spawnSync(IP, ['netns', 'del', ns]);
	peerNamespace.clear();
}

export function listNetns() {
	try {
		return readdirSync('/run/netns');
	} catch {
		return [];
	}
}

export function makeSwitch() {
	if (!listNetns().includes('sw')) {
		ip('netns', 'add', 'sw');
		ipns('sw', 'link', 'set', 'lo', 'up');
		ipns('sw', 'link', 'add', 'br0', 'type', 'bridge', 'stp_state', '0', 'forward_delay', '0');
		ipns('sw', 'addr', 'add', `${SWITCH_IP}/24`, 'dev', 'br0');
		ipns('sw', 'link', 'set', 'br0', 'up');
	}
}

// Creates veth ethN <-> swN with swN in namespace ns (attached to br0 when ns is "sw").
const peerNamespace = new Map();

export function makeVeth(slave, peer, ns = 'sw', {peerUp = true} = {}) {
	peerNamespace.set(slave, ns);
	ip('link', 'add', slave, 'type', 'veth', 'peer', 'name', peer, 'netns', ns);
	if (ns === 'sw') ipns(ns, 'link', 'set', peer, 'master', 'br0');
	if (peerUp) ipns(ns, 'link', 'set', peer, 'up');
}

export function peerOf(slave) {
	return slave.replace(/^eth/, 'sw');
}

export function peerNs(slave) {
	return peerNamespace.get(slave) || (listNetns().includes('peer') ? 'peer' : 'sw');
}

// Creates bond `name` with ip-link options, enslaves slaves (veths to the switch or to a LACP
// partner), brings everything up. opts.after: ip-link options applied after enslaving.
export function makeBond(name, {options = [], slaves = ['eth0', 'eth1'], lacpPartner = false, after = [], addr, downPeers = []} = {}) {
	if (lacpPartner) {
		if (!listNetns().includes('peer')) {
			ip('netns', 'add', 'peer');
			ipns('peer', 'link', 'set', 'lo', 'up');
		}
		const popts = options.filter((x, i, a) => x !== 'ad_actor_system' && a[i - 1] !== 'ad_actor_system');
		ipns('peer', 'link', 'add', 'pbond0', 'type', 'bond', ...popts);
	} else {
		makeSwitch();
	}
	ip('link', 'add', name, 'type', 'bond', ...options);
	for (const s of slaves) {
		const p = peerOf(s);
		makeVeth(s, p, lacpPartner ? 'peer' : 'sw', {peerUp: false});
		if (lacpPartner) {
			ipns('peer', 'link', 'set', p, 'master', 'pbond0');
		}
		ip('link', 'set', s, 'master', name);
	}
	if (after.length) ip('link', 'set', name, 'type', 'bond', ...after);
	if (addr) ip('addr', 'add', addr, 'dev', name);
	ip('link', 'set', name, 'up');
	for (const s of slaves) ip('link', 'set', s, 'up');
	if (lacpPartner) ipns('peer', 'link', 'set', 'pbond0', 'up');
	for (const s of slaves) {
		if (!downPeers.includes(s)) ipns(lacpPartner ? 'peer' : 'sw', 'link', 'set', peerOf(s), 'up');
	}
}

export function setPeer(slave, state) {
	ipns(peerNs(slave), 'link', 'set', peerOf(slave), state);
}

export async function waitSlavesUp(bond, {timeout = 15_000} = {}) {
	return waitFor(`${bond} slaves MII up`, () => {
		const slaves = bondSlaves(bond);
		return slaves.length > 0 && slaves.every((s) => slaveAttr(s, 'mii_status') === 'up');
	}, {timeout});
}

export async function waitLacp(bond, nports, {timeout = 20_000} = {}) {
	return waitFor(`${bond} LACP aggregator with ${nports} ports`, () => {
		const slaves = bondSlaves(bond);
		if (slaves.length < nports) return false;
		const aggs = slaves.map((s) => slaveAttr(s, 'ad_aggregator_id'));
		const active = bondAttr(bond, 'ad_aggregator');
		const partner = bondAttr(bond, 'ad_partner_mac');
		const ports = Number(bondAttr(bond, 'ad_num_ports'));
		const states = slaves.map((s) => Number(slaveAttr(s, 'ad_actor_oper_port_state')));
		// 0x3c: synchronization|collecting|distributing + aggregation on each port.
		return ports === nports && aggs.every((a) => a === active) && partner && partner !== '00:00:00:00:00:00'
			&& states.every((s) => (s & 0x3c) === 0x3c);
	}, {timeout, every: 100});
}

// --- results -----------------------------------------------------------------------------------

const results = [];

// /lab/only.txt (from BONDTOP_LAB_ONLY on the host): run only these scenarios (comma separated).
let only = null;
function selectedScenario(name) {
	if (only === null) {
		try {
			only = readFileSync('/lab/only.txt', 'utf8').trim().split(',').filter(Boolean);
		} catch {
			only = [];
		}
	}
	return only.length === 0 || only.includes(name);
}

// Hooks run when a scenario fails, before cleanup (e.g. to print the screen).
const onFailHooks = [];
export function onFailure(fn) {
	onFailHooks.push(fn);
}

export async function scenario(name, fn, {timeout = 90_000, cleanup = true} = {}) {
	if (!selectedScenario(name)) return;
	say(`BEGIN ${name}`);
	const t0 = now();
	let timer;
	try {
		await Promise.race([
			fn(),
			new Promise((_, rej) => {
				timer = setTimeout(() => rej(new Error(`scenario timed out after ${timeout} ms`)), timeout);
			}),
		]);
		say(`PASS ${name} ${Math.round(now() - t0)}ms`);
		results.push({name, ok: true});
	} catch (e) {
		note(`FAILED: ${(e && e.stack) || e}`.split('\n').join('\n  '));
		for (const hook of onFailHooks) {
			try {
				hook();
			} catch {}
		}
		say(`FAIL ${name} ${Math.round(now() - t0)}ms ${String(e && e.message || e).split('\n')[0].slice(0, 300)}`);
		results.push({name, ok: false});
	} finally {
		clearTimeout(timer);
		try {
			if (cleanup) cleanupAfterScenario();
		} catch (e) {
			note(`cleanup failed: ${e.message}`);
		}
	}
}

const cleanups = [];
export function onCleanup(fn) {
	cleanups.push(fn);
}
function cleanupAfterScenario() {
	while (cleanups.length) {
		try {
			cleanups.pop()();
		} catch (e) {
			note(`cleanup: ${e.message}`);
		}
	}
	resetNet();
}

export function assert(cond, msg) {
	if (!cond) throw new Error(msg);
}

export function getResults() {
	return results;
}

export function eq(actual, expected, what) {
	if (JSON.stringify(actual) !== JSON.stringify(expected)) {
		throw new Error(`${what}: bondtop says ${JSON.stringify(actual)}, kernel says ${JSON.stringify(expected)}`);
	}
}

// Send a file to the host through the second serial port, base64-encoded.
export function exportFile(path) {
	const b64 = readFileSync(path).toString('base64');
	const fd = openSync('/dev/ttyS1', 'w');
	for (let i = 0; i < b64.length; i += 76) writeSync(fd, b64.slice(i, i + 76) + '\n');
	say(`EXPORTED ${b64.length}`);
}

/**
 * Every record an open /dev/kmsg descriptor (O_NONBLOCK) has from its position on, exactly as read
 * (`prio,seq,usec,flags;message` plus continuation lines); records the ring overwrote meanwhile
 * (EPIPE) are skipped.
 */
export function kmsgRecords(fd) {
	const buf = Buffer.alloc(16384);
	const records = [];
	for (;;) {
		let n;
		try {
			n = readSync(fd, buf, 0, buf.length, null);
		} catch (e) {
			if (e.code === 'EAGAIN') break;
			if (e.code === 'EPIPE') continue;
			throw e;
		}
		if (n <= 0) break;
		records.push(buf.toString('latin1', 0, n));
	}
	return records;
}

/** Packs `dir` into /tmp/NAME.tgz and exports it to the host (see exportFile; the host's bootAndUnpack unpacks it). */
export function exportDir(dir, name) {
	const tgz = `/tmp/${name}.tgz`;
	const r = spawnSync('/bb/tar', ['-czf', tgz, '-C', dir, '.']);
	if (r.status !== 0) throw new Error(`tar: ${r.stderr}`);
	exportFile(tgz);
}

export {existsSync, readdirSync, writeFileSync, join, execFileSync};
