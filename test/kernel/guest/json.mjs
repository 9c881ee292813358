// Scenarios a and b: `bondtop --json` agrees with sysfs for every mode and the special cases;
// `bondtop --once` exits 0 and names the bond; --version and the plain guest (no bond).
import {
	assert, bondAttr, bondSlaves, eq, exec, ip, makeBond, note, scenario, setPeer, slaveAttr, sleep,
	SWITCH_IP, sys, waitFor, waitLacp, waitSlavesUp,
} from './lab.mjs';
import {readFileSync} from 'node:fs';

const BONDTOP = '/usr/local/bin/bondtop';

function bondtop(args, {expect = 0, uid} = {}) {
	const opts = {allowFail: true, timeout: 30_000};
	// uid: run as that user (and group), like a non-root user would.
	const r = exec(BONDTOP, args, {...opts, uid});
	if (r.status !== expect) {
		throw new Error(`bondtop ${args.join(' ')} exited ${r.status} (want ${expect}): ${(r.stderr || '').trim().slice(0, 500)}`);
	}
	return r;
}

function snapshot(args = [], opts) {
	const r = bondtop(['--json', ...args], opts);
	let j;
	try {
		j = JSON.parse(r.stdout);
	} catch (e) {
		throw new Error(`bondtop --json printed no JSON: ${e.message}: ${r.stdout.slice(0, 300)}`);
	}
	assert(j.schema === 1, `schema is ${j.schema}, want 1`);
	return j;
}

const first = (s) => (s == null || s === '' ? null : s.split(/\s+/)[0]);
const num = (s) => (s == null || s === '' || s === 'N/A' ? null : Number(s));

// Compares one bond of a --json snapshot with what sysfs says right now.
export function compareBond(snap, bond, {nonroot = false} = {}) {
	const b = snap.bonds.find((x) => x.name === bond);
	assert(b, `bondtop --json has no bond ${bond} (has ${snap.bonds.map((x) => x.name).join(',') || 'none'})`);
	const A = (attr) => bondAttr(bond, attr);
	const mode = first(A('mode'));
	eq(b.mode, mode, `${bond} mode`);
	eq(b.activeSlave, A('active_slave') || null, `${bond} activeSlave`);
	eq(b.miiStatus, A('mii_status'), `${bond} miiStatus`);
	eq(b.miimonMs, num(A('miimon')), `${bond} miimonMs`);
	eq(b.updelayMs, num(A('updelay')), `${bond} updelayMs`);
	eq(b.downdelayMs, num(A('downdelay')), `${bond} downdelayMs`);
	eq(b.arpIntervalMs, num(A('arp_interval')), `${bond} arpIntervalMs`);
	eq(b.arpIpTargets, (A('arp_ip_target') || '').split(/\s+/).filter(Boolean), `${bond} arpIpTargets`);
	if (['active-backup', 'balance-tlb', 'balance-alb'].includes(mode)) {
		eq(b.primary, A('primary') || null, `${bond} primary`);
		eq(b.primaryReselect, first(A('primary_reselect')), `${bond} primaryReselect`);
	}
	if (mode === 'active-backup') eq(b.failOverMac, first(A('fail_over_mac')), `${bond} failOverMac`);
	if (['balance-xor', '802.3ad'].includes(mode)) eq(b.xmitHashPolicy, first(A('xmit_hash_policy')), `${bond} xmitHashPolicy`);
	if (mode === '802.3ad') {
		assert(b.lacp, `${bond} lacp is null in 802.3ad`);
		eq(b.lacp.rate, first(A('lacp_rate')), `${bond} lacp.rate`);
		eq(b.lacp.aggregatorId, num(A('ad_aggregator')), `${bond} lacp.aggregatorId`);
		eq(b.lacp.numberOfPorts, num(A('ad_num_ports')), `${bond} lacp.numberOfPorts`);
		if (!nonroot) {
			eq(b.lacp.actorKey, num(A('ad_actor_key')), `${bond} lacp.actorKey`);
			eq(b.lacp.partnerKey, num(A('ad_partner_key')), `${bond} lacp.partnerKey`);
			eq(b.lacp.partnerMac, A('ad_partner_mac'), `${bond} lacp.partnerMac`);
		} else {
			// /proc/net/bonding and sysfs hide these from users without CAP_NET_ADMIN, but rtnetlink
			// (`ip -d -j link show`, read on the cold path) gives them to anyone: bondtop may show them
			// from there, and must never invent them: null, or exactly what root reads in sysfs.
			const rootValues = {actorKey: num(A('ad_actor_key')), partnerKey: num(A('ad_partner_key')), partnerMac: A('ad_partner_mac')};
			for (const k of ['actorKey', 'partnerKey', 'partnerMac']) {
				assert(b.lacp[k] == null || b.lacp[k] === rootValues[k], `${bond} lacp.${k} is ${JSON.stringify(b.lacp[k])} for a non-root reader; root reads ${JSON.stringify(rootValues[k])}`);
			}
		}
	} else {
		eq(b.lacp, null, `${bond} lacp (not 802.3ad)`);
	}
	const slaves = bondSlaves(bond);
	eq(b.slaves.map((s) => s.name), slaves, `${bond} slaves`);
	for (const s of b.slaves) {
		const S = (attr) => slaveAttr(s.name, attr);
		eq(s.state, S('state'), `${s.name} state`);
		eq(s.miiStatus, S('mii_status'), `${s.name} miiStatus`);
		eq(s.linkFailureCount, num(S('link_failure_count')), `${s.name} linkFailureCount`);
		eq(s.permHwAddr, S('perm_hwaddr'), `${s.name} permHwAddr`);
		eq(s.aggregatorId, num(S('ad_aggregator_id')), `${s.name} aggregatorId`);
		const speed = sys(s.name, 'speed');
		if (speed !== null && Number(speed) > 0) eq(s.speedMbps, Number(speed), `${s.name} speedMbps`);
		const i = snap.interfaces.find((x) => x.name === s.name);
		assert(i, `bondtop --json lists no interface ${s.name}`);
		eq(i.master, bond, `${s.name} master`);
		eq(i.macAddress, sys(s.name, 'address'), `${s.name} macAddress`);
	}
	const bi = snap.interfaces.find((x) => x.name === bond);
	assert(bi, `bondtop --json lists no interface ${bond}`);
	eq(bi.macAddress, sys(bond, 'address'), `${bond} macAddress`);
	eq(bi.mtu, num(sys(bond, 'mtu')), `${bond} mtu`);
	return b;
}

function checkOnce(bond) {
	const r = bondtop(['--once']);
	assert(r.stdout.includes(bond), `bondtop --once does not name ${bond}`);
	for (const s of bondSlaves(bond)) assert(r.stdout.includes(s), `bondtop --once does not name slave ${s}`);
	return r.stdout;
}

// Kernel state can move between bondtop's read and ours (e.g. LACP settling): retry briefly.
async function agrees(bond, opts = {}) {
	let lastErr;
	for (let i = 0; i < 3; i++) {
		try {
			return compareBond(snapshot(opts.args || [], opts), bond, opts);
		} catch (e) {
			lastErr = e;
			await sleep(300);
		}
	}
	throw lastErr;
}

async function failOverOnce(bond) {
	const a = bondAttr(bond, 'active_slave');
	setPeer(a, 'down');
	await waitFor('failover', () => bondAttr(bond, 'active_slave') && bondAttr(bond, 'active_slave') !== a);
	setPeer(a, 'up');
	await waitSlavesUp(bond);
	note(`failed over ${a} -> ${bondAttr(bond, 'active_slave')}`);
}

const MII = ['miimon', '100'];

export async function run() {
	const version = readFileSync('/lab/bondtop-version.txt', 'utf8').trim();

	await scenario('version', async () => {
		const r = bondtop(['--version']);
		eq(r.stdout.trim(), version, 'bondtop --version');
	});

	await scenario('plain-guest-no-bond', async () => {
		const j = snapshot();
		eq(j.bonds, [], 'bonds on a guest without bonds');
		assert(j.interfaces.some((i) => i.name === 'lo'), 'interfaces lacks lo');
		bondtop(['--once']);
		// stdout is a pipe here: no --once/--json prints the --once snapshot and exits.
		bondtop([]);
	});

	await scenario('unknown-bond-exits-2', async () => {
		ip('link', 'add', 'bond0', 'type', 'bond', 'mode', 'active-backup');
		const r = bondtop(['--once', 'nosuchbond'], {expect: 2});
		const lines = (r.stderr + r.stdout).trim().split('\n');
		assert(lines.length === 1, `want a one-line error, got ${lines.length} lines: ${JSON.stringify(lines.slice(0, 4))}`);
	});

	// Every mode at once, one bond each (bond0..bond6), so one bondtop run checks them all.
	const modes = [
		['balance-rr', []],
		['active-backup', ['updelay', '200', 'downdelay', '200']],
		['balance-xor', ['xmit_hash_policy', 'layer3+4']],
		['broadcast', []],
		['802.3ad', ['lacp_rate', 'fast', 'xmit_hash_policy', 'layer3+4']],
		['balance-tlb', []],
		['balance-alb', []],
	];
	const bondOf = new Map(modes.map(([mode], i) => [mode, `bond${i}`]));
	const slavesOf = (mode) => {
		const i = modes.findIndex(([m]) => m === mode);
		return [`eth${2 * i}`, `eth${2 * i + 1}`];
	};
	let setupError = null;
	let snapUp = null;
	let snapDown = null;
	await scenario('json-modes-setup', async () => {
		try {
			for (const [mode, extra] of modes) {
				makeBond(bondOf.get(mode), {options: ['mode', mode, ...MII, ...extra], slaves: slavesOf(mode), lacpPartner: mode === '802.3ad'});
			}
			for (const [mode] of modes) await waitSlavesUp(bondOf.get(mode));
			await waitLacp(bondOf.get('802.3ad'), 2);
			// A failover in active-backup; a link failure on the second slave elsewhere (not in
			// 802.3ad, to keep its aggregator settled), so failure counts differ between slaves.
			await failOverOnce(bondOf.get('active-backup'));
			const flap = modes.filter(([m]) => !['active-backup', '802.3ad'].includes(m)).map(([m]) => slavesOf(m)[1]);
			for (const s of flap) setPeer(s, 'down');
			await waitFor('link failures', () => flap.every((s) => slaveAttr(s, 'mii_status') === 'down'));
			for (const s of flap) setPeer(s, 'up');
			for (const [mode] of modes) await waitSlavesUp(bondOf.get(mode));
			await waitLacp(bondOf.get('802.3ad'), 2);
			snapUp = snapshot();
		} catch (e) {
			setupError = e;
			throw e;
		}
	}, {cleanup: false});
	const checkMode = async (mode, snap) => {
		if (setupError) throw new Error(`setup failed: ${setupError.message}`);
		try {
			compareBond(snap, bondOf.get(mode));
		} catch (e) {
			// The kernel may have moved between bondtop's read and ours: one fresh look.
			await sleep(300);
			compareBond(snapshot(), bondOf.get(mode));
		}
	};
	for (const [mode] of modes) {
		await scenario(`json-${mode}`, async () => {
			await checkMode(mode, snapUp);
			if (mode === '802.3ad') {
				const b = snapUp.bonds.find((x) => x.name === bondOf.get(mode));
				note(`aggregator ${b.lacp.aggregatorId} ports ${b.lacp.numberOfPorts} partner ${b.lacp.partnerMac}`);
			}
		}, {cleanup: false});
	}
	await scenario('json-802.3ad-nonroot', async () => {
		if (setupError) throw new Error(`setup failed: ${setupError.message}`);
		await agrees(bondOf.get('802.3ad'), {uid: 65534, nonroot: true});
	}, {cleanup: false});
	// And with the first slave of each bond down right now.
	await scenario('json-modes-slave-down', async () => {
		if (setupError) throw new Error(`setup failed: ${setupError.message}`);
		const first = modes.map(([m]) => slavesOf(m)[0]);
		for (const s of first) setPeer(s, 'down');
		await waitFor('first slaves MII down', () => first.every((s) => slaveAttr(s, 'mii_status') === 'down'));
		await sleep(300);
		snapDown = snapshot();
		const failed = [];
		for (const [mode] of modes) {
			try {
				await checkMode(mode, snapDown);
			} catch (e) {
				failed.push(`${mode}: ${e.message}`);
			}
		}
		assert(failed.length === 0, failed.join('; '));
	});

	await scenario('json-active-backup-arp-primary', async () => {
		makeBond('bond0', {
			options: ['mode', 'active-backup', 'arp_interval', '200', 'arp_ip_target', SWITCH_IP, 'primary_reselect', 'better'],
			after: ['primary', 'eth1'], addr: '192.0.2.1/24',
		});
		await waitSlavesUp('bond0', {timeout: 20_000});
		await waitFor('eth1 active', () => bondAttr('bond0', 'active_slave') === 'eth1');
		const b = await agrees('bond0');
		eq(b.primary, 'eth1', 'primary');
		eq(b.arpIpTargets, [SWITCH_IP], 'arpIpTargets');
		checkOnce('bond0');
	});

	await scenario('json-active-backup-fail-over-mac', async () => {
		makeBond('bond0', {options: ['mode', 'active-backup', 'fail_over_mac', 'active', ...MII]});
		await waitSlavesUp('bond0');
		await failOverOnce('bond0');
		const b = await agrees('bond0');
		eq(b.failOverMac, 'active', 'failOverMac');
		checkOnce('bond0');
	});

	await scenario('json-no-slaves', async () => {
		ip('link', 'add', 'bond0', 'type', 'bond', 'mode', 'active-backup', ...MII);
		ip('link', 'set', 'bond0', 'up');
		const b = await agrees('bond0');
		eq(b.slaves, [], 'slaves');
		checkOnce('bond0');
	});

	await scenario('json-all-slaves-down', async () => {
		makeBond('bond0', {options: ['mode', 'active-backup', ...MII]});
		await waitSlavesUp('bond0');
		setPeer('eth0', 'down');
		setPeer('eth1', 'down');
		await waitFor('all slaves down', () => ['eth0', 'eth1'].every((s) => slaveAttr(s, 'mii_status') === 'down'));
		const b = await agrees('bond0');
		eq(b.activeSlave, null, 'activeSlave');
		checkOnce('bond0');
	});
}
