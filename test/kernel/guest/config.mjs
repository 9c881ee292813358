// Config vs running on the real driver: the origin story's /etc/network/interfaces, verbatim, at
// /etc/network/interfaces in the guest (its slave names, eth0 and eth1, are the guest's veths),
// and bond0 built as that file says. bondtop must call it matching; after
// `echo 0 > /sys/class/net/bond0/bonding/miimon` it must report the drift (configured 100, running
// 0) in --json and --once.
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {assert, bondAttr, bondSlaves, eq, exec, makeBond, note, scenario, waitSlavesUp} from './lab.mjs';

const BONDTOP = '/usr/local/bin/bondtop';
const ORIGIN = readFileSync('/lab/origin-interfaces', 'utf8');

function bondtop(args) {
	const r = exec(BONDTOP, args, {allowFail: true, timeout: 30_000});
	if (r.status !== 0) throw new Error(`bondtop ${args.join(' ')} exited ${r.status}: ${(r.stderr || '').trim().slice(0, 500)}`);
	return r.stdout;
}

function json() {
	const j = JSON.parse(bondtop(['--json']));
	assert(j.schema === 1, `schema ${j.schema}`);
	return j;
}

/** The bond as the origin story's file says: active-backup, miimon 100, up/down delay 200, bond-slaves all (eth0, eth1). */
async function buildOriginBond() {
	mkdirSync('/etc/network', {recursive: true});
	writeFileSync('/etc/network/interfaces', ORIGIN);
	makeBond('bond0', {options: ['mode', 'active-backup', 'miimon', '100', 'updelay', '200', 'downdelay', '200'], slaves: ['eth0', 'eth1']});
	await waitSlavesUp('bond0');
}

const setting = (bond, name) => bond.config.settings.find((s) => s.name === name);

export async function run() {
	await scenario('config-origin-file-matches', async () => {
		await buildOriginBond();
		const j = json();
		const bond = j.bonds.find((b) => b.name === 'bond0');
		assert(bond && bond.config, `bond0 has no config: ${JSON.stringify(bond && bond.config)}`);
		eq(bond.config.sources, ['/etc/network/interfaces:13 (ifupdown)'], 'config sources');
		eq(bond.config.drift, false, 'drift');
		eq(bond.config.settings.map((s) => [s.name, s.drift]), [['mode', false], ['miimon', false], ['updelay', false], ['downdelay', false], ['slaves', false]], 'settings compared');
		// The running side is the kernel's own (sysfs), the configured side the file's.
		eq(setting(bond, 'miimon').running, Number(bondAttr('bond0', 'miimon')), 'running miimon');
		eq(setting(bond, 'slaves').running, bondSlaves('bond0'), 'running slaves');
		eq(setting(bond, 'slaves').configured, ['eth0', 'eth1'], 'bond-slaves all expanded to the eth interfaces');
		eq(j.configuredNotRunning, [], 'configuredNotRunning');
		// The judgement counts the configuration: nothing about it here, and the verdict is OK.
		assert(Array.isArray(bond.findings), 'bond0 has no findings array');
		eq(bond.findings.map((f) => f.id).filter((id) => /config/.test(id)), [], 'config findings');
		eq(bond.verdict && bond.verdict.status, 'OK', `verdict (${JSON.stringify(bond.verdict)}, findings ${bond.findings.map((f) => f.id).join(', ')})`);
		const once = bondtop(['--once']);
		assert(once.includes('config: /etc/network/interfaces:13 (ifupdown): matches (mode, miimon, updelay, downdelay, slaves)'), `--once lacks the matching config line:\n${once.slice(0, 1500)}`);
	});

	await scenario('config-miimon-drift', async () => {
		await buildOriginBond();
		writeFileSync('/sys/class/net/bond0/bonding/miimon', '0');
		eq(bondAttr('bond0', 'miimon'), '0', 'sysfs miimon after echo 0');
		// The kernel keeps up/down delays in miimon ticks: with miimon 0 they read 0 as well (6.1).
		note(`after echo 0 > miimon: updelay ${bondAttr('bond0', 'updelay')}, downdelay ${bondAttr('bond0', 'downdelay')}`);
		eq([bondAttr('bond0', 'updelay'), bondAttr('bond0', 'downdelay')], ['0', '0'], 'sysfs delays after miimon 0');
		const j = json();
		const bond = j.bonds.find((b) => b.name === 'bond0');
		eq(bond.config.drift, true, 'drift');
		const miimon = setting(bond, 'miimon');
		eq([miimon.configured, miimon.running, miimon.drift, miimon.source], [100, 0, true, '/etc/network/interfaces:20'], 'miimon configured, running, drift, source');
		const up = setting(bond, 'updelay');
		eq([up.configured, up.running, up.drift], [200, 0, true], 'updelay as the kernel shows it');
		assert(/miimon ticks/.test(up.note || ''), `updelay note: ${up.note}`);
		eq(setting(bond, 'mode').drift, false, 'mode still matches');
		const ids = (bond.findings || []).map((f) => f.id);
		assert(ids.includes('no-link-monitoring'), `findings lack no-link-monitoring: ${ids.join(', ')}`);
		assert(ids.includes('config-drift'), `findings lack config-drift: ${ids.join(', ')}`);
		const drift = bond.findings.find((f) => f.id === 'config-drift');
		assert(drift.message.includes('miimon configured 100, running 0'), `config-drift says: ${drift.message}`);
		assert(bond.verdict && bond.verdict.status !== 'OK', `verdict is ${JSON.stringify(bond.verdict)}`);
		const once = bondtop(['--once']);
		assert(once.includes('config: /etc/network/interfaces:13 (ifupdown)  DRIFT'), `--once lacks DRIFT:\n${once.slice(0, 1500)}`);
		assert(once.includes('miimon: configured 100 (/etc/network/interfaces:20), running 0'), `--once lacks the miimon drift line:\n${once.slice(0, 1500)}`);
		assert(/^bond0: (WARNING|CRITICAL) /m.test(once), `--once verdict line:\n${once.slice(0, 600)}`);
	});

	await scenario('config-configured-not-running', async () => {
		// The file names bond0 but nothing built it: bondtop says so and why (no ifupdown in this guest).
		mkdirSync('/etc/network', {recursive: true});
		writeFileSync('/etc/network/interfaces', ORIGIN);
		const j = json();
		eq(j.bonds, [], 'no running bond');
		eq(j.configuredNotRunning.map((n) => [n.name, n.kind, n.source]), [['bond0', 'ifupdown', '/etc/network/interfaces:13']], 'configuredNotRunning');
		const reasons = j.configuredNotRunning[0].reasons;
		assert(reasons.some((r) => r.startsWith('ifupdown is not installed')), `reasons: ${JSON.stringify(reasons)}`);
		assert(reasons.some((r) => r.startsWith('bond-slaves all matches no interface here')), `reasons: ${JSON.stringify(reasons)}`);
	});
}
