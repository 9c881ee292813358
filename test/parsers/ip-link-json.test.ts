// rtnetlink's view (`ip -d -j link show`, captured in the 6.1 lab) against the proc file: what the
// kernel hides from a non-root reader of /proc/net/bonding, rtnetlink gives to anyone.
import assert from 'node:assert/strict';
import {mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {createHostFs} from '../../source/collect/host-fs.js';
import {SnapshotCollector} from '../../source/collect/snapshot.js';
import {ueventSaysWireless, usbBusOfDevicePath} from '../../source/kernel/device-path.js';
import {mergeRtnetlink, parseIpLinkJson} from '../../source/kernel/ip-link-json.js';
import {parseBondingStatus} from '../../source/kernel/bonding-status.js';

const kernelDir = (name: string) => new URL(`../fixtures/kernel/${name}/`, import.meta.url).pathname;
const ipLink = (name: string) => readFileSync(`${kernelDir(name)}ip-link.json`, 'utf8');

test('parses ad_info and the slaves\' LACP port states (802.3ad read as uid 65534)', () => {
	const parsed = parseIpLinkJson(ipLink('802.3ad-nonroot'))!;
	assert.deepEqual(parsed.bonds.get('bond0'), {adInfo: {aggregatorId: 1, numberOfPorts: 2, actorKey: 15, partnerKey: 15, partnerMac: '6a:96:b0:ce:7c:3d'}});
	assert.deepEqual(parsed.slaves.get('eth0'), {master: 'bond0', aggregatorId: 1, actorPortState: 63, partnerPortState: 63});
	assert.deepEqual([...parsed.slaves.keys()], ['eth0', 'eth1']);
});

test('other modes have no ad_info and no port states; garbage is null, not a throw', () => {
	const parsed = parseIpLinkJson(ipLink('active-backup'))!;
	assert.deepEqual(parsed.bonds.get('bond0'), {adInfo: null});
	assert.equal(parsed.slaves.get('eth0')!.actorPortState, null);
	assert.equal(parseIpLinkJson('not json'), null);
	assert.equal(parseIpLinkJson('{"ifname":"bond0"}'), null);
	assert.deepEqual(parseIpLinkJson('[1, null, {"ifname": 3}, {"ifname":"x","linkinfo":"bond"}]'), {bonds: new Map(), slaves: new Map()});
});

test('merged into the non-root proc text, rtnetlink gives what root reads from /proc/net/bonding', () => {
	const root = parseBondingStatus('bond0', readFileSync(`${kernelDir('802.3ad')}proc/net/bonding/bond0`, 'utf8')).bond;
	const nonroot = parseBondingStatus('bond0', readFileSync(`${kernelDir('802.3ad-nonroot')}proc/net/bonding/bond0`, 'utf8')).bond;
	assert.equal(nonroot.lacp!.partnerMac, null);
	assert.equal(nonroot.slaves[0]!.partnerPortState, undefined);
	mergeRtnetlink(nonroot, parseIpLinkJson(ipLink('802.3ad-nonroot'))!);
	assert.deepEqual(nonroot.lacp, root.lacp);
	for (let i = 0; i < root.slaves.length; i++) {
		assert.deepEqual(nonroot.slaves[i]!.actorPortState, root.slaves[i]!.actorPortState);
		assert.deepEqual(nonroot.slaves[i]!.partnerPortState, root.slaves[i]!.partnerPortState);
		assert.equal(nonroot.slaves[i]!.actorPortState!.distributing, true);
	}
});

test('the collector asks rtnetlink only when the proc file hid 802.3ad details, and only on the cold path', () => {
	let calls = 0;
	const fake = (name: string) => () => {
		calls++;
		return ipLink(name);
	};
	const nonroot = new SnapshotCollector({fs: createHostFs(kernelDir('802.3ad-nonroot')), ipLinkJson: fake('802.3ad-nonroot')});
	const first = nonroot.collect(1_000);
	assert.equal(calls, 1);
	assert.equal(first.bonds[0]!.lacp!.partnerMac, '6a:96:b0:ce:7c:3d');
	assert.equal(first.bonds[0]!.slaves[1]!.partnerPortState!.raw, 63);
	const second = nonroot.collect(2_000);
	assert.equal(calls, 1, 'not per tick');
	assert.equal(second.bonds[0]!.slaves[1]!.actorPortState!.raw, 63, 'the cold data is merged into every sample');
	nonroot.invalidate();
	nonroot.collect(3_000);
	assert.equal(calls, 2, 'again after a link change');
	calls = 0;
	new SnapshotCollector({fs: createHostFs(kernelDir('802.3ad')), ipLinkJson: fake('802.3ad')}).collect(1_000);
	new SnapshotCollector({fs: createHostFs(kernelDir('active-backup')), ipLinkJson: fake('active-backup')}).collect(1_000);
	assert.equal(calls, 0, 'root sees it all in proc; other modes have nothing to add');
});

test('device paths: the USB bus of a Raspberry Pi 2 NIC, Wi-Fi from uevent', () => {
	assert.equal(usbBusOfDevicePath('../../devices/platform/soc/3f980000.usb/usb1/1-1/1-1.1/1-1.1:1.0/net/eth0'), 'usb1');
	assert.equal(usbBusOfDevicePath('../../devices/pci0000:00/0000:00:03.0/virtio0/net/eth0'), null);
	assert.equal(usbBusOfDevicePath('../../devices/virtual/net/veth0'), null);
	assert.equal(ueventSaysWireless('DEVTYPE=wlan\nINTERFACE=wlan0\nIFINDEX=3\n'), true);
	assert.equal(ueventSaysWireless('INTERFACE=eth0\nIFINDEX=2\n'), false);
});

test('the collector reads device facts of slaves from sysfs links (a Pi-like tree built on a lab capture)', () => {
	const root = mkdtempSync(join(tmpdir(), 'bondtop-devices-'));
	mkdirSync(join(root, 'proc/net/bonding'), {recursive: true});
	writeFileSync(join(root, 'proc/net/bonding/bond0'), readFileSync(`${kernelDir('active-backup')}proc/net/bonding/bond0`));
	writeFileSync(join(root, 'proc/net/dev'), readFileSync(`${kernelDir('active-backup')}proc/net/dev`));
	const usb = 'sys/devices/platform/soc/3f980000.usb/usb1';
	for (const [name, port] of [['eth0', '1-1.1'], ['eth1', '1-1.3']] as const) {
		const dir = join(root, usb, `1-1/${port}/${port}:1.0/net/${name}`);
		mkdirSync(dir, {recursive: true});
		writeFileSync(join(dir, 'uevent'), `INTERFACE=${name}\nIFINDEX=2\n`);
		mkdirSync(join(root, 'sys/class/net'), {recursive: true});
		symlinkSync(`../../devices/platform/soc/3f980000.usb/usb1/1-1/${port}/${port}:1.0/net/${name}`, join(root, 'sys/class/net', name));
	}
	writeFileSync(join(root, usb, 'speed'), '480\n');
	mkdirSync(join(root, 'sys/bus/usb/devices'), {recursive: true});
	symlinkSync('../../../devices/platform/soc/3f980000.usb/usb1', join(root, 'sys/bus/usb/devices/usb1'));
	const snapshot = new SnapshotCollector({fs: createHostFs(root)}).collect(1_000);
	assert.deepEqual(snapshot.devices!.get('eth0'), {usbBus: 'usb1', usbBusSpeedMbps: 480, wireless: false});
	assert.deepEqual(snapshot.devices!.get('eth1'), {usbBus: 'usb1', usbBusSpeedMbps: 480, wireless: false});
	// The lab capture's own tree has no device links: nothing known, nothing claimed.
	const lab = new SnapshotCollector({fs: createHostFs(kernelDir('active-backup'))}).collect(1_000);
	assert.deepEqual(lab.devices!.get('eth0'), {usbBus: null, usbBusSpeedMbps: null, wireless: false});
});
