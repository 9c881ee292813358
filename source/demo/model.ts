/**
 * The state of the simulated host behind `bondtop --demo`: plain mutable records that the driver
 * modules (mii-monitor, lacp, traffic) change and describe.ts turns into a {@link Snapshot}. The
 * state is fixed in size: advancing time only changes numbers in it.
 */
import type {BondMode} from '../model/types.js';
import type {HashPolicy} from './hash.js';
import type {StepAction} from './scenarios.js';

/** The kernel's `primary_reselect` policies. */
export type PrimaryReselect = 'always' | 'better' | 'failure';

/** Bond link states of a slave, as `slave->link` in the kernel (BOND_LINK_UP, _FAIL, _DOWN, _BACK). */
export const Link = {Up: 0, Fail: 1, Down: 2, Back: 3} as const;
export type Link = (typeof Link)[keyof typeof Link];

export const hostname = 'demo-pi';
export const miimonMs = 100;
export const updelayMs = 200;
export const downdelayMs = 200;
export const rxBytesPerPacket = 1100;
export const txBytesPerPacket = 320;
export const bytesPerMbit = 125_000;

export type Kind = 'loopback' | 'ethernet' | 'wireless' | 'dummy' | 'bond';

export type SimInterface = {
	name: string;
	kind: Kind;
	driver: string | null;
	permMac: string;
	adminUp: boolean;
	/** Physical carrier while the cable is in; what the link shows also needs adminUp. */
	cablePlugged: boolean;
	/** Negotiated speed (Mbps) when the link is up; null when the driver reports none. */
	nominalSpeedMbps: number | null;
	/** What the device can really move per direction (bytes/s). */
	capacityBytesPerSecond: number;
	/** The bond this interface is enslaved to. */
	bond: SimBond | null;
	/** For a bond's own interface: that bond. */
	self: SimBond | null;
	rxBytes: number;
	rxPackets: number;
	txBytes: number;
	txPackets: number;
	/** Scratch flags of the traffic split, reused to avoid allocation. */
	carriesRx: boolean;
	carriesTx: boolean;
	/** False while a USB device is unplugged: the interface is gone from every listing. */
	present: boolean;
	/** The bond the hotplug hook enslaves this interface to when it (re)appears. */
	homeBond: SimBond | null;
	/** While unplugged: its slave record, enslaved again when it comes back. */
	releasedSlave: SimSlave | null;
	/** Whether the path behind this interface's switch reaches the bond's ARP target. */
	upstreamAlive: boolean;
	/** Scratch of the hashed traffic split: this slave's share of the bond's rx and tx. */
	rxShare: number;
	txShare: number;
};

/** A flow of a hashing bond: its share of the traffic and its hashes, computed once. */
export type SimFlow = {share: number; txHash: number; rxHash: number};

export type SimSlave = {
	iface: SimInterface;
	link: Link;
	/** Remaining miimon ticks of updelay/downdelay, as `slave->delay`. */
	delayTicks: number;
	linkFailureCount: number;
	/** 802.3ad aggregator the port is attached to. */
	aggregatorId: number;
	/** ARP monitor: when validated ARP traffic last arrived (`slave_last_rx`). */
	lastRxMs: number;
};

export type SimBond = {
	iface: SimInterface;
	index: number;
	mode: BondMode;
	slaves: SimSlave[];
	primary: SimSlave | null;
	primaryReselect: PrimaryReselect;
	/** `curr_active_slave`; kept in every mode (the kernel does too), shown only where it means something. */
	active: SimSlave | null;
	carrier: boolean;
	/** Next monitor tick (ms); always after the host's current time between calls. */
	nextTickMs: number;
	/** The link monitor's period: miimon, or arp_interval for an ARP-monitored bond. */
	tickMs: number;
	/** `arp_interval` (ms); 0 when the MII monitor watches the links. */
	arpIntervalMs: number;
	/** `arp_ip_target`s. */
	arpTargets: string[];
	/** balance-xor and 802.3ad: the transmit hash policy and the flows it places. */
	xmitHashPolicy: HashPolicy | null;
	flows: SimFlow[];
	/** Scratch: the slaves carrying traffic, in slave-list order (`usable_slaves`). */
	carriers: SimInterface[];
	updelayTicks: number;
	downdelayTicks: number;
	activeAggregatorId: number | null;
	partnerMac: string;
	partnerKey: number;
	/** PRNG state of this bond's traffic. */
	rng: number;
	baseRxMbit: number;
	baseTxMbit: number;
	burstStepsLeft: number;
	burstRxMbit: number;
	burstTxMbit: number;
	rxBytesPerSecond: number;
	txBytesPerSecond: number;
	/** IPv4 address and prefix of the bond (`192.168.176.20` for bond0, as in the origin). */
	ipv4Address: string;
	/**
	 * Counters of slaves released from the bond (a USB adapter unplugged): the kernel's bond
	 * statistics keep what the slaves carried, so the bond's counters never go back.
	 */
	released: {rxBytes: number; rxPackets: number; txBytes: number; txPackets: number};
};

/** A scenario step resolved to its interface. */
export type TimelineStep = {atMs: number; action: StepAction; iface: SimInterface};

/** Where the scenario's timeline stands. */
export type Timeline = {
	steps: TimelineStep[];
	/** Period of the steps (ms), or null when they run once. */
	loopMs: number | null;
	/** Start (ms) of the current cycle. */
	cycleStartMs: number;
	/** Index in steps of the next step to run; steps.length when a one-shot timeline is done. */
	next: number;
};

/** The whole host: every present interface in ifindex order, and the bonds among them. */
export type SimHostState = {
	/** Present interfaces in ifindex order, as `ip link` and /proc/net/dev list them. */
	interfaces: SimInterface[];
	/** Present interfaces by name. */
	byName: Map<string, SimInterface>;
	timeline: Timeline;
	bonds: SimBond[];
	loopback: SimInterface;
	loopRng: {rng: number};
	loopBytesPerSecond: number;
};

/** The link as the bond's MII monitor sees it: administratively up and a carrier. */
export function carrierOk(iface: SimInterface): boolean {
	return iface.adminUp && iface.cablePlugged;
}

/** Modes with a current active slave and a primary (`bond_uses_primary`). */
export function usesPrimary(mode: BondMode): boolean {
	return mode === 'active-backup' || mode === 'balance-tlb' || mode === 'balance-alb';
}

export const modeNumbers: Record<BondMode, number> = {
	'balance-rr': 0,
	'active-backup': 1,
	'balance-xor': 2,
	broadcast: 3,
	'802.3ad': 4,
	'balance-tlb': 5,
	'balance-alb': 6,
};
