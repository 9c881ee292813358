/**
 * The NDJSON stream (`bondtop watch --json`, or `bondtop --json --interval MS`): one schema-1 JSON
 * snapshot a line every interval, with the rates over that interval and the events since the line
 * before (the first line also carries the kernel log's history). It runs until interrupted; a
 * closed pipe (`| head -1`) ends it quietly with exit code 0. One timer, chained (a slow read never
 * overlaps the next); nothing is spawned per line.
 */
import type {DataSource} from '../collect/source.js';
import type {KernelLogFollower, KernelLogResult} from '../collect/kernel-log.js';
import {worthReadingKernelLog} from '../history/kernel-log.js';
import {diffSnapshots, type BondEvent} from '../model/events.js';
import {interfaceRates} from '../model/rates.js';
import type {Snapshot} from '../model/types.js';
import {failoverSummary, type SummaryBase} from '../history/failover-summary.js';
import {bondHistories, initialJudgeHistory, nextJudgeHistory} from '../judge/history.js';
import {judgeSnapshot, type Judgement} from '../judge/judge.js';
import {toJsonEvent, toJsonFailover, toJsonSnapshot} from '../output/json.js';
import {safeJsonStringify} from '../text/sanitize.js';

export type StreamOutput = {
	/** Writes one chunk; false when the consumer is slow (wait for `drain`). */
	write(chunk: string): boolean;
	once(event: 'drain' | 'error' | 'close', listener: (error?: Error) => void): unknown;
	on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
};

export type StreamOptions = {
	source: DataSource;
	intervalMs: number;
	out: StreamOutput;
	/** The kernel log followed: its history goes on the first line, what it writes after a link change on the line of that change. */
	kernelLog: KernelLogFollower | null;
	/** Called with every event as it is written (for `--log`). */
	onEvents?: (events: BondEvent[]) => void;
	/** Lines to write before stopping (tests); default: until interrupted. */
	maxLines?: number;
	now?: () => number;
};

/** One line of the stream: the snapshot with rates (and verdicts), the events since the line before, the failover summaries. */
export function streamLine(
	previous: Snapshot,
	next: Snapshot,
	events: readonly BondEvent[],
	allEvents: readonly BondEvent[],
	base: SummaryBase,
	kernelLog: KernelLogResult | null,
	judgements?: Map<string, Judgement>,
): string {
	const json = toJsonSnapshot(next, interfaceRates(previous, next), judgements);
	json.events = events.map(toJsonEvent);
	json.failovers = next.bonds.flatMap((bond) => {
		const summary = failoverSummary(bond, allEvents, base);
		return summary ? [toJsonFailover(summary)] : [];
	});
	if (kernelLog) json.kernelLog = {source: kernelLog.source, note: kernelLog.note};
	return `${safeJsonStringify(json)}\n`;
}

/** Runs the stream; resolves with the exit code (0 also when the reader went away). */
export function runStream(options: StreamOptions): Promise<number> {
	const now = options.now ?? Date.now;
	const {source, out} = options;
	return new Promise((resolve) => {
		let stopped = false;
		let timer: NodeJS.Timeout | undefined;
		const stop = (code: number) => {
			if (stopped) return;
			stopped = true;
			options.kernelLog?.close();
			clearTimeout(timer);
			for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(signal, onSignal);
			resolve(code);
		};
		const onSignal = () => stop(0);
		for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
		// A closed pipe: EPIPE on the next write. Quietly done.
		out.on('error', (error) => stop(error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED' ? 0 : 1));

		let previous = source.sample(now());
		// The stream has history, so its verdicts judge flapping as the TUI does.
		let judgeHistory = nextJudgeHistory(initialJudgeHistory, previous);
		let pending: BondEvent[] = [];
		let all: BondEvent[] = [];
		let base: SummaryBase = {kernelFailovers: new Map(), kernelLog: 'none'};
		let kernel: KernelLogResult | null = null;
		let lines = 0;
		const kernelRead = (options.kernelLog?.initial ?? Promise.resolve(null)).then((result) => {
			kernel = result;
			if (result?.history) {
				pending = [...result.history.events, ...pending];
				all = [...result.history.events];
				base = {kernelFailovers: result.history.failovers, kernelLog: result.history.fromBoot ? 'boot' : 'log'};
			}
		});

		const tick = () => {
			if (stopped) return;
			const next = source.sample(now());
			const seen = diffSnapshots(previous, next);
			if (options.kernelLog && worthReadingKernelLog(seen)) seen.push(...options.kernelLog.poll());
			seen.sort((a, b) => a.atMs - b.atMs);
			pending.push(...seen);
			all = [...all, ...seen].slice(-1000);
			const events = pending;
			pending = [];
			judgeHistory = nextJudgeHistory(judgeHistory, next);
			const judgements = judgeSnapshot(next, {history: bondHistories(judgeHistory, next)});
			const line = streamLine(previous, next, events, all, base, kernel, judgements);
			previous = next;
			if (events.length > 0) options.onEvents?.(events);
			lines++;
			const ready = out.write(line);
			if (options.maxLines !== undefined && lines >= options.maxLines) return stop(0);
			if (ready) schedule();
			else out.once('drain', schedule);
		};
		const schedule = () => {
			if (!stopped) timer = setTimeout(tick, options.intervalMs);
		};
		void kernelRead.then(schedule);
	});
}
