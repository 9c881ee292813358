import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';
import {decodePortState, modeFromDescription, parseBondingStatus} from '../../source/kernel/bonding-status.js';

const corpus = (name: string) => readFileSync(new URL(`../fixtures/corpus/${name}`, import.meta.url), 'utf8');

// Real /proc/net/bonding outputs of older kernels found in public projects (see fixtures/corpus/SOURCES.md).
const cases: Array<{file: string; check: (p: ReturnType<typeof parseBondingStatus>) => void}> = [
	{
		file: '01-insights-rr-v3.7.1.txt',
		check({bond, driverVersion, unparsed}) {
			assert.equal(driverVersion, '3.7.1');
			assert.equal(bond.mode, 'balance-rr');
			assert.equal(bond.activeSlave, null);
			assert.equal(bond.miimonMs, 100);
			assert.deepEqual(bond.slaves.map((s) => [s.name, s.miiStatus, s.speedMbps, s.duplex, s.permHwAddr]), [
				['eno1', 'up', 1000, 'full', '2c:44:fd:80:5c:f8'],
				['eno2', 'up', 1000, 'full', '2c:44:fd:80:5c:f9'],
			]);
			assert.equal(bond.slaves[0]!.state, null, 'rr has no active slave: state unknown without sysfs');
			assert.deepEqual(unparsed, []);
		},
	},
	{
		file: '02-insights-xor-layer2+3-v3.7.1.txt',
		check({bond}) {
			assert.equal(bond.mode, 'balance-xor');
			assert.equal(bond.xmitHashPolicy, 'layer2+3');
		},
	},
	{
		file: '03-insights-activebackup-primary-none-v3.7.1.txt',
		check({bond}) {
			assert.equal(bond.mode, 'active-backup');
			assert.equal(bond.primary, null);
			assert.equal(bond.activeSlave, 'enp17s0f0');
			assert.deepEqual(bond.slaves.map((s) => s.state), ['active', 'backup']);
			assert.equal(bond.slaves[0]!.speedMbps, 10000);
			assert.equal(bond.lacp, null);
		},
	},
	{
		file: '04-insights-activebackup-arpmon-primary_reselect-failure.txt',
		check({bond}) {
			assert.equal(bond.miimonMs, 0);
			assert.equal(bond.arpIntervalMs, 1000);
			assert.deepEqual(bond.arpIpTargets, ['10.152.1.1']);
			assert.equal(bond.primary, 'em3');
			assert.equal(bond.primaryReselect, 'failure');
			assert.deepEqual(bond.slaves.map((s) => s.linkFailureCount), [92028, 71524]);
		},
	},
	{
		file: '06-insights-8023ad-v3.2.4-rhel5-with-injected-Speed-line.txt',
		check({bond, unparsed, hiddenWithoutRoot}) {
			assert.equal(bond.mode, '802.3ad');
			assert.equal(bond.xmitHashPolicy, 'layer2');
			assert.deepEqual(bond.lacp, {rate: 'slow', aggregatorId: 3, numberOfPorts: 1, actorKey: 17, partnerKey: 1, partnerMac: '00:00:00:00:00:00'});
			assert.deepEqual(bond.slaves.map((s) => s.aggregatorId), [3, 2]);
			assert.equal(hiddenWithoutRoot, false);
			// The bare "Speed" line a test author injected is reported, not fatal.
			assert.equal(unparsed.length, 1);
			assert.equal(unparsed[0]!.text.trim(), 'Speed');
			assert.equal(bond.slaves[1]!.permHwAddr, '00:16:35:5e:02:7e', 'parsing continued after the bad line');
		},
	},
	{
		file: '07-telegraf-8023ad-v3.5.0-no-active-aggregator-NA.txt',
		check({bond, hiddenWithoutRoot}) {
			assert.equal(bond.lacp?.rate, 'fast');
			assert.equal(bond.lacp?.aggregatorId, null);
			assert.equal(hiddenWithoutRoot, false, '"has no active aggregator" is what root sees');
			assert.deepEqual(bond.slaves.map((s) => [s.aggregatorId, s.speedMbps, s.linkFailureCount]), [
				[null, null, 0],
				[null, null, 3],
			]);
		},
	},
	{
		file: '08-telegraf-activebackup-v3.6.0-primary_reselect-always-slave-down.txt',
		check({bond}) {
			assert.equal(bond.primary, 'eth2');
			assert.equal(bond.primaryReselect, 'always');
			assert.equal(bond.activeSlave, 'eth2');
			assert.deepEqual(bond.slaves.map((s) => [s.name, s.miiStatus, s.permHwAddr, s.state]), [
				['eth3', 'down', null, 'backup'],
				['eth2', 'up', null, 'active'],
			]);
		},
	},
	{
		file: '09-telegraf-8023ad-v3.7.1-nonroot-churn-no-lacpdu-details.txt',
		check({bond, hiddenWithoutRoot, slaveExtras, bondExtras, unparsed}) {
			assert.equal(hiddenWithoutRoot, true, 'no aggregator info: the reader was not root');
			assert.equal(bond.lacp?.partnerMac, null);
			assert.deepEqual(bond.slaves.map((s) => s.aggregatorId), [2, 2]);
			assert.equal(slaveExtras['eth0']?.['Actor Churned Count'], '2');
			assert.equal(bondExtras['Aggregator selection policy (ad_select)'], 'stable');
			assert.deepEqual(unparsed, []);
		},
	},
	{
		file: '11-monitoringplug-8023ad-v3.7.1-rhel6-aggid-before-queueid.txt',
		check({bond}) {
			assert.equal(bond.lacp?.aggregatorId, 1);
			assert.equal(bond.lacp?.partnerMac, '00:40:96:de:af:6e');
			assert.equal(bond.lacp?.partnerKey, 20045);
			assert.deepEqual(bond.slaves.map((s) => s.aggregatorId), [1, 1]);
		},
	},
	{
		file: '14-augeas-activebackup-v3.4.0-mii-and-arp-two-targets.txt',
		check({bond}) {
			assert.equal(bond.miimonMs! > 0 && bond.arpIntervalMs! > 0, true);
			assert.equal(bond.arpIpTargets.length, 2);
		},
	},
	{
		file: '17-checkmk-rr-no-slaves-mii-down-DERIVED.txt',
		check({bond}) {
			assert.equal(bond.miiStatus, 'down');
			assert.deepEqual(bond.slaves, []);
		},
	},
	{
		file: '18-checkmk-activebackup-v3.2.5-primary-no-reselect-DERIVED.txt',
		check({bond}) {
			assert.equal(bond.primary, 'eth0');
			assert.equal(bond.primaryReselect, null);
			assert.equal(bond.slaves[1]!.linkFailureCount, 1);
		},
	},
	{
		file: '19-checkmk-activebackup-proxmox-5.13.19-pve-RECONSTRUCTED.txt',
		check({bond, driverVersion, bondExtras, unparsed}) {
			assert.equal(driverVersion, '5.13.19-5-pve');
			assert.equal(bond.updelayMs, 200);
			assert.equal(bond.downdelayMs, 200);
			assert.equal(bondExtras['Peer Notification Delay (ms)'], '0');
			assert.deepEqual(unparsed, []);
		},
	},
	{
		file: '22-vyos-activebackup-6.6.28-after-mode-switch.txt',
		check({bond, driverVersion}) {
			assert.equal(driverVersion, '6.6.28-amd64-vyos');
			assert.equal(bond.slaves.length, 1);
			assert.equal(bond.activeSlave, 'eth1');
		},
	},
];

for (const {file, check} of cases) {
	test(`parseBondingStatus: ${file}`, () => check(parseBondingStatus('bond0', corpus(file))));
}

test('every mode description maps to its kernel name', () => {
	assert.equal(modeFromDescription('fault-tolerance (active-backup) (fail_over_mac active)'), 'active-backup');
	assert.equal(modeFromDescription('fault-tolerance (broadcast)'), 'broadcast');
	assert.equal(modeFromDescription('transmit load balancing'), 'balance-tlb');
	assert.equal(modeFromDescription('adaptive load balancing'), 'balance-alb');
	assert.equal(modeFromDescription('something new'), null);
});

test('fail_over_mac on the mode line', () => {
	const text = corpus('03-insights-activebackup-primary-none-v3.7.1.txt').replace(
		'Bonding Mode: fault-tolerance (active-backup)',
		'Bonding Mode: fault-tolerance (active-backup) (fail_over_mac active)',
	);
	assert.equal(parseBondingStatus('bond0', text).bond.failOverMac, 'active');
});

test('garbage never throws and is reported', () => {
	const parsed = parseBondingStatus('bond9', '\u0000\u0001 nonsense\n:::\nSlave Interface: x\nMII Status: sideways\n');
	assert.equal(parsed.bond.name, 'bond9');
	assert.equal(parsed.bond.mode, null);
	assert.match(parsed.notBondingStatus ?? '', /no "Ethernet Channel Bonding Driver" banner/);
	assert.ok(parsed.unparsed.some((u) => u.text.includes('sideways')));
	assert.equal(parseBondingStatus('bond0', '').notBondingStatus, 'no "Ethernet Channel Bonding Driver" banner');
});

test('LACP port state bits', () => {
	const state = decodePortState(61);
	assert.deepEqual(
		[state.activity, state.timeout, state.aggregation, state.synchronization, state.collecting, state.distributing, state.defaulted, state.expired],
		[true, false, true, true, true, true, false, false],
	);
});

test('a slave without an MII Status line is unknown, not down', async () => {
	const {slaveBadge} = await import('../../source/output/format.js');
	const {slaveRole} = await import('../../source/model/roles.js');
	const {judgeBond} = await import('../../source/judge/judge.js');
	// A real file (the corpus' active-backup case) with eth1's MII Status line cut out.
	const text = corpus('12-monitoringplug-activebackup-v3.7.1.txt');
	const lines = text.split('\n');
	const at = lines.findIndex((l) => l.startsWith('Slave Interface: '));
	const mii = lines.findIndex((l, i) => i > at && l.startsWith('MII Status:'));
	assert.ok(at >= 0 && mii > at);
	const cut = [...lines.slice(0, mii), ...lines.slice(mii + 1)].join('\n');
	const {bond} = parseBondingStatus('bond0', cut);
	const slave = bond.slaves[0]!;
	assert.equal(slave.miiStatus, null);
	assert.equal(parseBondingStatus('bond0', text).bond.slaves[0]!.miiStatus === null, false);
	assert.equal(slave.name, 'eth3');
	assert.equal(slaveRole(bond, slave), 'unknown');
	assert.doesNotMatch(slaveBadge(bond, slave), /DOWN/);
	assert.match(slaveBadge(bond, slave), /UNKNOWN/);
	// Not counted as up by the judge either.
	const judged = judgeBond(bond, null);
	assert.match(judged.verdict.reason, /\b1\/2 slaves up/);
});
