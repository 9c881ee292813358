/**
 * Builders of the model's objects for tests: an active-backup bond0 of eth0 and eth1, all up, no
 * delays, and plain interfaces; each takes the fields a test changes. Not a test file.
 */
import type {Bond, BondSlave, NetInterface, Snapshot} from '../../source/model/types.js';

export const slave = (name: string, extra: Partial<BondSlave> = {}): BondSlave => ({
	name,
	state: null,
	miiStatus: 'up',
	linkFailureCount: 0,
	permHwAddr: null,
	speedMbps: 1000,
	duplex: 'full',
	aggregatorId: null,
	...extra,
});

export const bond = (extra: Partial<Bond> = {}): Bond => ({
	name: 'bond0',
	mode: 'active-backup',
	activeSlave: 'eth0',
	primary: null,
	primaryReselect: null,
	failOverMac: 'none',
	miiStatus: 'up',
	miimonMs: 100,
	updelayMs: 0,
	downdelayMs: 0,
	arpIntervalMs: 0,
	arpIpTargets: [],
	xmitHashPolicy: null,
	lacp: null,
	slaves: [slave('eth0'), slave('eth1')],
	...extra,
});

/** An interface with these flags, enslaved to bond0 unless `extra` says otherwise; counters 0. */
export const iface = (name: string, flags: string[], extra: Partial<NetInterface> = {}): NetInterface => ({
	name,
	flags,
	mtu: 1500,
	macAddress: null,
	master: 'bond0',
	driver: null,
	ipv4: [],
	ipv6: [],
	rx: {bytes: 0, packets: 0, errors: 0, dropped: 0, overruns: 0, frame: 0},
	tx: {bytes: 0, packets: 0, errors: 0, dropped: 0, overruns: 0, carrier: 0, collisions: 0},
	txQueueLen: 1000,
	...extra,
});

/** A live snapshot of host `h` taken at `takenAtMs`. */
export const snap = (takenAtMs: number, bonds: Bond[], interfaces: NetInterface[]): Snapshot => ({
	hostname: 'h',
	takenAtMs,
	bonds,
	interfaces,
	warnings: [],
	simulated: false,
	limitedByPrivilege: false,
});
