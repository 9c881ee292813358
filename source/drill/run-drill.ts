/**
 * The failover drill: take a slave down for a while, time the kernel's failover, probe the outage
 * a user sees, bring the slave back, time the return to the primary. All I/O comes in through
 * {@link DrillDeps}, so the same code drives the real kernel, the demo and the tests.
 */
import {t, tEnglish, type MessageKey, type MessageParams, type Translate} from '../i18n/i18n.js';
import {ShownError} from '../errors.js';
import type {ActionResult, LinkActions} from '../actions/types.js';
import {hasActiveSlave} from '../kernel/bonding-status.js';
import {slaveRole} from '../model/roles.js';
import type {Bond, BondMode} from '../model/types.js';
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
	/** Extension: the active slave when the drilled slave was restored (null without an active slave). */
	activeAtRestore?: string | null;
	/** Extension: the active slave before the drill. */
	activeBefore: string | null;
	/** Extension: the bond's primary. */
	primary: string | null;
	/** Extension: what the kernel did, with ms since the slave went down. */
	timeline: Array<{ms: number; what: string}>;
	/** Extension: how the dead-man restore (the watchdog) was armed. */
	deadMan: string | null;
	/** Extension: present and true when run against `--demo`. */
	simulated?: true;
};

/** The watchdog's cover of the drilled slave (see watchdog/), or the demo's stand-in. */
export type DeadMan = {
	/** How the restore is armed, for the timeline and `deadMan`. */
	description: string;
	/** Disarm: the drill brought the link back itself. */
	cancel(): void;
};

export type DrillDeps = {
	/** A fresh read of one bond (null when it is gone). */
	readBond(name: string): Bond | null;
	actions: LinkActions;
	/** Epoch ms. */
	now(): number;
	sleep(ms: number): Promise<void>;
	startProbe(target: string, bond: string): Prober | {error: string};
	/** Arms the restore before the pull: when bondtop dies, and after `afterMs` in any case. */
	armDeadMan(name: string, afterMs: number): Promise<DeadMan | {error: string}> | DeadMan | {error: string};
	onProgress?(text: string): void;
	/**
	 * Whether the link is administratively up (IFF_UP) right now; null when unknown. With it the
	 * drill's clocks start when the kernel took the link down (or up), not when `ip` was started:
	 * starting a process can take longer than the failover itself.
	 */
	linkAdminUp?(name: string): boolean | null;
	/** How often the bond is read during the drill; default 5 ms. */
	pollMs?: number;
	simulated?: boolean;
};

export type DrillRequest = {bond: string; slave: string; forMs: number; target: string | null};

/** A drill that could not run or went wrong: English `message`, `shown` in the screen's language. */
export class DrillError extends ShownError {}

function drillError(key: MessageKey, params?: MessageParams): DrillError {
	return new DrillError(tEnglish(key, params), t(key, params));
}

/** What the terminal shows for a timeline step: the step's English `what`, or its words in the screen's language. */
const shownSteps = new WeakMap<object, string>();

/** A timeline step as the terminal shows it (the JSON keeps the English `what`). */
export function stepText(step: DrillResult['timeline'][number]): string {
	return shownSteps.get(step) ?? step.what;
}

const noProbes = (target: string | null): ProbeResult => ({target, sent: 0, lost: 0, longestGapMs: null});

/** A link action in flight: `result` is set once it has settled. */
function inFlight(action: Promise<ActionResult>): {result: ActionResult | null; settled: Promise<unknown>} {
	const state: {result: ActionResult | null; settled: Promise<unknown>} = {result: null, settled: action};
	state.settled = action.then(
		(result) => {
			state.result = result;
		},
		(error: unknown) => {
			state.result = {ok: false, message: error instanceof Error ? error.message : String(error)};
		},
	);
	return state;
}

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
	if (!before) throw drillError('error.drillNoBond', {bond: bondName});
	if (!before.slaves.some((s) => s.name === slave)) throw drillError('error.drillNotSlave', {slave, bond: bondName, slaves: before.slaves.map((s) => s.name).join(', ') || t('word.none')});
	const mode = before.mode;
	if (mode === null) throw drillError('error.drillUnknownMode', {bond: bondName});
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
	const deadMan = await deps.armDeadMan(slave, forMs + 1000);
	if ('error' in deadMan) {
		await probe?.stop();
		throw new DrillError(deadMan.error);
	}

	// The bond is watched while `ip` runs: the kernel may fail over before the command returns.
	const adminUp = () => deps.linkAdminUp?.(slave) ?? null;
	const downRequestedMs = deps.now();
	const down = inFlight(deps.actions.setLinkDown(slave));
	/**
	 * When the kernel took the link down: the last time IFF_UP was still seen set before it was seen
	 * clear (an upper bound for the failover time, even when bondtop gets little CPU); the request
	 * time when IFF_UP cannot be seen.
	 */
	let downSeenMs: number | null = null;
	let lastSeenUpMs = downRequestedMs;
	const downAt = () => downSeenMs ?? downRequestedMs;
	const wait = async (action: {result: ActionResult | null; settled: Promise<unknown>}) => {
		await (action.result ? deps.sleep(pollMs) : Promise.race([action.settled, deps.sleep(pollMs)]));
	};

	let failoverMs: number | null = null;
	let newActive: string | null = withActive ? before.activeSlave : null;
	let last = before;
	let since = downAt;
	// Each step in English (the JSON's `what`) and, for the terminal, in the screen's language.
	const step = (ms: number, key: MessageKey, params: (say: Translate) => MessageParams) => {
		const entry = {ms, what: tEnglish(key, params(tEnglish))};
		shownSteps.set(entry, t(key, params(t)));
		timeline.push(entry);
	};
	const note = (key: MessageKey, params: (say: Translate) => MessageParams) => step(Math.round(deps.now() - since()), key, params);
	const observe = (bond: Bond) => {
		if (bond.activeSlave !== last.activeSlave) note('timeline.active', (say) => ({from: last.activeSlave ?? say('event.none'), to: bond.activeSlave ?? say('event.none')}));
		for (const s of bond.slaves) {
			const old = last.slaves.find((o) => o.name === s.name);
			if (old && old.miiStatus !== s.miiStatus) note('timeline.mii', (say) => ({slave: s.name, from: old.miiStatus ?? say('word.unknown'), to: s.miiStatus ?? say('word.unknown')}));
			if (old && s.linkFailureCount > old.linkFailureCount) note('timeline.failures', () => ({slave: s.name, from: old.linkFailureCount, to: s.linkFailureCount}));
		}
		last = bond;
	};

	let downNoted = false;
	for (;;) {
		if (downSeenMs === null) {
			const admin = adminUp();
			if (admin === false) {
				downSeenMs = lastSeenUpMs;
				note('timeline.seenDown', () => ({slave}));
			} else if (down.result?.ok) downSeenMs = downRequestedMs; // returned, yet not seen down (or unknown)
			else if (admin === true) lastSeenUpMs = deps.now();
		}
		if (down.result && !downNoted) {
			if (!down.result.ok) {
				deadMan.cancel();
				await probe?.stop();
				throw new DrillError(down.result.message, down.result.shown);
			}
			downNoted = true;
			note('timeline.downReturned', () => ({slave}));
			deps.onProgress?.(t('drill.progressDown', {slave, bond: bondName}));
		}
		if (down.result && deps.now() - downAt() >= forMs) break;
		const bond = deps.readBond(bondName);
		if (!bond) {
			if (down.result) break;
			await wait(down);
			continue;
		}
		observe(bond);
		if (failoverMs === null) {
			if (withActive && before.activeSlave === slave && bond.activeSlave !== slave && bond.activeSlave !== null) {
				failoverMs = Math.round(deps.now() - downAt());
				newActive = bond.activeSlave;
				deps.onProgress?.(t('drill.progressFailover', {slave: newActive, ms: failoverMs}));
			} else if (!withActive && !carries(bond, slave)) {
				failoverMs = Math.round(deps.now() - downAt());
				deps.onProgress?.(t('drill.progressLeft', {slave, ms: failoverMs}));
			}
		}
		await wait(down);
	}
	if (withActive) newActive = last.activeSlave;
	const downAtMs = downAt();

	// Recovery: until the primary is active again (or the slave carries again), up to updelay + 3 s
	// after the link came up; again watched while `ip` runs.
	const upRequestedMs = deps.now();
	const up = inFlight(deps.actions.setLinkUp(slave));
	let upSeenMs: number | null = null; // as downSeenMs: the last time IFF_UP was seen clear
	let lastSeenDownMs = upRequestedMs;
	const restoredAt = () => upSeenMs ?? upRequestedMs;
	since = restoredAt;
	step(0, 'timeline.restored', () => ({slave}));
	// A return to the primary is timed only when the bond was off its primary at the restore: a
	// drill on a backup slave, or one that failed over onto the primary (after `a` moved the bond off
	// it), never left or already came back, and "back on primary 0 ms after restore" was wrong.
	const activeAtRestore = withActive ? last.activeSlave : null;
	const offPrimaryAtRestore = withActive && before.primary !== null && activeAtRestore !== before.primary;
	let returnedToPrimaryMs: number | null = null;
	let recovered = false;
	let upNoted = false;
	const recoveryLimitMs = (before.updelayMs ?? 0) + Math.max(before.miimonMs ?? 0, before.arpIntervalMs ?? 0) * 2 + 3000;
	for (;;) {
		if (upSeenMs === null) {
			const admin = adminUp();
			if (admin === true) {
				upSeenMs = lastSeenDownMs;
				note('timeline.seenUp', () => ({slave}));
			} else if (up.result) upSeenMs = upRequestedMs; // returned (or failed), yet not seen up
			else if (admin === false) lastSeenDownMs = deps.now();
		}
		if (up.result && !upNoted) {
			upNoted = true;
			// Disarm the dead-man only once the link is back; if ip failed, it is what restores it.
			if (up.result.ok) deadMan.cancel();
			const failed = up.result.ok ? null : up.result;
			note(failed ? 'timeline.notBroughtUp' : 'timeline.broughtUp', (say) => ({slave, message: failed ? (say === tEnglish ? failed.message : (failed.shown ?? failed.message)) : ''}));
			deps.onProgress?.(t('drill.progressBack', {slave}));
		}
		if (up.result && (recovered || deps.now() - restoredAt() >= recoveryLimitMs)) break;
		if (!recovered) {
			const bond = deps.readBond(bondName);
			if (!bond) recovered = true;
			else {
				observe(bond);
				const primary = bond.primary;
				if (withActive && primary && offPrimaryAtRestore && bond.activeSlave === primary && (upSeenMs !== null || up.result)) {
					returnedToPrimaryMs = Math.round(deps.now() - restoredAt());
					recovered = true;
				} else if (withActive && (!primary || !offPrimaryAtRestore)) {
					recovered = true;
				} else if (!withActive && carries(bond, slave)) {
					note('timeline.carries', () => ({slave}));
					recovered = true;
				}
			}
		}
		if (!(up.result && recovered)) await wait(up);
	}
	const restoredAtMs = restoredAt();

	if (probe) await deps.sleep(200);
	const probes = probe ? await probe.stop() : noProbes(request.target);
	if (probeError) step(0, 'timeline.probes', () => ({message: probeError!}));

	return {
		bond: bondName,
		slave,
		mode,
		downAt: new Date(downAtMs).toISOString(),
		failoverMs,
		newActive,
		probes,
		restoredAt: new Date(restoredAtMs).toISOString(),
		returnedToPrimaryMs,
		activeBefore: withActive ? before.activeSlave : null,
		primary: before.primary,
		activeAtRestore,
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
	const recovery = drillRecovery(result);
	if (recovery) parts.push(recovery);
	return parts.join(' ');
}

/**
 * The drill's result as a short block, one line each for the failover, the outage and the
 * recovery (for the screen and the event log; with the log's timestamp each fits 80 columns for
 * ordinary names and an IPv4 probe target). Simulated
 * probes and drills say so.
 */
export function drillBlock(result: DrillResult, say: Translate = tEnglish): string[] {
	const simulated = result.simulated ? say('drill.simulated') : '';
	const p = result.probes;
	// The probe target goes on the first line, so that each line, after the event log's 13-column
	// timestamp, still fits 80 columns for ordinary names and an IPv4 target.
	const lines = [say('drill.title', {bond: result.bond, slave: result.slave, target: p.target ? say('drill.probing', {target: p.target}) : '', simulated})];
	let failover: string;
	if (result.failoverMs !== null) {
		failover =
			result.newActive && hasActiveSlave(result.mode) ? say('drill.failoverTo', {slave: result.newActive, ms: result.failoverMs}) : say('drill.failoverLeft', {ms: result.failoverMs});
	} else if (hasActiveSlave(result.mode) && result.activeBefore !== result.slave) failover = say('drill.notNeeded', {slave: result.slave});
	else failover = say('drill.noneSeen');
	lines.push(say('drill.failover', {text: failover}));
	lines.push(p.target ? say('drill.outage', {lost: p.lost, sent: p.sent, gap: p.longestGapMs ?? '?', simulated}) : say('drill.notMeasured'));
	lines.push(say('drill.recovery', {text: drillRecovery(result, say) ?? say('drill.noPrimary')}));
	return lines;
}

/** What happened after the restore, in words (null without a primary); English unless `say` says otherwise. */
export function drillRecovery(result: DrillResult, say: Translate = tEnglish): string | null {
	if (!result.primary) return null;
	if (result.activeAtRestore !== undefined && result.activeAtRestore === result.primary) return say('drill.onPrimary', {primary: result.primary});
	return result.returnedToPrimaryMs === null ? say('drill.notReturned', {primary: result.primary}) : say('drill.returned', {primary: result.primary, ms: result.returnedToPrimaryMs});
}
