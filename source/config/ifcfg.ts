/**
 * Red Hat's network-scripts (`/etc/sysconfig/network-scripts/ifcfg-*`: `BONDING_OPTS="mode=1
 * miimon=100"`, `MASTER=bond0` with `SLAVE=yes` in a port's file) and SUSE's wicked/sysconfig
 * (`/etc/sysconfig/network/ifcfg-*`: `BONDING_MASTER=yes`, `BONDING_SLAVE_0=eth0`,
 * `BONDING_MODULE_OPTS`). Shell-style `KEY=value` lines with single or double quotes. Pure.
 */
import {kernelOptionName, normaliseSetting, splitOptionList} from './options.js';
import type {BondConfig, ConfigNote, ParsedConfig} from './types.js';

type Vars = Map<string, {value: string; line: number}>;

function parseShellVars(path: string, text: string, notes: ConfigNote[]): Vars {
	const vars: Vars = new Map();
	const lines = text.split('\n');
	for (let i = 0; i < lines.length; i++) {
		const t = lines[i]!.trim();
		if (t === '' || t.startsWith('#')) continue;
		const eq = t.indexOf('=');
		const key = eq > 0 ? t.slice(0, eq) : '';
		if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
			notes.push({path, line: i + 1, message: 'not a KEY=value line: ignored'});
			continue;
		}
		let rest = t.slice(eq + 1);
		let value = '';
		if (rest.startsWith('"') || rest.startsWith("'")) {
			const q = rest[0]!;
			const end = rest.indexOf(q, 1);
			value = end > 0 ? rest.slice(1, end) : rest.slice(1);
			if (end < 0) notes.push({path, line: i + 1, message: 'unclosed quote'});
		} else {
			const hash = rest.indexOf(' #');
			if (hash >= 0) rest = rest.slice(0, hash);
			value = rest.trim();
		}
		vars.set(key, {value, line: i + 1});
	}
	return vars;
}

const yes = (v: string | undefined) => v !== undefined && /^(yes|y|true|1)$/i.test(v);

export function bondsFromIfcfg(files: ReadonlyArray<{path: string; text: string}>): ParsedConfig {
	const notes: ConfigNote[] = [];
	const bonds = new Map<string, BondConfig>();
	const ports: Array<{name: string; master: string; path: string; line: number}> = [];
	for (const file of files) {
		const vars = parseShellVars(file.path, file.text, notes);
		const base = file.path.slice(file.path.lastIndexOf('/') + 1);
		const name = vars.get('DEVICE')?.value || (base.startsWith('ifcfg-') ? base.slice('ifcfg-'.length) : base);
		const master = vars.get('MASTER');
		if (master && master.value !== '' && (yes(vars.get('SLAVE')?.value) || !vars.has('SLAVE'))) {
			ports.push({name, master: master.value, path: file.path, line: master.line});
		}
		const opts = vars.get('BONDING_OPTS') ?? vars.get('BONDING_MODULE_OPTS');
		const isBond = yes(vars.get('BONDING_MASTER')?.value) || /^bond$/i.test(vars.get('TYPE')?.value ?? '') || opts !== undefined;
		if (!isBond) continue;
		const at = opts ?? vars.get('DEVICE') ?? vars.get('TYPE') ?? vars.get('BONDING_MASTER');
		const bond: BondConfig = {name, kind: 'ifcfg', declaredAt: {path: file.path, line: at?.line ?? 1}, settings: {}, slaves: null, members: [], notes: []};
		if (opts) {
			for (const {key, value} of splitOptionList(opts.value, 'space')) {
				const setting = kernelOptionName(key);
				if (!setting) continue;
				const result = normaliseSetting(setting, value, 'kernel');
				if ('error' in result) bond.notes.push(`${file.path}:${opts.line}: ${result.error}`);
				else if (setting === 'arp_ip_target' && bond.settings.arp_ip_target) {
					const list = bond.settings.arp_ip_target.value as string[];
					for (const t of result.value as string[]) if (!list.includes(t)) list.push(t);
				} else bond.settings[setting] = {value: result.value, raw: value, from: {path: file.path, line: opts.line}};
			}
		}
		// SUSE names the slaves in the bond's own file.
		const suseSlaves = [...vars].filter(([k, v]) => k.startsWith('BONDING_SLAVE') && v.value !== '').sort((a, b) => a[1].line - b[1].line);
		if (suseSlaves.length > 0) bond.slaves = {kind: 'list', names: suseSlaves.map(([, v]) => v.value), from: {path: file.path, line: suseSlaves[0]![1].line}};
		if (bonds.has(name)) notes.push({path: file.path, line: bond.declaredAt.line, message: `${name} is configured by more than one ifcfg file: the first is used`});
		else bonds.set(name, bond);
	}
	for (const p of ports) {
		const bond = bonds.get(p.master);
		if (bond) bond.members.push({name: p.name, from: {path: p.path, line: p.line}});
		else notes.push({path: p.path, line: p.line, message: `MASTER=${p.master}, but no ifcfg file configures ${p.master}`});
	}
	return {bonds: [...bonds.values()], notes};
}
