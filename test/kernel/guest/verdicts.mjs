// Verdicts on the real driver: 802.3ad against the bridge "switch" (no LACP partner) is reported
// as a partner not speaking LACP, with a real LACP partner it is OK (as root and as uid 65534,
// who sees the decoded port states through rtnetlink); `bondtop check` exits 0, then 1 with one
// slave down (its peer down), then 2 with none; `echo 0 > .../miimon` gives "no link monitoring";
// `ip link set bond0 down` gives CRITICAL "bond administratively down" (exit 2).
import {mkdirSync, writeFileSync} from 'node:fs';
import {assert, bondAttr, eq, exec, ip, makeBond, note, read, scenario, setPeer, slaveAttr, waitFor, waitLacp, waitSlavesUp} from './lab.mjs';

const BONDTOP = '/usr/local/bin/bondtop';
const NOBODY = 65534;

function bondtop(args, {uid} = {}) {
	return exec(BONDTOP, args, {allowFail: true, timeout: 30_000, uid});
}

function json(args = [], {uid} = {}) {
	const r = bondtop(['--json', ...args], {uid});
	if (r.status !== 0) throw new Error(`bondtop --json exited ${r.status}: ${(r.stderr || '').trim().slice(0, 500)}`);
	return JSON.parse(r.stdout);
}

function check(args = [], {uid, expect} = {}) {
	const r = bondtop(['check', ...args], {uid});
	note(`check ${args.join(' ')}${uid === undefined ? '' : ` (uid ${uid})`} -> ${r.status}: ${r.stdout.split('\n')[0]}`);
	if (expect !== undefined) eq(r.status, expect, `bondtop check ${args.join(' ')} exit code (stdout: ${r.stdout.slice(0, 600)})`);
	assert(/^BONDING (OK|WARNING|CRITICAL|UNKNOWN) - /.test(r.stdout), `status line: ${r.stdout.slice(0, 300)}`);
	return r;
}

const ids = (bond) => bond.findings.map((f) => f.id);

/**
 * The bond as /etc/network/interfaces says (ifupdown + ifenslave spelling): without a
 * configuration, a running bond is itself a finding (running-not-configured: gone after a reboot).
 */
function configure(lines) {
	mkdirSync('/etc/network', {recursive: true});
	writeFileSync('/etc/network/interfaces', ['auto bond0', 'iface bond0 inet manual', ...lines.map((l) => `    ${l}`), ''].join('\n'));
}

const lacpOptions = ['mode', '802.3ad', 'lacp_rate', 'fast', 'miimon', '100'];

export async function run() {
	await scenario('verdicts-lacp-no-partner', async () => {
		// Slaves on the bridge: nobody answers LACPDUs. The bond's own (actor) port state carries
		// DEFAULTED (no LACPDU received: default partner values), the partner MAC stays zero.
		configure(['bond-slaves eth0 eth1', 'bond-mode 802.3ad', 'bond-miimon 100', 'bond-lacp-rate fast']);
		makeBond('bond0', {options: lacpOptions});
		await waitSlavesUp('bond0');
		const states = () => `ad_partner_mac ${bondAttr('bond0', 'ad_partner_mac')}, ad_aggregator ${bondAttr('bond0', 'ad_aggregator')}, ad_num_ports ${bondAttr('bond0', 'ad_num_ports')}; ${['eth0', 'eth1'].map((s) => `${s}: actor ${slaveAttr(s, 'ad_actor_oper_port_state')} partner ${slaveAttr(s, 'ad_partner_oper_port_state')} aggregator ${slaveAttr(s, 'ad_aggregator_id')}`).join('; ')}`;
		note(`no partner, at once: ${states()}`);
		await waitFor('actor state DEFAULTED on both slaves', () => ['eth0', 'eth1'].every((s) => (Number(slaveAttr(s, 'ad_actor_oper_port_state')) & 0x40) !== 0), {timeout: 20_000, every: 200});
		note(`no partner: ${states()}`);
		for (const uid of [undefined, NOBODY]) {
			const bond = json([], {uid}).bonds.find((b) => b.name === 'bond0');
			assert(ids(bond).includes('lacp-partner-not-speaking'), `${uid ?? 'root'}: findings ${ids(bond).join(', ')}`);
			eq(bond.verdict.status, 'WARNING', `${uid ?? 'root'}: verdict`);
			assert(/partner not speaking LACP/.test(bond.verdict.reason), `reason: ${bond.verdict.reason}`);
			eq(bond.slaves.every((s) => s.actorPortState && s.actorPortState.defaulted), true, `${uid ?? 'root'}: actor states DEFAULTED (${JSON.stringify(bond.slaves.map((s) => s.actorPortState))})`);
			const once = bondtop(['--once'], {uid});
			assert(/LACP actor \d+ .*DEFAULTED/.test(once.stdout), `${uid ?? 'root'}: --once shows DEFAULTED:\n${once.stdout.slice(0, 2500)}`);
			const r = check([], {uid, expect: 1});
			assert(/lacp-partner-not-speaking/.test(r.stdout), r.stdout);
		}
	});

	await scenario('verdicts-lacp-partner-ok', async () => {
		configure(['bond-slaves eth0 eth1', 'bond-mode 802.3ad', 'bond-miimon 100', 'bond-lacp-rate fast']);
		makeBond('bond0', {options: lacpOptions, lacpPartner: true});
		await waitLacp('bond0', 2);
		const root = json().bonds.find((b) => b.name === 'bond0');
		eq([root.verdict.status, ids(root)], ['OK', []], `root verdict (${root.verdict.reason})`);
		check([], {expect: 0});
		// uid 65534: /proc/net/bonding hides the partner; rtnetlink gives it and the port states.
		const nobody = json([], {uid: NOBODY}).bonds.find((b) => b.name === 'bond0');
		eq([nobody.verdict.status, ids(nobody)], ['OK', []], `uid 65534 verdict (${nobody.verdict.reason})`);
		eq(nobody.lacp.partnerMac, bondAttr('bond0', 'ad_partner_mac'), 'uid 65534: partner MAC via rtnetlink');
		for (const slave of nobody.slaves) {
			eq(slave.actorPortState?.raw, Number(slaveAttr(slave.name, 'ad_actor_oper_port_state')), `uid 65534: ${slave.name} actor state`);
			eq(slave.partnerPortState?.raw, Number(slaveAttr(slave.name, 'ad_partner_oper_port_state')), `uid 65534: ${slave.name} partner state`);
			eq(slave.actorPortState.distributing, true, `${slave.name} distributing`);
		}
		const once = bondtop(['--once'], {uid: NOBODY});
		eq(once.status, 0, '--once as uid 65534');
		const lacpLines = once.stdout.split('\n').filter((l) => /LACP actor \d+ .*SYNC COLL DIST {2}partner \d+ .*SYNC COLL DIST/.test(l));
		eq(lacpLines.length, 2, `--once as uid 65534 shows both slaves' decoded port states:\n${once.stdout.slice(0, 2500)}`);
		note(lacpLines[0].trim());
		check([], {uid: NOBODY, expect: 0});
	});

	await scenario('verdicts-check-exit-codes', async () => {
		configure(['bond-slaves eth0 eth1', 'bond-mode active-backup', 'bond-miimon 100']);
		makeBond('bond0', {options: ['mode', 'active-backup', 'miimon', '100']});
		await waitSlavesUp('bond0');
		const ok = check([], {expect: 0});
		assert(/^BONDING OK - bond0: 2\/2 slaves up, active eth\d, failover ready \| slaves_up=2;;;0;2 /.test(ok.stdout), ok.stdout);
		setPeer('eth1', 'down');
		await waitFor('eth1 MII down', () => slaveAttr('eth1', 'mii_status') === 'down');
		const warning = check([], {expect: 1});
		assert(/^BONDING WARNING - bond0: 1\/2 slaves up, no failover left \| slaves_up=1;;;0;2 slaves=2;;;0 link_failures=1c;;;0\nbond0: WARNING slave-down \(eth1\): /.test(warning.stdout), warning.stdout);
		check([], {uid: NOBODY, expect: 1});
		const checkmk = bondtop(['check', '--checkmk']);
		eq(checkmk.status, 1, '--checkmk exit');
		assert(/^1 "bondtop bond0" slaves_up=1;;;0;2\|slaves=2;;;0\|link_failures=1;;;0 WARNING: 1\/2 slaves up, no failover left/.test(checkmk.stdout), checkmk.stdout);
		setPeer('eth0', 'down');
		await waitFor('eth0 MII down', () => slaveAttr('eth0', 'mii_status') === 'down');
		const critical = check([], {expect: 2});
		assert(/^BONDING CRITICAL - bond0: no slave up \| slaves_up=0;;;0;2 /.test(critical.stdout), critical.stdout);
		check(['--critical', 'no-such-finding'], {expect: 3});
		check(['bond9'], {expect: 3});
		setPeer('eth0', 'up');
		setPeer('eth1', 'up');
		await waitSlavesUp('bond0');
		check([], {expect: 0});
	});

	await scenario('verdicts-no-link-monitoring', async () => {
		configure(['bond-slaves eth0 eth1', 'bond-mode active-backup', 'bond-miimon 100']);
		makeBond('bond0', {options: ['mode', 'active-backup', 'miimon', '100']});
		await waitSlavesUp('bond0');
		check([], {expect: 0});
		exec('/bin/sh', ['-c', 'echo 0 > /sys/class/net/bond0/bonding/miimon']);
		eq(bondAttr('bond0', 'miimon'), '0', 'sysfs miimon');
		const bond = json().bonds.find((b) => b.name === 'bond0');
		assert(ids(bond).includes('no-link-monitoring'), `findings: ${ids(bond).join(', ')}`);
		assert(ids(bond).includes('config-drift'), `the drift (configured 100, running 0) counts too: ${ids(bond).join(', ')}`);
		eq(bond.verdict.status, 'WARNING', 'verdict');
		const r = check([], {expect: 1});
		assert(/no link monitoring/.test(r.stdout.split('\n')[0]), r.stdout);
		const once = bondtop(['--once']);
		assert(/^bond0: WARNING {2}2\/2 slaves up, no link monitoring/m.test(once.stdout), once.stdout.slice(0, 800));
	});

	await scenario('verdicts-bond-admin-down', async () => {
		configure(['bond-slaves eth0 eth1', 'bond-mode active-backup', 'bond-miimon 100']);
		makeBond('bond0', {options: ['mode', 'active-backup', 'miimon', '100']});
		await waitSlavesUp('bond0');
		check([], {expect: 0});
		ip('link', 'set', 'bond0', 'down');
		// What the driver still shows for a closed bond: its monitors stop, the slaves keep their last state.
		const proc = read('/proc/net/bonding/bond0');
		note(`closed bond0: ${proc.split('\n').filter((l) => /^(MII Status|Currently Active Slave)/.test(l)).join('; ')}`);
		const bond = json().bonds.find((b) => b.name === 'bond0');
		assert(ids(bond).includes('bond-admin-down'), `findings: ${ids(bond).join(', ')}`);
		eq(bond.verdict.status, 'CRITICAL', 'verdict');
		const r = check([], {expect: 2});
		assert(/bond administratively down/.test(r.stdout.split('\n')[0]), r.stdout);
		ip('link', 'set', 'bond0', 'up');
		await waitSlavesUp('bond0');
		check([], {expect: 0});
	});
}
