/**
 * NetworkManager: keyfiles (nm-settings-keyfile(5)) with `[connection] type=bond` and a `[bond]`
 * section of kernel options (`mode=active-backup`, `miimon=100`), and port profiles whose
 * `[connection]` names the bond in `master=`/`controller=` (an interface name or the bond
 * profile's UUID). Keyfiles are 0600 root; without root the collector asks
 * `nmcli -t -f connection.id,connection.interface-name,bond.options connection show ID`, parsed by
 * `bondFromNmcli`. Pure.
 */
import {parseIni} from './ini.js';
import {kernelOptionName, normaliseSetting, splitOptionList} from './options.js';
import type {BondConfig, ConfigNote, ParsedConfig} from './types.js';

type Profile = {path: string; type: string | null; interfaceName: string | null; uuid: string | null; id: string | null; controller: {value: string; line: number} | null; portType: string | null};

export function bondsFromKeyfiles(files: ReadonlyArray<{path: string; text: string}>): ParsedConfig {
	const notes: ConfigNote[] = [];
	const bonds: BondConfig[] = [];
	const profiles: Profile[] = [];
	for (const file of files) {
		const ini = parseIni(file.path, file.text, 'glib');
		notes.push(...ini.notes);
		const conn = (key: string) => ini.entries.filter((e) => e.section === 'connection' && e.key === key).at(-1);
		const controller = conn('controller') ?? conn('master');
		const profile: Profile = {
			path: file.path,
			type: conn('type')?.value ?? null,
			interfaceName: conn('interface-name')?.value ?? null,
			uuid: conn('uuid')?.value ?? null,
			id: conn('id')?.value ?? null,
			controller: controller ? {value: controller.value, line: controller.line} : null,
			portType: (conn('port-type') ?? conn('slave-type'))?.value ?? null,
		};
		profiles.push(profile);
		if (profile.type !== 'bond') continue;
		const typeLine = conn('type')!.line;
		const name = profile.interfaceName ?? profile.id;
		if (!name) {
			notes.push({path: file.path, line: typeLine, message: 'a bond profile without interface-name or id: skipped'});
			continue;
		}
		const bond: BondConfig = {name, kind: 'networkmanager', declaredAt: {path: file.path, line: conn('interface-name')?.line ?? typeLine}, settings: {}, slaves: null, members: [], notes: []};
		if (!profile.interfaceName) bond.notes.push(`no interface-name: the profile's id "${name}" is taken as the bond's name`);
		for (const e of ini.entries) {
			if (e.section !== 'bond') continue;
			const setting = kernelOptionName(e.key);
			if (!setting) continue;
			const result = normaliseSetting(setting, e.value, 'kernel');
			if ('error' in result) bond.notes.push(`${file.path}:${e.line}: ${result.error}`);
			else bond.settings[setting] = {value: result.value, raw: e.value, from: {path: file.path, line: e.line}};
		}
		bonds.push(bond);
	}
	for (const p of profiles) {
		if (!p.controller || (p.portType !== null && p.portType !== 'bond')) continue;
		const target = bonds.find((b) => {
			const owner = profiles.find((q) => q.path === b.declaredAt.path);
			return b.name === p.controller!.value || owner?.uuid === p.controller!.value || owner?.id === p.controller!.value;
		});
		if (!target) continue;
		if (p.interfaceName) target.members.push({name: p.interfaceName, from: {path: p.path, line: p.controller.line}});
		else target.notes.push(`${p.path}: a port profile without interface-name (not checked)`);
	}
	return {bonds, notes};
}

/** Unescapes nmcli's terse output (`\:` and `\\`). */
function unescapeTerse(text: string): string {
	let out = '';
	for (let i = 0; i < text.length; i++) {
		if (text[i] === '\\' && i + 1 < text.length) out += text[++i];
		else out += text[i];
	}
	return out;
}

/**
 * The output of `nmcli -t -f connection.id,connection.interface-name,bond.options connection show ID`:
 * `connection.id:bond0`, `connection.interface-name:bond0`, `bond.options:mode=active-backup,miimon=100`.
 */
export function bondFromNmcli(profileId: string, output: string): BondConfig | null {
	const fields = new Map<string, string>();
	for (const line of output.split('\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) fields.set(line.slice(0, colon), unescapeTerse(line.slice(colon + 1)));
	}
	const options = fields.get('bond.options');
	if (options === undefined) return null;
	const name = fields.get('connection.interface-name') || profileId;
	const from = {path: `nmcli connection show ${profileId}`, line: 0};
	const bond: BondConfig = {name, kind: 'networkmanager', declaredAt: from, settings: {}, slaves: null, members: [], notes: []};
	for (const {key, value} of splitOptionList(options, 'comma')) {
		const setting = kernelOptionName(key);
		if (!setting) continue;
		const result = normaliseSetting(setting, value, 'kernel');
		if ('error' in result) bond.notes.push(`nmcli: ${result.error}`);
		else bond.settings[setting] = {value: result.value, raw: value, from};
	}
	return bond;
}

/** Bond profiles in `nmcli -t -f NAME,TYPE connection show` output (`bond0:bond`). */
export function bondProfilesFromNmcliList(output: string): string[] {
	const out: string[] = [];
	for (const line of output.split('\n')) {
		// The type is the last field; the name may hold escaped colons.
		if (!line.endsWith(':bond')) continue;
		out.push(unescapeTerse(line.slice(0, -':bond'.length)));
	}
	return out;
}
