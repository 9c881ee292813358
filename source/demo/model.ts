/**
 * The state of the simulated host behind `bondtop --demo`: plain mutable records that the driver
 * modules (mii-monitor, lacp, traffic) change and describe.ts turns into a {@link Snapshot}. The
 * state is fixed in size: advancing time only changes numbers in it.
 */
import type {BondMode} from '../model/types.js';

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
};

export type SimSlave = {
	iface: SimInterface;
	link: Link;
	/** Remaining miimon ticks of updelay/downdelay, as `slave->delay`. */
	delayTicks: number;
	linkFailureCount: number;
	/** 802.3ad aggregator the port is attached to. */
	aggregatorId: number;
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
	/** Next miimon tick (ms); always after the host's current time between calls. */
	nextTickMs: number;
	updelayTicks: number;
	downdelayTicks: number;
	activeAggregatorId: number | null;
	partnerMac: string;
	partnerKey: number;
	ipv4Net: number;
	/** PRNG state of this bond's traffic. */
	rng: number;
	baseRxMbit: number;
	baseTxMbit: number;
	burstStepsLeft: number;
	burstRxMbit: number;
	burstTxMbit: number;
	rxBytesPerSecond: number;
	txBytesPerSecond: number;
};

/** The whole host: every interface in ifindex order, and the bonds among them. */
export type SimHostState = {
	interfaces: SimInterface[];
	byName: Map<string, SimInterface>;
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
