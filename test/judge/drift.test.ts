import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';
import {createHostFs} from '../../source/collect/host-fs.js';
import {SnapshotCollector} from '../../source/collect/snapshot.js';
import {bondsFromInterfaces, parseInterfacesFile} from '../../source/config/interfaces.js';
import {parseModprobeFiles} from '../../source/config/modprobe.js';
import {bondsFromNetplan} from '../../source/config/netplan.js';
import {bondsFromNetworkd} from '../../source/config/networkd.js';
import type {BondConfig, HostConfig} from '../../source/config/types.js';
import {compareConfig} from '../../source/judge/drift.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/config/${name}`, import.meta.url), 'utf8');
/** A snapshot of a real 6.1 kernel's bond (test/fixtures/kernel/NAME, see its README). */
const kernel = (name: string) => new SnapshotCollector({fs: createHostFs(new URL(`../fixtures/kernel/${name}/`, import.meta.url).pathname)}).collect(1_000);

function host(bonds: BondConfig[], extra: Partial<HostConfig> = {}): HostConfig {
	return {
		bonds,
		module: {settings: {}, maxBonds: null, blocked: null, notes: []},
		bondingAtBoot: null,
		bondingModuleLoaded: true,
		tools: {ifupdown: true, ifupdownFlavour: 'ifupdown', ifenslave: true, networkd: false, netplan: false, networkManager: false, nmcli: false},
		filesRead: [],
		unreadable: [],
		notes: [],
		hasEtc: true,
		...extra,
	};
}
const interfaces = (text: string) => bondsFromInterfaces([parseInterfacesFile('/etc/network/interfaces', text)]).bonds;
const drifted = (c: ReturnType<typeof compareConfig>) => c.bonds.flatMap((b) => b.settings.filter((s) => s.drift).map((s) => [s.name, s.configured, s.running]));

test('the origin story file against the kernel bond built the same way: everything matches', () => {
	// active-backup: `ip link add bond0 type bond mode active-backup miimon 100 updelay 200 downdelay 200`, slaves eth0 eth1.
	const c = compareConfig(kernel('active-backup'), host(interfaces(fixture('origin-interfaces'))));
	assert.deepEqual(c.findings, []);
	assert.equal(c.bonds.length, 1);
	const bond = c.bonds[0]!;
	assert.equal(bond.drift, false);
	assert.deepEqual(
		bond.settings.map((s) => [s.name, s.configured, s.running, s.source]),
		[
			['mode', 'active-backup', 'active-backup', '/etc/network/interfaces:19'],
			['miimon', 100, 100, '/etc/network/interfaces:20'],
			['updelay', 200, 200, '/etc/network/interfaces:22'],
			['downdelay', 200, 200, '/etc/network/interfaces:23'],
			['slaves', ['eth0', 'eth1'], ['eth0', 'eth1'], '/etc/network/interfaces:21'],
		],
	);
	assert.match(bond.settings.at(-1)!.note!, /all; members eth0 eth1/);
});

test('drift per setting, and the kernel rounding delays down to a multiple of miimon is not drift', () => {
	const text = fixture('origin-interfaces').replace('bond-miimon 100', 'bond-miimon 150').replace('bond-updelay 200', 'bond-updelay 250');
	// The kernel bond runs miimon 100, updelay 200: configured 250 with miimon 100 would run as 200 too.
	const c = compareConfig(kernel('active-backup'), host(interfaces(text)));
	// Applied, the file would give miimon 150 and updelay 250 rounded down to 150: both differ.
	assert.deepEqual(drifted(c), [['miimon', 150, 100], ['updelay', 250, 200]]);
	assert.match(c.bonds[0]!.settings.find((s) => s.name === 'updelay')!.note!, /with miimon 150 the kernel would round it down to 150/);
	const rounded = compareConfig(kernel('active-backup'), host(interfaces(fixture('origin-interfaces').replace('bond-updelay 200', 'bond-updelay 250'))));
	const row = rounded.bonds[0]!.settings.find((s) => s.name === 'updelay')!;
	assert.deepEqual([row.configured, row.running, row.drift], [250, 200, false]);
	assert.match(row.note!, /rounds 250 down to a multiple of miimon 100: runs as 200/);
	const finding = c.findings.find((f) => f.id === 'config-drift')!;
	assert.equal(finding.severity, 'warning');
	assert.match(finding.message, /miimon configured 150, running 100/);
	assert.match(finding.message, /\/etc\/network\/interfaces:13 \(ifupdown\)/);
});

test('802.3ad: the systemd.netdev(5) example configures bond1, the kernel runs bond0: one not running, one configured nowhere', () => {
	const man = bondsFromNetworkd([{path: '/etc/systemd/network/25-bond.netdev', text: fixture('networkd/25-bond.netdev')}], []).bonds;
	const c = compareConfig(kernel('802.3ad'), host(man, {tools: {ifupdown: false, ifupdownFlavour: 'ifupdown', ifenslave: false, networkd: true, netplan: false, networkManager: false, nmcli: false}}));
	assert.deepEqual(c.configuredNotRunning.map((n) => [n.name, n.kind, n.source]), [['bond1', 'networkd', '/etc/systemd/network/25-bond.netdev:2']]);
	assert.deepEqual(c.configuredNotRunning[0]!.reasons, ['the configuration names no slaves']);
	assert.deepEqual(c.runningNotConfigured, ['bond0']);
	assert.deepEqual(c.findings.map((f) => [f.id, f.severity, f.bond]), [
		['configured-not-running', 'warning', 'bond1'],
		['running-not-configured', 'warning', 'bond0'],
	]);
	assert.match(c.findings[1]!.message, /gone after a reboot/);
});

test('802.3ad: a .netdev that matches the running bond, then one networkd never applied (lacp_rate slow)', () => {
	const netdev = '[NetDev]\nName=bond0\nKind=bond\n[Bond]\nMode=802.3ad\nTransmitHashPolicy=layer3+4\nMIIMonitorSec=100ms\nLACPTransmitRate=fast\n';
	const networks = [{path: '/etc/systemd/network/eth.network', text: '[Match]\nName=eth*\n[Network]\nBond=bond0\n'}];
	const ok = compareConfig(kernel('802.3ad'), host(bondsFromNetworkd([{path: '/etc/systemd/network/bond0.netdev', text: netdev}], networks).bonds));
	assert.deepEqual(ok.findings, []);
	assert.deepEqual(ok.bonds[0]!.settings.find((s) => s.name === 'slaves')!.configured, ['eth0', 'eth1'], 'Name=eth* matches the two slaves');
	const slow = compareConfig(kernel('802.3ad'), host(bondsFromNetworkd([{path: '/etc/systemd/network/bond0.netdev', text: netdev.replace('fast', 'slow')}], networks).bonds));
	assert.deepEqual(drifted(slow), [['lacp_rate', 'slow', 'fast']]);
	assert.match(slow.findings[0]!.message, /never applies .netdev changes to an existing bond/);
});

test("netplan's example against the kernel bond: implicit miimon 0, a primary not set, slaves that do not exist here", () => {
	const c = compareConfig(kernel('active-backup'), host(bondsFromNetplan([{path: '/etc/netplan/bonding.yaml', text: fixture('netplan/bonding.yaml')}]).bonds));
	assert.deepEqual(drifted(c), [
		['miimon', 0, 100],
		['primary', 'enp3s0', '(none)'],
		['slaves', ['enp3s0', 'enp4s0'], ['eth0', 'eth1']],
	]);
	assert.equal(c.bonds[0]!.settings.find((s) => s.name === 'miimon')!.implicit, true);
	const ids = c.findings.map((f) => [f.id, f.subject]);
	assert.deepEqual(ids, [
		['config-slave-missing', 'enp3s0'],
		['config-slave-missing', 'enp4s0'],
		['config-slave-extra', 'eth0'],
		['config-slave-extra', 'eth1'],
		['config-drift', null],
	]);
	assert.match(c.findings[0]!.message, /there is no interface enp3s0 here/);
});

test('a value the kernel does not show, or that the running mode ignores, is never drift', () => {
	// active-backup-arp-primary runs arp_interval 200, arp_ip_target 192.0.2.254, primary eth1, primary_reselect better.
	const text = 'auto bond0\niface bond0 inet manual\n  bond-slaves eth0 eth1\n  bond-mode active-backup\n  bond-arp-interval 200\n  bond-arp-ip-target 192.0.2.254\n  bond-primary eth1\n  bond-primary-reselect better\n  bond-lacp-rate fast\n';
	const c = compareConfig(kernel('active-backup-arp-primary'), host(interfaces(text)));
	assert.deepEqual(drifted(c), []);
	const lacp = c.bonds[0]!.settings.find((s) => s.name === 'lacp_rate')!;
	assert.deepEqual([lacp.running, lacp.drift, lacp.note], [null, false, 'applies only to 802.3ad']);
	const wrong = compareConfig(kernel('active-backup-arp-primary'), host(interfaces(text.replace('192.0.2.254', '192.0.2.1').replace('better', 'failure'))));
	assert.deepEqual(drifted(wrong), [
		['primary_reselect', 'failure', 'better'],
		['arp_ip_target', ['192.0.2.1'], ['192.0.2.254']],
	]);
});

test('miimon set to 0 at run time: the delays read 0 too, and say why', () => {
	const snapshot = kernel('active-backup');
	const bond = snapshot.bonds[0]!;
	const zeroed = {...snapshot, bonds: [{...bond, miimonMs: 0, updelayMs: 0, downdelayMs: 0}]};
	const c = compareConfig(zeroed, host(interfaces(fixture('origin-interfaces'))));
	assert.deepEqual(drifted(c), [
		['miimon', 100, 0],
		['updelay', 200, 0],
		['downdelay', 200, 0],
	]);
	assert.match(c.bonds[0]!.settings.find((s) => s.name === 'updelay')!.note!, /miimon ticks/);
});

test('configured but not running: the reasons a Raspberry Pi OS bookworm gives the blog recipe', () => {
	const snapshot = {...kernel('no-slaves'), bonds: [], interfaces: kernel('no-slaves').interfaces.filter((i) => i.name === 'lo').concat([{...kernel('active-backup').interfaces.find((i) => i.name === 'eth0')!, name: 'enxb827eb753f84', master: null}])};
	const c = compareConfig(snapshot, host(interfaces(fixture('origin-interfaces')), {
		bondingModuleLoaded: false,
		tools: {ifupdown: false, ifupdownFlavour: 'ifupdown', ifenslave: false, networkd: false, netplan: false, networkManager: true, nmcli: true},
	}));
	assert.deepEqual(c.configuredNotRunning[0]!.reasons, [
		'the bonding module is not loaded and nothing loads it at boot (not in /etc/modules or /etc/modules-load.d)',
		'ifupdown is not installed (no /sbin/ifup): nothing reads /etc/network/interfaces',
		'NetworkManager is installed and may manage the slaves (`nmcli device` should show them unmanaged, or as its own bond ports)',
		'bond-slaves all matches no interface here (ifenslave takes names containing "eth"; here: enxb827eb753f84)',
		'no interface named eth0, eth1 here',
	]);
	assert.equal(c.findings[0]!.id, 'configured-not-running');
});

test('running but configured nowhere: only a warning when everything could be read; nothing judged without etc/', () => {
	const snapshot = kernel('balance-rr');
	assert.equal(compareConfig(snapshot, host([])).findings[0]!.severity, 'warning');
	const unread = compareConfig(snapshot, host([], {unreadable: [{path: '/etc/NetworkManager/system-connections/bond0.nmconnection', reason: 'not readable'}]}));
	assert.equal(unread.findings[0]!.severity, 'info');
	assert.match(unread.findings[0]!.message, /run as root/);
	assert.deepEqual(compareConfig(snapshot, host([], {hasEtc: false})).findings, []);
});

test("modprobe.d's options bonding configure bond0 when no tool does, and fill what a tool leaves unset", () => {
	const module = parseModprobeFiles([{path: '/etc/modprobe.d/bonding.conf', text: fixture('beeznest-modprobe-bonding.conf')}]);
	const alone = compareConfig(kernel('active-backup'), host([], {module}));
	assert.deepEqual(alone.runningNotConfigured, []);
	assert.deepEqual(alone.bonds[0]!.settings.map((s) => [s.name, s.source, s.drift]), [
		['mode', '/etc/modprobe.d/bonding.conf:2', false],
		['miimon', '/etc/modprobe.d/bonding.conf:2', false],
		['updelay', '/etc/modprobe.d/bonding.conf:2', false],
		['downdelay', '/etc/modprobe.d/bonding.conf:2', false],
	]);
	const both = compareConfig(kernel('active-backup'), host(interfaces('auto bond0\niface bond0 inet manual\n  bond-slaves eth0 eth1\n  bond-miimon 100\n'), {module}));
	assert.deepEqual(both.bonds[0]!.settings.map((s) => [s.name, s.source]).slice(0, 2), [
		['mode', '/etc/modprobe.d/bonding.conf:2'],
		['miimon', '/etc/network/interfaces:4'],
	]);
	assert.equal(both.bonds[0]!.config.kind, 'ifupdown');
});

test('the same bond configured by two tools is said once, as info', () => {
	const a = interfaces(fixture('origin-interfaces'));
	const b = bondsFromNetplan([{path: '/etc/netplan/01.yaml', text: 'network:\n  bonds:\n    bond0:\n      interfaces: [eth0, eth1]\n      parameters: {mode: active-backup, mii-monitor-interval: 100, up-delay: 200, down-delay: 200}\n'}]).bonds;
	const c = compareConfig(kernel('active-backup'), host([...a, ...b]));
	assert.deepEqual(c.findings.map((f) => [f.id, f.severity]), [['configured-twice', 'info']]);
	assert.equal(c.bonds[0]!.alsoIn[0]!.kind, 'netplan');
});

test('timers or a mode the kernel file did not give (null) are unknown, never drift', () => {
	const snapshot = kernel('active-backup');
	const bond = snapshot.bonds[0]!;
	const unread = {...snapshot, bonds: [{...bond, mode: null, miimonMs: null, updelayMs: null, downdelayMs: null}]};
	const text = fixture('origin-interfaces').replace('bond-mode active-backup', 'bond-mode active-backup\nbond-primary eth0');
	const c = compareConfig(unread, host(interfaces(text)));
	assert.deepEqual(drifted(c), []);
	assert.deepEqual(c.bonds[0]!.settings.filter((s) => s.name !== 'slaves').map((s) => [s.name, s.running]), [
		['mode', null],
		['miimon', null],
		['updelay', null],
		['downdelay', null],
		['primary', null],
	]);
	assert.equal(c.bonds[0]!.settings.find((s) => s.name === 'primary')!.note, 'the running mode is unknown');
	assert.deepEqual(c.findings, []);
});

test("README's table of configuration findings is the code's table, and every finding made is a row of it", async () => {
	const {configFindingTable} = await import('../../source/judge/drift.js');
	const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
	for (const r of configFindingTable) {
		assert.ok(readme.includes(`| \`${r.id}\` | ${r.severity} | ${r.meaning} | ${r.reference} |`), `README lacks the row of ${r.id}`);
	}
	const ids = new Set<string>(configFindingTable.map((r) => r.id));
	const all = [
		compareConfig(kernel('active-backup'), host(bondsFromNetplan([{path: '/etc/netplan/bonding.yaml', text: fixture('netplan/bonding.yaml')}]).bonds)),
		compareConfig(kernel('802.3ad'), host(bondsFromNetworkd([{path: '/etc/systemd/network/25-bond.netdev', text: fixture('networkd/25-bond.netdev')}], []).bonds)),
	].flatMap((c) => c.findings);
	assert.ok(all.length >= 6);
	for (const f of all) assert.ok(ids.has(f.id), f.id);
});
