/**
 * `bondtop check [BOND...]`: a monitoring plugin (Nagios, Icinga, NRPE, Checkmk local checks).
 * Reads one snapshot (live, `--root` or `--demo`), judges every bond with the same rules as the
 * TUI, and maps the worst verdict to the plugin exit code: 0 OK, 1 WARNING, 2 CRITICAL,
 * 3 UNKNOWN. Any error is UNKNOWN (exit 3) with one line, by the plugin convention.
 */
import {createDemoSource, createLiveSource, type OpenedSource} from '../collect/open-source.js';
import {UsageError} from '../errors.js';
import {configContext} from '../judge/config-context.js';
import {compareConfig} from '../judge/drift.js';
import {applyOverrides, judgeSnapshot, type SeverityOverrides} from '../judge/judge.js';
import {knownFindingIds} from '../judge/ids.js';
import {verdictExitCode} from '../judge/types.js';
import {checkJson, checkmkOutput, nagiosOutput, overallStatus, pluginText, type CheckResult} from './format.js';

export type CheckOutput = 'nagios' | 'checkmk' | 'json';

export type CheckOptions = {
	names: string[];
	root: string | null;
	demo: boolean;
	expectActive?: string;
	minSlaves?: number;
	overrides: SeverityOverrides;
	output: CheckOutput;
};

/** `a,b` -> ids, each one a finding id bondtop knows. */
export function parseIdList(value: string | undefined, flag: string): string[] {
	if (value === undefined) return [];
	const ids = value
		.split(',')
		.map((id) => id.trim())
		.filter((id) => id !== '');
	if (ids.length === 0) throw new UsageError(`--${flag} needs finding ids, e.g. --${flag} single-slave,slave-down`);
	const known = knownFindingIds();
	const unknown = ids.filter((id) => !known.includes(id));
	if (unknown.length > 0) throw new UsageError(`--${flag}: unknown finding id ${unknown.join(', ')} (see the findings table in the README)`);
	return ids;
}

/**
 * Runs the check; returns the text to print and the exit code. Throws only for bad input. The
 * configuration is read too (as for `--once`): drift and bonds configured but not running count.
 */
export async function runCheck(options: CheckOptions, now = Date.now()): Promise<{text: string; exitCode: number}> {
	const opened: OpenedSource = options.demo ? createDemoSource({}) : createLiveSource({root: options.root ?? '/', bondFilter: options.names});
	try {
		const snapshot = opened.source.sample(now);
		const hostConfig = opened.source.config ? await opened.source.config() : null;
		const config = hostConfig ? compareConfig(snapshot, hostConfig) : null;
		const context = {...configContext(config), options: {expectActive: options.expectActive, minSlaves: options.minSlaves}};
		const judgements = judgeSnapshot(snapshot, context, options.overrides);
		const names = options.names.length > 0 ? options.names : snapshot.bonds.map((b) => b.name);
		const results: CheckResult[] = names.map((name) => {
			const bond = snapshot.bonds.find((b) => b.name === name) ?? null;
			const judgement = judgements.get(name);
			return bond && judgement
				? {name, bond, verdict: judgement.verdict, findings: judgement.findings}
				: {name, bond: null, verdict: {status: 'UNKNOWN', reason: 'could not be read'}, findings: []};
		});
		// Bonds configured but not running have no snapshot: their findings are their verdict.
		if (options.names.length === 0) {
			const running = new Set(snapshot.bonds.map((b) => b.name));
			const orphans = applyOverrides((context.extraFindings ?? []).filter((f) => !running.has(f.bond)), options.overrides);
			for (const name of new Set(orphans.map((f) => f.bond))) {
				const findings = orphans.filter((f) => f.bond === name);
				const worst = findings.some((f) => f.severity === 'critical') ? 'CRITICAL' : findings.some((f) => f.severity === 'warning') ? 'WARNING' : 'OK';
				results.push({name, bond: null, verdict: {status: worst, reason: 'configured but not running'}, findings});
			}
		}
		if (results.length === 0) return checkFailure('no bonding interface on this host (no /proc/net/bonding)', options.output);
		const status = overallStatus(results);
		const format = {minSlaves: options.minSlaves};
		const text = options.output === 'json' ? checkJson(results, format) : options.output === 'checkmk' ? checkmkOutput(results, format) : nagiosOutput(results, format);
		return {text, exitCode: verdictExitCode[status]};
	} finally {
		opened.close();
	}
}

/** UNKNOWN, exit 3, one line: what a plugin says when it could not check. */
export function checkFailure(message: string, output: CheckOutput): {text: string; exitCode: number} {
	if (output === 'json') return {text: `${JSON.stringify({status: 'UNKNOWN', exitCode: 3, error: pluginText(message), bonds: []})}\n`, exitCode: 3};
	if (output === 'checkmk') return {text: `3 "bondtop" - UNKNOWN: ${pluginText(message)}\n`, exitCode: 3};
	return {text: `BONDING UNKNOWN - ${pluginText(message)}\n`, exitCode: 3};
}
