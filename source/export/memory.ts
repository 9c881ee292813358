/**
 * What bondtop remembers between runs, for `bondtop export`: per bond the active slave last seen,
 * how many changes of it were seen, when the last failover was; and the last drill per slave.
 * Pure: the state file's I/O is in export/state-file.ts.
 */
import {hasActiveSlave} from '../kernel/bonding-status.js';
import type {DrillResult} from '../drill/run-drill.js';
import type {Snapshot} from '../model/types.js';
import type {BondMemory, DrillMemory} from './prometheus.js';

/** At most this many bonds and drills are remembered: the file cannot grow without bound. */
export const maxRememberedBonds = 64;
export const maxRememberedDrills = 64;

export type RememberedBond = BondMemory & {name: string; activeSlave: string | null};

/** The state file's content (schema 1). */
export type Memory = {
	schema: 1;
	bonds: RememberedBond[];
	drills: DrillMemory[];
};

export const emptyMemory: Memory = {schema: 1, bonds: [], drills: []};

const isName = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 256;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 2 ** 53;
const isSeconds = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Reads a state file's text; anything that does not look right is dropped, never trusted. */
export function parseMemory(text: string): Memory | null {
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		return null;
	}
	if (typeof raw !== 'object' || raw === null || (raw as {schema?: unknown}).schema !== 1) return null;
	const {bonds, drills} = raw as {bonds?: unknown; drills?: unknown};
	const memory: Memory = {schema: 1, bonds: [], drills: []};
	if (Array.isArray(bonds)) {
		for (const b of bonds.slice(0, maxRememberedBonds)) {
			if (typeof b !== 'object' || b === null) continue;
			const {name, activeSlave, activeSlaveChanges, lastFailoverSeconds} = b as Record<string, unknown>;
			if (!isName(name) || !(activeSlave === null || isName(activeSlave)) || !isCount(activeSlaveChanges)) continue;
			memory.bonds.push({name, activeSlave, activeSlaveChanges, lastFailoverSeconds: isSeconds(lastFailoverSeconds) ? lastFailoverSeconds : null});
		}
	}
	if (Array.isArray(drills)) {
		for (const d of drills.slice(0, maxRememberedDrills)) {
			if (typeof d !== 'object' || d === null) continue;
			const {bond, slave, atSeconds, failoverSeconds, probesSent, probesLost} = d as Record<string, unknown>;
			if (!isName(bond) || !isName(slave) || !isSeconds(atSeconds) || !isCount(probesSent) || !isCount(probesLost)) continue;
			memory.drills.push({bond, slave, atSeconds, failoverSeconds: isSeconds(failoverSeconds) ? failoverSeconds : null, probesSent, probesLost});
		}
	}
	return memory;
}

/**
 * The memory after seeing `snapshot` at `nowMs`: a bond whose active slave differs from the one
 * remembered counts one change; a change from one slave to another is a failover (its time is when
 * it was seen, unless `failoverAtMs` knows better, e.g. from the kernel log). A bond seen for the
 * first time starts at 0 changes.
 */
export function rememberSnapshot(memory: Memory, snapshot: Snapshot, nowMs: number, failoverAtMs?: (bond: string) => number | null): Memory {
	const byName = new Map(memory.bonds.map((b) => [b.name, b]));
	const seen = new Set<string>();
	const bonds: RememberedBond[] = [];
	for (const bond of snapshot.bonds) {
		if (!hasActiveSlave(bond.mode)) continue;
		seen.add(bond.name);
		const before = byName.get(bond.name);
		if (!before) {
			bonds.push({name: bond.name, activeSlave: bond.activeSlave, activeSlaveChanges: 0, lastFailoverSeconds: null});
			continue;
		}
		if (before.activeSlave === bond.activeSlave) {
			bonds.push(before);
			continue;
		}
		const failover = before.activeSlave !== null && bond.activeSlave !== null;
		const at = failover ? (failoverAtMs?.(bond.name) ?? nowMs) : null;
		bonds.push({
			name: bond.name,
			activeSlave: bond.activeSlave,
			activeSlaveChanges: before.activeSlaveChanges + 1,
			lastFailoverSeconds: at === null ? before.lastFailoverSeconds : at / 1000,
		});
	}
	// Bonds not on this host now are kept (a bond may be down for maintenance), newest first.
	for (const b of memory.bonds) if (!seen.has(b.name)) bonds.push(b);
	return {schema: 1, bonds: bonds.slice(0, maxRememberedBonds), drills: memory.drills};
}

/** The memory with a drill's result as the last drill of its slave. */
export function rememberDrill(memory: Memory, result: DrillResult): Memory {
	const drill: DrillMemory = {
		bond: result.bond,
		slave: result.slave,
		atSeconds: Date.parse(result.downAt) / 1000,
		failoverSeconds: result.failoverMs === null ? null : result.failoverMs / 1000,
		probesSent: result.probes.sent,
		probesLost: result.probes.lost,
	};
	const others = memory.drills.filter((d) => !(d.bond === drill.bond && d.slave === drill.slave));
	return {...memory, drills: [drill, ...others].slice(0, maxRememberedDrills)};
}

/** True when two memories would write the same file (the file is only rewritten on a change). */
export function sameMemory(a: Memory, b: Memory): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}
