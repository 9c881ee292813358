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

/** Events that explain how `next` differs from `previous`. */
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
		if (wasUp !== isUp) {
			events.push({atMs, kind: 'admin', bond, interfaceName: iface.name, message: `${iface.name} admin ${isUp ? 'up' : 'down'}`, severity: isUp ? 'info' : 'warning', up: isUp});
		} else if (isUp) {
			const wasRunning = old.flags.includes('RUNNING');
			const isRunning = iface.flags.includes('RUNNING');
			if (wasRunning !== isRunning) {
				events.push({atMs, kind: 'carrier', bond, interfaceName: iface.name, message: `${iface.name} carrier ${isRunning ? 'back' : 'lost'}`, severity: isRunning ? 'info' : 'warning', up: isRunning});
			}
		}
	}
	return events;
}

/** Merges `added` into a log by time (the kernel's history is older than what was seen since), keeping the newest `capacity`. */
export function mergeEvents(log: readonly BondEvent[], added: readonly BondEvent[], capacity: number): BondEvent[] {
	if (added.length === 0) return log as BondEvent[];
	const merged = [...log, ...added].sort((a, b) => a.atMs - b.atMs);
	return merged.length > capacity ? merged.slice(merged.length - capacity) : merged;
}

/** Keeps the newest `capacity` events. */
export function appendEvents(log: readonly BondEvent[], added: readonly BondEvent[], capacity: number): BondEvent[] {
	if (added.length === 0) return log as BondEvent[];
	const merged = [...log, ...added];
	return merged.length > capacity ? merged.slice(merged.length - capacity) : merged;
}
