/**
 * The one timer of the app. Samples the data source every `intervalMs` with chained timeouts (a
 * slow read never overlaps the next), earlier when the source knows a change is due (the demo's
 * pending up/down delay) or the kernel notifies a link change, and re-renders only when the
 * snapshot differs. Between samples, a source may ask for cheap looks (the live host while a
 * slave's MII is between states, see model/mii-settle.ts), which take a sample only when the bond
 * moved. Everything is cleaned up on unmount. Pausing stops the timer (and ignores
 * kernel notifications) until resumed; a new interval takes effect at once. Neither re-subscribes
 * to the kernel's link events.
 */
import {useCallback, useEffect, useRef, useState} from 'react';
import type {DataSource} from '../../collect/source.js';
import type {BondEvent} from '../../model/events.js';
import {HistoryStore} from '../../model/history.js';
import type {JudgeContext} from '../../judge/context.js';
import type {Snapshot} from '../../model/types.js';
import {initialMonitorState, nextMonitorState, sameJudgements, sameRates, sameSnapshot, withEvents, withMergedEvents, type MonitorState} from '../../model/monitor.js';

/** Samples kept per interface for the sparklines: two per character of a chart 300 columns wide. */
export const historyCapacity = 600;

export type Sampler = {
	state: MonitorState;
	history: HistoryStore;
	/** Take a sample as soon as possible (after an action). */
	sampleNow(): void;
	/** Add events that are not snapshot differences (actions, drills). */
	addEvents(events: BondEvent[]): void;
	/** Merge older events by time (the kernel log's history, read after start). */
	mergeEvents(events: BondEvent[]): void;
	/** Whether kernel link notifications drive the sampling. */
	eventDriven: boolean;
};

export type SamplerOptions = {
	events?: boolean;
	now?: () => number;
	/** No sampling while true (Space); an explicit {@link Sampler.sampleNow} still samples. */
	paused?: boolean;
	onEvents?: (events: BondEvent[]) => void;
	judgeContext?: (snapshot: Snapshot) => JudgeContext;
};

export function useSampler(source: DataSource, intervalMs: number, options: SamplerOptions = {}): Sampler {
	const now = options.now ?? Date.now;
	const paused = options.paused ?? false;
	const timing = useRef({intervalMs, paused});
	timing.current = {intervalMs, paused};
	const restart = useRef<() => void>(() => {});
	const onEvents = useRef(options.onEvents);
	onEvents.current = options.onEvents;
	const judgeContext = useRef(options.judgeContext);
	judgeContext.current = options.judgeContext;
	const historyRef = useRef<HistoryStore>(null as unknown as HistoryStore);
	historyRef.current ??= new HistoryStore(historyCapacity);
	const stateRef = useRef<MonitorState>(initialMonitorState);
	const [state, setState] = useState<MonitorState>(() => {
		const first = nextMonitorState(initialMonitorState, source.sample(now()), historyRef.current);
		stateRef.current = first;
		return first;
	});
	const [eventDriven, setEventDriven] = useState(false);
	const kick = useRef<(force?: boolean, holdMs?: number) => void>(() => {});

	useEffect(() => {
		let timer: NodeJS.Timeout | undefined;
		let soon: NodeJS.Timeout | undefined;
		let stopped = false;
		// When the last sample was taken: a look between samples (below) must not push the next one back.
		let takenAt = now();

		const take = () => {
			takenAt = now();
			const snapshot = source.sample(takenAt);
			const previous = stateRef.current;
			const next = nextMonitorState(previous, snapshot, historyRef.current, judgeContext.current?.(snapshot));
			stateRef.current = next;
			if (next.added.length > 0) onEvents.current?.(next.added);
			// History rings advanced either way; draw only when the screen would change.
			const changed =
				!sameSnapshot(previous.snapshot, snapshot) ||
				!sameRates(previous.rates, next.rates) ||
				next.events.length !== previous.events.length ||
				next.bondChanges !== previous.bondChanges ||
				!sameJudgements(previous.judgements, next.judgements);
			if (changed) setState(next);
		};

		const schedule = () => {
			if (stopped || timing.current.paused) return;
			const at = now();
			let delay = Math.max(0, takenAt + timing.current.intervalMs - at);
			const due = source.nextChangeAtMs?.(at) ?? null;
			if (due !== null) delay = Math.min(delay, Math.max(5, due - at + 2));
			// The source's cheap look (a slave in its down/up delay): a sample only when the bond moved.
			const look = source.watch?.dueAtMs(at) ?? null;
			if (look !== null && Math.max(5, look - at) < delay) {
				timer = setTimeout(glance, Math.max(5, look - at));
				return;
			}
			// An infinite interval (an offline capture, which never changes) samples only on demand.
			if (!Number.isFinite(delay)) return;
			timer = setTimeout(tick, delay);
		};

		const tick = () => {
			if (stopped) return;
			take();
			schedule();
		};

		const glance = () => {
			if (stopped) return;
			if (source.watch?.moved()) take();
			schedule();
		};

		restart.current = () => {
			clearTimeout(timer);
			// A new interval or a resume counts from now.
			takenAt = now();
			schedule();
		};

		// Link notifications: coalesce a burst (a failover sends several) into one read. A source may
		// ask to hold the read a little (a slave's carrier changed: its bond reacts at its next MII
		// poll, and one sample then shows both instead of drawing the stale bond first); a later
		// notification that asks for less brings the read forward, never back.
		let soonAt = 0;
		kick.current = (force = false, holdMs = 0) => {
			if (stopped || (timing.current.paused && !force)) return;
			const delay = Math.max(2, holdMs);
			const at = now() + delay;
			if (soon && soonAt <= at) return;
			clearTimeout(soon);
			soonAt = at;
			soon = setTimeout(() => {
				soon = undefined;
				if (stopped) return;
				source.invalidate?.();
				clearTimeout(timer);
				take();
				schedule();
			}, delay);
		};
		const unsubscribe = options.events === false ? null : (source.subscribe?.((holdMs) => kick.current(false, holdMs)) ?? null);
		setEventDriven(unsubscribe !== null);
		schedule();
		return () => {
			stopped = true;
			clearTimeout(timer);
			clearTimeout(soon);
			unsubscribe?.();
		};
	}, [source, options.events]);

	// A new interval or pause/resume: re-arm the one timer (the subscription stays).
	useEffect(() => restart.current(), [intervalMs, paused]);

	const sampleNow = useCallback(() => kick.current(true), []);
	const addEvents = useCallback((events: BondEvent[]) => {
		stateRef.current = withEvents(stateRef.current, events);
		onEvents.current?.(events);
		setState(stateRef.current);
	}, []);
	const mergeEvents = useCallback((events: BondEvent[]) => {
		stateRef.current = withMergedEvents(stateRef.current, events);
		onEvents.current?.(events);
		setState(stateRef.current);
	}, []);

	return {state, history: historyRef.current, sampleNow, addEvents, mergeEvents, eventDriven};
}
