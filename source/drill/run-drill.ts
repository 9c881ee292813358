/**
 * The failover drill: take a slave down for a while, time the kernel's failover, probe the outage
 * a user sees, bring the slave back, time the return to the primary. All I/O comes in through
 * {@link DrillDeps}, so the same code drives the real kernel, the demo and the tests.
 */
import type {LinkActions} from '../actions/types.js';
import {hasActiveSlave} from '../kernel/bonding-status.js';
import {slaveRole} from '../model/roles.js';
import type {Bond, BondMode} from '../model/types.js';
import type {DeadMan} from './dead-man.js';
import type {Prober, ProbeResult} from './ping.js';

/** Printed by `bondtop drill --json`; a contract, extend compatibly. */
export type DrillResult = {
	bond: string;
	slave: string;
	mode: BondMode;
	/** ISO time the slave was taken down. */
	downAt: string;
	failoverMs: number | null;
	newActive: string | null;
	probes: ProbeResult;
	restoredAt: string;
	returnedToPrimaryMs: number | null;
	/** Extension: the active slave before the drill. */
	activeBefore: string | null;
	/** Extension: the bond's primary. */
	primary: string | null;
	/** Extension: what the kernel did, with ms since the slave went down. */
	timeline: Array<{ms: number; what: string}>;
	/** Extension: how the dead-man restore was armed. */
	deadMan: string | null;
	/** Extension: present and true when run against `--demo`. */
	simulated?: true;
};

export type DrillDeps = {
	/** A fresh read of one bond (null when it is gone). */
	readBond(name: string): Bond | null;
	actions: LinkActions;
	/** Epoch ms. */
	now(): number;
	sleep(ms: number): Promise<void>;
	startProbe(target: string, bond: string): Prober | {error: string};
	armDeadMan(name: string, afterMs: number): DeadMan | {error: string};
	onProgress?(text: string): void;
	/** How often the bond is read during the drill; default 5 ms. */
	pollMs?: number;
	simulated?: boolean;
};

export type DrillRequest = {bond: string; slave: string; forMs: number; target: string | null};

export class DrillError extends Error {}

const noProbes = (target: string | null): ProbeResult => ({target, sent: 0, lost: 0, longestGapMs: null});

/** True while `slave` still carries traffic in a mode without one active slave. */
function carries(bond: Bond, slave: string): boolean {
	const entry = bond.slaves.find((s) => s.name === slave);
	if (!entry) return false;
	const role = slaveRole(bond, entry);
	return (role === 'carrying' || role === 'active') && entry.miiStatus === 'up';
}

export async function runDrill(request: DrillRequest, deps: DrillDeps): Promise<DrillResult> {
	const {bond: bondName, slave, forMs} = request;
	const pollMs = deps.pollMs ?? 5;
	const before = deps.readBond(bondName);
	if (!before) throw new DrillError(`no bond named ${bondName}`);
	if (!before.slaves.some((s) => s.name === slave)) throw new DrillError(`${slave} is not a slave of ${bondName} (slaves: ${before.slaves.map((s) => s.name).join(', ') || 'none'})`);
	const withActive = hasActiveSlave(before.mode);
	const timeline: DrillResult['timeline'] = [];

	let probe: Prober | null = null;
	let probeError: string | null = null;
	if (request.target) {
		const started = deps.startProbe(request.target, bondName);
		if ('error' in started) probeError = started.error;
		else probe = started;
		// A short baseline so the outage is seen against working probes.
		await deps.sleep(300);
	}
	const deadMan = deps.armDeadMan(slave, forMs + 1000);
	if ('error' in deadMan) {
		await probe?.stop();
		throw new DrillError(deadMan.error);
	}

	const downAtMs = deps.now();
	const down = await deps.actions.setLinkDown(slave);
	if (!down.ok) {
		deadMan.cancel();
		await probe?.stop();
		throw new DrillError(down.message);
	}
	deps.onProgress?.(`drill: ${slave} down, watching ${bondName}`);

	let failoverMs: number | null = null;
	let newActive: string | null = withActive ? before.activeSlave : null;
	let last = before;
	const note = (what: string) => timeline.push({ms: Math.round(deps.now() - downAtMs), what});
	const observe = (bond: Bond) => {
		if (bond.activeSlave !== last.activeSlave) note(`active slave ${last.activeSlave ?? 'none'} -> ${bond.activeSlave ?? 'none'}`);
		for (const s of bond.slaves) {
			const old = last.slaves.find((o) => o.name === s.name);
			if (old && old.miiStatus !== s.miiStatus) note(`${s.name} MII ${old.miiStatus} -> ${s.miiStatus}`);
			if (old && s.linkFailureCount > old.linkFailureCount) note(`${s.name} link failure count ${old.linkFailureCount} -> ${s.linkFailureCount}`);
		}
		last = bond;
	};

	while (deps.now() - downAtMs < forMs) {
		await deps.sleep(pollMs);
		const bond = deps.readBond(bondName);
		if (!bond) break;
		observe(bond);
		if (failoverMs === null) {
			if (withActive && before.activeSlave === slave && bond.activeSlave !== slave && bond.activeSlave !== null) {
				failoverMs = Math.round(deps.now() - downAtMs);
				newActive = bond.activeSlave;
				deps.onProgress?.(`drill: failover to ${newActive} after ${failoverMs} ms`);
			} else if (!withActive && !carries(bond, slave)) {
				failoverMs = Math.round(deps.now() - downAtMs);
				deps.onProgress?.(`drill: ${slave} left the slaves carrying traffic after ${failoverMs} ms`);
			}
		}
	}
	if (withActive) newActive = last.activeSlave;

	const restoredAtMs = deps.now();
	const up = await deps.actions.setLinkUp(slave);
	deadMan.cancel();
	note(up.ok ? `${slave} brought back up` : `could not bring ${slave} up: ${up.message} (the dead-man restore will)`);
	deps.onProgress?.(`drill: ${slave} back up, watching recovery`);

	// Recovery: until the primary is active again (or the slave carries again), up to updelay + 3 s.
	let returnedToPrimaryMs: number | null = null;
	const recoveryLimitMs = before.updelayMs + Math.max(before.miimonMs, before.arpIntervalMs) * 2 + 3000;
	while (deps.now() - restoredAtMs < recoveryLimitMs) {
		const bond = deps.readBond(bondName);
		if (!bond) break;
		observe(bond);
		const primary = bond.primary;
		if (withActive && primary && bond.activeSlave === primary) {
			returnedToPrimaryMs = Math.round(deps.now() - restoredAtMs);
			break;
		}
		if (withActive && !primary) break;
		if (!withActive && carries(bond, slave)) {
			note(`${slave} carries traffic again`);
			break;
		}
		await deps.sleep(pollMs);
	}

	if (probe) await deps.sleep(200);
	const probes = probe ? await probe.stop() : noProbes(request.target);
	if (probeError) timeline.push({ms: 0, what: `probes: ${probeError}`});

	return {
		bond: bondName,
		slave,
		mode: before.mode,
		downAt: new Date(downAtMs).toISOString(),
		failoverMs,
		newActive,
		probes,
		restoredAt: new Date(restoredAtMs).toISOString(),
		returnedToPrimaryMs,
		activeBefore: withActive ? before.activeSlave : null,
		primary: before.primary,
		timeline,
		deadMan: deadMan.description,
		...(deps.simulated ? {simulated: true as const} : {}),
	};
}

/** One line for the event log and the terminal. */
export function drillSummary(result: DrillResult): string {
	const parts = [`drill ${result.bond}/${result.slave}:`];
	if (result.failoverMs !== null) {
		parts.push(result.newActive && hasActiveSlave(result.mode) ? `failover to ${result.newActive} in ${result.failoverMs} ms` : `left the carrying slaves in ${result.failoverMs} ms`);
	} else if (hasActiveSlave(result.mode) && result.activeBefore !== result.slave) {
		parts.push(`no failover needed (${result.slave} was not active)`);
	} else {
		parts.push('no failover seen');
	}
	if (result.probes.target) {
		parts.push(`probes to ${result.probes.target}: ${result.probes.lost}/${result.probes.sent} lost, longest gap ${result.probes.longestGapMs ?? '?'} ms`);
	}
	if (result.primary) parts.push(result.returnedToPrimaryMs === null ? `did not return to primary ${result.primary}` : `back on primary ${result.primary} ${result.returnedToPrimaryMs} ms after restore`);
	return parts.join(' ');
}
