/**
 * What changed between two snapshots, as log events. Pure. With the event-driven sampler the two
 * snapshots are taken right around the kernel's notification, so `atMs` is close to the change.
 */
import type {MiiStatus, Snapshot} from './types.js';

const mii = (status: MiiStatus | null): string => status ?? 'unknown';

export type BondEventKind =
	| 'active-slave'
	| 'mii'
	| 'link-failure'
	| 'slave-added'
	| 'slave-removed'
	| 'admin'
	| 'carrier'
	| 'bond-mii'
	| 'action'
	| 'drill'
	| 'lacp';

export type BondEvent = {
	/** Milliseconds since the epoch. */
	atMs: number;
	kind: BondEventKind;
	/** The bond concerned, or null for a plain interface. */
	bond: string | null;
	/** The interface concerned (slave or bond). */
	interfaceName: string;
	message: string;
	/** Warnings (a failure, a slave down) are shown in the warning colour. */
	severity: 'info' | 'warning';
	/** Where it comes from: absent for what bondtop saw itself, `kernel-log` for the driver's own record. */
	origin?: 'kernel-log';
	/** For `active-slave`: the slave that was active before (null: none), when known. */
	from?: string | null;
	/** For `active-slave`: the slave active after (null: none). */
	to?: string | null;
	/** For a failover: when the old active slave's link was first seen going down (epoch ms), when known. */
	linkDownAtMs?: number | null;
	/** Structured detail for the `--log` file (a drill's full result). */
	detail?: object;
	// The facts the screen words an event from (ui/event-text.ts), so the wording (and its language)
	// is chosen at display time; `message` stays the English text of the `--log` file and the JSON.
	/** For `mii` and `bond-mii`: the MII status before and after, as the kernel words it (`going down`); null: unknown. */
	fromState?: MiiStatus | null;
	toState?: MiiStatus | null;
	/** For `admin` (up or down) and `carrier` (back or lost): whether the interface is up / has carrier now. */
	up?: boolean;
	/** For `link-failure`: the slave's link failure count before and after. */
	countBefore?: number;
	countAfter?: number;
	/** For events read from the kernel log: what the driver's message said (history/kernel-log.ts). */
	driver?: DriverFacts;
	/** For `action`: what bondtop did. */
	action?: ActionFacts;
};

/** A bonding driver message from the kernel log, recognised (see history/kernel-log.ts). */
export type DriverFacts = {
	kind:
		| 'enslave'
		| 'release'
		| 'released-all'
		| 'link-down'
		| 'link-up'
		| 'link-going-down'
		| 'link-going-back'
		| 'link-back-again'
		| 'new-active'
		| 'active-up'
		| 'no-active'
		| 'lacp';
	/** The message's extra words: the delay (`200 ms`), the link speed, `backup`/`active`, an LACP text. */
	detail: string | null;
};

/** What bondtop itself did: `ip link set X up|down`, made a slave active, armed the watchdog. */
export type ActionFacts = {type: 'ip-link'; state: 'up' | 'down'} | {type: 'make-active'} | {type: 'watchdog'; description: string};

/** A failover: the active slave moved from one slave to another (seen by bondtop or in the kernel log). */
export function isFailover(event: BondEvent): boolean {
	return event.kind === 'active-slave' && Boolean(event.from) && Boolean(event.to) && event.from !== event.to;
}

/**
 * Cause first: where an event stands among the events of one kernel change (the same ms). The
 * bonding driver's order (drivers/net/bonding/bond_main.c): an admin down or a lost carrier is
 * what the MII monitor then sees (bond_miimon_inspect reads the slave's carrier); a slave's MII
 * state changes (bond_miimon_commit: BOND_LINK_DOWN, and there the link failure count rises);
 * only then does bond_select_active_slave pick a new active slave, and bond_set_carrier, called
 * from there, changes the bond's own MII status last. bondtop's own action (`ip link set … down`)
 * comes before all of it, being the cause; an enslaved slave exists before its MII changes, and a
 * released one is gone before a new active slave is chosen for it. Drill lines summarise, so last.
 */
const causeRanks: Record<BondEventKind, number> = {
	action: 0,
	admin: 1,
	carrier: 2,
	'slave-added': 3,
	mii: 4,
	'link-failure': 5,
	'slave-removed': 6,
	'active-slave': 7,
	'bond-mii': 8,
	lacp: 9,
	drill: 10,
};

/** Orders two events by time, and those of the same millisecond cause first ({@link causeRanks}). */
export function causeFirst(a: BondEvent, b: BondEvent): number {
	return Math.floor(a.atMs) - Math.floor(b.atMs) || causeRanks[a.kind] - causeRanks[b.kind] || a.atMs - b.atMs;
}

/** Events that explain how `next` differs from `previous`, cause first (see {@link causeRanks}). */
export function diffSnapshots(previous: Snapshot, next: Snapshot): BondEvent[] {
	const events: BondEvent[] = [];
	const atMs = next.takenAtMs;
	const oldBonds = new Map(previous.bonds.map((b) => [b.name, b]));
	for (const bond of next.bonds) {
		const old = oldBonds.get(bond.name);
		if (!old) continue;
		const push = (kind: BondEventKind, interfaceName: string, message: string, severity: BondEvent['severity'] = 'info', facts: Partial<BondEvent> = {}) =>
			events.push({atMs, kind, bond: bond.name, interfaceName, message, severity, ...facts});
		if (old.activeSlave !== bond.activeSlave) {
			push(
				'active-slave',
				bond.name,
				`${bond.name} active slave ${old.activeSlave ?? 'none'} -> ${bond.activeSlave ?? 'none'}`,
				bond.activeSlave === null ? 'warning' : 'info',
				{from: old.activeSlave, to: bond.activeSlave},
			);
		}
		if (old.miiStatus !== bond.miiStatus) {
			push('bond-mii', bond.name, `${bond.name} MII ${old.miiStatus} -> ${bond.miiStatus}`, bond.miiStatus === 'down' ? 'warning' : 'info', {
				fromState: old.miiStatus,
				toState: bond.miiStatus,
			});
		}
		const oldSlaves = new Map(old.slaves.map((s) => [s.name, s]));
		for (const slave of bond.slaves) {
			const before = oldSlaves.get(slave.name);
			if (!before) {
				push('slave-added', slave.name, `${bond.name} slave ${slave.name} added`);
				continue;
			}
			if (before.miiStatus !== slave.miiStatus) {
				push('mii', slave.name, `${bond.name} ${slave.name} MII ${mii(before.miiStatus)} -> ${mii(slave.miiStatus)}`, slave.miiStatus === 'up' ? 'info' : 'warning', {
					fromState: before.miiStatus,
					toState: slave.miiStatus,
				});
			}
			if (slave.linkFailureCount > before.linkFailureCount) {
				push(
					'link-failure',
					slave.name,
					`${bond.name} ${slave.name} link failure count ${before.linkFailureCount} -> ${slave.linkFailureCount}`,
					'warning',
					{countBefore: before.linkFailureCount, countAfter: slave.linkFailureCount},
				);
			}
		}
		const current = new Set(bond.slaves.map((s) => s.name));
		for (const name of oldSlaves.keys()) if (!current.has(name)) push('slave-removed', name, `${bond.name} slave ${name} removed`, 'warning');
	}

	const oldInterfaces = new Map(previous.interfaces.map((i) => [i.name, i]));
	for (const iface of next.interfaces) {
		const old = oldInterfaces.get(iface.name);
		if (!old || old.flags.length === 0 || iface.flags.length === 0) continue;
		const wasUp = old.flags.includes('UP');
		const isUp = iface.flags.includes('UP');
		const bond = iface.master ?? (next.bonds.some((b) => b.name === iface.name) ? iface.name : null);
		// Stamped when the kernel notified the change, when it did so since the last sample.
		const notified = next.linkChanges?.get(iface.name);
		const push = (kind: 'admin' | 'carrier', up: boolean, changedAtMs: number | null | undefined, notifiedUp: boolean | undefined, words: string) => {
			const notifiedNow = changedAtMs !== null && changedAtMs !== undefined && notifiedUp === up && changedAtMs > previous.takenAtMs && changedAtMs <= atMs;
			events.push({atMs: notifiedNow ? changedAtMs : atMs, kind, bond, interfaceName: iface.name, message: `${iface.name} ${kind} ${words}`, severity: up ? 'info' : 'warning', up});
		};
		if (wasUp !== isUp) {
			push('admin', isUp, notified?.upChangedAtMs, notified?.up, isUp ? 'up' : 'down');
		} else if (isUp) {
			const isRunning = iface.flags.includes('RUNNING');
			if (old.flags.includes('RUNNING') !== isRunning) push('carrier', isRunning, notified?.carrierChangedAtMs, notified?.carrier, isRunning ? 'back' : 'lost');
		}
	}
	return events.sort(causeFirst);
}

/**
 * Merges `added` (the kernel log's history, in the kernel's order) into a log by time, keeping the
 * newest `capacity`. Events of the same millisecond go cause first ({@link causeFirst}), but each
 * side keeps its own order: the driver wrote its messages in the order it acted (an 802.3ad message
 * may sit between a link change and the new active slave), and the log is already in order.
 */
export function mergeEvents(log: readonly BondEvent[], added: readonly BondEvent[], capacity: number): BondEvent[] {
	if (added.length === 0) return log as BondEvent[];
	// Stable: records of one millisecond keep the kernel's order.
	const incoming = [...added].sort((a, b) => Math.floor(a.atMs) - Math.floor(b.atMs));
	const merged: BondEvent[] = [];
	let i = 0;
	let j = 0;
	while (i < log.length || j < incoming.length) {
		if (j >= incoming.length || (i < log.length && causeFirst(log[i]!, incoming[j]!) <= 0)) merged.push(log[i++]!);
		else merged.push(incoming[j++]!);
	}
	return merged.length > capacity ? merged.slice(merged.length - capacity) : merged;
}

/** Keeps the newest `capacity` events. */
export function appendEvents(log: readonly BondEvent[], added: readonly BondEvent[], capacity: number): BondEvent[] {
	if (added.length === 0) return log as BondEvent[];
	const merged = [...log, ...added];
	return merged.length > capacity ? merged.slice(merged.length - capacity) : merged;
}

/** Changes after which the kernel has probably written something about the bond. */
export function worthReadingKernelLog(events: readonly BondEvent[]): boolean {
	return events.some((e) => e.origin !== 'kernel-log' && e.bond !== null && (e.kind === 'active-slave' || e.kind === 'mii' || e.kind === 'slave-added' || e.kind === 'slave-removed' || e.kind === 'bond-mii'));
}
