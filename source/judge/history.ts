/**
 * What the rules need to remember between samples (the TUI's sampler, a stream): when each slave's
 * link failure count rose, and since when the active slave has not been the primary while the
 * primary was up. Pure: the next state from the previous one and a snapshot. Bounded: at most
 * {@link maxRisesKept} rises per slave, none older than the window.
 */
import type {Snapshot} from '../model/types.js';
import {flapWindowMs, type BondHistory} from './context.js';

/** Rises remembered per slave (enough to count past the flapping threshold). */
export const maxRisesKept = 32;

export type JudgeHistoryState = {
	/** Per `bond/slave`: the last count seen and when it rose (epoch ms, oldest first). */
	slaves: ReadonlyMap<string, {count: number; rises: readonly number[]}>;
	/** Per bond: when the active slave stopped being the primary while the primary was up. */
	notPrimarySince: ReadonlyMap<string, number>;
	atMs: number;
};

export const initialJudgeHistory: JudgeHistoryState = {slaves: new Map(), notPrimarySince: new Map(), atMs: 0};

export function nextJudgeHistory(state: JudgeHistoryState, snapshot: Snapshot, windowMs = flapWindowMs): JudgeHistoryState {
	const now = snapshot.takenAtMs;
	const slaves = new Map<string, {count: number; rises: readonly number[]}>();
	const notPrimarySince = new Map<string, number>();
	for (const bond of snapshot.bonds) {
		for (const slave of bond.slaves) {
			const key = `${bond.name}/${slave.name}`;
			const before = state.slaves.get(key);
			let rises: readonly number[] = before ? before.rises.filter((t) => now - t <= windowMs) : [];
			// A count that went down (driver reload, re-enslaved) starts again; it is not a rise.
			const added = before ? Math.max(0, slave.linkFailureCount - before.count) : 0;
			if (added > 0) rises = [...rises, ...Array.from({length: Math.min(added, maxRisesKept)}, () => now)].slice(-maxRisesKept);
			else if (before && rises.length === before.rises.length) rises = before.rises;
			slaves.set(key, {count: slave.linkFailureCount, rises});
		}
		const primary = bond.slaves.find((s) => s.name === bond.primary);
		if (primary && primary.miiStatus === 'up' && bond.activeSlave !== null && bond.activeSlave !== bond.primary) {
			notPrimarySince.set(bond.name, state.notPrimarySince.get(bond.name) ?? now);
		}
	}
	return {slaves, notPrimarySince, atMs: now};
}

/** The rules' view of the history, per bond. */
export function bondHistories(state: JudgeHistoryState, snapshot: Snapshot, windowMs = flapWindowMs): Map<string, BondHistory> {
	const out = new Map<string, BondHistory>();
	for (const bond of snapshot.bonds) {
		const linkFailures: Record<string, number> = {};
		for (const slave of bond.slaves) {
			const rises = state.slaves.get(`${bond.name}/${slave.name}`)?.rises ?? [];
			linkFailures[slave.name] = rises.filter((t) => snapshot.takenAtMs - t <= windowMs).length;
		}
		const since = state.notPrimarySince.get(bond.name);
		out.set(bond.name, {windowMs, linkFailures, activeNotPrimaryForMs: since === undefined ? null : snapshot.takenAtMs - since});
	}
	return out;
}
