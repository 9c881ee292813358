/**
 * The command-line ends of remembering and reporting: `bondtop export`, the NDJSON stream, the
 * kernel log's history in `--json`, and what a drill leaves behind (`--log`, `--report`, the last
 * drill in the state file). cli.tsx only dispatches here.
 */
import {writeFileSync} from 'node:fs';
import type {KernelLogResult} from '../collect/kernel-log.js';
import type {OpenedSource} from '../collect/open-source.js';
import type {DrillResult} from '../drill/run-drill.js';
import {drillSummary} from '../drill/run-drill.js';
import {usageError} from '../errors.js';
import {tEnglish, tError} from '../i18n/i18n.js';
import {failoverSummary} from '../history/failover-summary.js';
import type {BondEvent} from '../model/events.js';
import {interfaceRates} from '../model/rates.js';
import type {JsonSnapshot, Snapshot} from '../model/types.js';
import {toJsonEvent, toJsonFailover, toJsonSnapshot} from '../output/json.js';
import {sanitizeText} from '../text/sanitize.js';
import {bondHistories, initialJudgeHistory, nextJudgeHistory} from '../judge/history.js';
import {judgeSnapshot} from '../judge/judge.js';
import {drillReport} from './drill-report.js';
import type {BondJudgement} from './prometheus.js';
import {EventFile} from './event-file.js';
import {rememberDrill} from './memory.js';
import {runExport} from './run-export.js';
import {defaultStateDir, loadMemory, saveMemory} from './state-file.js';
import {runStream} from './stream.js';

const warn = (message: string) => process.stderr.write(`${tError('message.warning', {message: sanitizeText(message)})}\n`);
const uid = () => (typeof process.getuid === 'function' ? process.getuid() : null);

/** The kernel log of the bonds in `snapshot`, when the source has one. */
export function kernelLogFor(opened: OpenedSource, snapshot: Snapshot): Promise<KernelLogResult> | null {
	// No bond, nothing to look for: not even a journalctl.
	return opened.kernelLog && snapshot.bonds.length > 0 ? opened.kernelLog(new Set(snapshot.bonds.map((b) => b.name))) : null;
}

/** Opens `--log FILE` (a bad path is bad input, found at start). */
export function openEventFile(path: string | undefined, hostname: string, onWarning: (message: string) => void = warn): EventFile | null {
	if (!path) return null;
	const file = new EventFile(path, hostname, onWarning);
	try {
		file.open();
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw usageError('error.logOpen', {path, code: code ?? tEnglish('error.cannotOpenIt')}, {path, code: code ?? tError('error.cannotOpenIt')});
	}
	return file;
}

/** `--json`: the snapshot, plus the kernel log's history and each bond's failover summary. */
export async function jsonWithHistory(opened: OpenedSource, snapshot: Snapshot, log: EventFile | null): Promise<JsonSnapshot> {
	const json = toJsonSnapshot(snapshot, interfaceRates(null, snapshot));
	const kernel = await kernelLogFor(opened, snapshot);
	if (!kernel) return json;
	const events = kernel.history?.events ?? [];
	json.events = events.map(toJsonEvent);
	const base = {kernelFailovers: kernel.history?.failovers ?? new Map<string, number>(), kernelLog: kernel.history ? (kernel.history.fromBoot ? 'boot' : 'log') : 'none'} as const;
	json.failovers = snapshot.bonds.flatMap((bond) => {
		const summary = failoverSummary(bond, events, base);
		return summary ? [toJsonFailover(summary)] : [];
	});
	json.kernelLog = {source: kernel.source, note: kernel.note, ...(kernel.records === undefined ? {} : {records: kernel.records, readMs: kernel.readMs})};
	log?.write(events);
	return json;
}

export type StateDirFlags = {stateDir?: string | undefined};

/** The state directory: --state-dir, else the default on the live host; null for the demo and --root. */
export function stateDirFor(opened: OpenedSource, flags: StateDirFlags): string | null {
	if (flags.stateDir) return flags.stateDir;
	return opened.live ? defaultStateDir(process.env, uid()) : null;
}

export async function runExportCommand(opened: OpenedSource, options: {textfile: string | undefined; intervalMs: number | null; stateDir: string | undefined; version: string}): Promise<number> {
	if (!options.textfile) throw usageError('error.exportTextfile');
	const first = opened.source.sample(Date.now());
	return runExport({
		source: opened.source,
		textfileDir: options.textfile,
		intervalMs: options.intervalMs,
		stateDir: stateDirFor(opened, options),
		version: options.version,
		kernelLog: kernelLogFor(opened, first),
		countKernelFailovers: !opened.live && !opened.simulated,
		judge: exportJudge(),
		warn,
	});
}

/**
 * The judge's verdict and findings by severity for the metrics, with the judge's own memory across
 * intervals (flapping, not on the primary for a while), as the TUI's sampler keeps it.
 */
export function exportJudge(): (snapshot: Snapshot) => Map<string, BondJudgement> {
	let history = initialJudgeHistory;
	return (snapshot) => {
		history = nextJudgeHistory(history, snapshot);
		const out = new Map<string, BondJudgement>();
		for (const [bond, judgement] of judgeSnapshot(snapshot, {history: bondHistories(history, snapshot)})) {
			const findings = {info: 0, warning: 0, critical: 0};
			for (const f of judgement.findings) findings[f.severity]++;
			out.set(bond, {status: judgement.verdict.status, findings});
		}
		return out;
	};
}

export async function runWatchCommand(opened: OpenedSource, options: {intervalMs: number; log: EventFile | null}): Promise<number> {
	const first = opened.source.sample(Date.now());
	return runStream({
		source: opened.source,
		intervalMs: options.intervalMs,
		out: process.stdout,
		kernelLog: opened.followKernelLog && first.bonds.length > 0 ? opened.followKernelLog(new Set(first.bonds.map((b) => b.name))) : null,
		onEvents: options.log ? (events: BondEvent[]) => options.log!.write(events) : undefined,
	});
}

/** What a finished drill leaves behind: a line in --log, the --report file, the last drill in the state file. */
export function recordDrill(result: DrillResult, context: {opened: OpenedSource; log: EventFile | null; report: string | undefined; stateDir: string | undefined; hostname: string; version: string}): string[] {
	const problems: string[] = [];
	context.log?.write([
		{atMs: Date.now(), kind: 'drill', bond: result.bond, interfaceName: result.slave, message: drillSummary(result), severity: 'info', detail: result},
	]);
	if (context.report) {
		try {
			writeFileSync(context.report, drillReport(result, context.opened.readBond(result.bond), context.hostname, context.version));
		} catch (error) {
			problems.push(tError('warning.report', {path: context.report, code: (error as NodeJS.ErrnoException).code ?? String(error)}));
		}
	}
	const dir = stateDirFor(context.opened, context);
	if (dir && !result.simulated) {
		try {
			saveMemory(dir, rememberDrill(loadMemory(dir).memory, result));
		} catch (error) {
			problems.push(tError('warning.drillSave', {dir, code: (error as NodeJS.ErrnoException).code ?? String(error)}));
		}
	}
	return problems;
}
