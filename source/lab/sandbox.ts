/**
 * The plan of `bondtop lab`: which iproute2 commands build the sandbox and which remove it. Pure:
 * argv arrays in, argv arrays out (never shell strings), so the order of operations is tested
 * without a kernel. `run-lab.ts` executes the plan.
 *
 * Topology (everything inside two fresh network namespaces; the host's interfaces are never
 * named, so they can't be touched):
 *
 *   bondtop-lab-<pid>:  bond0 192.0.2.1/24 ── eth0..ethN-1 (veth)
 *                                              │ (veth pairs)
 *   bondtop-sw-<pid>:   br0 192.0.2.254/24 ── sw0..swN-1          (every mode but 802.3ad)
 *                       pbond0 192.0.2.254/24 ── sw0..swN-1       (802.3ad: a real LACP partner)
 *
 * 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never routed, never anybody's real network.
 */
import type {BondMode} from '../model/types.js';
import {bondModes} from '../model/types.js';

/** The bond's address in the lab namespace. */
export const LAB_BOND_ADDRESS = '192.0.2.1';
/** The switch's address in the switch namespace: what the light traffic pings from. */
export const LAB_SWITCH_ADDRESS = '192.0.2.254';
/** Prefix length of both addresses. */
export const LAB_PREFIX_LENGTH = 24;
/** The bond's name inside the lab namespace. */
export const LAB_BOND = 'bond0';
/** The bridge (the "switch") in the switch namespace, for every mode but 802.3ad. */
export const LAB_BRIDGE = 'br0';
/** The partner bond in the switch namespace for 802.3ad. */
export const LAB_PARTNER_BOND = 'pbond0';
/** Most slaves a lab may have. */
export const LAB_MAX_SLAVES = 8;

/** What the sandbox looks like. */
export interface LabOptions {
	/** Unique part of the namespace names, e.g. the process id. */
	name: string;
	mode: BondMode;
	/** Number of veth slaves, 1 to {@link LAB_MAX_SLAVES}. */
	slaves: number;
	/** MII link monitoring interval in milliseconds (0: off). */
	miimonMs: number;
	/** Milliseconds a slave's link must be up before the bond uses it (a multiple of miimon). */
	updelayMs: number;
	/** Milliseconds a slave's link must be down before the bond gives it up (a multiple of miimon). */
	downdelayMs: number;
}

/** The two namespaces of one lab. */
export interface LabNamespaces {
	/** Holds the bond and its slaves; the TUI runs here. */
	lab: string;
	/** Holds the switch (bridge or LACP partner) and the pinger. */
	switch: string;
}

/** iproute2 argv arrays (without the `ip` itself). */
export interface LabPlan {
	namespaces: LabNamespaces;
	/** The slave names in the lab namespace, eth0.. */
	slaves: string[];
	/** The peer of each slave in the switch namespace (same index): sw0.. Taking one down pulls that slave's cable. */
	peers: string[];
	/** Run in order; stop at the first failure. */
	setup: string[][];
	/** Removes everything: deleting a namespace deletes the bond, the bridge and the veths in it. */
	teardown: string[][];
}

/** Defaults of `bondtop lab` (active-backup, like most home and Pi set-ups). */
export const labDefaults = {mode: 'active-backup', slaves: 2, miimonMs: 100, updelayMs: 200, downdelayMs: 200} as const;

/** Namespace names of the lab with this unique name (e.g. the pid). */
export function labNamespaces(name: string): LabNamespaces {
	return {lab: `bondtop-lab-${name}`, switch: `bondtop-sw-${name}`};
}

/** Modes where `primary` means something (the others refuse the option). */
function takesPrimary(mode: BondMode): boolean {
	return mode === 'active-backup' || mode === 'balance-tlb' || mode === 'balance-alb';
}

/**
 * The commands that build and remove a lab. Kernel ordering rules kept here:
 * options that must precede enslaving (mode, fail_over_mac) go on `link add`; a slave must be down
 * to be enslaved (a new veth is); `primary` only after its slave is enslaved; addresses and `up`
 * last; the switch side comes up last, so the bond sees its links appear.
 */
export function labCommands(options: LabOptions): LabPlan {
	const {mode, slaves: count} = options;
	if (!bondModes.includes(mode)) throw new Error(`unknown bonding mode ${JSON.stringify(mode)}`);
	if (!Number.isInteger(count) || count < 1 || count > LAB_MAX_SLAVES) throw new Error(`slaves must be 1 to ${LAB_MAX_SLAVES}, not ${count}`);
	if (!/^[A-Za-z0-9_-]{1,20}$/.test(options.name)) throw new Error(`lab name must be short and plain, not ${JSON.stringify(options.name)}`);
	const namespaces = labNamespaces(options.name);
	const {lab, switch: sw} = namespaces;
	const inLab = (...args: string[]) => ['-n', lab, ...args];
	const inSwitch = (...args: string[]) => ['-n', sw, ...args];
	const slaves = Array.from({length: count}, (_, i) => `eth${i}`);
	const peers = Array.from({length: count}, (_, i) => `sw${i}`);
	const lacp = mode === '802.3ad';
	const monitor = ['miimon', String(options.miimonMs), 'updelay', String(options.updelayMs), 'downdelay', String(options.downdelayMs)];
	// lacp_rate fast: LACPDUs every second instead of every 30, so the aggregator forms and
	// reacts while the user watches.
	const bondOptions = lacp ? ['mode', mode, ...monitor, 'lacp_rate', 'fast'] : ['mode', mode, ...monitor];
	const switchMaster = lacp ? LAB_PARTNER_BOND : LAB_BRIDGE;

	const setup: string[][] = [
		['netns', 'add', lab],
		['netns', 'add', sw],
		inLab('link', 'set', 'lo', 'up'),
		inSwitch('link', 'set', 'lo', 'up'),
		lacp
			? inSwitch('link', 'add', LAB_PARTNER_BOND, 'type', 'bond', 'mode', '802.3ad', 'miimon', String(options.miimonMs), 'lacp_rate', 'fast')
			: inSwitch('link', 'add', LAB_BRIDGE, 'type', 'bridge', 'stp_state', '0', 'forward_delay', '0'),
		inLab('link', 'add', LAB_BOND, 'type', 'bond', ...bondOptions),
	];
	for (const [i, slave] of slaves.entries()) {
		const peer = peers[i]!;
		// Both ends are created down: the slave can be enslaved, and so can the partner's port.
		setup.push(
			inLab('link', 'add', slave, 'type', 'veth', 'peer', 'name', peer, 'netns', sw),
			inSwitch('link', 'set', peer, 'master', switchMaster),
			inLab('link', 'set', slave, 'master', LAB_BOND),
		);
	}
	if (takesPrimary(mode)) setup.push(inLab('link', 'set', LAB_BOND, 'type', 'bond', 'primary', slaves[0]!));
	const address = (ip: string) => `${ip}/${LAB_PREFIX_LENGTH}`;
	setup.push(
		inLab('addr', 'add', address(LAB_BOND_ADDRESS), 'dev', LAB_BOND),
		inLab('link', 'set', LAB_BOND, 'up'),
		...slaves.map((slave) => inLab('link', 'set', slave, 'up')),
		inSwitch('addr', 'add', address(LAB_SWITCH_ADDRESS), 'dev', switchMaster),
		inSwitch('link', 'set', switchMaster, 'up'),
		...peers.map((peer) => inSwitch('link', 'set', peer, 'up')),
	);
	return {namespaces, slaves, peers, setup, teardown: [['netns', 'del', lab], ['netns', 'del', sw]]};
}

/**
 * The teardown commands for what was actually made: only namespaces whose `netns add` succeeded
 * (a name that already existed belongs to someone else and is left alone).
 */
export function teardownFor(plan: LabPlan, succeeded: readonly string[][]): string[][] {
	const made = new Set(succeeded.filter((argv) => argv[0] === 'netns' && argv[1] === 'add').map((argv) => argv[2]));
	return plan.teardown.filter((argv) => argv[0] === 'netns' && argv[1] === 'del' && made.has(argv[2]));
}

/** The `--mode` value as a kernel mode name, or a message saying which names there are. */
export function parseLabMode(value: string): BondMode | {error: string} {
	const mode = bondModes.find((m) => m === value);
	return mode ?? {error: `--mode must be one of ${bondModes.join(', ')}, not ${JSON.stringify(value)}`};
}
