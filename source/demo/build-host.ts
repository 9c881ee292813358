/**
 * Builds the simulated host from the demo options: the origin story's Raspberry Pi 2 (`lo`, eth0
 * the onboard smsc95xx, eth1 a USB r8152 adapter, bond0 active-backup with no primary), more
 * bonds and slaves when asked (benchmarks), and the chosen scenario's timeline.
 */
import type {BondMode} from '../model/types.js';
import {
	Link,
	bytesPerMbit,
	downdelayMs,
	miimonMs,
	rxBytesPerPacket,
	txBytesPerPacket,
	updelayMs,
	type Kind,
	type PrimaryReselect,
	type SimBond,
	type SimHostState,
	type SimInterface,
	type SimSlave,
	type TimelineStep,
} from './model.js';
import {demoFlows, reverseFlow, xmitHash, type HashPolicy} from './hash.js';
import {macWithOui, nextRandom, type Rng} from './random.js';
import {findScenario, scenarioNames, scenarios, type Scenario} from './scenarios.js';
import {stepBondTraffic} from './traffic.js';

/** Shape of the simulated host. */
export type DemoOptions = {
	/** Number of bonds, 0 to 16; default 1. bond0 is active-backup, further bonds cycle modes. */
	bonds?: number;
	/** Slaves per bond, 0 to 8; default 2. */
	slavesPerBond?: number;
	/** Plain non-bond interfaces besides `lo` (`dummy0`, `dummy1`, …), 0 to 16; default 0. */
	extraInterfaces?: number;
	/** PRNG seed; the same seed and the same calls give the same snapshots. Default 1. */
	seed?: number;
	/** Name each active-backup bond's first slave its primary; default false (the origin has none). */
	primary?: boolean;
	/** `primary_reselect` of the active-backup bonds; default `always`. */
	primaryReselect?: PrimaryReselect;
	/** What happens to bond0 (see scenarios.ts); default `origin`. */
	scenario?: string;
	/** `xmit_hash_policy` of the balance-xor and 802.3ad bonds; default layer3+4 for xor, layer2 (the kernel's default) for 802.3ad. */
	xmitHashPolicy?: HashPolicy;
};

/** Modes of bond1, bond2, … (bond0, and every seventh after it, is active-backup). */
const modeCycle: readonly BondMode[] = ['active-backup', '802.3ad', 'balance-rr', 'balance-xor', 'broadcast', 'balance-tlb', 'balance-alb'];

/** The origin Pi's onboard NIC: the MAC its ifconfig showed (and bond0 took). */
const originEth0Mac = 'b8:27:eb:ef:ea:34';

/** The origin's counters a few minutes after boot (its ifconfig): eth1 carried all of bond0's traffic. */
const originCounters = {rxBytes: 100_139, rxPackets: 970, txBytes: 97_340, txPackets: 915};

function checkCount(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
	if (value === undefined) return fallback;
	if (!Number.isInteger(value) || value < min || value > max) {
		throw new RangeError(`demo option ${name} must be an integer from ${min} to ${max}, got ${value}`);
	}

	return value;
}

function plain(name: string, kind: Kind, driver: string | null, permMac: string): SimInterface {
	return {
		name,
		kind,
		driver,
		permMac,
		adminUp: true,
		cablePlugged: true,
		nominalSpeedMbps: null,
		capacityBytesPerSecond: 0,
		bond: null,
		self: null,
		rxBytes: 0,
		rxPackets: 0,
		txBytes: 0,
		txPackets: 0,
		carriesRx: false,
		carriesTx: false,
		present: true,
		homeBond: null,
		releasedSlave: null,
		upstreamAlive: true,
		rxShare: 0,
		txShare: 0,
	};
}

function pickScenario(name: string | undefined): Scenario {
	if (name === undefined) return scenarios[0]!;
	const found = findScenario(name);
	if (!found) throw new RangeError(`demo option scenario must be one of ${scenarioNames.join(', ')}, got ${name}`);
	return found;
}

/** The host's state at startMs, validated from the options (RangeError on a bad one). */
export function buildHost(options: DemoOptions, startMs: number): SimHostState {
	const bondCount = checkCount('bonds', options.bonds, 1, 0, 16);
	const slavesPerBond = checkCount('slavesPerBond', options.slavesPerBond, 2, 0, 8);
	const extraCount = checkCount('extraInterfaces', options.extraInterfaces, 0, 0, 16);
	const seed = options.seed ?? 1;
	if (!Number.isFinite(seed)) throw new RangeError(`demo option seed must be a number, got ${seed}`);
	const reselect = options.primaryReselect ?? 'always';
	const scenario = pickScenario(options.scenario);
	if (!Number.isFinite(startMs)) throw new RangeError(`startMs must be a finite number, got ${startMs}`);

	const setup: Rng = {rng: (seed * 2_654_435_761) | 0};
	const loopback = plain('lo', 'loopback', null, '00:00:00:00:00:00');
	const host: SimHostState = {
		interfaces: [],
		byName: new Map(),
		timeline: {steps: [], loopMs: scenario.loopMs, cycleStartMs: startMs + (scenario.firstCycleAtMs ?? 0), next: 0},
		bonds: [],
		loopback,
		loopRng: {rng: (seed * 40_503 + 17) | 0},
		loopBytesPerSecond: 20_000,
	};
	const add = (iface: SimInterface) => {
		host.interfaces.push(iface);
		host.byName.set(iface.name, iface);
	};

	// The origin's lo had moved 79 bytes; a demo of a Pi that has been up a while shows more.
	loopback.rxBytes = loopback.txBytes = Math.floor(2e6 + nextRandom(setup) * 5e7);
	loopback.rxPackets = loopback.txPackets = Math.floor(loopback.rxBytes / 180);
	add(loopback);

	const ethernets: SimInterface[] = [];
	for (let i = 0; i < bondCount * slavesPerBond; i++) {
		const onboard = i === 0;
		// eth0 is the Pi 2's onboard smsc95xx (LAN9514, itself on the USB 2.0 bus, 100 Mbps); the
		// rest are r8152 USB 1 GbE adapters, which negotiate 1000 Mbps but move about 300 Mbit/s on
		// the Pi's one USB 2.0 bus.
		const eth = plain(`eth${i}`, 'ethernet', onboard ? 'smsc95xx' : 'r8152', onboard ? originEth0Mac : macWithOui('00:e0:4c', setup));
		eth.nominalSpeedMbps = onboard ? 100 : 1000;
		eth.capacityBytesPerSecond = (onboard ? 94 : 300) * bytesPerMbit;
		if (i >= slavesPerBond) {
			// Slaves of the benchmark bonds: a host that has been up a while.
			eth.rxBytes = Math.floor(4e8 * (0.5 + nextRandom(setup)));
			eth.txBytes = Math.floor(eth.rxBytes * (0.15 + 0.2 * nextRandom(setup)));
			eth.rxPackets = Math.floor(eth.rxBytes / rxBytesPerPacket);
			eth.txPackets = Math.floor(eth.txBytes / txBytesPerPacket);
		}

		ethernets.push(eth);
		add(eth);
	}

	for (let i = 0; i < extraCount; i++) {
		// Not enslaved and admin down. A Pi 2 has no Wi-Fi, so no wlan0: dummies.
		const extra = plain(`dummy${i}`, 'dummy', 'dummy', macWithOui('6e:1c:9a', setup));
		extra.adminUp = false;
		add(extra);
	}

	for (let b = 0; b < bondCount; b++) {
		const mode = modeCycle[b % modeCycle.length]!;
		const members = ethernets.slice(b * slavesPerBond, (b + 1) * slavesPerBond);
		// The bond takes its first slave's MAC; a bond without slaves gets a random one.
		const bondIface = plain(`bond${b}`, 'bond', 'bonding', members[0]?.permMac ?? macWithOui('3a:5e:0d', setup));
		const slaves: SimSlave[] = members.map((iface, i) => ({iface, link: Link.Up, delayTicks: 0, linkFailureCount: 0, aggregatorId: i + 1, lastRxMs: startMs}));
		const bond: SimBond = {
			iface: bondIface,
			index: b,
			mode,
			slaves,
			primary: options.primary && mode === 'active-backup' ? (slaves[0] ?? null) : null,
			primaryReselect: reselect,
			active: slaves[0] ?? null,
			carrier: slaves.length > 0,
			nextTickMs: startMs + miimonMs,
			tickMs: miimonMs,
			arpIntervalMs: 0,
			arpTargets: [],
			xmitHashPolicy: mode === 'balance-xor' || mode === '802.3ad' ? (options.xmitHashPolicy ?? (mode === 'balance-xor' ? 'layer3+4' : 'layer2')) : null,
			flows: [],
			carriers: [],
			updelayTicks: Math.floor(updelayMs / miimonMs),
			downdelayTicks: Math.floor(downdelayMs / miimonMs),
			activeAggregatorId: mode === '802.3ad' && slaves.length > 0 ? 1 : null,
			partnerMac: macWithOui('f0:9f:c2', setup),
			partnerKey: 1000 + Math.floor(nextRandom(setup) * 30),
			ipv4Address: `192.168.${176 + b}.20`,
			released: {rxBytes: 0, rxPackets: 0, txBytes: 0, txPackets: 0},
			rng: (seed * 2_246_822_519 + b * 3_266_489_917 + 1) | 0,
			baseRxMbit: 3,
			baseTxMbit: 0.8,
			burstStepsLeft: 0,
			burstRxMbit: 0,
			burstTxMbit: 0,
			rxBytesPerSecond: 0,
			txBytesPerSecond: 0,
		};
		if (mode === '802.3ad') for (const slave of slaves) slave.aggregatorId = 1;
		for (const slave of slaves) slave.iface.bond = slave.iface.homeBond = bond;
		bondIface.self = bond;
		if (bond.xmitHashPolicy) {
			const policy = bond.xmitHashPolicy;
			bond.flows = demoFlows(bondIface.permMac, bond.ipv4Address).map(flow => ({
				share: flow.share,
				txHash: xmitHash(policy, flow),
				// The partner (switch) places the return traffic; modelled with the same policy on the reverse flow.
				rxHash: xmitHash(policy, reverseFlow(flow)),
			}));
		}

		stepBondTraffic(bond);
		host.bonds.push(bond);
		add(bondIface);
	}

	const bond0 = host.bonds[0];
	if (bond0) applyScenarioStart(host, bond0, scenario, startMs);
	return host;
}

/** bond0 as the scenario starts it: cables out, the active slave, the counters; and the timeline. */
function applyScenarioStart(host: SimHostState, bond: SimBond, scenario: Scenario, startMs: number): void {
	for (const index of scenario.cableOutAtStart) {
		const slave = bond.slaves[index];
		if (!slave) continue;
		// Enslaved without a carrier: "enslaving as a backup interface with a down link".
		slave.iface.cablePlugged = false;
		slave.link = Link.Down;
	}

	// With a primary (DemoOptions.primary) the kernel would have reselected it whenever it was up.
	const active = bond.primary?.link === Link.Up ? bond.primary : bond.slaves[scenario.activeAtStart];
	if (active && active.link === Link.Up) {
		bond.active = active;
		const iface = active.iface;
		iface.rxBytes = originCounters.rxBytes;
		iface.rxPackets = originCounters.rxPackets;
		iface.txBytes = originCounters.txBytes;
		iface.txPackets = originCounters.txPackets;
	} else {
		bond.active = bond.slaves.find(slave => slave.link === Link.Up) ?? null;
	}

	bond.carrier = bond.slaves.some(slave => slave.link === Link.Up);
	if (scenario.arp) {
		// arp_interval turns the MII monitor off (they exclude each other), and with it the delays.
		bond.arpIntervalMs = bond.tickMs = scenario.arp.intervalMs;
		bond.arpTargets = [scenario.arp.target];
		bond.nextTickMs = startMs + scenario.arp.intervalMs;
		bond.updelayTicks = bond.downdelayTicks = 0;
	}

	const steps: TimelineStep[] = [];
	for (const step of scenario.steps) {
		const slave = bond.slaves[step.slave];
		if (slave) steps.push({atMs: step.atMs, action: step.action, iface: slave.iface});
	}

	host.timeline.steps = steps;
}
