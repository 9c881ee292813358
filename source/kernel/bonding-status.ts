/**
 * Parser of `/proc/net/bonding/<bond>` (drivers/net/bonding/bond_procfs.c). Pure: text in, plain
 * object out. Handles every mode, ARP and NS monitoring, `fail_over_mac`, 802.3ad with and without
 * CAP_NET_ADMIN (the kernel hides the aggregator and LACPDU details from other readers), and the
 * older drivers' banners and line orders. It never throws: a line it does not know is kept in
 * `unparsed` so the caller can report it, and the rest is still used.
 *
 * The text may be a stranger's (a --root tree): the parser runs in linear time (no regular
 * expression that can backtrack; a multi-MiB line costs one pass), keeps per-name data in
 * prototype-less objects (a slave named `__proto__` is just a name), bounds what it keeps
 * ({@link maxUnparsed} lines of at most {@link maxKeptLineChars} characters, {@link maxSlaves}
 * slaves), and says what it does not know: a file without the banner or a known `Bonding Mode`
 * is not a bonding status file (`mode` null, {@link ParsedBondingStatus.notBondingStatus}), a
 * number that is not a sane value is null plus a problem, and a field whose line was never read
 * stays null instead of taking a default that would look like a diagnosis.
 */
import type {Bond, BondMode, BondSlave, LacpInfo, LacpPortState, MiiStatus} from '../model/types.js';
import {keptLine, maxKeptLineChars} from '../text/kept-line.js';
import {boundedInt, maxKernelInt as maxInt, maxKernelU32, maxSpeedMbps} from './numbers.js';

/** Result of parsing one bonding status file. */
export type ParsedBondingStatus = {
	bond: Bond;
	/** Driver version from the banner (`3.7.1`, `6.1.0-27-cloud-amd64`), null when absent. */
	driverVersion: string | null;
	/** 802.3ad: the kernel hid root-only lines (aggregator info, LACPDU details). */
	hiddenWithoutRoot: boolean;
	/** Lines that were not understood, with their 1-based line numbers (at most {@link maxUnparsed}, each cut to {@link maxKeptLineChars}). */
	unparsed: Array<{line: number; text: string}>;
	/** Why this is not a bonding status file (no banner, no or an unknown `Bonding Mode`), or null when it is one. */
	notBondingStatus: string | null;
	/** Values that were read but are not sane (`MII Polling Interval (ms): -5`, a 400-digit number): each became null. */
	problems: string[];
	/** Churn and other 802.3ad per-slave lines kept for display, keyed by slave name (no prototype). */
	slaveExtras: Record<string, Record<string, string>>;
	/** Bond-level lines kept for display that have no field in the schema (System MAC, ad_select …; no prototype). */
	bondExtras: Record<string, string>;
};

/** Most lines kept in `unparsed`; the rest are counted in one more entry. */
export const maxUnparsed = 50;
/** Most slaves kept of one bond. */
export const maxSlaves = 1024;

/** A prototype-less object: `__proto__` and `constructor` are keys like any other. */
function record<T>(): Record<string, T> {
	return Object.create(null) as Record<string, T>;
}



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

/** `layer2 (0)` -> `layer2`: drops one trailing `(digits)` group and the blanks before it. */
function withoutNumberSuffix(value: string): string {
	if (!value.endsWith(')')) return value;
	const open = value.lastIndexOf('(');
	if (open < 0) return value;
	for (let i = open + 1; i < value.length - 1; i++) {
		const c = value.charCodeAt(i);
		if (c < 0x30 || c > 0x39) return value;
	}
	return open + 2 < value.length ? value.slice(0, open).trimEnd() : value;
}

/** `v3.7.1 (April 27, 2011)` -> `3.7.1`: the version without a `v` and without the parenthesised date. */
function versionOf(text: string): string {
	let version = text.startsWith('v') ? text.slice(1) : text;
	const open = version.indexOf('(');
	if (open >= 0 && version.endsWith(')')) version = version.slice(0, open).trimEnd();
	return version;
}

/** The 2004 driver's banner without its label: `2.6.1 (October 29, 2004)`. */
function isBareVersionBanner(line: string): boolean {
	let i = 0;
	for (let part = 0; part < 3; part++) {
		const from = i;
		while (i < line.length && line.charCodeAt(i) >= 0x30 && line.charCodeAt(i) <= 0x39) i++;
		if (i === from) return false;
		if (part < 2) {
			if (line[i] !== '.') return false;
			i++;
		}
	}
	return line.startsWith(' (', i);
}

/** Index of the colon that ends a key: the first one followed by a blank or the end of the line. */
function keyEnd(line: string): number {
	for (let at = line.indexOf(':'); at >= 0; at = line.indexOf(':', at + 1)) {
		if (at === 0) continue;
		const next = line.charCodeAt(at + 1);
		if (at + 1 === line.length || next === 0x20 || next === 0x09) return at;
	}
	return -1;
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
	// MII status is the line after the name in every driver; until it is read it is not known
	// (null), which every consumer treats as not up and shows as "unknown".
	return {
		name,
		state: null,
		miiStatus: null,
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
		mode: null,
		activeSlave: null,
		primary: null,
		primaryReselect: null,
		failOverMac: 'none',
		miiStatus: 'down',
		miimonMs: null,
		updelayMs: null,
		downdelayMs: null,
		arpIntervalMs: null,
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
		notBondingStatus: null,
		problems: [],
		slaveExtras: record<Record<string, string>>(),
		bondExtras: record<string>(),
	};
	const problems = result.problems;
	let sawBanner = false;
	let modeText: string | null = null;
	let sawDownDelay = false;
	let moreUnparsed = 0;
	let moreSlaves = 0;
	let sawAggregatorInfo = false;
	let slave: BondSlave | null = null;
	let lacpduSide: 'actor' | 'partner' | null = null;

	const lines = text.split('\n');
	for (let index = 0; index < lines.length; index++) {
		const full = lines[index]!;
		const raw = full.endsWith('\r') ? full.slice(0, -1) : full;
		const line = raw.trim();
		if (line === '') continue;
		const unparsed = () => {
			if (result.unparsed.length < maxUnparsed) result.unparsed.push({line: index + 1, text: keptLine(raw)});
			else moreUnparsed++;
		};

		if (line.startsWith('Ethernet Channel Bonding Driver:')) {
			sawBanner = true;
			result.driverVersion = versionOf(line.slice('Ethernet Channel Bonding Driver:'.length).trim()) || null;
			continue;
		}
		// A 2004 driver prints its banner without the label.
		if (index === 0 && isBareVersionBanner(line)) {
			sawBanner = true;
			result.driverVersion = versionOf(line);
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
		const colon = keyEnd(line);
		if (colon < 0) {
			unparsed();
			continue;
		}
		const key = line.slice(0, colon).trim();
		const value = line.slice(colon + 1).trim();

		if (key === 'Slave Interface') {
			slave = newSlave(keptLine(value));
			lacpduSide = null;
			if (bond.slaves.length < maxSlaves) bond.slaves.push(slave);
			else moreSlaves++;
			continue;
		}

		if (slave) {
			if (lacpduSide && lacpduKeys.has(key)) {
				if (key === 'port state') {
					const state = boundedInt(value, 255, `${slave.name}: ${lacpduSide} port state`, problems);
					if (state !== null) {
						if (lacpduSide === 'actor') slave.actorPortState = decodePortState(state);
						else slave.partnerPortState = decodePortState(state);
					}
				} else if (lacpduSide === 'partner' && key === 'system mac address') {
					slave.partnerMac = orNull(value);
				} else if (lacpduSide === 'partner' && key === 'oper key') {
					slave.partnerKey = boundedInt(value, 65535, `${slave.name}: partner oper key`, problems);
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
					slave.speedMbps = boundedInt(value, maxSpeedMbps, `${slave.name}: speed (Mb/s)`, problems, {minusOneIsUnknown: true});
					break;
				case 'Duplex':
					slave.duplex = orNull(value === 'Unknown' ? '' : value);
					break;
				case 'Link Failure Count':
					slave.linkFailureCount = boundedInt(value, maxKernelU32, `${slave.name}: link failure count`, problems) ?? 0;
					break;
				case 'Permanent HW addr':
					slave.permHwAddr = orNull(value);
					break;
				case 'Aggregator ID':
					slave.aggregatorId = boundedInt(value, 65_535, `${slave.name}: aggregator ID`, problems);
					break;
				default:
					if (slaveExtraKeys.has(key)) {
						(result.slaveExtras[slave.name] ??= record<string>())[key] = keptLine(value);
					} else {
						unparsed();
					}
			}
			continue;
		}

		switch (key) {
			case 'Bonding Mode': {
				modeText = value;
				const mode = modeFromDescription(value);
				if (mode) {
					bond.mode = mode;
					const marker = '(fail_over_mac ';
					const at = value.indexOf(marker);
					const end = at < 0 ? -1 : value.indexOf(')', at);
					if (end > at + marker.length) bond.failOverMac = value.slice(at + marker.length, end);
				} else {
					unparsed();
				}
				break;
			}
			case 'Transmit Hash Policy':
				bond.xmitHashPolicy = keptLine(withoutNumberSuffix(value));
				break;
			case 'Primary Slave': {
				// `eth0 (primary_reselect always)`, `None`, or on old drivers the name alone.
				const blank = value.search(/\s/);
				const first = blank < 0 ? value : value.slice(0, blank);
				bond.primary = first === '' || first === 'None' ? null : first;
				const marker = '(primary_reselect ';
				const at = value.indexOf(marker);
				const end = at < 0 ? -1 : value.indexOf(')', at);
				if (end > at + marker.length) bond.primaryReselect = value.slice(at + marker.length, end);
				break;
			}
			case 'Currently Active Slave':
				bond.activeSlave = orNull(value);
				break;
			case 'MII Status':
				bond.miiStatus = value === 'up' ? 'up' : 'down';
				break;
			case 'MII Polling Interval (ms)':
				bond.miimonMs = boundedInt(value, maxInt, 'miimon (ms)', problems);
				break;
			case 'Up Delay (ms)':
				bond.updelayMs = boundedInt(value, maxInt, 'updelay (ms)', problems);
				break;
			case 'Down Delay (ms)':
				sawDownDelay = true;
				bond.downdelayMs = boundedInt(value, maxInt, 'downdelay (ms)', problems);
				break;
			case 'ARP Polling Interval (ms)':
				bond.arpIntervalMs = boundedInt(value, maxInt, 'arp_interval (ms)', problems);
				break;
			case 'ARP IP target/s (n.n.n.n form)':
				// The kernel has at most 16 targets (BOND_MAX_ARP_TARGETS).
				bond.arpIpTargets = value
					.split(/[,\s]+/)
					.filter((target) => target !== '')
					.slice(0, 16)
					.map(keptLine);
				break;
			case 'LACP rate':
				(bond.lacp ??= emptyLacp()).rate = value;
				break;
			case 'Aggregator ID':
				(bond.lacp ??= emptyLacp()).aggregatorId = boundedInt(value, 65_535, 'aggregator ID', problems);
				break;
			case 'Number of ports':
				(bond.lacp ??= emptyLacp()).numberOfPorts = boundedInt(value, 65_535, 'number of ports', problems);
				break;
			case 'Actor Key':
				(bond.lacp ??= emptyLacp()).actorKey = boundedInt(value, 65_535, 'actor key', problems);
				break;
			case 'Partner Key':
				(bond.lacp ??= emptyLacp()).partnerKey = boundedInt(value, 65_535, 'partner key', problems);
				break;
			case 'Partner Mac Address':
				(bond.lacp ??= emptyLacp()).partnerMac = orNull(value);
				break;
			default:
				if (bondExtraKeys.has(key)) result.bondExtras[key] = keptLine(value);
				else unparsed();
		}
	}

	if (moreUnparsed > 0) result.unparsed.push({line: 0, text: `and ${moreUnparsed} more lines not understood`});
	if (moreSlaves > 0) problems.push(`${moreSlaves} more slaves than the ${maxSlaves} shown`);
	if (!sawBanner) result.notBondingStatus = 'no "Ethernet Channel Bonding Driver" banner';
	else if (modeText === null) result.notBondingStatus = 'no "Bonding Mode" line';
	else if (bond.mode === null) result.notBondingStatus = `unknown bonding mode "${keptLine(modeText)}"`;
	if (result.notBondingStatus !== null) bond.mode = null;
	// The kernel prints the ARP block right after the delays, and only when ARP monitoring is on.
	if (bond.arpIntervalMs === null && sawDownDelay && bond.mode !== null) bond.arpIntervalMs = 0;
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

/** Modes in which the kernel keeps one "currently active slave" (false when the mode is unknown). */
export function hasActiveSlave(mode: BondMode | null): boolean {
	return mode === 'active-backup' || mode === 'balance-tlb' || mode === 'balance-alb';
}
