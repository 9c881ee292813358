/**
 * The one timer of the app. Samples the data source every `intervalMs` with chained timeouts (a
 * slow read never overlaps the next), earlier when the source knows a change is due (the demo's
 * pending up/down delay) or the kernel notifies a link change, and re-renders only when the
 * snapshot differs. Everything is cleaned up on unmount.
 */
import {useCallback, useEffect, useRef, useState} from 'react';
import type {DataSource} from '../../collect/source.js';
import type {BondEvent} from '../../model/events.js';
import {HistoryStore} from '../../model/history.js';
import {initialMonitorState, nextMonitorState, sameJudgements, sameRates, sameSnapshot, withEvents, withMergedEvents, type MonitorState} from '../../model/monitor.js';

/** Samples kept per interface for the sparklines (two per character of the widest chart). */
export const historyCapacity = 240;

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

export function useSampler(source: DataSource, intervalMs: number, options: {events?: boolean; now?: () => number; onEvents?: (events: BondEvent[]) => void} = {}): Sampler {
	const now = options.now ?? Date.now;
	// The latest callback, so a new function each render does not restart the timer.
	const onEvents = useRef(options.onEvents);
	onEvents.current = options.onEvents;
	const historyRef = useRef<HistoryStore>(null as unknown as HistoryStore);
	historyRef.current ??= new HistoryStore(historyCapacity);
	const stateRef = useRef<MonitorState>(initialMonitorState);
	const [state, setState] = useState<MonitorState>(() => {
		const first = nextMonitorState(initialMonitorState, source.sample(now()), historyRef.current);
		stateRef.current = first;
		return first;
	});
	const [eventDriven, setEventDriven] = useState(false);
	const kick = useRef<() => void>(() => {});

	useEffect(() => {
		let timer: NodeJS.Timeout | undefined;
		let soon: NodeJS.Timeout | undefined;
		let stopped = false;

		const take = () => {
			const snapshot = source.sample(now());
			const previous = stateRef.current;
			const next = nextMonitorState(previous, snapshot, historyRef.current);
			stateRef.current = next;
			if (next.added.length > 0) onEvents.current?.(next.added);
			// History rings advanced either way; draw only when the screen would change.
			const changed =
				!sameSnapshot(previous.snapshot, snapshot) ||
				!sameRates(previous.rates, next.rates) ||
				next.events.length !== previous.events.length ||
				!sameJudgements(previous.judgements, next.judgements);
			if (changed) setState(next);
		};

		const schedule = () => {
			if (stopped) return;
			const at = now();
			let delay = intervalMs;
			const due = source.nextChangeAtMs?.(at) ?? null;
			if (due !== null) delay = Math.min(delay, Math.max(5, due - at + 2));
			timer = setTimeout(tick, delay);
		};

		const tick = () => {
			if (stopped) return;
			take();
			schedule();
		};

		// Link notifications: coalesce a burst (a failover sends several) into one read.
		kick.current = () => {
			if (stopped || soon) return;
			soon = setTimeout(() => {
				soon = undefined;
				if (stopped) return;
				source.invalidate?.();
				clearTimeout(timer);
				tick();
			}, 2);
		};
		const unsubscribe = options.events === false ? null : (source.subscribe?.(() => kick.current()) ?? null);
		setEventDriven(unsubscribe !== null);
		schedule();
		return () => {
			stopped = true;
			clearTimeout(timer);
			clearTimeout(soon);
			unsubscribe?.();
		};
	}, [source, intervalMs, options.events]);

	const sampleNow = useCallback(() => kick.current(), []);
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
