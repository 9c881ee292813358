/**
 * Parser of `/proc/net/bonding/<bond>` (drivers/net/bonding/bond_procfs.c). Pure: text in, plain
 * object out. Handles every mode, ARP and NS monitoring, `fail_over_mac`, 802.3ad with and without
 * CAP_NET_ADMIN (the kernel hides the aggregator and LACPDU details from other readers), and the
 * older drivers' banners and line orders. It never throws: a line it does not know is kept in
 * `unparsed` so the caller can report it, and the rest is still used.
 */
import type {Bond, BondMode, BondSlave, LacpInfo, LacpPortState, MiiStatus} from '../model/types.js';

/** Result of parsing one bonding status file. */
export type ParsedBondingStatus = {
	bond: Bond;
	/** Driver version from the banner (`3.7.1`, `6.1.0-27-cloud-amd64`), null when absent. */
	driverVersion: string | null;
	/** 802.3ad: the kernel hid root-only lines (aggregator info, LACPDU details). */
	hiddenWithoutRoot: boolean;
	/** Lines that were not understood, with their 1-based line numbers. */
	unparsed: Array<{line: number; text: string}>;
	/** Churn and other 802.3ad per-slave lines kept for display, keyed by slave name. */
	slaveExtras: Record<string, Record<string, string>>;
	/** Bond-level lines kept for display that have no field in the schema (System MAC, ad_select …). */
	bondExtras: Record<string, string>;
};

const modeNames: ReadonlyArray<[string, BondMode]> = [
	['load balancing (round-robin)', 'balance-rr'],
	['fault-tolerance (active-backup)', 'active-backup'],
	['load balancing (xor)', 'balance-xor'],
	['fault-tolerance (broadcast)', 'broadcast'],
	['IEEE 802.3ad Dynamic link aggregation', '802.3ad'],
	['transmit load balancing', 'balance-tlb'],
	['adaptive load balancing', 'balance-alb'],
];

/** Maps the human mode text of the proc file to the kernel's short mode name. */
export function modeFromDescription(description: string): BondMode | null {
	for (const [text, mode] of modeNames) {
		if (description.startsWith(text)) return mode;
	}
	return null;
}

const miiStatuses: readonly MiiStatus[] = ['up', 'down', 'going down', 'going back'];

function toInt(value: string): number | null {
	const match = /^-?\d+/.exec(value.trim());
	return match ? Number(match[0]) : null;
}

function orNull(value: string): string | null {
	const trimmed = value.trim();
	return trimmed === '' || trimmed === 'None' || trimmed === 'N/A' ? null : trimmed;
}

/** Decodes an 802.3ad port state byte (IEEE 802.1AX actor/partner state). */
export function decodePortState(raw: number): LacpPortState {
	return {
		raw,
		activity: (raw & 0x01) !== 0,
		timeout: (raw & 0x02) !== 0,
		aggregation: (raw & 0x04) !== 0,
		synchronization: (raw & 0x08) !== 0,
		collecting: (raw & 0x10) !== 0,
		distributing: (raw & 0x20) !== 0,
		defaulted: (raw & 0x40) !== 0,
		expired: (raw & 0x80) !== 0,
	};
}

function emptyLacp(): LacpInfo {
	return {rate: null, aggregatorId: null, numberOfPorts: null, actorKey: null, partnerKey: null, partnerMac: null};
}

function newSlave(name: string): BondSlave {
	return {
		name,
		state: null,
		miiStatus: 'down',
		linkFailureCount: 0,
		permHwAddr: null,
		speedMbps: null,
		duplex: null,
		aggregatorId: null,
	};
}

/** Keys that are recognised and shown as extras rather than schema fields. */
const bondExtraKeys = new Set([
	'Peer Notification Delay (ms)',
	'ARP Missed Max',
	'NS IPv6 target/s (xx::xx form)',
	'LACP active',
	'Min links',
	'Aggregator selection policy (ad_select)',
	'System priority',
	'System MAC address',
]);
const slaveExtraKeys = new Set([
	'Slave queue ID',
	'Actor Churn State',
	'Partner Churn State',
	'Actor Churned Count',
	'Partner Churned Count',
]);
const lacpduKeys = new Set([
	'system priority',
	'system mac address',
	'port key',
	'oper key',
	'port priority',
	'port number',
	'port state',
]);

/**
 * Parses the text of `/proc/net/bonding/<name>`.
 * @param name the bond's interface name (the file name; the text does not contain it).
 */
export function parseBondingStatus(name: string, text: string): ParsedBondingStatus {
	const bond: Bond = {
		name,
		mode: 'balance-rr',
		activeSlave: null,
		primary: null,
		primaryReselect: null,
		failOverMac: 'none',
		miiStatus: 'down',
		miimonMs: 0,
		updelayMs: 0,
		downdelayMs: 0,
		arpIntervalMs: 0,
		arpIpTargets: [],
		xmitHashPolicy: null,
		lacp: null,
		slaves: [],
	};
	const result: ParsedBondingStatus = {
		bond,
		driverVersion: null,
		hiddenWithoutRoot: false,
		unparsed: [],
		slaveExtras: {},
		bondExtras: {},
	};
	let sawMode = false;
	let sawAggregatorInfo = false;
	let slave: BondSlave | null = null;
	let lacpduSide: 'actor' | 'partner' | null = null;

	const lines = text.split('\n');
	for (let index = 0; index < lines.length; index++) {
		const raw = lines[index]!.replace(/\r$/, '');
		const line = raw.trim();
		if (line === '') continue;
		const unparsed = () => result.unparsed.push({line: index + 1, text: raw});

		if (line.startsWith('Ethernet Channel Bonding Driver:')) {
			const version = line.slice('Ethernet Channel Bonding Driver:'.length).trim();
			result.driverVersion = version.replace(/^v/, '').replace(/\s*\(.*\)$/, '') || null;
			continue;
		}
		// A 2004 driver prints its banner without the label.
		if (index === 0 && /^\d+\.\d+\.\d+ \(/.test(line)) {
			result.driverVersion = line.replace(/\s*\(.*\)$/, '');
			continue;
		}
		if (line.startsWith('bond ') && line.endsWith('has no active aggregator')) {
			sawAggregatorInfo = true;
			continue;
		}
		if (line === '802.3ad info') {
			bond.lacp ??= emptyLacp();
			continue;
		}
		if (line === 'Active Aggregator Info:') {
			sawAggregatorInfo = true;
			bond.lacp ??= emptyLacp();
			continue;
		}
		if (line === 'details actor lacp pdu:' || line === 'details partner lacp pdu:') {
			lacpduSide = line.includes('actor') ? 'actor' : 'partner';
			continue;
		}

		// The key ends at the first colon followed by a blank or the end of the line: keys such as
		// `NS IPv6 target/s (xx::xx form)` contain colons, and so do the MAC address values.
		const split = /^(.+?):(?:\s+|$)(.*)$/.exec(line);
		if (!split) {
			unparsed();
			continue;
		}
		const key = split[1]!.trim();
		const value = split[2]!.trim();

		if (key === 'Slave Interface') {
			slave = newSlave(value);
			lacpduSide = null;
			bond.slaves.push(slave);
			continue;
		}

		if (slave) {
			if (lacpduSide && lacpduKeys.has(key)) {
				if (key === 'port state') {
					const state = toInt(value);
					if (state !== null) {
						if (lacpduSide === 'actor') slave.actorPortState = decodePortState(state);
						else slave.partnerPortState = decodePortState(state);
					}
				} else if (lacpduSide === 'partner' && key === 'system mac address') {
					slave.partnerMac = orNull(value);
				} else if (lacpduSide === 'partner' && key === 'oper key') {
					slave.partnerKey = toInt(value);
				}
				continue;
			}
			switch (key) {
				case 'MII Status': {
					const status = miiStatuses.find((s) => s === value);
					if (status) slave.miiStatus = status;
					else unparsed();
					break;
				}
				case 'Speed':
					slave.speedMbps = toInt(value);
					break;
				case 'Duplex':
					slave.duplex = orNull(value === 'Unknown' ? '' : value);
					break;
				case 'Link Failure Count':
					slave.linkFailureCount = toInt(value) ?? 0;
					break;
				case 'Permanent HW addr':
					slave.permHwAddr = orNull(value);
					break;
				case 'Aggregator ID':
					slave.aggregatorId = toInt(value);
					break;
				default:
					if (slaveExtraKeys.has(key)) {
						(result.slaveExtras[slave.name] ??= {})[key] = value;
					} else {
						unparsed();
					}
			}
			continue;
		}

		switch (key) {
			case 'Bonding Mode': {
				const mode = modeFromDescription(value);
				if (mode) {
					bond.mode = mode;
					sawMode = true;
					const fom = /\(fail_over_mac (\w+)\)/.exec(value);
					if (fom) bond.failOverMac = fom[1]!;
				} else {
					unparsed();
				}
				break;
			}
			case 'Transmit Hash Policy':
				bond.xmitHashPolicy = value.replace(/\s*\(\d+\)$/, '');
				break;
			case 'Primary Slave': {
				const match = /^(\S+)(?:\s+\(primary_reselect (\w+)\))?/.exec(value);
				bond.primary = match && match[1] !== 'None' ? match[1]! : null;
				bond.primaryReselect = match?.[2] ?? bond.primaryReselect;
				break;
			}
			case 'Currently Active Slave':
				bond.activeSlave = orNull(value);
				break;
			case 'MII Status':
				bond.miiStatus = value === 'up' ? 'up' : 'down';
				break;
			case 'MII Polling Interval (ms)':
				bond.miimonMs = toInt(value) ?? 0;
				break;
			case 'Up Delay (ms)':
				bond.updelayMs = toInt(value) ?? 0;
				break;
			case 'Down Delay (ms)':
				bond.downdelayMs = toInt(value) ?? 0;
				break;
			case 'ARP Polling Interval (ms)':
				bond.arpIntervalMs = toInt(value) ?? 0;
				break;
			case 'ARP IP target/s (n.n.n.n form)':
				bond.arpIpTargets = value
					.split(/[,\s]+/)
					.map((target) => target.trim())
					.filter((target) => target !== '');
				break;
			case 'LACP rate':
				(bond.lacp ??= emptyLacp()).rate = value;
				break;
			case 'Aggregator ID':
				(bond.lacp ??= emptyLacp()).aggregatorId = toInt(value);
				break;
			case 'Number of ports':
				(bond.lacp ??= emptyLacp()).numberOfPorts = toInt(value);
				break;
			case 'Actor Key':
				(bond.lacp ??= emptyLacp()).actorKey = toInt(value);
				break;
			case 'Partner Key':
				(bond.lacp ??= emptyLacp()).partnerKey = toInt(value);
				break;
			case 'Partner Mac Address':
				(bond.lacp ??= emptyLacp()).partnerMac = orNull(value);
				break;
			default:
				if (bondExtraKeys.has(key)) result.bondExtras[key] = value;
				else unparsed();
		}
	}

	if (!sawMode) result.unparsed.push({line: 0, text: 'no "Bonding Mode" line'});
	if (bond.mode === '802.3ad') {
		bond.lacp ??= emptyLacp();
		result.hiddenWithoutRoot = !sawAggregatorInfo;
	} else {
		bond.lacp = null;
	}
	// The proc file has no per-slave state; in the modes with one active slave it follows from
	// the active slave. Elsewhere it stays unknown unless sysfs says (see the collector).
	if (hasActiveSlave(bond.mode)) {
		for (const s of bond.slaves) s.state = s.name === bond.activeSlave ? 'active' : 'backup';
	}
	return result;
}

/** Modes in which the kernel keeps one "currently active slave". */
export function hasActiveSlave(mode: BondMode): boolean {
	return mode === 'active-backup' || mode === 'balance-tlb' || mode === 'balance-alb';
}
