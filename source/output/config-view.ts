/**
 * Config vs running as output: the JSON extension (`config` per bond, `configuredNotRunning` and
 * `configSources` at the top) and the text lines shared by `--once` and the TUI's `c` overlay.
 * Pure; the lines are sanitised by whoever prints them (renderPlain, Line).
 */
import {t} from '../i18n/i18n.js';
import type {HostConfig} from '../config/types.js';
import {settingLabel} from '../config/types.js';
import {at, type BondComparison, type ConfigComparison, type NotRunning} from '../judge/drift.js';
import type {JsonSnapshot} from '../model/types.js';

/** One setting in `bonds[].config.settings`. */
export type JsonConfigSetting = {name: string; configured: unknown; running: unknown; source: string; drift: boolean; implicit?: true; note?: string};

/** `bonds[].config`: null when no configuration names the bond. */
export type JsonBondConfig = {
	/** `file:line (tool)` of the declaration, the compared one first. */
	sources: string[];
	settings: JsonConfigSetting[];
	drift: boolean;
	notes: string[];
} | null;

export type JsonConfigExtension = {
	configuredNotRunning: NotRunning[];
	configSources: {read: string[]; unreadable: Array<{path: string; reason: string}>; notes: string[]};
};

const kindLabel = (b: BondComparison['config']) => `${at(b.declaredAt)} (${b.kind})`;

/** Adds the config extension to a schema-1 snapshot (field names are a contract: only ever added). */
export function withConfig(json: JsonSnapshot, comparison: ConfigComparison, host: HostConfig): JsonSnapshot & JsonConfigExtension {
	const byBond = new Map(comparison.bonds.map((b) => [b.bond, b]));
	return {
		...json,
		bonds: json.bonds.map((bond) => {
			const c = byBond.get(bond.name);
			const config: JsonBondConfig = c
				? {
						sources: [c.config, ...c.alsoIn].map(kindLabel),
						settings: c.settings.map((s) => ({
							name: s.name,
							configured: s.configured,
							running: s.running,
							source: s.source,
							drift: s.drift,
							...(s.implicit ? {implicit: true as const} : {}),
							...(s.note ? {note: s.note} : {}),
						})),
						drift: c.drift,
						notes: c.config.notes,
					}
				: null;
			return {...bond, config};
		}),
		configuredNotRunning: comparison.configuredNotRunning,
		configSources: {read: host.filesRead, unreadable: host.unreadable, notes: host.notes.map((n) => `${n.line > 0 ? `${n.path}:${n.line}` : n.path}: ${n.message}`)},
	};
}

/** Lines under a bond's header: where its configuration is and what differs. */
export function bondConfigLines(bond: string, comparison: ConfigComparison): string[] {
	const c = comparison.bonds.find((b) => b.bond === bond);
	if (!c) {
		return comparison.runningNotConfigured.includes(bond) ? [t('config.noneFound')] : [];
	}
	const lines: string[] = [];
	const compared = c.settings.map((s) => s.name).join(', ');
	lines.push(t('config.line', {where: kindLabel(c.config), state: c.drift ? t('config.drift') : t('config.matches', {settings: compared})}));
	for (const s of c.settings) {
		if (!s.drift) continue;
		lines.push(t('config.drifted', {name: s.name, configured: settingLabel(s.configured), source: s.source, implicit: s.implicit ? t('config.default') : '', running: s.running === null ? t('word.unknown') : settingLabel(s.running), note: s.note ? `; ${s.note}` : ''}));
	}
	for (const other of c.alsoIn) lines.push(t('config.alsoConfigured', {where: kindLabel(other)}));
	return lines;
}

/** Lines after all bonds: configured bonds that are not running. */
export function configTrailerLines(comparison: ConfigComparison): string[] {
	const lines: string[] = [];
	for (const n of comparison.configuredNotRunning) {
		lines.push(t('config.notRunning', {bond: n.name, source: n.source, kind: n.kind}));
		for (const r of n.reasons) lines.push(`  - ${r}`);
	}
	return lines;
}

/** The overlay of the TUI's `c`: every compared setting of one bond, configured beside running. */
export function configTableLines(bond: string, comparison: ConfigComparison | null, host: HostConfig | null): string[] {
	if (!comparison || !host) return [t('config.reading')];
	const c = comparison.bonds.find((b) => b.bond === bond);
	const lines: string[] = [];
	if (!c) {
		lines.push(t('config.noConfig', {bond}));
		lines.push(t(host.hasEtc ? 'config.byHand' : 'config.noEtc'));
	} else {
		lines.push(t('config.configuredIn', {bond, where: kindLabel(c.config)}));
		for (const other of c.alsoIn) lines.push(t('config.alsoIn', {where: kindLabel(other)}));
		lines.push('');
		const width = Math.max(10, t('config.colConfigured').length, t('config.colRunning').length, ...c.settings.map((s) => settingLabel(s.configured).length));
		lines.push(`${t('config.colSetting').padEnd(17)}${t('config.colConfigured').padEnd(width + 2)}${t('config.colRunning').padEnd(width + 2)}${t('config.colSource')}`);
		for (const s of c.settings) {
			const running = s.running === null ? '–' : settingLabel(s.running);
			lines.push(`${(s.drift ? '≠ ' : '  ') + s.name.padEnd(15)}${settingLabel(s.configured).padEnd(width + 2)}${running.padEnd(width + 2)}${s.source}${s.implicit ? t('config.toolDefault') : ''}`);
			if (s.note) lines.push(`    ${s.note}`);
		}
		for (const n of c.config.notes) lines.push(t('config.note', {note: n}));
	}
	if (host.unreadable.length > 0) lines.push('', t('config.unreadable', {paths: host.unreadable.map((u) => u.path).join(', ')}));
	return lines;
}
