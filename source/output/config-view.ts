/**
 * Config vs running as output: the JSON extension (`config` per bond, `configuredNotRunning` and
 * `configSources` at the top) and the text lines shared by `--once` and the TUI's `c` overlay.
 * Pure; the lines are sanitised by whoever prints them (renderPlain, Line).
 */
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
		return comparison.runningNotConfigured.includes(bond) ? [`  config: none found (gone after a reboot)`] : [];
	}
	const lines: string[] = [];
	const compared = c.settings.map((s) => s.name).join(', ');
	lines.push(`  config: ${kindLabel(c.config)}${c.drift ? '  DRIFT' : `: matches (${compared})`}`);
	for (const s of c.settings) {
		if (!s.drift) continue;
		lines.push(`    ${s.name}: configured ${settingLabel(s.configured)} (${s.source}${s.implicit ? ', default' : ''}), running ${s.running === null ? 'unknown' : settingLabel(s.running)}${s.note ? `; ${s.note}` : ''}`);
	}
	for (const other of c.alsoIn) lines.push(`    also configured in ${kindLabel(other)}`);
	return lines;
}

/** Lines after all bonds: configured bonds that are not running. */
export function configTrailerLines(comparison: ConfigComparison): string[] {
	const lines: string[] = [];
	for (const n of comparison.configuredNotRunning) {
		lines.push(`config: ${n.name} is configured in ${n.source} (${n.kind}) but not running`);
		for (const r of n.reasons) lines.push(`  - ${r}`);
	}
	return lines;
}

/** The overlay of the TUI's `c`: every compared setting of one bond, configured beside running. */
export function configTableLines(bond: string, comparison: ConfigComparison | null, host: HostConfig | null): string[] {
	if (!comparison || !host) return ['Reading the configuration…'];
	const c = comparison.bonds.find((b) => b.bond === bond);
	const lines: string[] = [];
	if (!c) {
		lines.push(`${bond}: no configuration found in ifupdown, netplan, systemd-networkd, NetworkManager, ifcfg or modprobe.d files.`);
		lines.push(host.hasEtc ? 'It was made by hand (or by a tool bondtop does not read) and will be gone after a reboot.' : 'This root has no etc/: nothing to compare.');
	} else {
		lines.push(`${bond}: configured in ${kindLabel(c.config)}`);
		for (const other of c.alsoIn) lines.push(`  also in ${kindLabel(other)}`);
		lines.push('');
		const width = Math.max(10, ...c.settings.map((s) => settingLabel(s.configured).length));
		lines.push(`${'setting'.padEnd(17)}${'configured'.padEnd(width + 2)}${'running'.padEnd(width + 2)}source`);
		for (const s of c.settings) {
			const running = s.running === null ? '–' : settingLabel(s.running);
			lines.push(`${(s.drift ? '≠ ' : '  ') + s.name.padEnd(15)}${settingLabel(s.configured).padEnd(width + 2)}${running.padEnd(width + 2)}${s.source}${s.implicit ? ' (tool default)' : ''}`);
			if (s.note) lines.push(`    ${s.note}`);
		}
		for (const n of c.config.notes) lines.push(`  note: ${n}`);
	}
	if (host.unreadable.length > 0) lines.push('', `Not readable (run as root to see them): ${host.unreadable.map((u) => u.path).join(', ')}`);
	return lines;
}
