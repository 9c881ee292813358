/**
 * ifupdown's `/etc/network/interfaces` (interfaces(5)) and the files it includes, as read by
 * ifupdown with ifenslave's hooks, ifupdown2 and ifupdown-ng. Pure: `parseInterfacesFile` turns one
 * file's text into stanzas and include directives (the collector resolves those and parses the
 * included files), `bondsFromInterfaces` merges the stanzas of all files into one BondConfig per bond.
 */
import {normaliseSetting} from './options.js';
import type {BondConfig, BondSettingName, ConfigNote, ParsedConfig, Provenance} from './types.js';

export type InterfacesOption = {key: string; value: string; line: number};
export type IfaceStanza = {name: string; line: number; path: string; options: InterfacesOption[]};
export type InterfacesInclude = {kind: 'source' | 'source-directory'; pattern: string; line: number};
export type InterfacesFile = {
	path: string;
	stanzas: IfaceStanza[];
	includes: InterfacesInclude[];
	/** Names on `auto` and `allow-*` lines: what ifupdown brings up at boot (allow-hotplug: when the device appears). */
	autoNames: string[];
	notes: ConfigNote[];
};

/** Which implementation reads the file: their spellings and defaults differ. */
export type IfupdownFlavour = 'ifupdown' | 'ifupdown2' | 'ifupdown-ng';

const topLevel = new Set(['iface', 'mapping', 'auto', 'source', 'source-directory', 'source-dir', 'no-auto-down', 'no-scripts', 'rename', 'template']);

/** Splits into logical lines (backslash continues a line), keeping the first physical line number. */
function logicalLines(text: string): Array<{text: string; line: number}> {
	const out: Array<{text: string; line: number}> = [];
	const physical = text.split('\n');
	let pending = '';
	let pendingLine = 0;
	for (let i = 0; i < physical.length; i++) {
		let raw = physical[i]!;
		if (raw.endsWith('\r')) raw = raw.slice(0, -1);
		if (pending === '') pendingLine = i + 1;
		if (raw.endsWith('\\')) {
			pending += raw.slice(0, -1) + ' ';
			continue;
		}
		out.push({text: pending + raw, line: pendingLine});
		pending = '';
	}
	if (pending !== '') out.push({text: pending, line: pendingLine});
	return out;
}

export function parseInterfacesFile(path: string, text: string): InterfacesFile {
	const file: InterfacesFile = {path, stanzas: [], includes: [], autoNames: [], notes: []};
	let current: IfaceStanza | null = null;
	let inOther = false;
	for (const {text: lineText, line} of logicalLines(text)) {
		const trimmed = lineText.trim();
		if (trimmed === '' || trimmed.startsWith('#')) continue;
		const words = trimmed.split(/\s+/);
		const keyword = words[0]!;
		if (topLevel.has(keyword) || keyword.startsWith('allow-')) {
			current = null;
			inOther = false;
			if (keyword === 'auto' || keyword.startsWith('allow-')) for (const n of words.slice(1)) file.autoNames.push(n);
			if (keyword === 'iface' || keyword === 'template') {
				const name = words[1];
				if (name === undefined) {
					file.notes.push({path, line, message: `${keyword} without an interface name`});
					inOther = true;
					continue;
				}
				current = {name, line, path, options: []};
				file.stanzas.push(current);
			} else if (keyword === 'source' || keyword === 'source-directory' || keyword === 'source-dir') {
				const pattern = words.slice(1).join(' ');
				if (pattern === '') file.notes.push({path, line, message: `${keyword} without a path`});
				else file.includes.push({kind: keyword === 'source' ? 'source' : 'source-directory', pattern, line});
			} else if (keyword === 'mapping') {
				inOther = true;
			}
			continue;
		}
		if (current) {
			current.options.push({key: keyword.toLowerCase().replaceAll('_', '-'), value: words.slice(1).join(' '), line});
		} else if (!inOther) {
			file.notes.push({path, line, message: `"${keyword}" outside any iface stanza: ignored`});
		}
	}
	return file;
}

const optionSetting = new Map<string, BondSettingName>([
	['bond-mode', 'mode'],
	['bond-miimon', 'miimon'],
	['bond-updelay', 'updelay'],
	['bond-downdelay', 'downdelay'],
	['bond-primary', 'primary'],
	['bond-primary-reselect', 'primary_reselect'],
	['bond-lacp-rate', 'lacp_rate'],
	['bond-xmit-hash-policy', 'xmit_hash_policy'],
	['bond-arp-interval', 'arp_interval'],
	['bond-arp-ip-target', 'arp_ip_target'],
	['bond-fail-over-mac', 'fail_over_mac'],
]);

const slaveKeys = new Set(['bond-slaves', 'bond-members', 'slaves']);

/** Whether a stanza declares a bond by its own options (not only by being named by a bond-master). */
function declaresBond(stanza: IfaceStanza): boolean {
	if (stanza.options.some((o) => o.key === 'bond-master')) return false;
	return stanza.options.some((o) => slaveKeys.has(o.key) || (optionSetting.has(o.key) && o.key !== 'bond-primary'));
}

/**
 * One BondConfig per bond: an iface with bond-slaves/bond-members or bond options, or a name given
 * by some interface's `bond-master`. Options in a slave's stanza (ifenslave applies them to the
 * master, as in the Debian wiki's second example) count when the bond's own stanzas do not set them.
 */
export function bondsFromInterfaces(files: readonly InterfacesFile[], flavour: IfupdownFlavour = 'ifupdown'): ParsedConfig {
	const notes: ConfigNote[] = [];
	for (const f of files) notes.push(...f.notes);
	const autoNames = new Set(files.flatMap((f) => f.autoNames));
	const stanzasByName = new Map<string, IfaceStanza[]>();
	const order: string[] = [];
	for (const f of files) {
		for (const s of f.stanzas) {
			const list = stanzasByName.get(s.name);
			if (list) list.push(s);
			else {
				stanzasByName.set(s.name, [s]);
				order.push(s.name);
			}
		}
	}
	const bonds = new Map<string, BondConfig>();
	const ensure = (name: string, at: Provenance): BondConfig => {
		let b = bonds.get(name);
		if (!b) {
			b = {name, kind: 'ifupdown', declaredAt: at, settings: {}, slaves: null, members: [], notes: []};
			bonds.set(name, b);
		}
		return b;
	};
	// The bonds' own stanzas first.
	for (const name of order) {
		const stanzas = stanzasByName.get(name)!;
		if (!stanzas.some(declaresBond)) continue;
		const bond = ensure(name, {path: stanzas[0]!.path, line: stanzas[0]!.line});
		for (const stanza of stanzas) applyOptions(bond, stanza, flavour, false);
	}
	// Then every bond-master, and the bond options written in slave stanzas.
	for (const name of order) {
		for (const stanza of stanzasByName.get(name)!) {
			for (const o of stanza.options) {
				if (o.key !== 'bond-master') continue;
				const master = o.value.split(/\s+/)[0] ?? '';
				if (master === '') continue;
				const masterStanza = stanzasByName.get(master)?.[0];
				const bond = ensure(master, masterStanza ? {path: masterStanza.path, line: masterStanza.line} : {path: stanza.path, line: o.line});
				if (!bond.members.some((m) => m.name === name)) bond.members.push({name, from: {path: stanza.path, line: o.line}});
				applyOptions(bond, stanza, flavour, true);
			}
		}
	}
	for (const bond of bonds.values()) {
		if (flavour === 'ifupdown2' && !bond.settings.miimon) {
			bond.settings.miimon = {value: 0, raw: '(ifupdown2 default)', from: bond.declaredAt, implicit: true};
		}
		if (!stanzasByName.has(bond.name)) bond.notes.push(`no iface ${bond.name} stanza: only its slaves' bond-master names it, so ifupdown never creates it`);
		else if (!autoNames.has(bond.name)) bond.notes.push(`${bond.name} is on no auto or allow-hotplug line: ifupdown does not bring it up at boot`);
	}
	return {bonds: [...bonds.values()], notes};
}

function applyOptions(bond: BondConfig, stanza: IfaceStanza, flavour: IfupdownFlavour, fromSlave: boolean): void {
	for (const o of stanza.options) {
		const from = {path: stanza.path, line: o.line};
		if (!fromSlave && slaveKeys.has(o.key)) {
			if (bond.slaves) {
				bond.notes.push(`${o.key} given again at ${from.path}:${from.line}; the first (line ${bond.slaves.from.line}) is used`);
				continue;
			}
			const words = o.value.split(/\s+/).filter((w) => w !== '');
			if (o.key === 'slaves') bond.notes.push(`"slaves" at line ${o.line} is the old spelling of bond-slaves`);
			if (o.key === 'bond-members' && flavour === 'ifupdown') bond.notes.push(`bond-members at line ${o.line} is ifupdown-ng's spelling; ifenslave reads bond-slaves`);
			if (words.length === 1 && words[0] === 'all') {
				if (flavour !== 'ifupdown') bond.notes.push(`bond-slaves all is ifenslave's; ${flavour} does not expand it`);
				bond.slaves = {kind: 'all', from};
			} else if (words.length === 0 || (words.length === 1 && words[0] === 'none')) {
				bond.slaves = {kind: 'none', from};
			} else {
				if (words[0] === 'glob' || words[0] === 'regex') bond.notes.push(`${o.key} ${words[0]} (ifupdown2 patterns) is not expanded by bondtop`);
				bond.slaves = {kind: 'list', names: words, from};
			}
			continue;
		}
		const setting = optionSetting.get(o.key);
		if (!setting) continue;
		const existing = bond.settings[setting];
		if (existing) {
			if (!fromSlave && !existing.implicit) bond.notes.push(`${o.key} given again at ${from.path}:${from.line}; the first (line ${existing.from.line}) is used`);
			continue;
		}
		const result = normaliseSetting(setting, o.value, 'kernel');
		if ('error' in result) {
			bond.notes.push(`${from.path}:${from.line}: ${result.error}`);
			continue;
		}
		bond.settings[setting] = {value: result.value, raw: o.value, from};
	}
}
