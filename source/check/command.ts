/**
 * `bondtop check [BOND...]`: a monitoring plugin (Nagios, Icinga, NRPE, Checkmk local checks).
 * Reads one snapshot (live, `--root` or `--demo`), judges every bond with the same rules as the
 * TUI, and maps the worst verdict to the plugin exit code: 0 OK, 1 WARNING, 2 CRITICAL,
 * 3 UNKNOWN. Any error is UNKNOWN (exit 3) with one line, by the plugin convention.
 */
import {createDemoSource, createLiveSource, type OpenedSource} from '../collect/open-source.js';
import {UsageError} from '../errors.js';
import {judgeSnapshot, type SeverityOverrides} from '../judge/judge.js';
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

/** Runs the check; returns the text to print and the exit code. Throws only for bad input. */
export function runCheck(options: CheckOptions, now = Date.now()): {text: string; exitCode: number} {
	const opened: OpenedSource = options.demo ? createDemoSource({}) : createLiveSource({root: options.root ?? '/', bondFilter: options.names});
	try {
		const snapshot = opened.source.sample(now);
		const judgements = judgeSnapshot(snapshot, {options: {expectActive: options.expectActive, minSlaves: options.minSlaves}}, options.overrides);
		const names = options.names.length > 0 ? options.names : snapshot.bonds.map((b) => b.name);
		const results: CheckResult[] = names.map((name) => {
			const bond = snapshot.bonds.find((b) => b.name === name) ?? null;
			const judgement = judgements.get(name);
			return bond && judgement
				? {name, bond, verdict: judgement.verdict, findings: judgement.findings}
				: {name, bond: null, verdict: {status: 'UNKNOWN', reason: 'could not be read'}, findings: []};
		});
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
