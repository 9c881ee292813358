/**
 * The bonding module's own configuration: `options bonding …` in modprobe.d(5) files (defaults
 * for every bond the module creates: at load, `max_bonds` of them, named bond0…), `blacklist
 * bonding` / `install bonding /bin/true`, and whether `bonding` is loaded at boot
 * (modules-load.d(5) files and Debian's `/etc/modules`). Pure.
 */
import {kernelOptionName, normaliseSetting, splitOptionList} from './options.js';
import type {BondSettingName, ConfigNote, ConfiguredSetting, Provenance} from './types.js';

export type ModuleConfig = {
	/** `options bonding` values that bondtop compares (module defaults for new bonds). */
	settings: Partial<Record<BondSettingName, ConfiguredSetting>>;
	/** `max_bonds=N`, when given: how many bonds the module creates when it loads. */
	maxBonds: {value: number; from: Provenance} | null;
	/** `blacklist bonding` or `install bonding /bin/true|/bin/false`. */
	blocked: Provenance | null;
	notes: ConfigNote[];
};

export function parseModprobeFiles(files: ReadonlyArray<{path: string; text: string}>): ModuleConfig {
	const out: ModuleConfig = {settings: {}, maxBonds: null, blocked: null, notes: []};
	for (const file of files) {
		const lines = file.text.split('\n');
		for (let i = 0; i < lines.length; i++) {
			const t = lines[i]!.trim();
			if (t === '' || t.startsWith('#')) continue;
			const words = t.split(/\s+/);
			const from = {path: file.path, line: i + 1};
			const module = (words[1] ?? '').replaceAll('-', '_');
			if (module !== 'bonding') continue;
			if (words[0] === 'blacklist') out.blocked = from;
			else if (words[0] === 'install' && /^\/(usr\/)?bin\/(true|false)$/.test(words[2] ?? '')) out.blocked = from;
			else if (words[0] === 'options') {
				for (const {key, value} of splitOptionList(words.slice(2).join(' '), 'space')) {
					if (key === 'max_bonds') {
						const n = Number(value);
						if (Number.isInteger(n) && n >= 0) out.maxBonds = {value: n, from};
						continue;
					}
					const setting = kernelOptionName(key);
					if (!setting) continue;
					const result = normaliseSetting(setting, value, 'kernel');
					if ('error' in result) out.notes.push({...from, message: result.error});
					else out.settings[setting] = {value: result.value, raw: value, from};
				}
			}
		}
	}
	return out;
}

/** The first line of modules-load.d-style files (or /etc/modules) that loads `bonding`, or null. */
export function bondingLoadedAtBoot(files: ReadonlyArray<{path: string; text: string}>): Provenance | null {
	for (const file of files) {
		const lines = file.text.split('\n');
		for (let i = 0; i < lines.length; i++) {
			const t = lines[i]!.trim();
			if (t === '' || t.startsWith('#') || t.startsWith(';')) continue;
			if (t.split(/\s+/)[0] === 'bonding') return {path: file.path, line: i + 1};
		}
	}
	return null;
}
