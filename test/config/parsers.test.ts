import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';
import {globMatch, isRunPartsName} from '../../source/config/glob.js';
import {bondsFromIfcfg} from '../../source/config/ifcfg.js';
import {bondsFromInterfaces, parseInterfacesFile} from '../../source/config/interfaces.js';
import {bondingLoadedAtBoot, parseModprobeFiles} from '../../source/config/modprobe.js';
import {bondsFromNetplan} from '../../source/config/netplan.js';
import {bondsFromNetworkd} from '../../source/config/networkd.js';
import {bondFromNmcli, bondProfilesFromNmcliList, bondsFromKeyfiles} from '../../source/config/networkmanager.js';
import {normaliseSetting, parseTimeSpanMs} from '../../source/config/options.js';
import {shadowByName} from '../../source/config/precedence.js';
import type {BondConfig} from '../../source/config/types.js';
import {parseYamlSubset, yamlGet} from '../../source/config/yaml-subset.js';
import {cpuMs} from '../helpers/cpu-time.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/config/${name}`, import.meta.url), 'utf8');
const values = (bond: BondConfig) => Object.fromEntries(Object.entries(bond.settings).map(([k, v]) => [k, v!.value]));
const lines = (bond: BondConfig) => Object.fromEntries(Object.entries(bond.settings).map(([k, v]) => [k, v!.from.line]));
const ifupdown = (name: string, flavour?: 'ifupdown' | 'ifupdown2' | 'ifupdown-ng') => bondsFromInterfaces([parseInterfacesFile('/etc/network/interfaces', fixture(name))], flavour);

test('the origin story file: active-backup, miimon 100, delays 200, bond-slaves all, eth0 and eth1 by bond-master, no primary', () => {
	const {bonds, notes} = ifupdown('origin-interfaces');
	assert.deepEqual(notes, []);
	assert.equal(bonds.length, 1);
	const bond = bonds[0]!;
	assert.equal(bond.name, 'bond0');
	assert.deepEqual(values(bond), {mode: 'active-backup', miimon: 100, updelay: 200, downdelay: 200});
	assert.equal(bond.settings.primary, undefined, 'the post sets no bond-primary');
	// Line numbers in the file as published: bond-mode is line 19, bond-downdelay the last (23).
	assert.deepEqual(lines(bond), {mode: 19, miimon: 20, updelay: 22, downdelay: 23});
	assert.deepEqual(bond.slaves, {kind: 'all', from: {path: '/etc/network/interfaces', line: 21}});
	assert.deepEqual(bond.members.map((m) => [m.name, m.from.line]), [['eth0', 6], ['eth1', 10]]);
	assert.deepEqual(bond.declaredAt, {path: '/etc/network/interfaces', line: 13});
	assert.deepEqual(bond.notes, []);
});

test('the Debian wiki example: the old "slaves" spelling and bond_ underscores mean the same', () => {
	for (const name of ['debian-wiki-example1.interfaces', 'debian-wiki-example1-underscores.interfaces']) {
		const bond = ifupdown(name).bonds[0]!;
		assert.deepEqual(values(bond), {mode: 'active-backup', miimon: 100, updelay: 200, downdelay: 200}, name);
		assert.deepEqual(bond.slaves?.kind === 'list' && bond.slaves.names, ['eth0', 'eth1']);
		assert.ok(bond.notes.some((n) => n.includes('old spelling')), name);
	}
});

test('a wired + wireless bond with tabs, bond_primary and no auto line for wlan0', () => {
	const bond = ifupdown('haegin-wired-wireless.interfaces').bonds[0]!;
	assert.deepEqual(values(bond), {mode: 'active-backup', primary: 'eth0', miimon: 100, downdelay: 200, updelay: 200});
	assert.deepEqual(bond.slaves?.kind === 'list' && bond.slaves.names, ['eth0', 'wlan0']);
	assert.ok(!bond.notes.some((n) => n.includes('auto')), '`auto lo bond0` brings bond0 up');
});

test('two bonds, numeric modes, a source line kept as an include', () => {
	const file = parseInterfacesFile('/etc/network/interfaces', fixture('pastebin-two-bonds.interfaces'));
	assert.deepEqual(file.includes, [{kind: 'source', pattern: '/etc/network/interfaces.d/*', line: 3}]);
	const {bonds} = bondsFromInterfaces([file]);
	assert.deepEqual(bonds.map((b) => [b.name, values(b)]), [
		['bond0', {mode: 'active-backup', primary: 'eth0', miimon: 100, downdelay: 400, updelay: 800}],
		['bond1', {mode: 'active-backup', primary: 'eth2', miimon: 100, downdelay: 400, updelay: 800}],
	]);
});

test('bond-slaves none with bond-master and bond-primary in the slaves, and an ARP monitor', () => {
	const {bonds} = ifupdown('gist-arp-bond-slaves-none.interfaces');
	assert.equal(bonds.length, 1, 'eth1 and eth3 carry bond-master: they are slaves, not bonds');
	const bond = bonds[0]!;
	assert.equal(bond.name, 'int');
	assert.equal(bond.slaves?.kind, 'none');
	assert.deepEqual(bond.members.map((m) => m.name), ['eth1', 'eth3']);
	assert.equal(bond.settings.arp_interval?.value, 500);
	assert.deepEqual(bond.settings.arp_ip_target?.value, ['{{.Gateway}}']);
	assert.equal(bond.settings.primary?.value, 'eth1', "ifenslave applies a slave stanza's bond-primary to the master");
	assert.equal(bond.settings.primary?.from.line, 4);
});

test('ifupdown2 and ifupdown-ng: bond-members, miimon default 0, no "all"', () => {
	const text = 'auto bond0\niface bond0\n  bond-members eth0 eth1\n  bond-mode 802.3ad\n';
	const ng = bondsFromInterfaces([parseInterfacesFile('/etc/network/interfaces', text)], 'ifupdown-ng').bonds[0]!;
	assert.deepEqual(ng.slaves?.kind === 'list' && ng.slaves.names, ['eth0', 'eth1']);
	assert.equal(ng.settings.miimon, undefined);
	const two = bondsFromInterfaces([parseInterfacesFile('/etc/network/interfaces', 'auto bond0\niface bond0\n  bond-slaves all\n')], 'ifupdown2').bonds[0]!;
	assert.deepEqual(two.settings.miimon && {value: two.settings.miimon.value, implicit: two.settings.miimon.implicit}, {value: 0, implicit: true});
	assert.ok(two.notes.some((n) => n.includes('does not expand it')));
});

test('interfaces(5) details: continuation lines, comments, a bond on no auto line, a bond only named by bond-master', () => {
	const text = 'iface bond0 inet manual\n  bond-mode \\\n    balance-rr\n  # bond-miimon 50\n  bond-miimon 100 # trailing words are part of the value\n\nauto eth2\niface eth2 inet manual\n  bond-master bond9\n';
	const {bonds} = bondsFromInterfaces([parseInterfacesFile('/x', text)]);
	const bond0 = bonds.find((b) => b.name === 'bond0')!;
	assert.equal(bond0.settings.mode?.value, 'balance-rr');
	assert.ok(bond0.notes.some((n) => n.includes('miimon: "100 # trailing')), 'ifupdown has no trailing comments: the value is not a number');
	assert.ok(bond0.notes.some((n) => n.includes('no auto or allow-hotplug')));
	const bond9 = bonds.find((b) => b.name === 'bond9')!;
	assert.ok(bond9.notes.some((n) => n.includes('never creates it')));
});

test('systemd.netdev(5) example and a gist: time spans, drop-ins, Bond= and PrimarySlave= in .network files', () => {
	const man = bondsFromNetworkd([{path: '/etc/systemd/network/25-bond.netdev', text: fixture('networkd/25-bond.netdev')}], []).bonds[0]!;
	assert.deepEqual(values(man), {mode: '802.3ad', xmit_hash_policy: 'layer3+4', miimon: 1000, lacp_rate: 'fast'});
	const gist = bondsFromNetworkd(
		[{path: '/etc/systemd/network/bond1.netdev', text: fixture('networkd/kbeckmann-bond1.netdev'), dropIns: [{path: '/etc/systemd/network/bond1.netdev.d/miimon.conf', text: '[Bond]\nMIIMonitorSec=100ms\n'}]}],
		[
			{path: '/etc/systemd/network/bond1.network', text: fixture('networkd/kbeckmann-bond1.network')},
			{path: '/etc/systemd/network/enp0s20f0u1.network', text: fixture('networkd/kbeckmann-enp0s20f0u1.network')},
			{path: '/etc/systemd/network/usb.network', text: '[Match]\nName=enx*\n[Network]\nBond=bond1\nPrimarySlave=yes\n'},
		],
	).bonds[0]!;
	assert.deepEqual(values(gist), {mode: '802.3ad', miimon: 100, lacp_rate: 'fast', updelay: 2000, downdelay: 8000, xmit_hash_policy: 'layer3+4'});
	assert.equal(gist.settings.miimon?.from.path, '/etc/systemd/network/bond1.netdev.d/miimon.conf', 'the drop-in overrides');
	assert.deepEqual(gist.members.map((m) => [m.name, Boolean(m.pattern)]), [['enp0s20f0u1', false], ['enx*', true]]);
	assert.equal(gist.settings.primary, undefined, 'PrimarySlave= on a glob names no single interface');
	assert.ok(gist.notes.some((n) => n.includes('PrimarySlave=')));
});

test('time spans: systemd bare numbers are seconds, netplan and kernel bare numbers milliseconds', () => {
	assert.equal(parseTimeSpanMs('100', 's'), 100_000, 'UpDelaySec=100 is 100 s, a trap in real guides');
	assert.equal(parseTimeSpanMs('100ms', 's'), 100);
	assert.equal(parseTimeSpanMs('1s 500ms', 's'), 1500);
	assert.equal(parseTimeSpanMs('1.5s', 'ms'), 1500);
	assert.equal(parseTimeSpanMs('100', 'ms'), 100);
	assert.equal(parseTimeSpanMs('2min', 's'), 120_000);
	assert.equal(parseTimeSpanMs('1x', 's'), null);
	assert.equal(parseTimeSpanMs('', 's'), null);
	assert.deepEqual(normaliseSetting('miimon', '100ms', 'kernel'), {error: 'miimon: "100ms" is not a time in whole milliseconds'});
	assert.deepEqual(normaliseSetting('mode', '4', 'kernel'), {value: '802.3ad'});
	assert.deepEqual(normaliseSetting('xmit_hash_policy', '2', 'kernel'), {value: 'layer2+3'});
	assert.ok('error' in normaliseSetting('mode', '7', 'kernel'));
	assert.deepEqual(normaliseSetting('arp_ip_target', '+10.0.0.1,10.0.0.2 10.0.0.1', 'kernel'), {value: ['10.0.0.1', '10.0.0.2']});
});

test("netplan's documented examples: interfaces, parameters, mii-monitor-interval 1 and its default 0", () => {
	const simple = bondsFromNetplan([{path: '/etc/netplan/bonding.yaml', text: fixture('netplan/bonding.yaml')}]);
	assert.deepEqual(simple.notes, []);
	const bond0 = simple.bonds[0]!;
	assert.deepEqual(values(bond0), {mode: 'active-backup', primary: 'enp3s0', miimon: 0});
	assert.equal(bond0.settings.miimon?.implicit, true, 'not in the file: netplan writes no MIIMonitorSec, so the bond runs without link monitoring');
	assert.deepEqual(bond0.members.map((m) => [m.name, m.from.line]), [['enp3s0', 11], ['enp4s0', 12]]);
	assert.equal(bond0.settings.mode?.from.line, 14);
	const router = bondsFromNetplan([{path: '/etc/netplan/bonding_router.yaml', text: fixture('netplan/bonding_router.yaml')}]);
	assert.deepEqual(router.notes, []);
	assert.deepEqual(router.bonds.map((b) => [b.name, values(b), b.members.map((m) => m.name)]), [
		['bond-lan', {mode: '802.3ad', miimon: 1}, ['enp2s0', 'enp3s0']],
		['bond-wan', {mode: 'active-backup', miimon: 1}, ['enp1s0', 'enp4s0']],
		['bond-conntrack', {mode: 'balance-rr', miimon: 1}, ['enp5s0', 'enp6s0']],
	]);
});

test('netplan: later files override earlier keys; set-name and match resolve IDs; NetworkManager renderer has no implicit miimon', () => {
	const {bonds} = bondsFromNetplan([
		{path: '/lib/netplan/00-base.yaml', text: 'network:\n  ethernets:\n    lan0:\n      match: {macaddress: "00:11:22:33:44:55"}\n      set-name: eno1\n    wifi:\n      match:\n        macaddress: "00:11:22:33:44:66"\n  bonds:\n    bond0:\n      interfaces: [lan0, wifi]\n      parameters: {mode: active-backup, mii-monitor-interval: 100ms, up-delay: 200}\n'},
		{path: '/etc/netplan/50-override.yaml', text: "# site override\nnetwork:\n  renderer: NetworkManager\n  bonds:\n    bond0:\n      parameters:\n        up-delay: '1s'  # quoted\n        arp-ip-targets: [10.0.0.1, \"10.0.0.2\"]\n"},
	]);
	const bond = bonds[0]!;
	assert.deepEqual(values(bond), {mode: 'active-backup', miimon: 100, updelay: 1000, arp_ip_target: ['10.0.0.1', '10.0.0.2']});
	assert.equal(bond.settings.updelay?.from.path, '/etc/netplan/50-override.yaml');
	assert.deepEqual(bond.members.map((m) => m.name), ['eno1']);
	assert.ok(bond.notes.some((n) => n.includes('wifi is matched by properties')));
	assert.ok(bond.notes.includes('rendered by NetworkManager'));
});

test('the YAML subset: sequences of mappings, comments, quotes; unsupported parts become notes, never throws', () => {
	const {root, notes} = parseYamlSubset('/f.yaml', 'a:\n  - x: 1\n    y: "two # not a comment"\n  - plain\nb: [1, [2, 3], {c: d}]\nc: |\n  block\n\td: tab\n');
	const a = yamlGet(root, 'a');
	assert.equal(a?.kind, 'seq');
	assert.equal(a?.kind === 'seq' && a.items.length, 2);
	assert.equal(yamlGet(a?.kind === 'seq' ? a.items[0] : null, 'y')?.kind === 'scalar' && (yamlGet(a?.kind === 'seq' ? a.items[0] : null, 'y') as {value: string}).value, 'two # not a comment');
	const b = yamlGet(root, 'b');
	assert.equal(b?.kind === 'seq' && b.items[1]?.kind, 'seq');
	assert.ok(notes.some((n) => n.message.includes('block scalars')));
	assert.ok(notes.some((n) => n.message.includes('tab')));
	for (const garbage of [':::', '- - - -', '[[[[[', 'a: [1, 2', '"unclosed', 'a:\n b:\n  c:\n d: 1', '\u0000\u001b[31m: x']) {
		assert.doesNotThrow(() => parseYamlSubset('/g.yaml', garbage));
	}
	const deep = '[' .repeat(10_000);
	assert.doesNotThrow(() => parseYamlSubset('/deep.yaml', `a: ${deep}`));
});

test('NetworkManager keyfiles: [bond] options, ports by controller= name and by master= UUID', () => {
	const files = ['bond0.nmconnection', 'bond0-slave-eth0.nmconnection', 'bond0-slave-eth1.nmconnection'].map((n) => ({path: `/etc/NetworkManager/system-connections/${n}`, text: fixture(`nm/${n}`)}));
	const {bonds, notes} = bondsFromKeyfiles(files);
	assert.deepEqual(notes, []);
	assert.equal(bonds.length, 1);
	assert.deepEqual(values(bonds[0]!), {miimon: 100, mode: 'active-backup'});
	assert.deepEqual(bonds[0]!.members.map((m) => m.name), ['eth0', 'eth1']);
});

test('nmcli terse output, as used without root', () => {
	assert.deepEqual(bondProfilesFromNmcliList('Wired connection 1:802-3-ethernet\nbond0:bond\nmy\\:bond:bond\n'), ['bond0', 'my:bond']);
	const bond = bondFromNmcli('bond0', 'connection.id:bond0\nconnection.interface-name:bond0\nbond.options:downdelay=200,miimon=100,mode=active-backup,updelay=200\n')!;
	assert.deepEqual(values(bond), {downdelay: 200, miimon: 100, mode: 'active-backup', updelay: 200});
	assert.equal(bond.declaredAt.path, 'nmcli connection show bond0');
	assert.equal(bondFromNmcli('x', 'Error: x - no such connection profile.'), null);
});

test('RHEL ifcfg BONDING_OPTS with MASTER=/SLAVE=yes, and SUSE BONDING_SLAVE_n', () => {
	const rhel = bondsFromIfcfg(['ifcfg-bond0', 'ifcfg-eth0'].map((n) => ({path: `/etc/sysconfig/network-scripts/${n}`, text: fixture(`ifcfg/${n}`)})));
	assert.deepEqual(rhel.notes, []);
	assert.deepEqual(values(rhel.bonds[0]!), {mode: '802.3ad', miimon: 100, xmit_hash_policy: 'layer3+4'});
	assert.equal(rhel.bonds[0]!.settings.mode?.from.line, 9);
	assert.deepEqual(rhel.bonds[0]!.members.map((m) => m.name), ['eth0']);
	const suse = bondsFromIfcfg([{path: '/etc/sysconfig/network/ifcfg-bond0', text: fixture('suse/ifcfg-bond0')}]);
	assert.deepEqual(values(suse.bonds[0]!), {mode: 'active-backup', miimon: 100});
	assert.deepEqual(suse.bonds[0]!.slaves?.kind === 'list' && suse.bonds[0]!.slaves.names, ['eth0', 'eth1']);
});

test('modprobe.d options, max_bonds, blacklist; bonding at boot from /etc/modules', () => {
	const m = parseModprobeFiles([{path: '/etc/modprobe.d/bonding.conf', text: fixture('beeznest-modprobe-bonding.conf')}]);
	assert.deepEqual(Object.fromEntries(Object.entries(m.settings).map(([k, v]) => [k, v!.value])), {mode: 'active-backup', miimon: 100, downdelay: 200, updelay: 200});
	assert.equal(m.blocked, null);
	const systemd = parseModprobeFiles([{path: '/usr/lib/modprobe.d/systemd.conf', text: '# comment\noptions bonding max_bonds=0\noptions dummy numdummies=0\n'}, {path: '/etc/modprobe.d/x.conf', text: 'blacklist bonding\n'}]);
	assert.deepEqual(systemd.maxBonds, {value: 0, from: {path: '/usr/lib/modprobe.d/systemd.conf', line: 2}});
	assert.deepEqual(systemd.blocked, {path: '/etc/modprobe.d/x.conf', line: 1});
	// The blog post: "bonding" added to /etc/modules.
	assert.deepEqual(bondingLoadedAtBoot([{path: '/etc/modules', text: '# /etc/modules: kernel modules to load at boot time.\n\nsnd-bcm2835\nbonding\n'}]), {path: '/etc/modules', line: 4});
	assert.equal(bondingLoadedAtBoot([{path: '/etc/modules', text: '#bonding\nbondingx\n'}]), null);
});

test('precedence: same file name, the earlier directory wins; survivors in name order', () => {
	const chosen = shadowByName(
		[
			{dir: '/etc/systemd/network', names: ['20-b.netdev', 'x.txt']},
			{dir: '/run/systemd/network', names: ['20-b.netdev', '10-a.netdev']},
			{dir: '/usr/lib/systemd/network', names: ['10-a.netdev', '30-c.netdev']},
		],
		(n) => n.endsWith('.netdev'),
	);
	assert.deepEqual(chosen.map((c) => c.path), ['/run/systemd/network/10-a.netdev', '/etc/systemd/network/20-b.netdev', '/usr/lib/systemd/network/30-c.netdev']);
	assert.deepEqual(chosen[0]!.shadowed, ['/usr/lib/systemd/network/10-a.netdev']);
});

test('globs and run-parts names', () => {
	assert.ok(globMatch('*', 'eth0'));
	assert.ok(globMatch('en[ox]*', 'enx00e04c680001'));
	assert.ok(!globMatch('en[!x]*', 'enx00e04c680001'));
	assert.ok(globMatch('eth?', 'eth1'));
	assert.ok(!globMatch('eth?', 'eth10'));
	assert.ok(globMatch('a*b*c', 'aXXbYYc'));
	assert.ok(!globMatch('a*b*c', 'aXXbYY'));
	const slow = 'a'.repeat(5000);
	const {value: matched, ms} = cpuMs(() => globMatch('*a*a*a*a*a*b', slow));
	assert.ok(!matched);
	// CPU time (not wall-clock): a backtracking matcher takes far longer than this on 5000 characters.
	assert.ok(ms < 1000, 'no exponential backtracking');
	assert.ok(isRunPartsName('bond0'));
	assert.ok(isRunPartsName('50-cloud-init'));
	assert.ok(!isRunPartsName('bond0.dpkg-old'), 'run-parts skips names with dots');
	assert.ok(!isRunPartsName('interfaces~'));
});
