import assert from 'node:assert/strict';
import {mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {test} from 'node:test';
import {collectHostConfig, hostPath, type RunCommand} from '../../source/collect/config-files.js';
import {createHostFs, type HostFs} from '../../source/collect/host-fs.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/config/${name}`, import.meta.url), 'utf8');

function tree(files: Record<string, string>): string {
	const root = mkdtempSync(join(tmpdir(), 'bondtop-config-'));
	for (const [path, text] of Object.entries(files)) {
		mkdirSync(dirname(join(root, path)), {recursive: true});
		writeFileSync(join(root, path), text);
	}
	return root;
}

const noCommands: RunCommand = async () => {
	throw new Error('no command may run for a --root tree');
};

test('host paths never climb above /', () => {
	assert.equal(hostPath('/etc/network', 'interfaces.d/x'), '/etc/network/interfaces.d/x');
	assert.equal(hostPath('/etc/network', '../../../../../home/x'), '/home/x');
	assert.equal(hostPath('/etc/network', '/etc/./network//y'), '/etc/network/y');
});

test('interfaces: source with a glob (no dot files), source-directory with run-parts names, relative paths, loops', async () => {
	const root = tree({
		'etc/network/interfaces': 'source /etc/network/interfaces.d/*\nsource-directory interfaces.e\nsource interfaces\n',
		'etc/network/interfaces.d/bond0': fixture('origin-interfaces'),
		'etc/network/interfaces.d/.hidden': 'auto bondH\niface bondH inet manual\n  bond-slaves eth9\n',
		'etc/network/interfaces.e/bond1': 'auto bond1\niface bond1 inet manual\n  bond-slaves eth5 eth6\n  bond-mode 4\n',
		'etc/network/interfaces.e/bond2.dpkg-old': 'auto bond2\niface bond2 inet manual\n  bond-slaves eth7\n',
	});
	const config = await collectHostConfig(createHostFs(root), {live: false, run: noCommands});
	assert.deepEqual(config.bonds.map((b) => [b.name, b.kind, b.declaredAt.path]), [
		['bond0', 'ifupdown', '/etc/network/interfaces.d/bond0'],
		['bond1', 'ifupdown', '/etc/network/interfaces.e/bond1'],
	]);
	assert.ok(config.filesRead.includes('/etc/network/interfaces.d/bond0'));
	assert.ok(!config.filesRead.some((p) => p.includes('.hidden') || p.includes('dpkg-old')));
	assert.equal(config.hasEtc, true);
});

test('systemd-networkd: /etc over /run over /usr/lib by file name, masking by an empty file or a /dev/null link, drop-ins', async () => {
	const root = tree({
		'usr/lib/systemd/network/10-bond.netdev': '[NetDev]\nName=bond0\nKind=bond\n[Bond]\nMode=balance-rr\n',
		'run/systemd/network/10-bond.netdev': '[NetDev]\nName=bond0\nKind=bond\n[Bond]\nMode=active-backup\nMIIMonitorSec=200ms\n',
		'etc/systemd/network/10-bond.netdev.d/override.conf': '[Bond]\nUpDelaySec=0.4s\n',
		'usr/lib/systemd/network/20-masked.netdev': '[NetDev]\nName=bond7\nKind=bond\n',
		'etc/systemd/network/20-masked.netdev': '',
		'usr/lib/systemd/network/30-linked.netdev': '[NetDev]\nName=bond8\nKind=bond\n',
		'etc/systemd/network/40-eth0.network': '[Match]\nName=eth0\n[Network]\nBond=bond0\nPrimarySlave=true\n',
	});
	symlinkSync('/dev/null', join(root, 'etc/systemd/network/30-linked.netdev'));
	const config = await collectHostConfig(createHostFs(root), {live: false, run: noCommands});
	assert.deepEqual(config.bonds.map((b) => b.name), ['bond0'], 'bond7 and bond8 are masked');
	const bond = config.bonds[0]!;
	assert.equal(bond.settings.mode?.value, 'active-backup', '/run shadows /usr/lib');
	assert.equal(bond.settings.miimon?.value, 200);
	assert.deepEqual([bond.settings.updelay?.value, bond.settings.updelay?.from.path], [400, '/etc/systemd/network/10-bond.netdev.d/override.conf']);
	assert.equal(bond.settings.primary?.value, 'eth0');
	assert.deepEqual(bond.members.map((m) => m.name), ['eth0']);
});

test('netplan: /run shadows /etc shadows /lib; its generated networkd units are not a second bond', async () => {
	const root = tree({
		'lib/netplan/50-bond.yaml': 'network:\n  bonds:\n    bond0:\n      interfaces: [eth0]\n      parameters: {mode: balance-xor}\n',
		'etc/netplan/50-bond.yaml': 'network:\n  bonds:\n    bond0:\n      interfaces: [eth0, eth1]\n      parameters:\n        mode: active-backup\n',
		'etc/netplan/60-more.yaml': 'network:\n  bonds:\n    bond0:\n      parameters:\n        mii-monitor-interval: 100\n',
		'run/systemd/network/10-netplan-bond0.netdev': '[NetDev]\nName=bond0\nKind=bond\n[Bond]\nMode=active-backup\nMIIMonitorSec=100ms\n',
	});
	const config = await collectHostConfig(createHostFs(root), {live: false, run: noCommands});
	assert.deepEqual(config.bonds.map((b) => [b.name, b.kind]), [['bond0', 'netplan']]);
	assert.equal(config.bonds[0]!.settings.mode?.value, 'active-backup');
	assert.equal(config.bonds[0]!.settings.miimon?.value, 100);
	assert.deepEqual(config.bonds[0]!.members.map((m) => m.name), ['eth0', 'eth1']);
});

test('NetworkManager keyfiles readable as root; unreadable ones are said, and nmcli answers on the live host', async () => {
	const root = tree({
		'etc/NetworkManager/system-connections/bond0.nmconnection': fixture('nm/bond0.nmconnection'),
		'etc/NetworkManager/system-connections/bond0-slave-eth0.nmconnection': fixture('nm/bond0-slave-eth0.nmconnection'),
		'usr/bin/nmcli': '',
		'usr/sbin/NetworkManager': '',
	});
	const asRoot = await collectHostConfig(createHostFs(root), {live: false, run: noCommands});
	assert.deepEqual(asRoot.bonds.map((b) => [b.name, b.kind, b.members.map((m) => m.name)]), [['bond0', 'networkmanager', ['eth0']]]);
	assert.equal(asRoot.tools.networkManager, true);

	// A non-root reader: the keyfiles are listed but cannot be read (0600 root).
	const real = createHostFs(root);
	const nonRoot: HostFs = {...real, readText: (p) => (p.includes('system-connections/') ? null : real.readText(p))};
	const calls: string[][] = [];
	const run: RunCommand = async (argv) => {
		calls.push(argv);
		if (argv.includes('NAME,TYPE')) return 'Wired connection 1:802-3-ethernet\nbond0:bond\n';
		return 'connection.id:bond0\nconnection.interface-name:bond0\nbond.options:mode=active-backup,miimon=100\n';
	};
	const live = await collectHostConfig(nonRoot, {live: true, run});
	assert.deepEqual(live.unreadable.map((u) => u.path), ['/etc/NetworkManager/system-connections/bond0-slave-eth0.nmconnection', '/etc/NetworkManager/system-connections/bond0.nmconnection']);
	assert.deepEqual(calls, [
		['nmcli', '-t', '-f', 'NAME,TYPE', 'connection', 'show'],
		['nmcli', '-t', '-f', 'connection.id,connection.interface-name,bond.options', 'connection', 'show', 'id', 'bond0'],
	]);
	assert.deepEqual(live.bonds.map((b) => [b.name, b.settings.miimon?.value, b.declaredAt.path]), [['bond0', 100, 'nmcli connection show bond0']]);
	// Under --root the same unreadable files are only reported: nmcli describes this host, not the tree.
	const offline = await collectHostConfig(nonRoot, {live: false, run: noCommands});
	assert.deepEqual(offline.bonds, []);
	assert.equal(offline.unreadable.length, 2);
});

test('modprobe.d, /etc/modules, tools and the loaded module, as a Raspberry Pi of the blog post has them', async () => {
	const root = tree({
		'etc/network/interfaces': fixture('origin-interfaces'),
		'etc/modules': '# /etc/modules\nsnd-bcm2835\nbonding\n',
		'lib/modprobe.d/aliases.conf': 'alias net-pf-10 ipv6\n',
		'etc/modprobe.d/bonding.conf': 'options bonding max_bonds=0\n',
		'sbin/ifup': '',
		'etc/network/if-pre-up.d/ifenslave': '#!/bin/sh\n',
		'sys/module/bonding/refcnt': '0\n',
	});
	const config = await collectHostConfig(createHostFs(root), {live: false, run: noCommands});
	assert.deepEqual(config.bondingAtBoot, {path: '/etc/modules', line: 3});
	assert.equal(config.module.maxBonds?.value, 0);
	assert.equal(config.bondingModuleLoaded, true);
	assert.equal(config.tools.ifupdown, true);
	assert.equal(config.tools.ifenslave, true);
	assert.equal(config.tools.ifupdownFlavour, 'ifupdown');
	assert.equal(config.tools.networkManager, false);
});

test('a capture without etc/ judges nothing; a symbolic link out of the root is refused', async () => {
	const empty = tree({'proc/net/bonding/bond0': 'x'});
	const none = await collectHostConfig(createHostFs(empty), {live: false, run: noCommands});
	assert.equal(none.hasEtc, false);
	assert.equal(none.bondingModuleLoaded, null);
	const outside = tree({'secret/interfaces': 'auto bondX\niface bondX inet manual\n  bond-slaves eth0\n', 'etc/x': ''});
	const root = tree({'etc/placeholder': ''});
	mkdirSync(join(root, 'etc/network'));
	symlinkSync(join(outside, 'secret/interfaces'), join(root, 'etc/network/interfaces'));
	const config = await collectHostConfig(createHostFs(root), {live: false, run: noCommands});
	assert.deepEqual(config.bonds, [], 'an absolute link is followed inside the root, where it leads nowhere');
});
