/**
 * The bond header's memory: the last failover (when, from which slave to which, how long after the
 * old slave's link went down when known), since when the active slave is active, how many failovers
 * the kernel log and bondtop saw, and whether the bond is on its primary. Pure: events + bond in.
 */
import {t} from '../i18n/i18n.js';
import {hasActiveSlave} from '../kernel/bonding-status.js';
import type {BondEvent} from '../model/events.js';
import type {Bond} from '../model/types.js';

export type FailoverSummary = {
	bond: string;
	lastFailover: {
		atMs: number;
		from: string;
		to: string;
		/** Milliseconds from the old slave's link going down to the failover; null when not known. */
		afterLinkDownMs: number | null;
		origin: 'kernel-log' | 'bondtop';
	} | null;
	/** When the current active slave became active (epoch ms), when known. */
	activeSinceMs: number | null;
	/** Failovers counted (from one slave to another). */
	failovers: number;
	/** What the count covers: since boot (the whole kernel log), since the oldest kernel log record, or since bondtop started. */
	countedSince: 'boot' | 'log' | 'start';
	/** Whether the active slave is the primary; null without a primary. */
	onPrimary: boolean | null;
};

export type SummaryBase = {
	/** Failovers of each bond in the kernel log read at start (before any event bondtop saw itself). */
	kernelFailovers: ReadonlyMap<string, number>;
	/** Whether a kernel log was read at all, and whether it reached back to boot. */
	kernelLog: 'none' | 'boot' | 'log';
};

/** How long after the kernel's record of a failover bondtop's sighting of it may come and still be the same one. */
const sameFailoverMs = 5000;

/** The summary of `bond` from the event log; null for modes without an active slave. */
export function failoverSummary(bond: Bond, events: readonly BondEvent[], base: SummaryBase): FailoverSummary | null {
	if (!hasActiveSlave(bond.mode)) return null;
	let lastFailover: FailoverSummary['lastFailover'] = null;
	let activeSinceMs: number | null = null;
	let seenByBondtop = 0;
	// For a failover bondtop saw itself: when it first saw the old slave's link go (MII, admin, carrier).
	const downSeen = new Map<string, number>();
	for (const event of events) {
		if (event.bond === bond.name && event.origin !== 'kernel-log' && (event.kind === 'mii' || event.kind === 'admin' || event.kind === 'carrier')) {
			if (event.severity === 'warning') {
				if (!downSeen.has(event.interfaceName)) downSeen.set(event.interfaceName, event.atMs);
			} else {
				downSeen.delete(event.interfaceName);
			}
		}
		if (event.kind !== 'active-slave' || event.bond !== bond.name || event.to === undefined) continue;
		// bondtop's sighting of a failover the kernel log already timed (the driver's own record, read
		// after the change and merged in by its earlier time): the kernel's time and how long stand.
		const sameAsKernel =
			event.origin !== 'kernel-log' &&
			lastFailover?.origin === 'kernel-log' &&
			lastFailover.afterLinkDownMs !== null &&
			lastFailover.from === event.from &&
			lastFailover.to === event.to &&
			event.atMs - lastFailover.atMs <= sameFailoverMs;
		if (sameAsKernel) {
			seenByBondtop++;
			continue;
		}
		if (event.to === bond.activeSlave && event.to !== null) activeSinceMs = event.atMs;
		if (event.from && event.to && event.from !== event.to) {
			if (event.origin !== 'kernel-log') seenByBondtop++;
			if (!lastFailover || event.atMs >= lastFailover.atMs) {
				lastFailover = {
					atMs: event.atMs,
					from: event.from,
					to: event.to,
					afterLinkDownMs: linkDownFor(event, downSeen),
					origin: event.origin === 'kernel-log' ? 'kernel-log' : 'bondtop',
				};
			}
		}
	}
	// The active slave may have changed again after the last event about it (a later event to
	// another slave wins above); if the newest change is not to today's active slave, it is unknown.
	const newest = [...events].reverse().find((e) => e.kind === 'active-slave' && e.bond === bond.name && e.to !== undefined);
	if (newest && newest.to !== bond.activeSlave) activeSinceMs = null;
	return {
		bond: bond.name,
		lastFailover,
		activeSinceMs,
		failovers: (base.kernelFailovers.get(bond.name) ?? 0) + seenByBondtop,
		countedSince: base.kernelLog === 'none' ? 'start' : base.kernelLog,
		onPrimary: bond.primary ? bond.activeSlave === bond.primary : null,
	};
}

function linkDownFor(event: BondEvent, downSeen: ReadonlyMap<string, number>): number | null {
	if (event.linkDownAtMs !== undefined && event.linkDownAtMs !== null) return Math.max(0, Math.round(event.atMs - event.linkDownAtMs));
	const at = event.origin === 'kernel-log' || !event.from ? null : (downSeen.get(event.from) ?? null);
	// Seen going down in the same sample as the failover (cause first, so just before it here):
	// bondtop only knows it happened in between two samples, not how long before.
	return at === null || at >= event.atMs ? null : Math.round(event.atMs - at);
}

/** `3 min ago`, `2 h ago`, `5 d ago`: how long ago, roughly. */
export function agoText(ms: number): string {
	const s = Math.max(0, Math.round(ms / 1000));
	if (s < 90) return t('ago.seconds', {n: s});
	if (s < 90 * 60) return t('ago.minutes', {n: Math.round(s / 60)});
	if (s < 36 * 3600) return t('ago.hours', {n: Math.round(s / 3600)});
	return t('ago.days', {n: Math.round(s / 86400)});
}

/**
 * The header's one line, as much of it as fits `width` columns (the TUI's Line cuts the rest):
 * `last failover eth0 -> eth1 12:00:01.250 (3 min ago, 212 ms after the link went down) · active
 * since … · 2 failovers since boot · NOT on primary`. When it does not fit, the least important
 * goes first: the count, then `on primary` (but never `NOT on primary`), then the failover's
 * `ago`, then `active since` when it is the failover's own time; the failover (from -> to, when,
 * how long) and `NOT on primary` stay.
 */
export function failoverLine(summary: FailoverSummary, nowMs: number, clock: (ms: number) => string, width = Number.POSITIVE_INFINITY): string {
	const f = summary.lastFailover;
	const took = f && f.afterLinkDownMs !== null ? f.afterLinkDownMs : null;
	/** 0: in full; 1: without `ago`; 2: the fewest words. */
	const failover = (level: 0 | 1 | 2) => {
		if (f === null) return t('failover.none');
		const at = clock(f.atMs);
		if (level === 0) return t('failover.last', {from: f.from, to: f.to, at, ago: agoText(nowMs - f.atMs), after: took !== null ? t('failover.after', {ms: took}) : ''});
		if (level === 1) return t('failover.lastShort', {from: f.from, to: f.to, at, after: took !== null ? t('failover.afterShort', {ms: took}) : ''});
		return t('failover.brief', {from: f.from, to: f.to, at, after: took !== null ? t('failover.afterBrief', {ms: took}) : ''});
	};
	const activeSince = (short: boolean) =>
		summary.activeSinceMs === null
			? null
			: short && f !== null && summary.activeSinceMs === f.atMs
				? t('failover.activeSinceThen')
				: t('failover.activeSince', {at: clock(summary.activeSinceMs)});
	const countKey = summary.countedSince === 'boot' ? 'failover.countBoot' : summary.countedSince === 'log' ? 'failover.countLog' : 'failover.countStart';
	const count = t(countKey, {count: summary.failovers});
	const primary = summary.onPrimary === null ? null : t(summary.onPrimary ? 'failover.onPrimary' : 'failover.notOnPrimary');
	const notOnPrimary = summary.onPrimary === false ? primary : null;
	const join = (parts: Array<string | null>) => parts.filter((p): p is string => p !== null).join(' · ');
	// The active slave became active at the last failover: then the failover's time says since when.
	const sinceFailover = f !== null && summary.activeSinceMs === f.atMs;
	const candidates = [
		join([failover(0), activeSince(false), count, primary]),
		join([failover(0), activeSince(false), notOnPrimary, count]),
		join([failover(0), activeSince(false), notOnPrimary]),
		join([failover(1), activeSince(true), notOnPrimary]),
		join([failover(1), notOnPrimary, sinceFailover ? null : activeSince(true)]),
		join([failover(2), notOnPrimary, activeSince(true)]),
		join([failover(2), notOnPrimary, sinceFailover ? null : activeSince(true)]),
	];
	return candidates.find((line) => line.length <= width) ?? candidates[candidates.length - 1]!;
}
