/**
 * The monitor's state after each sample: latest snapshot, rates, bounded histories and the event
 * log. Pure apart from the history store it is handed (a bounded, mutable ring buffer per interface).
 */
import {appendEvents, diffSnapshots, mergeEvents, worthReadingKernelLog, type BondEvent} from './events.js';
import type {HistoryStore} from './history.js';
import {interfaceRates, type InterfaceRates} from './rates.js';
import type {Snapshot} from './types.js';
import {bondHistories, initialJudgeHistory, nextJudgeHistory, type JudgeHistoryState} from '../judge/history.js';
import {judgeSnapshot, type Judgement} from '../judge/judge.js';
import type {JudgeContext} from '../judge/context.js';

/** How many events the log keeps. */
export const eventLogCapacity = 200;

export type MonitorState = {
	snapshot: Snapshot | null;
	rates: Map<string, InterfaceRates>;
	events: BondEvent[];
	/** The events this sample added (for the `--log` file). */
	added: BondEvent[];
	/**
	 * How many samples so far saw a change the kernel has probably logged (a slave's MII, the
	 * active slave, …): the kernel log is read again when it grows. A count, not the last sample's
	 * events, so two samples drawn in one frame still read it.
	 */
	bondChanges: number;
	/** The history store's version when this state was made (histories are mutable rings). */
	historyVersion: number;
	samples: number;
	/** What the judge remembers between samples (flapping, how long the primary has been passed over). */
	judgeHistory: JudgeHistoryState;
	/** Verdict and findings per bond of this snapshot. */
	judgements: Map<string, Judgement>;
};

export const initialMonitorState: MonitorState = {
	snapshot: null,
	rates: new Map(),
	events: [],
	added: [],
	bondChanges: 0,
	historyVersion: 0,
	samples: 0,
	judgeHistory: initialJudgeHistory,
	judgements: new Map(),
};

/** `context`: what the judgement adds beyond the history (the configuration's findings, see judge/config-context.ts). */
export function nextMonitorState(state: MonitorState, snapshot: Snapshot, history: HistoryStore, context: JudgeContext = {}): MonitorState {
	const rates = interfaceRates(state.snapshot, snapshot);
	history.record(rates);
	const events = state.snapshot ? diffSnapshots(state.snapshot, snapshot) : [];
	const judgeHistory = nextJudgeHistory(state.judgeHistory, snapshot);
	return {
		snapshot,
		rates,
		events: appendEvents(state.events, events, eventLogCapacity),
		added: events,
		bondChanges: state.bondChanges + (worthReadingKernelLog(events) ? 1 : 0),
		historyVersion: history.version,
		samples: state.samples + 1,
		judgeHistory,
		judgements: judgeSnapshot(snapshot, {...context, history: bondHistories(judgeHistory, snapshot)}),
	};
}

/** True when two judgement tables would draw the same verdicts and findings. */
export function sameJudgements(a: Map<string, Judgement>, b: Map<string, Judgement>): boolean {
	if (a.size !== b.size) return false;
	for (const [name, j] of b) {
		const old = a.get(name);
		if (!old || old.verdict.status !== j.verdict.status || old.verdict.reason !== j.verdict.reason || old.findings.length !== j.findings.length) return false;
		for (let i = 0; i < j.findings.length; i++) if (old.findings[i]!.message !== j.findings[i]!.message) return false;
	}
	return true;
}

/** Adds events that did not come from a snapshot diff (actions taken, drill results). */
export function withEvents(state: MonitorState, added: BondEvent[]): MonitorState {
	return {...state, events: appendEvents(state.events, added, eventLogCapacity), added};
}

/** Merges older events (the kernel log's history) into the log by time. */
export function withMergedEvents(state: MonitorState, added: BondEvent[]): MonitorState {
	return {...state, events: mergeEvents(state.events, added, eventLogCapacity), added};
}

/** True when two rate tables hold the same numbers (both null counts as the same). */
export function sameRates(a: Map<string, InterfaceRates>, b: Map<string, InterfaceRates>): boolean {
	if (a.size !== b.size) return false;
	for (const [name, rate] of b) {
		const old = a.get(name);
		if (!old || old.rxBytesPerSecond !== rate.rxBytesPerSecond || old.txBytesPerSecond !== rate.txBytesPerSecond) return false;
	}
	return true;
}

/** True when two snapshots would draw the same screen apart from the clock. */
export function sameSnapshot(a: Snapshot | null, b: Snapshot): boolean {
	if (!a || a.bonds.length !== b.bonds.length || a.interfaces.length !== b.interfaces.length) return false;
	for (let i = 0; i < b.interfaces.length; i++) {
		const x = a.interfaces[i]!;
		const y = b.interfaces[i]!;
		if (
			x.name !== y.name ||
			x.rx.bytes !== y.rx.bytes ||
			x.tx.bytes !== y.tx.bytes ||
			x.rx.packets !== y.rx.packets ||
			x.tx.packets !== y.tx.packets ||
			x.rx.errors !== y.rx.errors ||
			x.tx.errors !== y.tx.errors ||
			x.rx.dropped !== y.rx.dropped ||
			x.tx.dropped !== y.tx.dropped ||
			x.flags.join() !== y.flags.join() ||
			x.operState !== y.operState ||
			x.mtu !== y.mtu ||
			x.macAddress !== y.macAddress
		) {
			return false;
		}
	}
	return JSON.stringify(a.bonds) === JSON.stringify(b.bonds) && a.warnings.length === b.warnings.length;
}
