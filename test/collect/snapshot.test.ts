import assert from 'node:assert/strict';
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {createHostFs} from '../../source/collect/host-fs.js';
import {createLiveSource} from '../../source/collect/open-source.js';
import {SnapshotCollector} from '../../source/collect/snapshot.js';
import {enumName, intValue, textValue} from '../../source/kernel/sysfs-values.js';
import {UsageError} from '../../source/errors.js';

// Trees captured from a real 6.1 kernel's bonding driver by scripts/regenerate-fixtures.mjs.
const kernelFixtures = new URL('../fixtures/kernel/', import.meta.url).pathname;
const cases = readdirSync(kernelFixtures).filter((name) => existsSync(join(kernelFixtures, name, 'proc/net/bonding')));

test('the kernel fixtures cover every mode and the odd cases', () => {
	for (const name of ['balance-rr', 'active-backup', 'balance-xor', 'broadcast', '802.3ad', 'balance-tlb', 'balance-alb', 'no-slaves', 'all-slaves-down', '802.3ad-nonroot']) {
		assert.ok(cases.includes(name), `fixture ${name} missing`);
	}
});

for (const name of cases) {
	test(`snapshot of ${name} agrees with the kernel's sysfs`, () => {
		const root = join(kernelFixtures, name);
		const sys = (path: string) => {
			const file = join(root, 'sys/class/net', path);
			return existsSync(file) ? readFileSync(file, 'utf8') : null;
		};
		const snapshot = new SnapshotCollector({fs: createHostFs(root)}).collect(1_000);
		assert.deepEqual(snapshot.warnings, [], 'every line of the real kernel output is understood');
		const bondNames = textValue(sys('bonding_masters'))!.split(/\s+/).sort();
		assert.deepEqual(snapshot.bonds.map((b) => b.name), bondNames);
		for (const bond of snapshot.bonds) {
			assert.equal(bond.mode, enumName(sys(`${bond.name}/bonding/mode`)!));
			assert.equal(bond.activeSlave, textValue(sys(`${bond.name}/bonding/active_slave`)));
			assert.equal(bond.miimonMs, intValue(sys(`${bond.name}/bonding/miimon`)));
			assert.equal(bond.updelayMs, intValue(sys(`${bond.name}/bonding/updelay`)));
			assert.equal(bond.downdelayMs, intValue(sys(`${bond.name}/bonding/downdelay`)));
			assert.equal(bond.arpIntervalMs, intValue(sys(`${bond.name}/bonding/arp_interval`)));
			assert.deepEqual(bond.arpIpTargets, (textValue(sys(`${bond.name}/bonding/arp_ip_target`)) ?? '').split(/\s+/).filter(Boolean));
			assert.equal(bond.primary, textValue(sys(`${bond.name}/bonding/primary`)));
			assert.equal(bond.failOverMac, enumName(sys(`${bond.name}/bonding/fail_over_mac`)!));
			assert.equal(bond.miiStatus, textValue(sys(`${bond.name}/bonding/mii_status`)));
			assert.deepEqual(bond.slaves.map((s) => s.name), (textValue(sys(`${bond.name}/bonding/slaves`)) ?? '').split(/\s+/).filter(Boolean));
			if (bond.mode === '802.3ad') {
				const partner = textValue(sys(`${bond.name}/bonding/ad_partner_mac`));
				const aggregator = intValue(sys(`${bond.name}/bonding/ad_aggregator`));
				// Without CAP_NET_ADMIN the proc file hides the aggregator; sysfs's ad_aggregator and
				// ad_num_ports stay readable by everyone, the partner MAC reads back empty.
				assert.equal(bond.lacp?.partnerMac, partner);
				assert.equal(bond.lacp?.aggregatorId, aggregator);
				assert.equal(bond.lacp?.numberOfPorts, intValue(sys(`${bond.name}/bonding/ad_num_ports`)));
			}
			for (const slave of bond.slaves) {
				assert.equal(slave.miiStatus, textValue(sys(`${slave.name}/bonding_slave/mii_status`)));
				assert.equal(slave.linkFailureCount, intValue(sys(`${slave.name}/bonding_slave/link_failure_count`)));
				assert.equal(slave.state, textValue(sys(`${slave.name}/bonding_slave/state`)));
				assert.equal(slave.permHwAddr, textValue(sys(`${slave.name}/bonding_slave/perm_hwaddr`)));
				const aggregatorId = sys(`${slave.name}/bonding_slave/ad_aggregator_id`);
				if (aggregatorId !== null) assert.equal(slave.aggregatorId, intValue(aggregatorId));
				const iface = snapshot.interfaces.find((i) => i.name === slave.name)!;
				assert.equal(iface.master, bond.name);
				assert.ok(iface.flags.includes('SLAVE'));
				assert.equal(iface.macAddress, textValue(sys(`${slave.name}/address`)));
			}
			const bondIface = snapshot.interfaces.find((i) => i.name === bond.name)!;
			assert.ok(bondIface.flags.includes('MASTER'));
			assert.equal(bondIface.driver, 'bonding');
			assert.equal(bondIface.mtu, intValue(sys(`${bond.name}/mtu`)));
			// The bond's counters are the kernel's own line of /proc/net/dev, never a sum made by bondtop.
			const devLine = readFileSync(join(root, 'proc/net/dev'), 'utf8').split('\n').find((l) => l.trim().startsWith(`${bond.name}:`))!;
			assert.equal(bondIface.rx.bytes, Number(devLine.split(':')[1]!.trim().split(/\s+/)[0]));
		}
	});
}

test('802.3ad port states come from the LACPDU details only root can read', () => {
	const root = join(kernelFixtures, '802.3ad');
	const bond = new SnapshotCollector({fs: createHostFs(root)}).collect(0).bonds[0]!;
	const eth0 = bond.slaves[0]!;
	assert.equal(eth0.actorPortState?.raw, Number(readFileSync(join(root, 'sys/class/net/eth0/bonding_slave/ad_actor_oper_port_state'), 'utf8')));
	assert.equal(eth0.partnerPortState?.distributing, true);
	const hidden = new SnapshotCollector({fs: createHostFs(join(kernelFixtures, '802.3ad-nonroot'))}).collect(0);
	assert.equal(hidden.limitedByPrivilege, true);
	assert.equal(hidden.bonds[0]!.slaves[0]!.actorPortState, undefined);
});

test('going down / going back are read during the delays', () => {
	const bond = new SnapshotCollector({fs: createHostFs(join(kernelFixtures, 'active-backup-delays'))}).collect(0).bonds[0]!;
	assert.deepEqual(bond.slaves.map((s) => s.miiStatus).sort(), ['going back', 'going down', 'up']);
});

test('a root with only proc/net/bonding works and reads nothing live', () => {
	const root = mkdtempSync(join(tmpdir(), 'bondtop-root-'));
	mkdirSync(join(root, 'proc/net/bonding'), {recursive: true});
	writeFileSync(join(root, 'proc/net/bonding/bond7'), readFileSync(join(kernelFixtures, 'active-backup/proc/net/bonding/bond0')));
	const {source} = createLiveSource({root, bondFilter: ['bond7']});
	const snapshot = source.sample(5);
	assert.equal(snapshot.bonds[0]!.name, 'bond7');
	assert.equal(snapshot.bonds[0]!.activeSlave, 'eth0');
	assert.deepEqual(snapshot.interfaces, [], 'no interfaces: nothing was read from the live /proc/net/dev');
	assert.equal(snapshot.hostname, 'unknown');
	assert.match(snapshot.warnings.map((w) => w.message).join(), /no interface counters/);
});

test('unknown bond names and unreadable roots are usage errors', () => {
	assert.throws(() => createLiveSource({root: join(kernelFixtures, 'active-backup'), bondFilter: ['bond9']}), (e: unknown) => e instanceof UsageError && /no bond named bond9 \(bonds here: bond0\)/.test(e.message));
	assert.throws(() => createLiveSource({root: '/nonexistent/bondtop', bondFilter: []}), UsageError);
	assert.throws(() => createLiveSource({root: tmpdir(), bondFilter: []}), /neither proc\/ nor sys\//);
});

test('cold attributes are re-read when flags change, not on every sample', () => {
	const root = join(kernelFixtures, 'active-backup');
	const base = createHostFs(root);
	const reads = new Map<string, number>();
	let flagsOverride: string | null = null;
	const fs = {
		...base,
		readText(path: string) {
			reads.set(path, (reads.get(path) ?? 0) + 1);
			if (flagsOverride !== null && path === 'sys/class/net/eth1/flags') return flagsOverride;
			return base.readText(path);
		},
	};
	const collector = new SnapshotCollector({fs});
	collector.collect(0);
	collector.collect(1000);
	collector.collect(2000);
	assert.equal(reads.get('sys/class/net/eth1/mtu'), 1, 'mtu read once for three samples');
	assert.equal(reads.get('sys/class/net/eth1/flags'), 3, 'flags read every sample');
	flagsOverride = '0x1802';
	const snapshot = collector.collect(3000);
	assert.equal(reads.get('sys/class/net/eth1/mtu'), 2, 'a flags change re-reads the cold attributes');
	assert.ok(!snapshot.interfaces.find((i) => i.name === 'eth1')!.flags.includes('UP'));
});
