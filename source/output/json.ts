/** `--json`, schema 1: a direct serialisation of the snapshot plus current rates. */
import type {FailoverSummary} from '../history/failover-summary.js';
import type {Judgement} from '../judge/judge.js';
import type {BondEvent} from '../model/events.js';
import type {InterfaceRates} from '../model/rates.js';
import type {JsonSnapshot, Snapshot} from '../model/types.js';

/** Adds each bond's `verdict` and `findings` (extensions) to a schema 1 object made without them. */
export function withJudgements(json: JsonSnapshot, judgements: Map<string, Judgement>): JsonSnapshot {
	return {
		...json,
		bonds: json.bonds.map((bond) => {
			const judgement = judgements.get(bond.name);
			return judgement ? {...bond, verdict: judgement.verdict, findings: judgement.findings} : bond;
		}),
	};
}

/** The snapshot as schema 1; with judgements each bond gains `verdict` and `findings` (extensions). */
export function toJsonSnapshot(snapshot: Snapshot, rates: Map<string, InterfaceRates> | null, judgements?: Map<string, Judgement>): JsonSnapshot {
	const json: JsonSnapshot = {
		schema: 1,
		hostname: snapshot.hostname,
		takenAt: new Date(snapshot.takenAtMs).toISOString(),
		...(snapshot.simulated ? {simulated: true as const} : {}),
		bonds: snapshot.bonds.map((bond) => {
			const judgement = judgements?.get(bond.name);
			return judgement ? {...bond, verdict: judgement.verdict, findings: judgement.findings} : bond;
		}),
		interfaces: snapshot.interfaces.map((iface) => ({
			...iface,
			rxBytesPerSecond: rates?.get(iface.name)?.rxBytesPerSecond ?? null,
			txBytesPerSecond: rates?.get(iface.name)?.txBytesPerSecond ?? null,
		})),
	};
	if (snapshot.warnings.length > 0) json.warnings = snapshot.warnings;
	return json;
}

/** An event as `--json`, the NDJSON stream and the `--log` file write it. */
export type JsonEvent = {
	at: string;
	kind: BondEvent['kind'];
	bond: string | null;
	interface: string;
	message: string;
	severity: BondEvent['severity'];
	/** `kernel-log` when it comes from the kernel's own log; absent for what bondtop saw or did. */
	origin?: 'kernel-log';
	from?: string | null;
	to?: string | null;
	/** When the old active slave's link was first seen going down, for a failover. */
	linkDownAt?: string | null;
	/** Structured detail, e.g. a drill's full result. */
	detail?: object;
};

export function toJsonEvent(event: BondEvent): JsonEvent {
	const json: JsonEvent = {
		at: new Date(event.atMs).toISOString(),
		kind: event.kind,
		bond: event.bond,
		interface: event.interfaceName,
		message: event.message,
		severity: event.severity,
	};
	if (event.origin) json.origin = event.origin;
	if (event.from !== undefined) json.from = event.from;
	if (event.to !== undefined) json.to = event.to;
	if (event.linkDownAtMs !== undefined) json.linkDownAt = event.linkDownAtMs === null ? null : new Date(event.linkDownAtMs).toISOString();
	if (event.detail) json.detail = event.detail;
	return json;
}

/** A failover summary as JSON: times as ISO strings. */
export function toJsonFailover(summary: FailoverSummary): JsonFailover {
	const {lastFailover: f} = summary;
	return {
		bond: summary.bond,
		lastFailover: f ? {at: new Date(f.atMs).toISOString(), from: f.from, to: f.to, afterLinkDownMs: f.afterLinkDownMs, origin: f.origin} : null,
		activeSince: summary.activeSinceMs === null ? null : new Date(summary.activeSinceMs).toISOString(),
		failovers: summary.failovers,
		countedSince: summary.countedSince,
		onPrimary: summary.onPrimary,
	};
}

export type JsonFailover = {
	bond: string;
	lastFailover: {at: string; from: string; to: string; afterLinkDownMs: number | null; origin: 'kernel-log' | 'bondtop'} | null;
	activeSince: string | null;
	failovers: number;
	countedSince: 'boot' | 'log' | 'start';
	onPrimary: boolean | null;
};
