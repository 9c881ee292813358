/**
 * The bonding driver's own record of what it did, recognised in kernel log text. Pure: records in,
 * events out. Three input forms: /dev/kmsg records (`prio,seq,usec,flags;message`, the time in
 * microseconds since boot), text logs (`dmesg`, `dmesg -T`, syslog's kern.log, ISO-timestamped
 * syslog) and `journalctl -k -o json` lines. The messages were taken from the real driver (see
 * test/fixtures/kmsg/): kernels since about 5.3 write `bond0: (slave eth0): link status definitely
 * down, disabling slave`, older ones `bond0: link status definitely down for interface eth0,
 * disabling it` (some with a `bonding: ` prefix). Interface names never contain whitespace, `:` or
 * `/`, so every pattern is anchored and linear (no backtracking on hostile input).
 */
import type {BondEvent, DriverFacts} from '../model/events.js';
import type {MiiStatus} from '../model/types.js';

/** One kernel log record. */
export type KernelRecord = {
	/** /dev/kmsg sequence number, when known. */
	seq: number | null;
	/** Microseconds since boot (the kernel's own clock), when known. */
	bootUs: number | null;
	/** Epoch milliseconds, when the source gave a wall time. */
	wallMs: number | null;
	message: string;
};

/** What kind of driver message it is (the type lives with the events, which carry it). */
export type BondingLogKind = DriverFacts['kind'];

/** What one driver message says. */
export type BondingLogEntry = {
	kind: BondingLogKind;
	bond: string;
	slave: string | null;
	/** Extra words: `backup`/`active` for enslave and release, the link speed, the delay, the LACP text. */
	detail: string | null;
	/** For `link-back-again`: which way the link went again (`up again`: the down delay was cut short; `down again`: the up delay). */
	again?: 'up' | 'down';
};

/** Longest message looked at (the kernel's own limit is about 1 KB). */
const maxMessageLength = 2048;

// --- record formats -------------------------------------------------------------------------

/** `\xNN` escapes of /dev/kmsg back to bytes, read as UTF-8 (names may hold any byte). */
function unescapeKmsg(text: string): string {
	if (!text.includes('\\x')) return text;
	const bytes: number[] = [];
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 0x5c && text[i + 1] === 'x' && /^[0-9a-f]{2}$/i.test(text.slice(i + 2, i + 4))) {
			bytes.push(Number.parseInt(text.slice(i + 2, i + 4), 16));
			i += 3;
		} else if (c < 0x80) {
			bytes.push(c);
		} else {
			bytes.push(...Buffer.from(text[i]!, 'utf8'));
		}
	}
	return Buffer.from(bytes).toString('utf8');
}

/** One /dev/kmsg record (continuation lines after the first are ignored). */
export function parseKmsgRecord(record: string): KernelRecord | null {
	const semicolon = record.indexOf(';');
	if (semicolon < 0 || semicolon > 80) return null;
	const fields = record.slice(0, semicolon).split(',');
	if (fields.length < 3) return null;
	const seq = Number(fields[1]);
	const bootUs = Number(fields[2]);
	if (!Number.isSafeInteger(seq) || !Number.isSafeInteger(bootUs) || seq < 0 || bootUs < 0) return null;
	const end = record.indexOf('\n', semicolon);
	const message = unescapeKmsg(record.slice(semicolon + 1, end < 0 ? undefined : end).slice(0, maxMessageLength));
	return {seq, bootUs, wallMs: null, message};
}

/** A whole kmsg capture: records one after another, continuation lines start with a space. */
export function parseKmsgText(text: string): KernelRecord[] {
	const records: KernelRecord[] = [];
	for (const line of text.split('\n')) {
		if (line === '' || line.startsWith(' ')) continue;
		const record = parseKmsgRecord(line);
		if (record) records.push(record);
	}
	return records;
}

const months: Record<string, number> = {Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11};

const dmesgRelative = /^\[\s*(\d{1,10})\.(\d{1,9})\]\s?(.*)$/;
const dmesgHuman = /^\[(?:[A-Z][a-z]{2} )?([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})\]\s?(.*)$/;
const syslogClassic = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) \S+ kernel: ?(.*)$/;
const syslogIso = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})) \S+ kernel: ?(.*)$/;

/**
 * Text kernel logs, line by line: `dmesg` (`[   12.345678] msg`), `dmesg -T` (`[Mon Nov 30 09:17:24
 * 2026] msg`, local time as UTC here unless `utcOffsetMinutes`), syslog's kern.log with or without
 * the `[ 12.34]` uptime inside (`Nov 30 09:17:24 host kernel: msg`, the year from `yearHint`), and
 * ISO-stamped syslog. Lines that are none of these are skipped.
 */
export function parseKernelLogText(text: string, options: {yearHint?: number; utcOffsetMinutes?: number} = {}): KernelRecord[] {
	const year = options.yearHint ?? new Date().getUTCFullYear();
	const offsetMs = (options.utcOffsetMinutes ?? 0) * 60_000;
	const records: KernelRecord[] = [];
	for (const raw of text.split('\n')) {
		const line = raw.length > maxMessageLength ? raw.slice(0, maxMessageLength) : raw;
		let m = dmesgRelative.exec(line);
		if (m) {
			records.push({seq: null, bootUs: Number(m[1]) * 1e6 + Math.round(Number(`0.${m[2]}`) * 1e6), wallMs: null, message: m[3]!});
			continue;
		}
		m = dmesgHuman.exec(line);
		if (m && m[1]! in months) {
			const wallMs = Date.UTC(Number(m[6]), months[m[1]!]!, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])) - offsetMs;
			records.push({seq: null, bootUs: null, wallMs, message: m[7]!});
			continue;
		}
		m = syslogIso.exec(line);
		if (m) {
			const wallMs = Date.parse(m[1]!);
			if (Number.isFinite(wallMs)) records.push(withInnerUptime({seq: null, bootUs: null, wallMs, message: m[2]!}));
			continue;
		}
		m = syslogClassic.exec(line);
		if (m && m[1]! in months) {
			const wallMs = Date.UTC(year, months[m[1]!]!, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])) - offsetMs;
			records.push(withInnerUptime({seq: null, bootUs: null, wallMs, message: m[6]!}));
		}
	}
	return records;
}

/** A syslog line may still carry the kernel's `[ 12.345678] ` uptime: keep it as the boot time. */
function withInnerUptime(record: KernelRecord): KernelRecord {
	const m = dmesgRelative.exec(record.message);
	return m ? {...record, bootUs: Number(m[1]) * 1e6 + Math.round(Number(`0.${m[2]}`) * 1e6), message: m[3]!} : record;
}

/**
 * `journalctl -k -o json` output: one JSON object a line with `MESSAGE` (a string, or an array of
 * bytes when it is not UTF-8), `__REALTIME_TIMESTAMP` and `__MONOTONIC_TIMESTAMP` (microseconds, as
 * strings), and for kernel messages `_SOURCE_MONOTONIC_TIMESTAMP`.
 */
export function parseJournalJson(text: string): KernelRecord[] {
	const records: KernelRecord[] = [];
	for (const line of text.split('\n')) {
		if (!line.startsWith('{')) continue;
		let entry: Record<string, unknown>;
		try {
			entry = JSON.parse(line) as Record<string, unknown>;
		} catch {
			continue;
		}
		let message: string | null = null;
		if (typeof entry.MESSAGE === 'string') message = entry.MESSAGE;
		else if (Array.isArray(entry.MESSAGE) && entry.MESSAGE.length <= maxMessageLength && entry.MESSAGE.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) {
			message = Buffer.from(entry.MESSAGE as number[]).toString('utf8');
		}
		if (message === null) continue;
		const realtime = Number(entry.__REALTIME_TIMESTAMP);
		const monotonic = Number(entry._SOURCE_MONOTONIC_TIMESTAMP ?? entry.__MONOTONIC_TIMESTAMP);
		records.push({
			seq: null,
			bootUs: Number.isFinite(monotonic) ? monotonic : null,
			wallMs: Number.isFinite(realtime) ? realtime / 1000 : null,
			message: message.slice(0, maxMessageLength),
		});
	}
	return records;
}

// --- the driver's messages -------------------------------------------------------------------

// `bond0: `, `bond0 (unregistering): `, `bonding: bond0: `, then optionally `(slave eth0): `.
const prefix = /^(?:bonding: )?([^\s:/]{1,64})(?: \([a-z ]{1,32}\))?: (?:\(slave ([^\s:/]{1,64})\): )?/;

type Rule = {re: RegExp; kind: BondingLogKind; slave?: number; detail?: number; again?: number};

// Bodies after the prefix. New forms (slave in the prefix) and old forms (slave in the text).
const rules: readonly Rule[] = [
	{re: /^link status definitely down, disabling slave$/, kind: 'link-down'},
	{re: /^link status definitely down for interface ([^\s:/,]{1,64}), disabling it$/, kind: 'link-down', slave: 1},
	{re: /^link status definitely up(?:, (\d{1,7} Mbps (?:full|half|unknown) duplex))?$/, kind: 'link-up', detail: 1},
	{re: /^link status definitely up for interface ([^\s:/,]{1,64})(?:, (\d{1,7} Mbps (?:full|half|unknown) duplex)|\.)?$/, kind: 'link-up', slave: 1, detail: 2},
	{re: /^link status down for (?:active |backup |idle )?interface, disabling it in (\d{1,7} ms)$/, kind: 'link-going-down', detail: 1},
	{re: /^link status down for (?:active |backup |idle )?interface ([^\s:/,]{1,64}), disabling it in (\d{1,7} ms)\.?$/, kind: 'link-going-down', slave: 1, detail: 2},
	{re: /^link status up, enabling it in (\d{1,7} ms)$/, kind: 'link-going-back', detail: 1},
	{re: /^link status up for interface ([^\s:/,]{1,64}), enabling it in (\d{1,7} ms)\.?$/, kind: 'link-going-back', slave: 1, detail: 2},
	{re: /^link status (up|down) again after (\d{1,7} ms)(?: for interface)?$/, kind: 'link-back-again', detail: 2, again: 1},
	{re: /^link status (up|down) again after (\d{1,7} ms) for interface ([^\s:/,]{1,64})\.?$/, kind: 'link-back-again', detail: 2, slave: 3, again: 1},
	{re: /^making interface the new active one$/, kind: 'new-active'},
	{re: /^making interface ([^\s:/,]{1,64}) the new active one(?: \d{1,7} ms earlier)?\.?$/, kind: 'new-active', slave: 1},
	{re: /^(?:first )?active interface up!?$/, kind: 'active-up'},
	{re: /^now running without any active interface ?!$/, kind: 'no-active'},
	{re: /^[Ee]nslaving as (?:an? )?((?:active|backup) interface with an? (?:up|down) link)$/, kind: 'enslave', detail: 1},
	{re: /^[Ee]nslaving ([^\s:/,]{1,64}) as (?:an? )?((?:active|backup) interface with an? (?:up|down) link)\.?$/, kind: 'enslave', slave: 1, detail: 2},
	{re: /^[Rr]eleasing (active|backup) interface$/, kind: 'release', detail: 1},
	{re: /^[Rr]eleasing (active|backup) interface ([^\s:/,]{1,64})\.?$/, kind: 'release', detail: 1, slave: 2},
	{re: /^[Rr]eleased all slaves\.?$/, kind: 'released-all'},
];

/** The bonding driver's message in `message`, or null when it is not one this recogniser knows. */
export function recogniseBondingMessage(message: string): BondingLogEntry | null {
	const head = prefix.exec(message);
	if (!head) return null;
	const bond = head[1]!;
	const body = message.slice(head[0].length).trimEnd();
	for (const rule of rules) {
		const m = rule.re.exec(body);
		if (!m) continue;
		const slave = rule.slave ? m[rule.slave]! : (head[2] ?? null);
		const entry: BondingLogEntry = {kind: rule.kind, bond, slave, detail: rule.detail ? (m[rule.detail] ?? null) : null};
		if (rule.again) entry.again = m[rule.again] === 'up' ? 'up' : 'down';
		return entry;
	}
	// 802.3ad: the few messages the driver writes (no partner answering, aggregators removed, a
	// loopback), kept as text.
	if (/802\.3ad|[Aa]ggregator|LACP|lacpdu|illegal loopback/.test(body)) return {kind: 'lacp', bond, slave: head[2] ?? null, detail: body};
	return null;
}

// --- events ----------------------------------------------------------------------------------

/** What was read and how far back it reaches. */
export type KernelHistory = {
	/** Bonding events of the shown bonds, oldest first. */
	events: BondEvent[];
	/** Failovers (the active slave changed from one slave to another) per bond. */
	failovers: Map<string, number>;
	/** Whether the log reached back to boot (else: only its oldest record, the ring was overwritten). */
	fromBoot: boolean;
};

export type HistoryOptions = {
	/** Only these bonds (null: every bond the driver mentions). */
	bonds: ReadonlySet<string> | null;
	/** Epoch ms of boot, to turn the kernel's microseconds into wall times; null when unknown. */
	bootWallMs: number | null;
	/** Keep at most this many events (the newest). */
	maxEvents?: number;
};

/** Epoch ms of a record: its wall time, else boot time plus its microseconds since boot. */
export function recordTime(record: KernelRecord, bootWallMs: number | null): number | null {
	if (record.wallMs !== null) return record.wallMs;
	if (record.bootUs !== null && bootWallMs !== null) return bootWallMs + record.bootUs / 1000;
	return null;
}

/**
 * The bonding events in `records`, in order, as log events marked `origin: 'kernel-log'`. The active
 * slave before each `new active` is followed through the log, so a failover says from which slave
 * it came and, when the log shows it, how long after that slave's link went down it happened.
 * Records without any time are dropped (a --root capture's dmesg without the boot time).
 */
/**
 * What the recogniser remembers between reads of a followed log (the active slave of each bond,
 * links seen down), so records read later continue the story. Bounded by the bonds and slaves named.
 */
export type KernelLogState = {
	failovers: Map<string, number>;
	active: Map<string, string | null>;
	/** When each slave's link was first seen going down, until it is up again. */
	downSince: Map<string, number>;
	/** Whether each slave's link is up, as far as the log says. */
	up: Map<string, boolean>;
	/** The active slave dropped without a new one, for the "no active interface" message that may follow. */
	lost: Map<string, string | null>;
	/** Each slave's MII state as the driver's messages put it (see {@link driverMiiState}); absent: not known yet. */
	mii: Map<string, MiiStatus>;
	/**
	 * Each slave's last message if it was one the MII monitor's inspection writes (see
	 * {@link isMonitorRetry}), with its kernel time (µs since boot); cleared by any other message
	 * about the slave.
	 */
	inspected: Map<string, {said: string; bootUs: number}>;
};

export function newKernelLogState(): KernelLogState {
	return {failovers: new Map(), active: new Map(), downSince: new Map(), up: new Map(), lost: new Map(), mii: new Map(), inspected: new Map()};
}

/**
 * Gap below which the same inspection message of one slave, with nothing about that slave between,
 * is the MII monitor trying again, not a new change (ms of kernel time).
 *
 * bond_mii_monitor (bond_main.c) inspects the slaves, and bond_miimon_inspect writes `link status
 * down for … interface, disabling it in N ms` (or `link status up, enabling it in N ms`, `link
 * status up again after N ms`) when it proposes a new state. The state is committed only if the
 * monitor then gets the RTNL lock; if not (an `ip` command, a notifier or another monitor holds
 * it) it runs again one jiffy later (`delay = 1`) and, the slave's committed state being
 * unchanged, writes the same line again, as many times as it has to wait. The real driver did it
 * in the lab (test/fixtures/kmsg/active-backup.kmsg: the same line twice, 7.8 ms apart, right after
 * `ip link set sw0 down`). A jiffy is 1 to 10 ms (HZ 1000 to 100). A real second change needs two
 * monitor runs after the first (the link back, then gone again: at least 2 x miimon, 200 ms at
 * the usual miimon 100), and the driver says so in between (`up again`) unless the kernel's rate
 * limit (net_ratelimit, newer kernels) swallowed that line; so a repeat under 50 ms is a retry
 * for any miimon of 25 ms or more, and a slower repeat is kept as the new change it may be.
 */
export const monitorRetryMs = 50;

/** Messages bond_miimon_inspect writes (repeated when the monitor retries), as opposed to those of the commit. */
const inspectionKinds: ReadonlySet<BondingLogKind> = new Set(['link-going-down', 'link-going-back', 'link-back-again']);

/**
 * Whether `record` (recognised as `entry`) is the MII monitor saying again what it said in its last
 * inspection of the same slave (see {@link monitorRetryMs}), and remembers it for the next one.
 * Only records with the kernel's own microseconds are compared: a log with whole seconds (`dmesg -T`,
 * syslog) cannot tell a retry from a real flap, so its repeats are all kept.
 */
function isMonitorRetry(entry: BondingLogEntry, record: KernelRecord, key: string, inspected: KernelLogState['inspected']): boolean {
	if (!inspectionKinds.has(entry.kind) || record.bootUs === null) {
		inspected.delete(key);
		return false;
	}
	const said = `${entry.kind} ${entry.again ?? ''} ${entry.detail ?? ''}`;
	const last = inspected.get(key);
	inspected.set(key, {said, bootUs: record.bootUs});
	return last !== undefined && last.said === said && record.bootUs >= last.bootUs && record.bootUs - last.bootUs < monitorRetryMs * 1000;
}

export function kernelLogEvents(records: readonly KernelRecord[], options: HistoryOptions, state: KernelLogState = newKernelLogState()): KernelHistory {
	const events: BondEvent[] = [];
	const {failovers, active, downSince, up, lost, mii, inspected} = state;
	const othersUp = (bond: string, slave: string | null) => {
		for (const [key, isUp] of up) if (isUp && key.startsWith(`${bond}\0`) && key !== `${bond}\0${slave ?? ''}`) return true;
		return false;
	};
	for (const record of records) {
		const entry = recogniseBondingMessage(record.message);
		if (!entry) continue;
		if (options.bonds && !options.bonds.has(entry.bond)) continue;
		const atMs = recordTime(record, options.bootWallMs);
		if (atMs === null) continue;
		const {bond, slave} = entry;
		const key = `${bond}\0${slave ?? ''}`;
		// The monitor saying it again while it waited for the RTNL lock: one change, already shown.
		if (slave !== null && isMonitorRetry(entry, record, key, inspected)) continue;
		const base = {atMs, bond, interfaceName: slave ?? bond, origin: 'kernel-log' as const};
		const driver: DriverFacts = {kind: entry.kind, detail: entry.detail};
		// The MII state this message puts the slave in (only what the driver committed, never a guess):
		// the event carries the state before (null: not known from the log) and after.
		const toState = slave === null ? null : driverMiiState(entry);
		const states: Partial<BondEvent> = {};
		if (toState !== null) {
			states.fromState = mii.get(key) ?? null;
			states.toState = toState;
			mii.set(key, toState);
		} else if (entry.kind === 'enslave' || entry.kind === 'release') {
			mii.delete(key);
		}
		const push = (kind: BondEvent['kind'], message: string, severity: BondEvent['severity'], extra: Partial<BondEvent> = {}) =>
			events.push({...base, kind, message: `kernel: ${message}`, severity, driver, ...states, ...extra});
		switch (entry.kind) {
			case 'new-active': {
				const from = active.get(bond) ?? null;
				const linkDownAtMs = from ? (downSince.get(`${bond}\0${from}`) ?? null) : null;
				active.set(bond, slave);
				lost.delete(bond);
				if (from !== null && from !== slave) failovers.set(bond, (failovers.get(bond) ?? 0) + 1);
				push('active-slave', `${bond} active slave ${from ?? 'none'} -> ${slave ?? '?'}${linkDownAtMs !== null ? ` (${Math.round(atMs - linkDownAtMs)} ms after the driver saw ${from}'s link go down)` : ''}`, 'info', {
					from,
					to: slave,
					linkDownAtMs,
				});
				break;
			}
			case 'no-active':
				push('active-slave', `${bond} now running without any active slave`, 'warning', {from: active.get(bond) ?? lost.get(bond) ?? null, to: null});
				active.set(bond, null);
				lost.delete(bond);
				break;
			case 'active-up':
				push('bond-mii', `${bond} has an active slave again`, 'info');
				break;
			case 'link-going-down':
				if (!downSince.has(key)) downSince.set(key, atMs);
				push('mii', `${bond} ${slave} link down, disabling it in ${entry.detail}`, 'warning');
				break;
			case 'link-down':
				if (!downSince.has(key)) downSince.set(key, atMs);
				up.set(key, false);
				// The active slave lost with no other slave up: the driver drops it (it does not always
				// say "now running without any active interface"), so a later new active is no failover.
				if (active.get(bond) === slave && !othersUp(bond, slave)) {
					active.set(bond, null);
					lost.set(bond, slave);
				}
				push('mii', `${bond} ${slave} link definitely down`, 'warning');
				break;
			case 'link-going-back':
				push('mii', `${bond} ${slave} link up, enabling it in ${entry.detail}`, 'info');
				break;
			case 'link-back-again':
				downSince.delete(key);
				push('mii', `${bond} ${slave} link state back again after ${entry.detail}`, 'info');
				break;
			case 'link-up':
				downSince.delete(key);
				up.set(key, true);
				push('mii', `${bond} ${slave} link definitely up${entry.detail ? `, ${entry.detail}` : ''}`, 'info');
				break;
			case 'enslave':
				downSince.delete(key);
				up.set(key, entry.detail?.endsWith('up link') ?? false);
				push('slave-added', `${bond} enslaved ${slave} as ${entry.detail}`, 'info');
				break;
			case 'release':
				up.delete(key);
				if (active.get(bond) === slave) active.set(bond, null);
				push('slave-removed', `${bond} released ${slave} (${entry.detail})`, 'warning');
				break;
			case 'released-all':
				active.delete(bond);
				for (const k of [...up.keys()]) if (k.startsWith(`${bond}\0`)) up.delete(k);
				for (const k of [...inspected.keys()]) if (k.startsWith(`${bond}\0`)) inspected.delete(k);
				push('slave-removed', `${bond} released all slaves`, 'warning');
				break;
			case 'lacp':
				push('lacp', `${bond}${slave ? ` ${slave}` : ''} ${entry.detail}`, /Warning|loopback/i.test(entry.detail ?? '') ? 'warning' : 'info');
				break;
		}
	}
	const max = options.maxEvents ?? 500;
	const firstSeq = records.find((r) => r.seq !== null)?.seq ?? null;
	return {events: events.length > max ? events.slice(events.length - max) : events, failovers: new Map(failovers), fromBoot: firstSeq === 0};
}

/**
 * The MII state a driver message puts a slave in, as bond_miimon_inspect/commit (bond_main.c) do:
 * `disabling it in N ms` is BOND_LINK_FAIL (`going down`, logged only when downdelay is set),
 * `enabling it in N ms` with N > 0 is BOND_LINK_BACK (`going back`); with 0 ms (no updelay, or the
 * driver ignoring it while no slave is active) it goes straight on to up, so no state is taken
 * from it. `definitely down/up` commit down/up; `up again` (the down delay cut short) is up,
 * `down again` (the up delay cut short) is down. Enslaving with a down link starts at down; with
 * an up link the state depends on updelay, so it is left unknown. Null: the message names no state.
 */
export function driverMiiState(entry: BondingLogEntry): MiiStatus | null {
	switch (entry.kind) {
		case 'link-going-down':
			return 'going down';
		case 'link-going-back':
			return entry.detail !== null && /^0 ms$/.test(entry.detail) ? null : 'going back';
		case 'link-down':
			return 'down';
		case 'link-up':
			return 'up';
		case 'link-back-again':
			return entry.again === 'down' ? 'down' : entry.again === 'up' ? 'up' : null;
		case 'enslave':
			return entry.detail?.endsWith('down link') ? 'down' : null;
		default:
			return null;
	}
}

/** Changes after which the kernel has probably written something about the bond (model/events.ts). */
export {worthReadingKernelLog} from '../model/events.js';
