/**
 * `bondtop check` output, pure: results in, text out. Three forms:
 * - Nagios/Icinga/NRPE (the plugin guidelines): one status line `BONDING WARNING - bond0: … |
 *   perfdata`, then one line per finding (long output);
 * - Checkmk local check: one line per bond, `<0-3> "bondtop <bond>" metrics text`;
 * - JSON.
 * Everything from the kernel or a name goes through the one sanitiser; `|` (the perfdata
 * separator) cannot appear in the text.
 */
import type {Finding, Verdict, VerdictStatus} from '../judge/types.js';
import {verdictExitCode} from '../judge/types.js';
import {worseStatus} from '../judge/judge.js';
import type {Bond} from '../model/types.js';
import {safeJsonStringify, sanitizeText} from '../text/sanitize.js';

/** One checked bond; `bond` null when it could not be read. */
export type CheckResult = {name: string; bond: Bond | null; verdict: Verdict; findings: Finding[]};

/** One performance value (plugin guidelines: `'label'=value[UOM];[warn];[crit];[min];[max]`). */
export type PerfValue = {label: string; value: number; uom?: string; warn?: string; crit?: string; min?: number; max?: number};

/** Worst status of all results; no result at all is UNKNOWN. */
export function overallStatus(results: readonly CheckResult[]): VerdictStatus {
	if (results.length === 0) return 'UNKNOWN';
	return results.reduce<VerdictStatus>((worst, r) => worseStatus(worst, r.verdict.status), 'OK');
}

/** Text safe for a plugin line: visible escapes for control characters, no `|`, no line breaks. */
export function pluginText(text: string): string {
	return sanitizeText(text).replace(/\|/g, '¦');
}

/** A perfdata label: no `=` or `'`, quoted when it holds anything but word characters. */
function perfLabel(label: string): string {
	const clean = sanitizeText(label).replace(/['=|]/g, '_');
	return /^[\w.-]+$/.test(clean) ? clean : `'${clean}'`;
}

function perfItem(p: PerfValue): string {
	const fields = [`${p.value}${p.uom ?? ''}`, p.warn ?? '', p.crit ?? '', p.min === undefined ? '' : String(p.min), p.max === undefined ? '' : String(p.max)];
	while (fields.length > 1 && fields[fields.length - 1] === '') fields.pop();
	return `${perfLabel(p.label)}=${fields.join(';')}`;
}

/** The performance values of one bond: slaves up (with --min-slaves as critical range), slaves, link failures, 802.3ad ports. */
export function perfValues(result: CheckResult, options: {minSlaves?: number; prefix: string}): PerfValue[] {
	const bond = result.bond;
	if (!bond) return [];
	const total = bond.slaves.length;
	const up = bond.slaves.filter((s) => s.miiStatus === 'up').length;
	const values: PerfValue[] = [
		{label: `${options.prefix}slaves_up`, value: up, crit: options.minSlaves === undefined ? undefined : `${options.minSlaves}:`, min: 0, max: total},
		{label: `${options.prefix}slaves`, value: total, min: 0},
		{label: `${options.prefix}link_failures`, value: bond.slaves.reduce((sum, s) => sum + s.linkFailureCount, 0), uom: 'c', min: 0},
	];
	if (bond.lacp && bond.lacp.numberOfPorts !== null) values.push({label: `${options.prefix}aggregator_ports`, value: bond.lacp.numberOfPorts, min: 0, max: total});
	return values;
}

function findingText(f: Finding): string {
	return `${f.bond}: ${f.severity.toUpperCase()} ${f.id}${f.subject ? ` (${f.subject})` : ''}: ${f.message} [${f.reference}]`;
}

/** Nagios plugin output: status line with perfdata, then the findings. Ends with a newline. */
export function nagiosOutput(results: readonly CheckResult[], options: {minSlaves?: number} = {}): string {
	const status = overallStatus(results);
	const ordered = [...results].sort((a, b) => verdictExitCode[b.verdict.status] - verdictExitCode[a.verdict.status]);
	const summary = ordered.length === 0 ? 'no bond checked' : ordered.map((r) => `${r.name}: ${r.verdict.reason}`).join('; ');
	const prefix = (r: CheckResult) => (results.length > 1 ? `${r.name}_` : '');
	const perf = results.flatMap((r) => perfValues(r, {minSlaves: options.minSlaves, prefix: prefix(r)})).map(perfItem);
	const lines = [`BONDING ${status} - ${pluginText(summary)}${perf.length > 0 ? ` | ${perf.join(' ')}` : ''}`];
	for (const r of ordered) for (const f of r.findings) lines.push(pluginText(findingText(f)));
	return `${lines.join('\n')}\n`;
}

/** Checkmk local check: one line per bond (`<status> "bondtop <bond>" metrics text`; long output after `\n`). */
export function checkmkOutput(results: readonly CheckResult[], options: {minSlaves?: number} = {}): string {
	const lines = results.map((r) => {
		const metrics = perfValues(r, {minSlaves: options.minSlaves, prefix: ''})
			// Checkmk's levels are upper bounds: the minimum of slaves up is judged by bondtop, not graphed as a level.
			.map((p) => `${p.label}=${[p.value, '', '', p.min ?? '', p.max ?? ''].join(';').replace(/;+$/, '')}`)
			.join('|');
		const detail = [`${r.verdict.status}: ${r.verdict.reason}`, ...r.findings.map((f) => `${f.severity.toUpperCase()} ${f.id}: ${f.message}`)]
			.map((t) => pluginText(t).replace(/\\/g, '/'))
			.join('\\n');
		const service = `bondtop ${sanitizeText(r.name).replace(/["\\]/g, '_')}`;
		return `${verdictExitCode[r.verdict.status]} "${service}" ${metrics || '-'} ${detail}`;
	});
	return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** `bondtop check --json`. */
export function checkJson(results: readonly CheckResult[], options: {minSlaves?: number} = {}): string {
	const status = overallStatus(results);
	return `${safeJsonStringify(
		{
			status,
			exitCode: verdictExitCode[status],
			bonds: results.map((r) => ({
				name: r.name,
				verdict: r.verdict,
				findings: r.findings,
				perfdata: Object.fromEntries(perfValues(r, {minSlaves: options.minSlaves, prefix: ''}).map((p) => [p.label, p.value])),
			})),
		},
		2,
	)}\n`;
}
