/**
 * `bondtop export --textfile DIR [--interval MS] [--state-dir DIR]`: writes DIR/bondtop.prom for
 * node_exporter's textfile collector, atomically, once or every interval. The state file keeps the
 * counters across runs (the active slave last seen, changes counted, the last failover, the last
 * drill); it is only rewritten when it changed. Per interval: one snapshot (files only), the
 * metrics text, one temporary file and a rename. Nothing is spawned per interval.
 */
import {statSync} from 'node:fs';
import type {DataSource} from '../collect/source.js';
import type {KernelLogResult} from '../collect/kernel-log.js';
import {usageError} from '../errors.js';
import {tEnglish, tError} from '../i18n/i18n.js';
import type {KernelHistory} from '../history/kernel-log.js';
import {emptyMemory, rememberSnapshot, sameMemory, type Memory} from './memory.js';
import {renderMetrics, type BondJudgement, type BondMemory} from './prometheus.js';
import {loadMemory, saveMemory, writeAtomically} from './state-file.js';
import type {Snapshot} from '../model/types.js';

export const textfileName = 'bondtop.prom';

export type ExportOptions = {
	source: DataSource;
	textfileDir: string;
	/** null: write once and exit. */
	intervalMs: number | null;
	/** null: remember only in this process (the demo, a --root capture). */
	stateDir: string | null;
	version: string;
	/** The kernel log read at start: the last failover's time, and for a capture the failovers in it. */
	kernelLog: Promise<KernelLogResult> | null;
	/** Whether the kernel log's failovers are the counter (a --root capture, which has no state). */
	countKernelFailovers: boolean;
	/** The judge's verdicts, when that work is available; see export/prometheus.ts. */
	judge?: (snapshot: Snapshot) => ReadonlyMap<string, BondJudgement>;
	warn(message: string): void;
	now?: () => number;
};

/** Checks the directory before anything else: a missing or unwritable DIR is bad input. */
export function checkTextfileDir(dir: string): void {
	let isDirectory = false;
	try {
		isDirectory = statSync(dir).isDirectory();
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw usageError('error.textfileUnreadable', {dir, code: code ?? tEnglish('error.cannotReadIt')}, {dir, code: code ?? tError('error.cannotReadIt')});
	}
	if (!isDirectory) throw usageError('error.textfileNotDirectory', {dir});
}

/** The newest failover per bond in the kernel log (epoch ms). */
function lastKernelFailovers(history: KernelHistory | null): Map<string, number> {
	const last = new Map<string, number>();
	for (const e of history?.events ?? []) if (e.kind === 'active-slave' && e.from && e.to && e.from !== e.to && e.bond) last.set(e.bond, e.atMs);
	return last;
}

/** The metrics' view of the memory, with what the kernel log knows added where the memory is silent. */
export function memoryForMetrics(memory: Memory, history: KernelHistory | null, countKernelFailovers: boolean): Map<string, BondMemory> {
	const result = new Map<string, BondMemory>(memory.bonds.map((b) => [b.name, {activeSlaveChanges: b.activeSlaveChanges, lastFailoverSeconds: b.lastFailoverSeconds}]));
	const last = lastKernelFailovers(history);
	for (const [bond, atMs] of last) {
		const known = result.get(bond) ?? {activeSlaveChanges: 0, lastFailoverSeconds: null};
		result.set(bond, {
			activeSlaveChanges: countKernelFailovers ? Math.max(known.activeSlaveChanges, history?.failovers.get(bond) ?? 0) : known.activeSlaveChanges,
			lastFailoverSeconds: Math.max(known.lastFailoverSeconds ?? 0, atMs / 1000),
		});
	}
	return result;
}

export async function runExport(options: ExportOptions): Promise<number> {
	const now = options.now ?? Date.now;
	checkTextfileDir(options.textfileDir);
	let memory: Memory = emptyMemory;
	if (options.stateDir) {
		const loaded = loadMemory(options.stateDir);
		memory = loaded.memory;
		if (loaded.warning) options.warn(loaded.warning);
	}
	const kernel = options.kernelLog ? await options.kernelLog : null;
	const history = kernel?.history ?? null;
	const lastKernel = lastKernelFailovers(history);
	let stateWarned = false;
	let writeWarned = false;

	const once = (): boolean => {
		const snapshot = options.source.sample(now());
		const next = rememberSnapshot(memory, snapshot, now(), (bond) => lastKernel.get(bond) ?? null);
		if (options.stateDir && !sameMemory(memory, next)) {
			try {
				saveMemory(options.stateDir, next);
				stateWarned = false;
			} catch (error) {
				if (!stateWarned) options.warn(tError('warning.stateSave', {dir: options.stateDir, code: (error as NodeJS.ErrnoException).code ?? String(error)}));
				stateWarned = true;
			}
		}
		memory = next;
		const text = renderMetrics({
			snapshot,
			memory: memoryForMetrics(memory, history, options.countKernelFailovers),
			drills: memory.drills,
			...(options.judge ? {judgements: options.judge(snapshot)} : {}),
			version: options.version,
		});
		try {
			writeAtomically(options.textfileDir, textfileName, text);
			writeWarned = false;
			return true;
		} catch (error) {
			if (!writeWarned) options.warn(tError('warning.textfileWrite', {path: `${options.textfileDir}/${textfileName}`, code: (error as NodeJS.ErrnoException).code ?? String(error)}));
			writeWarned = true;
			return false;
		}
	};

	if (options.intervalMs === null) return once() ? 0 : 1;
	const intervalMs = options.intervalMs;
	return new Promise((resolve) => {
		let timer: NodeJS.Timeout | undefined;
		const stop = () => {
			clearTimeout(timer);
			for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(signal, stop);
			resolve(0);
		};
		for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
		const tick = () => {
			once();
			timer = setTimeout(tick, intervalMs);
		};
		tick();
	});
}
