/**
 * The judgement of a bond: run every rule of the table, then turn the findings into a verdict
 * (OK / WARNING / CRITICAL / UNKNOWN) with a one-line reason. Pure: the TUI calls it on every
 * sample (it costs microseconds), `--once`, `--json` and `bondtop check` once.
 */
import {hasActiveSlave} from '../kernel/bonding-status.js';
import type {Bond, BondMode, Snapshot} from '../model/types.js';
import type {JudgeContext} from './context.js';
import {rules} from './rules.js';
import type {Finding, FindingSeverity, Verdict, VerdictStatus} from './types.js';
import {hasMessage, t} from '../i18n/i18n.js';

export type Judgement = {verdict: Verdict; findings: Finding[]};

const severityRank: Record<FindingSeverity, number> = {info: 0, warning: 1, critical: 2};
const statusOfSeverity: Record<FindingSeverity, VerdictStatus> = {info: 'OK', warning: 'WARNING', critical: 'CRITICAL'};
const statusRank: Record<VerdictStatus, number> = {OK: 0, WARNING: 1, CRITICAL: 2, UNKNOWN: 3};

/** The worse of two statuses in monitoring order (UNKNOWN counts as worst, as the plugin exit code does). */
export function worseStatus(a: VerdictStatus, b: VerdictStatus): VerdictStatus {
	return statusRank[b] > statusRank[a] ? b : a;
}

/** Findings of every rule for one bond (no verdict). Extra findings about this bond are appended. */
export function bondFindings(bond: Bond, snapshot: Snapshot | null, context: JudgeContext = {}): Finding[] | null {
	const mode = bond.mode as BondMode | null;
	if (mode === null) return null;
	const history = context.history?.get(bond.name) ?? null;
	const input = {bond, mode, snapshot, context, history, device: (name: string) => (context.devices ?? snapshot?.devices)?.get(name) ?? null};
	const findings: Finding[] = [];
	for (const rule of rules) {
		for (const hit of rule.test(input)) {
			findings.push({id: rule.id, severity: rule.severity, bond: bond.name, subject: hit.subject, message: hit.message, reference: rule.reference});
		}
	}
	for (const extra of context.extraFindings ?? []) if (extra.bond === bond.name) findings.push(extra);
	return sortFindings(findings);
}

/** Worst first; the rule table's order within a severity (Array.prototype.sort is stable). */
export function sortFindings(findings: Finding[]): Finding[] {
	return findings.sort((a, b) => severityRank[b.severity] - severityRank[a.severity]);
}

/** How `bondtop check` re-maps findings: drop some ids, or count them as warning/critical. */
export type SeverityOverrides = {ignore?: readonly string[]; warning?: readonly string[]; critical?: readonly string[]};

export function applyOverrides(findings: Finding[], overrides: SeverityOverrides): Finding[] {
	const ignore = new Set(overrides.ignore ?? []);
	const warning = new Set(overrides.warning ?? []);
	const critical = new Set(overrides.critical ?? []);
	return sortFindings(
		findings
			.filter((f) => !ignore.has(f.id))
			.map((f) => (critical.has(f.id) ? {...f, severity: 'critical' as const} : warning.has(f.id) ? {...f, severity: 'warning' as const} : f)),
	);
}

/** The verdict from a bond and its findings; `findings` null means the bond could not be read. */
export function verdictOf(bond: Bond | null, findings: Finding[] | null): Verdict {
	if (!bond || findings === null) return {status: 'UNKNOWN', reason: t('reason.unreadable')};
	let worst: FindingSeverity = 'info';
	for (const f of findings) if (severityRank[f.severity] > severityRank[worst]) worst = f.severity;
	const status = statusOfSeverity[worst];
	const total = bond.slaves.length;
	const up = bond.slaves.filter((s) => s.miiStatus === 'up').length;
	const counts = t('reason.counts', {up, total});
	if (status === 'OK') return {status, reason: okReason(bond, counts, up)};

	const top = findings.filter((f) => f.severity === worst);
	const ids = new Set(top.map((f) => f.id));
	const parts: string[] = [];
	if (!ids.has('no-slave-up') && !ids.has('no-slaves')) parts.push(counts);
	const titles: string[] = [];
	const noFailoverLeft = up === 1 && total > 1;
	if (noFailoverLeft && (ids.has('slave-down') || ids.has('too-few-slaves-up'))) titles.push(t('reason.noFailoverLeft'));
	for (const f of top) {
		if (noFailoverLeft && f.id === 'slave-down') continue;
		const title = titleOf(f);
		if (!titles.includes(title)) titles.push(title);
	}
	const shown = titles.slice(0, 3);
	if (titles.length > shown.length) shown.push(t('reason.more', {count: titles.length - shown.length}));
	return {status, reason: [...parts, ...shown].join(', ')};
}

/** A rule's title in the screen's language (the catalogue's `rule.ID`; English is the table's `title`). */
export function ruleTitle(rule: {id: string; title: string}): string {
	const key = `rule.${rule.id}`;
	return hasMessage(key) ? t(key) : rule.title;
}

function titleOf(finding: Finding): string {
	const rule = rules.find((r) => r.id === finding.id);
	if (!rule) {
		// A finding from elsewhere (config drift): its id says what it is, or the catalogue's title.
		const key = `rule.${finding.id}`;
		return hasMessage(key) ? t(key) : finding.id.replace(/-/g, ' ');
	}
	const title = ruleTitle(rule);
	return finding.subject && rule.id !== 'single-slave' ? t('reason.subject', {subject: finding.subject, title}) : title;
}

function okReason(bond: Bond, counts: string, up: number): string {
	const parts = [counts];
	const mode = bond.mode as BondMode;
	if (hasActiveSlave(mode) && bond.activeSlave) {
		parts.push(t(bond.primary && bond.activeSlave === bond.primary ? 'reason.activePrimary' : 'reason.active', {slave: bond.activeSlave}));
	}
	if (mode === '802.3ad' && bond.lacp?.aggregatorId != null && bond.lacp.numberOfPorts != null) {
		parts.push(t('reason.ports', {count: bond.lacp.numberOfPorts, id: bond.lacp.aggregatorId}));
	}
	if (up >= 2) parts.push(t('reason.ready'));
	return parts.join(', ');
}

/** Findings and verdict of one bond. */
export function judgeBond(bond: Bond, snapshot: Snapshot | null, context: JudgeContext = {}, overrides: SeverityOverrides = {}): Judgement {
	const raw = bondFindings(bond, snapshot, context);
	const findings = raw === null ? null : applyOverrides(raw, overrides);
	return {verdict: verdictOf(bond, findings), findings: findings ?? []};
}

/** Every bond of a snapshot, by name. */
export function judgeSnapshot(snapshot: Snapshot, context: JudgeContext = {}, overrides: SeverityOverrides = {}): Map<string, Judgement> {
	const out = new Map<string, Judgement>();
	for (const bond of snapshot.bonds) out.set(bond.name, judgeBond(bond, snapshot, context, overrides));
	return out;
}
