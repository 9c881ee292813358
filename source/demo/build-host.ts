/**
 * Builds the simulated host's interfaces and bonds from the demo options: `lo`, the Ethernet
 * slaves, extra interfaces, then the bonds (ifindex order, as `ip link` lists them).
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
} from './model.js';
import {macWithOui, nextRandom, type Rng} from './random.js';
import {stepBondTraffic} from './traffic.js';

/** Shape of the simulated host. */
export type DemoOptions = {
	/** Number of bonds, 0 to 16; default 1. bond0 is active-backup, further bonds cycle modes. */
	bonds?: number;
	/** Slaves per bond, 0 to 8; default 2. */
	slavesPerBond?: number;
	/** Plain non-bond interfaces besides `lo`, 0 to 16; default 1 (`wlan0`, then `dummy0`, …). */
	extraInterfaces?: number;
	/** PRNG seed; the same seed and the same calls give the same snapshots. Default 1. */
	seed?: number;
	/** `primary_reselect` of the active-backup bonds; default `always`. */
	primaryReselect?: PrimaryReselect;
};

/** Modes of bond1, bond2, … (bond0, and every seventh after it, is active-backup). */
const modeCycle: readonly BondMode[] = ['active-backup', '802.3ad', 'balance-rr', 'balance-xor', 'broadcast', 'balance-tlb', 'balance-alb'];

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
	};
}

/** The host's state at startMs, validated from the options (RangeError on a bad one). */
export function buildHost(options: DemoOptions, startMs: number): SimHostState {
	const bondCount = checkCount('bonds', options.bonds, 1, 0, 16);
	const slavesPerBond = checkCount('slavesPerBond', options.slavesPerBond, 2, 0, 8);
	const extraCount = checkCount('extraInterfaces', options.extraInterfaces, 1, 0, 16);
	const seed = options.seed ?? 1;
	if (!Number.isFinite(seed)) throw new RangeError(`demo option seed must be a number, got ${seed}`);
	const reselect = options.primaryReselect ?? 'always';
	if (!Number.isFinite(startMs)) throw new RangeError(`startMs must be a finite number, got ${startMs}`);

	const setup: Rng = {rng: (seed * 2_654_435_761) | 0};
	const loopback = plain('lo', 'loopback', null, '00:00:00:00:00:00');
	const host: SimHostState = {
		interfaces: [],
		byName: new Map(),
		bonds: [],
		loopback,
		loopRng: {rng: (seed * 40_503 + 17) | 0},
		loopBytesPerSecond: 20_000,
	};
	const add = (iface: SimInterface) => {
		host.interfaces.push(iface);
		host.byName.set(iface.name, iface);
	};

	loopback.rxBytes = loopback.txBytes = Math.floor(2e6 + nextRandom(setup) * 5e7);
	loopback.rxPackets = loopback.txPackets = Math.floor(loopback.rxBytes / 180);
	add(loopback);

	const ethernets: SimInterface[] = [];
	for (let i = 0; i < bondCount * slavesPerBond; i++) {
		const onboard = i === 0;
		// eth0 is the Pi 2's onboard smsc95xx (100 Mbps); the rest are r8152 USB 1 GbE adapters,
		// which negotiate 1000 Mbps but move about 300 Mbit/s on the Pi's USB 2.0 bus.
		const eth = plain(`eth${i}`, 'ethernet', onboard ? 'smsc95xx' : 'r8152', onboard ? macWithOui('b8:27:eb', setup) : macWithOui('00:e0:4c', setup));
		eth.nominalSpeedMbps = onboard ? 100 : 1000;
		eth.capacityBytesPerSecond = (onboard ? 94 : 300) * bytesPerMbit;
		eth.rxBytes = Math.floor((onboard ? 3e9 : 4e8) * (0.5 + nextRandom(setup)));
		eth.txBytes = Math.floor(eth.rxBytes * (0.15 + 0.2 * nextRandom(setup)));
		eth.rxPackets = Math.floor(eth.rxBytes / rxBytesPerPacket);
		eth.txPackets = Math.floor(eth.txBytes / txBytesPerPacket);
		ethernets.push(eth);
		add(eth);
	}

	for (let i = 0; i < extraCount; i++) {
		// Not enslaved and admin down: wlan0 as Raspberry Pi OS leaves it without a network.
		const extra =
			i === 0
				? plain('wlan0', 'wireless', 'brcmfmac', macWithOui('b8:27:eb', setup))
				: plain(`dummy${i - 1}`, 'dummy', 'dummy', macWithOui('6e:1c:9a', setup));
		extra.adminUp = false;
		extra.cablePlugged = extra.kind === 'dummy';
		add(extra);
	}

	for (let b = 0; b < bondCount; b++) {
		const mode = modeCycle[b % modeCycle.length]!;
		const members = ethernets.slice(b * slavesPerBond, (b + 1) * slavesPerBond);
		// The bond takes its first slave's MAC; a bond without slaves gets a random one.
		const bondIface = plain(`bond${b}`, 'bond', 'bonding', members[0]?.permMac ?? macWithOui('3a:5e:0d', setup));
		const slaves: SimSlave[] = members.map((iface, i) => ({iface, link: Link.Up, delayTicks: 0, linkFailureCount: 0, aggregatorId: i + 1}));
		const bond: SimBond = {
			iface: bondIface,
			index: b,
			mode,
			slaves,
			primary: mode === 'active-backup' ? (slaves[0] ?? null) : null,
			primaryReselect: reselect,
			active: slaves[0] ?? null,
			carrier: slaves.length > 0,
			nextTickMs: startMs + miimonMs,
			updelayTicks: Math.floor(updelayMs / miimonMs),
			downdelayTicks: Math.floor(downdelayMs / miimonMs),
			activeAggregatorId: mode === '802.3ad' && slaves.length > 0 ? 1 : null,
			partnerMac: macWithOui('f0:9f:c2', setup),
			partnerKey: 1000 + Math.floor(nextRandom(setup) * 30),
			ipv4Net: 1 + b,
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
		for (const slave of slaves) slave.iface.bond = bond;
		bondIface.self = bond;
		stepBondTraffic(bond);
		host.bonds.push(bond);
		add(bondIface);
	}

	return host;
}
