/**
 * `--report FILE`: a drill's result as Markdown a person can paste into a change ticket: the bond's
 * settings, the timeline, the failover, the probes, the verdict. Pure. Names and kernel text are
 * put in code spans with backticks and control characters escaped, so nothing in them can break
 * the table or a terminal showing the file.
 */
import {drillSummary, type DrillResult} from '../drill/run-drill.js';
import type {Bond} from '../model/types.js';
import {sanitizeText} from '../text/sanitize.js';

/** `text` as an inline code span that cannot be closed early or break a table row. */
function code(text: string): string {
	const clean = sanitizeText(text).replace(/\|/g, '\\|');
	const ticks = clean.includes('`') ? '``' : '`';
	return `${ticks}${clean.includes('`') ? ` ${clean} ` : clean}${ticks}`;
}

/** Whether the drill went as a bond should: a failover (or none needed), and back on the primary when there is one. */
export function drillVerdict(result: DrillResult): {ok: boolean; reason: string} {
	const needed = result.activeBefore === result.slave || result.activeBefore === null;
	if (result.failoverMs === null && needed) return {ok: false, reason: 'no failover was seen'};
	if (result.probes.target && result.probes.sent > 0 && result.probes.lost === result.probes.sent) return {ok: false, reason: 'every probe was lost'};
	if (result.primary && result.returnedToPrimaryMs === null && result.primary === result.slave) return {ok: false, reason: `the bond did not return to its primary ${result.primary}`};
	return {ok: true, reason: result.failoverMs === null ? 'no failover needed, traffic went on' : `failover in ${result.failoverMs} ms`};
}

export function drillReport(result: DrillResult, bond: Bond | null, hostname: string, version: string): string {
	const verdict = drillVerdict(result);
	const ms = (v: number | null) => (v === null ? '—' : `${v} ms`);
	const lines = [
		`# Failover drill: ${code(result.bond)} / ${code(result.slave)} on ${code(hostname)}`,
		'',
		`**Verdict: ${verdict.ok ? 'PASS' : 'FAIL'}** — ${sanitizeText(verdict.reason)}.${result.simulated ? ' (Simulated host, `--demo`.)' : ''}`,
		'',
		sanitizeText(drillSummary(result)),
		'',
		'## Settings',
		'',
		'| setting | value |',
		'| --- | --- |',
		`| mode | ${code(result.mode ?? 'unknown')} |`,
	];
	if (bond) {
		lines.push(
			`| miimon / updelay / downdelay | ${bond.miimonMs ?? '?'} / ${bond.updelayMs ?? '?'} / ${bond.downdelayMs ?? '?'} ms |`,
			`| ARP monitor | ${bond.arpIntervalMs !== null && bond.arpIntervalMs > 0 ? `${bond.arpIntervalMs} ms, targets ${bond.arpIpTargets.map(code).join(', ')}` : 'off'} |`,
			`| primary | ${bond.primary ? code(bond.primary) : 'none'}${bond.primaryReselect ? ` (primary_reselect ${code(bond.primaryReselect)})` : ''} |`,
			`| fail_over_mac | ${code(bond.failOverMac)} |`,
			`| slaves | ${bond.slaves.map((s) => code(s.name)).join(', ')} |`,
		);
	}
	lines.push(
		`| active before | ${result.activeBefore ? code(result.activeBefore) : 'none'} |`,
		'',
		'## Failover',
		'',
		'| what | result |',
		'| --- | --- |',
		`| slave taken down | ${result.downAt} |`,
		`| failover time | ${ms(result.failoverMs)} |`,
		`| new active slave | ${result.newActive ? code(result.newActive) : '—'} |`,
		`| slave brought back | ${result.restoredAt} |`,
		`| back on the primary after | ${ms(result.returnedToPrimaryMs)} |`,
		`| dead-man restore | ${result.deadMan ? sanitizeText(result.deadMan) : '—'} |`,
		'',
		'## Probes',
		'',
		result.probes.target
			? `${result.probes.sent} probes to ${code(result.probes.target)}, ${result.probes.lost} lost, longest gap between replies ${ms(result.probes.longestGapMs)}.`
			: 'No probe target (no --target, no ARP target, no gateway).',
		'',
		'## Timeline',
		'',
		'| ms after the pull | what the kernel did |',
		'| ---: | --- |',
		...result.timeline.map((step) => `| ${step.ms} | ${sanitizeText(step.what).replace(/\|/g, '\\|')} |`),
		'',
		`Written by bondtop ${sanitizeText(version)}. failoverMs is an upper bound of the kernel's time (see the README, Failover drill).`,
		'',
	);
	return lines.join('\n');
}
