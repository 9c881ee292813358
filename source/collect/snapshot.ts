/**
 * Builds a {@link Snapshot} from procfs and sysfs. This is the per-tick path, so it reads only
 * files (no child processes) and splits its reads in two:
 * - hot, every sample: `/proc/net/bonding/*`, `/proc/net/dev`, each shown interface's `flags` and
 *   `operstate`, each slave's `bonding_slave/state`;
 * - cold, only when something changed (an interface appeared or went, flags or operstate moved,
 *   a bond's slave set changed, {@link SnapshotCollector.invalidate} was called by the event
 *   source) or every {@link coldRefreshMs}: MTU, MAC, speed, duplex, carrier, driver, master,
 *   txqueuelen, bond sysfs extras and the addresses.
 */
import {networkInterfaces} from 'node:os';
import {parseBondingStatus, type ParsedBondingStatus} from '../kernel/bonding-status.js';
import {parseNetDev, type NetDevCounters} from '../kernel/net-dev.js';
import {
	decodeInterfaceFlags,
	enumName,
	intValue,
	ipv4Broadcast,
	textValue,
} from '../kernel/sysfs-values.js';
import type {Bond, CollectWarning, Ipv4Address, Ipv6Address, NetInterface, Snapshot} from '../model/types.js';
import {safePathName, type HostFs} from './host-fs.js';

/** Cold attributes are re-read at least this often even when nothing seems to change. */
export const coldRefreshMs = 30_000;

/** Addresses per interface name. */
export type AddressTable = Map<string, {ipv4: Ipv4Address[]; ipv6: Ipv6Address[]}>;

/** Addresses of the live host via getifaddrs (no child process). */
export function liveAddresses(): AddressTable {
	const table: AddressTable = new Map();
	for (const [name, entries] of Object.entries(networkInterfaces())) {
		const row = {ipv4: [] as Ipv4Address[], ipv6: [] as Ipv6Address[]};
		for (const entry of entries ?? []) {
			const prefixLength = Number((entry.cidr ?? '/0').split('/')[1] ?? 0);
			if (entry.family === 'IPv4') {
				row.ipv4.push({address: entry.address, prefixLength, broadcast: ipv4Broadcast(entry.address, prefixLength)});
			} else {
				row.ipv6.push({address: entry.address, prefixLength, scope: ipv6Scope(entry.address, entry.scopeid)});
			}
		}
		table.set(name, row);
	}
	return table;
}

/** Scope names as `ip addr` prints them. */
export function ipv6Scope(address: string, scopeId: number | undefined): string {
	const lower = address.toLowerCase();
	if (lower === '::1') return 'host';
	if (lower.startsWith('fe80:') || (scopeId !== undefined && scopeId !== 0)) return 'link';
	if (lower.startsWith('fec0:')) return 'site';
	return 'global';
}

export type CollectorOptions = {
	fs: HostFs;
	/** Only these bonds and their slaves (the command line's BOND names); empty for all. */
	bondFilter?: string[];
	/** Where addresses come from; null when the root is not the live host. */
	addresses?: (() => AddressTable) | null;
};

type ColdAttributes = {
	mtu: number | null;
	macAddress: string | null;
	txQueueLen: number | null;
	speedMbps: number | null;
	duplex: string | null;
	carrier: boolean | null;
	driver: string | null;
	linkMaster: string | null;
};

/** Reads snapshots of one host; keeps the cold attributes between calls. */
export class SnapshotCollector {
	private readonly fs: HostFs;
	private readonly bondFilter: Set<string>;
	private readonly addresses: (() => AddressTable) | null;
	private readonly hostname: string;
	private cold = new Map<string, ColdAttributes>();
	private hotKeys = new Map<string, string>();
	private addressTable: AddressTable = new Map();
	private coldAtMs = Number.NEGATIVE_INFINITY;
	private stale = true;
	private bondPrimaryReselect = new Map<string, string | null>();
	/** Names refused for paths in the current sample (one warning each). */
	private refusedNames = new Set<string>();

	constructor(options: CollectorOptions) {
		this.fs = options.fs;
		this.bondFilter = new Set(options.bondFilter ?? []);
		this.addresses = options.addresses ?? null;
		this.hostname =
			textValue(this.fs.readText('proc/sys/kernel/hostname')) ??
			textValue(this.fs.readText('etc/hostname')) ??
			textValue(this.fs.readText('hostname')) ??
			'unknown';
	}

	/** Forces the cold attributes to be re-read at the next {@link collect}. */
	invalidate(): void {
		this.stale = true;
	}

	/** Names of the bonds the kernel knows under this root (unchecked: see {@link safePathName}). */
	bondNames(): string[] {
		const fromProc = this.fs.listDir('proc/net/bonding');
		if (fromProc) return fromProc.sort();
		const masters = textValue(this.fs.readText('sys/class/net/bonding_masters'));
		return masters ? masters.split(/\s+/).sort() : [];
	}

	/**
	 * `sys/class/net/<name>/<rest>`, or null (and a warning) when the name must not be joined into
	 * a path: a name with `/`, NUL, `..` or bytes that were not UTF-8 would read another file.
	 */
	private netPath(name: string, rest: string, warnings: CollectWarning[] | null): string | null {
		const problem = safePathName(name);
		if (problem === null) return `sys/class/net/${name}/${rest}`;
		if (warnings && !this.refusedNames.has(name)) {
			this.refusedNames.add(name);
			warnings.push({source: 'sys/class/net', message: `${name}: not read (${problem})`});
		}
		return null;
	}

	private readNet(name: string, rest: string, warnings: CollectWarning[] | null = null): string | null {
		const path = this.netPath(name, rest, warnings);
		return path === null ? null : this.fs.readText(path);
	}

	/** Takes one sample. Never throws: problems end up in `warnings`. */
	collect(nowMs: number): Snapshot {
		const warnings: CollectWarning[] = [];
		this.refusedNames.clear();
		const bonds: Bond[] = [];
		let limitedByPrivilege = false;
		const names = this.bondNames().filter((name) => this.bondFilter.size === 0 || this.bondFilter.has(name));
		for (const name of names) {
			const problem = safePathName(name);
			if (problem !== null) {
				warnings.push({source: '/proc/net/bonding', message: `${name}: not read (${problem})`});
				continue;
			}
			const text = this.fs.readText(`proc/net/bonding/${name}`);
			if (text === null) {
				warnings.push({source: `/proc/net/bonding/${name}`, message: 'could not be read'});
				continue;
			}
			const parsed = parseBondingStatus(name, text);
			this.reportUnparsed(parsed, warnings);
			if (parsed.hiddenWithoutRoot) limitedByPrivilege = true;
			this.overlaySysfs(parsed.bond, parsed.hiddenWithoutRoot, warnings);
			bonds.push(parsed.bond);
		}

		const slaveOf = new Map<string, string>();
		for (const bond of bonds) for (const slave of bond.slaves) slaveOf.set(slave.name, bond.name);

		let counters: NetDevCounters[] = [];
		const netDev = this.fs.readText('proc/net/dev');
		if (netDev === null) {
			warnings.push({source: '/proc/net/dev', message: 'not found: no interface counters'});
		} else {
			const parsed = parseNetDev(netDev);
			counters = parsed.interfaces;
			for (const line of parsed.unparsed) warnings.push({source: '/proc/net/dev', message: `unparsed line: ${line.trim()}`});
		}
		if (this.bondFilter.size > 0) {
			counters = counters.filter((c) => this.bondFilter.has(c.name) || slaveOf.has(c.name));
		}

		// Hot attributes decide whether the cold ones must be re-read.
		const hot = counters.map((c) => {
			const flagsText = this.readNet(c.name, 'flags', warnings);
			const operState = textValue(this.readNet(c.name, 'operstate'));
			return {flagsText, operState};
		});
		let changed = this.stale || nowMs - this.coldAtMs >= coldRefreshMs || counters.length !== this.hotKeys.size;
		for (let i = 0; i < counters.length && !changed; i++) {
			const key = `${hot[i]!.flagsText}|${hot[i]!.operState}|${slaveOf.get(counters[i]!.name) ?? ''}`;
			if (this.hotKeys.get(counters[i]!.name) !== key) changed = true;
		}
		if (changed) this.refreshCold(counters.map((c) => c.name), bonds, nowMs, warnings);

		const interfaces: NetInterface[] = counters.map((c, i) => {
			const {flagsText, operState} = hot[i]!;
			this.hotKeys.set(c.name, `${flagsText}|${operState}|${slaveOf.get(c.name) ?? ''}`);
			const cold = this.cold.get(c.name);
			const addresses = this.addressTable.get(c.name);
			return {
				name: c.name,
				flags: flagsText === null ? [] : decodeInterfaceFlags(flagsText, operState),
				mtu: cold?.mtu ?? null,
				macAddress: cold?.macAddress ?? null,
				master: slaveOf.get(c.name) ?? cold?.linkMaster ?? null,
				driver: bonds.some((b) => b.name === c.name) ? 'bonding' : (cold?.driver ?? null),
				ipv4: addresses?.ipv4 ?? [],
				ipv6: addresses?.ipv6 ?? [],
				rx: c.rx,
				tx: c.tx,
				txQueueLen: cold?.txQueueLen ?? null,
				operState,
				speedMbps: cold?.speedMbps ?? null,
				duplex: cold?.duplex ?? null,
				carrier: cold?.carrier ?? null,
			};
		});
		if (this.hotKeys.size !== counters.length) {
			const present = new Set(counters.map((c) => c.name));
			for (const name of this.hotKeys.keys()) if (!present.has(name)) this.hotKeys.delete(name);
		}

		warnings.push(...this.fs.takeWarnings());
		return {hostname: this.hostname, takenAtMs: nowMs, bonds, interfaces, warnings, simulated: false, limitedByPrivilege};
	}

	private reportUnparsed(parsed: ParsedBondingStatus, warnings: CollectWarning[]): void {
		for (const {line, text} of parsed.unparsed) {
			warnings.push({source: `/proc/net/bonding/${parsed.bond.name}`, message: `line ${line} not understood: ${text.trim()}`});
		}
	}

	/** sysfs knows what the proc file leaves out: each slave's state, primary_reselect without primary. */
	private overlaySysfs(bond: Bond, lacpHidden: boolean, warnings: CollectWarning[]): void {
		// Without CAP_NET_ADMIN the proc file hides the active aggregator, but sysfs's ad_aggregator
		// and ad_num_ports stay readable by everyone (keys and partner MAC read back empty).
		if (lacpHidden && bond.lacp) {
			const base = `sys/class/net/${bond.name}/bonding`;
			bond.lacp.aggregatorId = intValue(this.fs.readText(`${base}/ad_aggregator`));
			bond.lacp.numberOfPorts = intValue(this.fs.readText(`${base}/ad_num_ports`));
			bond.lacp.actorKey ??= intValue(this.fs.readText(`${base}/ad_actor_key`));
			bond.lacp.partnerKey ??= intValue(this.fs.readText(`${base}/ad_partner_key`));
			bond.lacp.partnerMac ??= textValue(this.fs.readText(`${base}/ad_partner_mac`));
		}
		for (const slave of bond.slaves) {
			const state = textValue(this.readNet(slave.name, 'bonding_slave/state', warnings));
			if (state === 'active' || state === 'backup') slave.state = state;
		}
		if (bond.primaryReselect === null) bond.primaryReselect = this.bondPrimaryReselect.get(bond.name) ?? null;
	}

	private refreshCold(names: string[], bonds: Bond[], nowMs: number, warnings: CollectWarning[]): void {
		this.stale = false;
		this.cold.clear();
		for (const name of names) {
			if (this.netPath(name, '', warnings) === null) continue;
			const base = `sys/class/net/${name}`;
			const driverLink = this.fs.readLink(`${base}/device/driver`);
			const masterLink = this.fs.readLink(`${base}/master`);
			const carrier = intValue(this.fs.readText(`${base}/carrier`));
			this.cold.set(name, {
				mtu: intValue(this.fs.readText(`${base}/mtu`)),
				macAddress: textValue(this.fs.readText(`${base}/address`)),
				txQueueLen: intValue(this.fs.readText(`${base}/tx_queue_len`)),
				speedMbps: intValue(this.fs.readText(`${base}/speed`)),
				duplex: textValue(this.fs.readText(`${base}/duplex`)),
				carrier: carrier === null ? null : carrier === 1,
				driver: driverLink ? driverLink.split('/').pop() ?? null : null,
				linkMaster: masterLink ? masterLink.split('/').pop() ?? null : textValue(this.fs.readText(`${base}/master_name`)),
			});
		}
		for (const bond of bonds) {
			const reselect = enumName(this.fs.readText(`sys/class/net/${bond.name}/bonding/primary_reselect`) ?? '');
			this.bondPrimaryReselect.set(bond.name, reselect);
			if (bond.primaryReselect === null) bond.primaryReselect = reselect;
		}
		this.addressTable = this.addresses ? this.addresses() : new Map();
		this.coldAtMs = nowMs;
	}
}
