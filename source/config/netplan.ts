/**
 * netplan (netplan(5), "Properties for device type bonds"): `network: bonds: NAME: interfaces:
 * [...]` and `parameters:`. Pure: the collector passes the YAML files in netplan's order (same
 * name: /run over /etc over /lib; then by name), and later files override earlier keys, as
 * netplan merges them. Times without a unit are milliseconds; `mii-monitor-interval` defaults to 0
 * (no link monitoring) with the networkd renderer, which is written as an implicit setting.
 */
import {normaliseSetting} from './options.js';
import type {BondConfig, BondSettingName, ConfigNote, ParsedConfig} from './types.js';
import {parseYamlSubset, yamlGet, type YamlNode} from './yaml-subset.js';

const parameterKeys = new Map<string, BondSettingName>([
	['mode', 'mode'],
	['mii-monitor-interval', 'miimon'],
	['up-delay', 'updelay'],
	['down-delay', 'downdelay'],
	['primary', 'primary'],
	['primary-reselect-policy', 'primary_reselect'],
	['lacp-rate', 'lacp_rate'],
	['transmit-hash-policy', 'xmit_hash_policy'],
	['arp-interval', 'arp_interval'],
	['arp-ip-targets', 'arp_ip_target'],
	['fail-over-mac-policy', 'fail_over_mac'],
]);

function scalar(node: YamlNode | null): string | null {
	return node && node.kind === 'scalar' ? node.value : null;
}

function mapEntries(node: YamlNode | null): Array<[string, {keyLine: number; value: YamlNode}]> {
	return node && node.kind === 'map' ? [...node.entries] : [];
}

export function bondsFromNetplan(files: ReadonlyArray<{path: string; text: string}>): ParsedConfig {
	const notes: ConfigNote[] = [];
	const bonds = new Map<string, BondConfig & {renderer: string | null; ids: Array<{id: string; line: number; path: string}>}>();
	/** netplan ID -> interface name (set-name, or a literal match: name:). */
	const idNames = new Map<string, string | null>();
	let renderer = 'networkd';
	for (const file of files) {
		const {root, notes: yamlNotes} = parseYamlSubset(file.path, file.text);
		notes.push(...yamlNotes);
		const network = yamlGet(root, 'network');
		if (!network) continue;
		renderer = scalar(yamlGet(network, 'renderer')) ?? renderer;
		for (const [id, {value}] of mapEntries(yamlGet(network, 'ethernets'))) {
			const setName = scalar(yamlGet(value, 'set-name'));
			const matchName = scalar(yamlGet(value, 'match', 'name'));
			const hasMatch = yamlGet(value, 'match') !== null;
			idNames.set(id, setName ?? (matchName && !/[*?[]/.test(matchName) ? matchName : hasMatch ? null : id));
		}
		for (const [name, {keyLine, value}] of mapEntries(yamlGet(network, 'bonds'))) {
			let bond = bonds.get(name);
			if (!bond) {
				bond = {name, kind: 'netplan', declaredAt: {path: file.path, line: keyLine}, settings: {}, slaves: null, members: [], notes: [], renderer: null, ids: []};
				bonds.set(name, bond);
			}
			bond.renderer = scalar(yamlGet(value, 'renderer')) ?? bond.renderer;
			const interfaces = yamlGet(value, 'interfaces');
			if (interfaces) {
				if (interfaces.kind === 'seq') bond.ids = interfaces.items.filter((n) => n.kind === 'scalar').map((n) => ({id: (n as {value: string}).value, line: n.line, path: file.path}));
				else notes.push({path: file.path, line: interfaces.line, message: `bonds.${name}.interfaces is not a list`});
			}
			for (const [key, entry] of mapEntries(yamlGet(value, 'parameters'))) {
				const setting = parameterKeys.get(key);
				if (!setting) continue;
				const node = entry.value;
				const raw = node.kind === 'seq' ? node.items.map((n) => scalar(n) ?? '').join(' ') : scalar(node);
				if (raw === null) {
					bond.notes.push(`${file.path}:${entry.keyLine}: ${key} is not a value`);
					continue;
				}
				const result = normaliseSetting(setting, raw, 'ms');
				if ('error' in result) bond.notes.push(`${file.path}:${entry.keyLine}: ${result.error}`);
				else bond.settings[setting] = {value: result.value, raw, from: {path: file.path, line: entry.keyLine}};
			}
		}
	}
	const out: BondConfig[] = [];
	for (const {renderer: own, ids, ...bond} of bonds.values()) {
		for (const {id, line, path} of ids) {
			const name = idNames.has(id) ? idNames.get(id)! : id;
			if (name === null) bond.notes.push(`${path}:${line}: ${id} is matched by properties other than a name (not checked)`);
			else bond.members.push({name, from: {path, line}});
		}
		const effectiveRenderer = own ?? renderer;
		if (!bond.settings.miimon && effectiveRenderer === 'networkd') {
			bond.settings.miimon = {value: 0, raw: '(netplan default)', from: bond.declaredAt, implicit: true};
		}
		if (effectiveRenderer !== 'networkd') bond.notes.push(`rendered by ${effectiveRenderer}`);
		out.push(bond);
	}
	return {bonds: out, notes};
}
