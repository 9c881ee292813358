/**
 * Config vs running: compares each bond's configuration (source/config/) with the bond the kernel
 * runs, setting by setting, and finds bonds configured but not running (with the likely reason)
 * and bonds running but configured nowhere (gone after a reboot). Pure: a snapshot and a
 * HostConfig in, a comparison and Findings out. A running value that could not be read is never
 * called drift.
 */
import {t} from '../i18n/i18n.js';
import {globMatch} from '../config/glob.js';
import type {BondConfig, BondSettingName, ConfigSourceKind, ConfiguredSetting, HostConfig, Provenance, SettingValue} from '../config/types.js';
import {bondSettingNames, settingLabel} from '../config/types.js';
import type {Bond, Snapshot} from '../model/types.js';
import type {Finding} from './types.js';

export type SettingComparison = {
	name: BondSettingName | 'slaves';
	configured: SettingValue;
	/** Null when the kernel does not show it (or it does not apply in the running mode). */
	running: SettingValue | null;
	/** `path:line`. */
	source: string;
	drift: boolean;
	/** The tool's own default rather than a line of the file. */
	implicit?: boolean;
	/** Why a difference is or is not drift (the kernel's rounding, a setting the mode ignores). */
	note?: string;
};

export type BondComparison = {
	bond: string;
	/** The configuration compared (the first source that configures the bond). */
	config: BondConfig;
	/** Other sources that configure a bond of the same name. */
	alsoIn: BondConfig[];
	settings: SettingComparison[];
	drift: boolean;
};

export type NotRunning = {name: string; kind: ConfigSourceKind; source: string; reasons: string[]};

export type ConfigComparison = {
	/** One per running bond that has a configuration. */
	bonds: BondComparison[];
	configuredNotRunning: NotRunning[];
	/** Running bonds configured nowhere bondtop looked. */
	runningNotConfigured: string[];
	findings: Finding[];
};

export const at = (p: Provenance) => (p.line > 0 ? `${p.path}:${p.line}` : p.path);

const sourceNames: Record<ConfigSourceKind, string> = {
	ifupdown: 'ifupdown',
	networkd: 'systemd-networkd',
	netplan: 'netplan',
	networkmanager: 'NetworkManager',
	ifcfg: 'ifcfg',
	modprobe: 'modprobe.d',
};

const references: Record<ConfigSourceKind, string> = {
	ifupdown: 'interfaces(5) and ifenslave README.Debian; bonding.rst §2 Bonding Driver Options',
	networkd: 'systemd.netdev(5) [Bond] Section Options',
	netplan: 'netplan(5) Properties for device type bonds',
	networkmanager: 'nm-settings-nmcli(5) bond setting',
	ifcfg: 'bonding.rst §3.2 Configuration with Initscripts Support',
	modprobe: 'bonding.rst §2 Bonding Driver Options',
};

const primaryModes = new Set(['active-backup', 'balance-tlb', 'balance-alb']);
const hashModes = new Set(['balance-xor', '802.3ad', 'balance-tlb']);
const lacpModes = new Set(['802.3ad']);

function runningValue(bond: Bond, name: BondSettingName): {value: SettingValue | null; note?: string} {
	const mode = bond.mode;
	// Settings that apply in some modes only: unknown while the mode itself is unknown.
	const inModes = (modes: ReadonlySet<string>, value: SettingValue | null, note: string) =>
		mode === null ? {value: null, note: t('driftNote.modeUnknown')} : modes.has(mode) ? {value} : {value: null, note};
	switch (name) {
		case 'mode':
			return {value: mode};
		case 'miimon':
			return {value: bond.miimonMs};
		case 'updelay':
			return {value: bond.updelayMs};
		case 'downdelay':
			return {value: bond.downdelayMs};
		case 'primary':
			return inModes(primaryModes, bond.primary ?? '(none)', t('driftNote.primaryModes'));
		case 'primary_reselect':
			return inModes(primaryModes, bond.primaryReselect, t('driftNote.withPrimary'));
		case 'lacp_rate':
			return inModes(lacpModes, bond.lacp?.rate ?? null, t('driftNote.lacpModes'));
		case 'xmit_hash_policy':
			return inModes(hashModes, bond.xmitHashPolicy, t('driftNote.hashModes'));
		case 'arp_interval':
			return {value: bond.arpIntervalMs};
		case 'arp_ip_target':
			return {value: bond.arpIpTargets};
		case 'fail_over_mac':
			return {value: bond.failOverMac};
	}
}

function sameValue(a: SettingValue, b: SettingValue): boolean {
	if (Array.isArray(a) || Array.isArray(b)) {
		const x = Array.isArray(a) ? a : [String(a)];
		const y = Array.isArray(b) ? b : [String(b)];
		return x.length === y.length && x.every((v) => y.includes(v));
	}
	return a === b;
}

function compareSetting(bond: Bond, name: BondSettingName, setting: ConfiguredSetting, configuredMiimon: number | null): SettingComparison {
	const {value: running, note: runningNote} = runningValue(bond, name);
	const row: SettingComparison = {name, configured: setting.value, running, source: at(setting.from), drift: false, ...(setting.implicit ? {implicit: true} : {})};
	if (running === null) {
		if (runningNote) row.note = runningNote;
		else row.note = t('driftNote.notShown');
		return row;
	}
	if ((name === 'updelay' || name === 'downdelay') && typeof setting.value === 'number') {
		const miimon = configuredMiimon ?? bond.miimonMs ?? 0;
		if (bond.miimonMs === 0 && setting.value > 0 && running === 0) {
			row.drift = true;
			row.note = t('driftNote.ticks');
			return row;
		}
		if (miimon > 0 && setting.value % miimon !== 0) {
			const rounded = Math.floor(setting.value / miimon) * miimon;
			if (running === rounded) {
				row.note = t('driftNote.rounds', {value: setting.value, miimon, rounded});
				return row;
			}
			row.note = t('driftNote.wouldRound', {miimon, rounded});
		}
	}
	row.drift = !sameValue(setting.value, running);
	return row;
}

/** Interface names a config enslaves, against the interfaces that exist. */
export function expectedSlaves(config: BondConfig, interfaceNames: readonly string[], bondNames: ReadonlySet<string>): {names: string[]; absent: string[]; allMatchedNothing: boolean} {
	const names: string[] = [];
	const absent: string[] = [];
	const add = (n: string) => {
		if (!names.includes(n)) names.push(n);
	};
	let allMatchedNothing = false;
	if (config.slaves?.kind === 'list') for (const n of config.slaves.names) add(n);
	if (config.slaves?.kind === 'all') {
		// ifenslave: every interface in /proc/net/dev whose name contains "eth".
		const matched = interfaceNames.filter((n) => n.includes('eth') && !bondNames.has(n) && n !== config.name);
		allMatchedNothing = matched.length === 0;
		for (const n of matched) add(n);
	}
	for (const m of config.members) {
		if (m.pattern) {
			for (const n of interfaceNames) if (globMatch(m.name, n) && !bondNames.has(n)) add(n);
		} else add(m.name);
	}
	for (const n of names) if (!interfaceNames.includes(n)) absent.push(n);
	return {names, absent, allMatchedNothing};
}

function describeSlaves(config: BondConfig): string {
	const parts: string[] = [];
	if (config.slaves) parts.push(config.slaves.kind === 'list' ? config.slaves.names.join(' ') : config.slaves.kind);
	const literal = config.members.map((m) => m.name);
	if (literal.length > 0) parts.push(t('driftNote.members', {names: literal.join(' ')}));
	return parts.join('; ');
}

/** Settings of the module's `options bonding` that a bond's own configuration leaves unset. */
function withModuleDefaults(config: BondConfig, host: HostConfig): Partial<Record<BondSettingName, ConfiguredSetting>> {
	const out = {...config.settings};
	for (const name of bondSettingNames) if (!out[name] && host.module.settings[name]) out[name] = host.module.settings[name];
	return out;
}

/** `options bonding` with max_bonds creates bond0…bondN-1 at module load: configuration of its own. */
function moduleBonds(host: HostConfig): BondConfig[] {
	const settings = host.module.settings;
	const first = Object.values(settings)[0]?.from ?? host.module.maxBonds?.from;
	if (!first) return [];
	const count = host.module.maxBonds?.value ?? 1;
	const out: BondConfig[] = [];
	for (let i = 0; i < Math.min(count, 16); i++) out.push({name: `bond${i}`, kind: 'modprobe', declaredAt: host.module.maxBonds?.from ?? first, settings: {...settings}, slaves: null, members: [], notes: []});
	return out;
}

function notRunningReasons(config: BondConfig, host: HostConfig, interfaceNames: readonly string[], bondNames: ReadonlySet<string>): string[] {
	const reasons: string[] = [];
	const {tools} = host;
	if (host.bondingModuleLoaded === false) {
		if (host.module.blocked) reasons.push(t('driftReason.notLoadedBlocked', {at: at(host.module.blocked)}));
		else if (!host.bondingAtBoot) reasons.push(t('driftReason.notLoadedNotAtBoot'));
		else reasons.push(t('driftReason.notLoaded'));
	} else if (host.module.blocked) reasons.push(t('driftReason.blocked', {at: at(host.module.blocked)}));
	if (config.kind === 'ifupdown') {
		if (!tools.ifupdown) reasons.push(t('driftReason.noIfupdown'));
		else if (tools.ifupdownFlavour === 'ifupdown' && !tools.ifenslave) reasons.push(t('driftReason.noIfenslave'));
		for (const n of config.notes) if (n.includes('does not bring it up at boot') || n.includes('never creates it')) reasons.push(n);
	}
	if (config.kind === 'networkd' && !tools.networkd) reasons.push(t('driftReason.noNetworkd'));
	if (config.kind === 'netplan' && !tools.netplan) reasons.push(t('driftReason.noNetplan'));
	if (config.kind === 'networkmanager' && !tools.networkManager) reasons.push(t('driftReason.noNetworkManager'));
	if (config.kind !== 'networkmanager' && tools.networkManager) reasons.push(t('driftReason.networkManagerSlaves'));
	const {names, absent, allMatchedNothing} = expectedSlaves(config, interfaceNames, bondNames);
	if (allMatchedNothing) reasons.push(t('driftReason.allMatchesNothing', {names: interfaceNames.filter((n) => n !== 'lo').join(', ') || t('word.none')}));
	if (absent.length > 0) reasons.push(t('driftReason.absent', {names: absent.join(', ')}));
	if (names.length === 0 && !allMatchedNothing) reasons.push(t('driftReason.noSlaves'));
	return reasons;
}

/** The configuration's findings as data: one row each (README's table is checked against it). */
export const configFindingTable = [
	{id: 'config-drift', severity: 'warning', meaning: 'The running bond differs from its configuration (configured 150, running 100): it was changed after it was set up, or the tool never applied the file (systemd-networkd does not change an existing bond). A reboot brings back the file\'s values: fix whichever is wrong.', reference: "the tool's manual (interfaces(5), systemd.netdev(5), netplan(5), nm-settings-nmcli(5)); bonding.rst §2"},
	{id: 'config-slave-missing', severity: 'warning', meaning: 'A slave the configuration names is not enslaved, or no interface of that name exists (eth1 in the file, enx… on the host).', reference: "the tool's manual; bonding.rst §3 Configuring Bonding Devices"},
	{id: 'config-slave-extra', severity: 'info', meaning: 'A slave of the running bond that its configuration does not name: it will not be a slave after a reboot.', reference: "the tool's manual"},
	{id: 'configured-not-running', severity: 'warning', meaning: 'A bond is configured but not running; the message gives the likely reasons (module not loaded or not in /etc/modules, ifupdown or ifenslave not installed, NetworkManager holding the slaves, names that do not exist, bond-slaves all matching nothing, no auto line).', reference: "the tool's manual; bonding.rst §3 Configuring Bonding Devices"},
	{id: 'running-not-configured', severity: 'warning', meaning: 'A bond runs but no configuration bondtop reads names it: made by hand, gone after a reboot. Info only when some files could not be read (NetworkManager keyfiles as non-root).', reference: 'bonding.rst §3 Configuring Bonding Devices'},
	{id: 'configured-twice', severity: 'info', meaning: 'Two tools configure the same bond (e.g. ifupdown and netplan): which wins depends on which runs first. Keep one.', reference: "the tools' manuals"},
] as const satisfies ReadonlyArray<{id: string; severity: Finding['severity']; meaning: string; reference: string}>;

type ConfigFindingId = (typeof configFindingTable)[number]['id'];

/** A finding of the table above; `severity` only where the row allows a milder one (running-not-configured). */
function finding(id: ConfigFindingId, bond: string, subject: string | null, message: string, reference: string, severity?: Finding['severity']): Finding {
	const row = configFindingTable.find((r) => r.id === id)!;
	return {id, severity: severity ?? row.severity, bond, subject, message, reference};
}

export function compareConfig(snapshot: Snapshot, host: HostConfig): ConfigComparison {
	const interfaceNames = snapshot.interfaces.map((i) => i.name);
	const running = new Map(snapshot.bonds.map((b) => [b.name, b]));
	const bondNames = new Set([...running.keys()]);
	const all = [...host.bonds, ...moduleBonds(host)];
	const byName = new Map<string, BondConfig[]>();
	for (const c of all) {
		const list = byName.get(c.name);
		if (list) list.push(c);
		else byName.set(c.name, [c]);
	}
	const result: ConfigComparison = {bonds: [], configuredNotRunning: [], runningNotConfigured: [], findings: []};
	for (const [name, configs] of byName) {
		// modprobe.d's bond0 only counts when no tool configures bond0 itself.
		const own = configs.filter((c) => c.kind !== 'modprobe');
		const chosen = (own[0] ?? configs[0])!;
		const others = own.length > 0 ? own.slice(1) : [];
		const bond = running.get(name);
		if (others.length > 0) {
			result.findings.push(finding('configured-twice', name, null, t('drift.twice', {bond: name, sources: [chosen, ...others].map((c) => t('drift.sourceAt', {source: sourceNames[c.kind], at: at(c.declaredAt)})).reduce((a, b) => t('finding.and', {a, b}))}), references[chosen.kind]));
		}
		if (!bond) {
			const reasons = notRunningReasons(chosen, host, interfaceNames, bondNames);
			result.configuredNotRunning.push({name, kind: chosen.kind, source: at(chosen.declaredAt), reasons});
			result.findings.push(finding('configured-not-running', name, null, t('drift.notRunning', {bond: name, at: at(chosen.declaredAt), source: sourceNames[chosen.kind], reasons: reasons.length > 0 ? `: ${reasons.join('; ')}` : ''}), references[chosen.kind]));
			continue;
		}
		const settings = withModuleDefaults(chosen, host);
		const configuredMiimon = typeof settings.miimon?.value === 'number' ? settings.miimon.value : null;
		const rows: SettingComparison[] = [];
		for (const s of bondSettingNames) {
			const setting = settings[s];
			if (setting) rows.push(compareSetting(bond, s, setting, configuredMiimon));
		}
		const hasSlaveConfig = chosen.slaves !== null || chosen.members.length > 0;
		if (hasSlaveConfig) {
			const {names} = expectedSlaves(chosen, interfaceNames, bondNames);
			const runningSlaves = bond.slaves.map((s) => s.name);
			const missing = names.filter((n) => !runningSlaves.includes(n));
			const extra = runningSlaves.filter((n) => !names.includes(n));
			const from = chosen.slaves?.from ?? chosen.members[0]!.from;
			rows.push({name: 'slaves', configured: names, running: runningSlaves, source: at(from), drift: missing.length > 0 || extra.length > 0, note: t('driftNote.configuredAs', {slaves: describeSlaves(chosen)})});
			for (const n of missing) {
				const absent = !interfaceNames.includes(n);
				result.findings.push(finding('config-slave-missing', name, n, t(absent ? 'drift.absentSlave' : 'drift.notEnslaved', {slave: n, bond: name, at: at(from)}), references[chosen.kind]));
			}
			for (const n of extra) {
				result.findings.push(finding('config-slave-extra', name, n, t('drift.extraSlave', {slave: n, bond: name, at: at(from)}), references[chosen.kind]));
			}
		}
		const drifted = rows.filter((r) => r.drift && r.name !== 'slaves');
		if (drifted.length > 0) {
			const how =
				chosen.kind === 'networkd' || (chosen.kind === 'netplan' && host.tools.networkd)
					? t('drift.networkd')
					: t('drift.changed');
			result.findings.push(
				finding('config-drift', name, null, t('drift.runsDifferently', {bond: name, at: at(chosen.declaredAt), source: sourceNames[chosen.kind], settings: drifted.map((r) => t('drift.setting', {name: r.name, configured: settingLabel(r.configured), running: settingLabel(r.running!)})).join('; '), how}), references[chosen.kind]),
			);
		}
		result.bonds.push({bond: name, config: chosen, alsoIn: others, settings: rows, drift: rows.some((r) => r.drift)});
	}
	if (host.hasEtc) {
		for (const bond of snapshot.bonds) {
			if (byName.has(bond.name)) continue;
			result.runningNotConfigured.push(bond.name);
			const unread = host.unreadable.length > 0;
			result.findings.push(
				finding(
					'running-not-configured',
					bond.name,
					null,
					t('drift.notConfigured', {bond: bond.name, unread: unread ? t('drift.unread', {path: host.unreadable[0]!.path, more: host.unreadable.length > 1 ? ', …' : ''}) : ''}),
					'bonding.rst §3 Configuring Bonding Devices',
					unread ? 'info' : undefined,
				),
			);
		}
	}
	return result;
}
