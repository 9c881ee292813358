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
import {maxKernelInt, maxKernelU32, maxSpeedMbps} from '../kernel/numbers.js';
import {boundedIntValue, decodeInterfaceFlags, enumName, intValue, ipv4Broadcast, textValue} from '../kernel/sysfs-values.js';
import {ueventSaysWireless, usbBusOfDevicePath} from '../kernel/device-path.js';
import {mergeRtnetlink, parseIpLinkJson, type ParsedIpLink} from '../kernel/ip-link-json.js';
import type {Bond, CollectWarning, DeviceInfo, Ipv4Address, Ipv6Address, NetInterface, Snapshot} from '../model/types.js';
import {safePathName, type HostFs} from './host-fs.js';
import {t} from '../i18n/i18n.js';

/** Cold attributes are re-read at least this often even when nothing seems to change. */
export const coldRefreshMs = 30_000;

/** Addresses per interface name. */
export type AddressTable = Map<string, {ipv4: Ipv4Address[]; ipv6: Ipv6Address[]}>;

/**
 * Addresses of the live host via getifaddrs (no child process), or null with the reason when they
 * cannot be read safely. Node's os.networkInterfaces() files addresses under `result[name]` of a
 * plain object: an interface named `constructor` (or any name of Object.prototype) makes it throw,
 * and one named `__proto__` makes it push onto Object.prototype itself. So it is not called when
 * such a name is among `names` (the interfaces of /proc/net/dev), and anything it still added to
 * Object.prototype (a name that appeared in between) is taken away again.
 */
export function liveAddresses(names: readonly string[]): AddressTable | {problem: string} {
	const unsafe = names.find((name) => name in Object.prototype);
	if (unsafe !== undefined) return {problem: `addresses not read: an interface is named ${unsafe}, which Node's os.networkInterfaces() cannot handle`};
	const before = new Set(Reflect.ownKeys(Object.prototype));
	let found: ReturnType<typeof networkInterfaces>;
	try {
		found = networkInterfaces();
	} catch (error) {
		return {problem: `addresses not read: ${error instanceof Error ? error.message : String(error)}`};
	} finally {
		for (const key of Reflect.ownKeys(Object.prototype)) if (!before.has(key)) delete (Object.prototype as Record<PropertyKey, unknown>)[key];
	}
	const table: AddressTable = new Map();
	for (const name of Object.keys(found)) {
		if (name in Object.prototype) continue;
		const row = {ipv4: [] as Ipv4Address[], ipv6: [] as Ipv6Address[]};
		for (const entry of found[name] ?? []) {
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
	/** Where addresses come from, given the interface names; null when the root is not the live host. */
	addresses?: ((names: readonly string[]) => AddressTable | {problem: string}) | null;
	/**
	 * `ip -d -j link show` output (collect/rtnetlink.ts), asked for on the cold path only and only
	 * when the proc file hid 802.3ad details (no CAP_NET_ADMIN); null when the root is not live.
	 */
	ipLinkJson?: (() => string | null) | null;
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
	private readonly addresses: CollectorOptions['addresses'];
	private readonly hostname: string;
	private cold = new Map<string, ColdAttributes>();
	private hotKeys = new Map<string, string>();
	private addressTable: AddressTable = new Map();
	private coldAtMs = Number.NEGATIVE_INFINITY;
	private stale = true;
	private bondPrimaryReselect = new Map<string, string | null>();
	private readonly ipLinkJson: (() => string | null) | null;
	private rtnetlink: ParsedIpLink | null = null;
	private devices: ReadonlyMap<string, DeviceInfo> = new Map();
	/** Numbers out of range in the cold attributes, repeated in every sample until they are re-read. */
	private coldWarnings: CollectWarning[] = [];
	/** Names refused for paths in the current sample (one warning each). */
	private refusedNames = new Set<string>();
	/** Each bond's /proc/net/bonding text of the last sample, for {@link bondsMoved}. */
	private bondTexts = new Map<string, string>();

	constructor(options: CollectorOptions) {
		this.fs = options.fs;
		this.bondFilter = new Set(options.bondFilter ?? []);
		this.addresses = options.addresses ?? null;
		this.ipLinkJson = options.ipLinkJson ?? null;
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

	/**
	 * Whether a bond of the last sample reads differently now (MII states, active slave, counts: the
	 * status file has no traffic counters): a cheap look between samples, one small read per bond.
	 */
	bondsMoved(): boolean {
		for (const [name, text] of this.bondTexts) if (this.fs.readText(`proc/net/bonding/${name}`) !== text) return true;
		return false;
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
			warnings.push({source: 'sys/class/net', message: t('snapshot.notRead', {name, problem})});
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
		const texts = new Map<string, string>();
		this.bondTexts = texts;
		for (const name of names) {
			const problem = safePathName(name);
			if (problem !== null) {
				warnings.push({source: '/proc/net/bonding', message: t('snapshot.notRead', {name, problem})});
				continue;
			}
			const text = this.fs.readText(`proc/net/bonding/${name}`);
			if (text === null) {
				warnings.push({source: `/proc/net/bonding/${name}`, message: t('snapshot.unreadable')});
				continue;
			}
			texts.set(name, text);
			const parsed = parseBondingStatus(name, text);
			this.reportUnparsed(parsed, warnings);
			if (parsed.hiddenWithoutRoot) limitedByPrivilege = true;
			this.overlaySysfs(parsed.bond, parsed.hiddenWithoutRoot, warnings);
			bonds.push(parsed.bond);
		}

		const slaveOf = new Map<string, string>();
		for (const bond of bonds) for (const slave of bond.slaves) slaveOf.set(slave.name, bond.name);

		let counters: NetDevCounters[] = [];
		let allNames: string[] = [];
		const netDev = this.fs.readText('proc/net/dev');
		if (netDev === null) {
			warnings.push({source: '/proc/net/dev', message: t('snapshot.noNetDev')});
		} else {
			const parsed = parseNetDev(netDev);
			counters = parsed.interfaces;
			allNames = counters.map((c) => c.name);
			for (const line of parsed.unparsed) warnings.push({source: '/proc/net/dev', message: line.startsWith('and ') ? line : t('snapshot.unparsed', {line: line.trim()})});
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
		if (changed) this.refreshCold(counters.map((c) => c.name), allNames, bonds, nowMs, warnings, limitedByPrivilege);
		if (this.rtnetlink) for (const bond of bonds) mergeRtnetlink(bond, this.rtnetlink);

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

		warnings.push(...this.coldWarnings, ...this.fs.takeWarnings());
		return {hostname: this.hostname, takenAtMs: nowMs, bonds, interfaces, warnings, simulated: false, limitedByPrivilege, devices: this.devices};
	}

	private reportUnparsed(parsed: ParsedBondingStatus, warnings: CollectWarning[]): void {
		const source = `/proc/net/bonding/${parsed.bond.name}`;
		if (parsed.notBondingStatus !== null) warnings.push({source, message: t('snapshot.notBondingStatus', {name: parsed.bond.name, why: parsed.notBondingStatus})});
		for (const problem of parsed.problems) warnings.push({source, message: problem});
		for (const {line, text} of parsed.unparsed) {
			warnings.push({source, message: line === 0 ? text : t('snapshot.lineNotUnderstood', {line: String(line), text: text.trim()})});
		}
	}

	/** sysfs knows what the proc file leaves out: each slave's state, primary_reselect without primary. */
	private overlaySysfs(bond: Bond, lacpHidden: boolean, warnings: CollectWarning[]): void {
		// Without CAP_NET_ADMIN the proc file hides the active aggregator, but sysfs's ad_aggregator
		// and ad_num_ports stay readable by everyone (keys and partner MAC read back empty).
		if (lacpHidden && bond.lacp) {
			const base = `sys/class/net/${bond.name}/bonding`;
			const problems: string[] = [];
			const read16 = (file: string) => boundedIntValue(this.fs.readText(`${base}/${file}`), 65_535, `${bond.name}: ${file}`, problems);
			bond.lacp.aggregatorId = read16('ad_aggregator');
			bond.lacp.numberOfPorts = read16('ad_num_ports');
			bond.lacp.actorKey ??= read16('ad_actor_key');
			bond.lacp.partnerKey ??= read16('ad_partner_key');
			for (const message of problems) warnings.push({source: base, message});
			bond.lacp.partnerMac ??= textValue(this.fs.readText(`${base}/ad_partner_mac`));
		}
		for (const slave of bond.slaves) {
			const state = textValue(this.readNet(slave.name, 'bonding_slave/state', warnings));
			if (state === 'active' || state === 'backup') slave.state = state;
		}
		if (bond.primaryReselect === null) bond.primaryReselect = this.bondPrimaryReselect.get(bond.name) ?? null;
	}

	/** `names`: the interfaces shown; `allNames`: every interface of /proc/net/dev (for the address check). */
	private refreshCold(names: string[], allNames: string[], bonds: Bond[], nowMs: number, warnings: CollectWarning[], lacpHidden: boolean): void {
		this.stale = false;
		this.cold.clear();
		// Refused reads so far belong to this sample; those of the cold reads repeat until the next refresh.
		warnings.push(...this.fs.takeWarnings());
		this.coldWarnings = [];
		const devices = new Map<string, DeviceInfo>();
		const slaves = new Set(bonds.flatMap((b) => b.slaves.map((s) => s.name)));
		for (const name of names) {
			if (this.netPath(name, '', warnings) === null) continue;
			if (slaves.has(name)) devices.set(name, this.readDevice(name));
			const base = `sys/class/net/${name}`;
			const driverLink = this.fs.readLink(`${base}/device/driver`);
			const masterLink = this.fs.readLink(`${base}/master`);
			const carrier = intValue(this.fs.readText(`${base}/carrier`));
			const problems: string[] = [];
			const int = (file: string, max: number, minusOneIsUnknown = false) =>
				boundedIntValue(this.fs.readText(`${base}/${file}`), max, `${name}: ${file}`, problems, minusOneIsUnknown);
			this.cold.set(name, {
				mtu: int('mtu', maxKernelInt),
				macAddress: textValue(this.fs.readText(`${base}/address`)),
				txQueueLen: int('tx_queue_len', maxKernelU32),
				speedMbps: int('speed', maxSpeedMbps, true),
				duplex: textValue(this.fs.readText(`${base}/duplex`)),
				carrier: carrier === null ? null : carrier === 1,
				driver: driverLink ? driverLink.split('/').pop() ?? null : null,
				linkMaster: masterLink ? masterLink.split('/').pop() ?? null : textValue(this.fs.readText(`${base}/master_name`)),
			});
			for (const message of problems) this.coldWarnings.push({source: base, message});
		}
		for (const bond of bonds) {
			const reselect = enumName(this.fs.readText(`sys/class/net/${bond.name}/bonding/primary_reselect`) ?? '');
			this.bondPrimaryReselect.set(bond.name, reselect);
			if (bond.primaryReselect === null) bond.primaryReselect = reselect;
		}
		this.devices = devices;
		this.coldWarnings.push(...this.fs.takeWarnings());
		const addresses = this.addresses ? this.addresses(allNames) : new Map();
		if (addresses instanceof Map) this.addressTable = addresses;
		else {
			this.addressTable = new Map();
			this.coldWarnings.push({source: 'getifaddrs', message: addresses.problem});
		}
		// rtnetlink gives any user what the proc file hides; a child process, so cold path only.
		const wanted = lacpHidden && bonds.some((b) => b.mode === '802.3ad');
		const json = wanted && this.ipLinkJson ? this.ipLinkJson() : null;
		this.rtnetlink = json === null ? null : parseIpLinkJson(json);
		this.coldAtMs = nowMs;
	}

	/** USB bus and Wi-Fi of a slave, from its sysfs links (cold path). */
	private readDevice(name: string): DeviceInfo {
		const base = `sys/class/net/${name}`;
		const classLink = this.fs.readLink(base);
		const usbBus = classLink === null ? null : usbBusOfDevicePath(classLink);
		const usbBusSpeedMbps = usbBus === null ? null : intValue(this.fs.readText(`sys/bus/usb/devices/${usbBus}/speed`));
		const uevent = this.fs.readText(`${base}/uevent`);
		const wireless = this.fs.listDir(`${base}/wireless`) !== null || (uevent !== null && ueventSaysWireless(uevent)) ? true : uevent === null ? null : false;
		return {usbBus, usbBusSpeedMbps, wireless};
	}
}
