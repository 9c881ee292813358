/**
 * systemd-networkd: `.netdev` files with `Kind=bond` and their `[Bond]` section
 * (systemd.netdev(5)), and `.network` files whose `[Network]` has `Bond=` (and `PrimarySlave=`)
 * (systemd.network(5)). Pure: the collector picks the files (same name: /etc over /run over
 * /usr/lib, masked files skipped) and passes each with its drop-ins in order.
 */
import {hasGlob} from './glob.js';
import {parseIni, type IniEntry} from './ini.js';
import {normaliseSetting} from './options.js';
import type {BondConfig, BondSettingName, ConfigNote, ParsedConfig} from './types.js';

export type UnitFile = {path: string; text: string; dropIns?: Array<{path: string; text: string}>};

const bondKeys = new Map<string, BondSettingName>([
	['Mode', 'mode'],
	['MIIMonitorSec', 'miimon'],
	['UpDelaySec', 'updelay'],
	['DownDelaySec', 'downdelay'],
	['PrimaryReselectPolicy', 'primary_reselect'],
	['LACPTransmitRate', 'lacp_rate'],
	['TransmitHashPolicy', 'xmit_hash_policy'],
	['ARPIntervalSec', 'arp_interval'],
	['ARPIPTargets', 'arp_ip_target'],
	['FailOverMACPolicy', 'fail_over_mac'],
]);

/** The entries of a file followed by those of its drop-ins (later assignments win). */
function entriesOf(file: UnitFile, notes: ConfigNote[]): Array<IniEntry & {path: string}> {
	const out: Array<IniEntry & {path: string}> = [];
	for (const part of [{path: file.path, text: file.text}, ...(file.dropIns ?? [])]) {
		const ini = parseIni(part.path, part.text, 'systemd');
		notes.push(...ini.notes);
		for (const e of ini.entries) out.push({...e, path: part.path});
	}
	return out;
}

export function bondsFromNetworkd(netdevs: readonly UnitFile[], networks: readonly UnitFile[]): ParsedConfig {
	const notes: ConfigNote[] = [];
	const bonds = new Map<string, BondConfig>();
	for (const file of netdevs) {
		const entries = entriesOf(file, notes);
		const get = (section: string, key: string) => entries.filter((e) => e.section === section && e.key === key).at(-1);
		const kind = get('NetDev', 'Kind');
		const name = get('NetDev', 'Name');
		if (kind?.value !== 'bond' || !name || name.value === '') continue;
		if (bonds.has(name.value)) {
			notes.push({path: file.path, line: name.line, message: `${name.value} is already defined by an earlier .netdev: networkd uses the first`});
			continue;
		}
		const bond: BondConfig = {name: name.value, kind: 'networkd', declaredAt: {path: file.path, line: name.line}, settings: {}, slaves: null, members: [], notes: []};
		if (entries.some((e) => e.section === 'Match')) bond.notes.push('the .netdev has a [Match] section (conditions bondtop does not evaluate)');
		let targets: string[] = [];
		let targetsFrom: IniEntry & {path: string} | null = null;
		for (const e of entries) {
			if (e.section !== 'Bond') continue;
			const setting = bondKeys.get(e.key);
			if (!setting) continue;
			const from = {path: e.path, line: e.line};
			if (e.value === '') {
				// An empty assignment resets the setting (and the ARP target list).
				delete bond.settings[setting];
				if (setting === 'arp_ip_target') targets = [];
				continue;
			}
			const result = normaliseSetting(setting, e.value, 's');
			if ('error' in result) {
				bond.notes.push(`${e.path}:${e.line}: ${e.key}=${e.value}: ${result.error}`);
				continue;
			}
			if (setting === 'arp_ip_target') {
				for (const t of result.value as string[]) if (!targets.includes(t)) targets.push(t);
				targetsFrom = e;
				bond.settings.arp_ip_target = {value: [...targets], raw: targets.join(' '), from: {path: targetsFrom.path, line: targetsFrom.line}};
				continue;
			}
			bond.settings[setting] = {value: result.value, raw: e.value, from};
		}
		bonds.set(bond.name, bond);
	}
	for (const file of networks) {
		const entries = entriesOf(file, notes);
		const bondEntry = entries.filter((e) => e.section === 'Network' && e.key === 'Bond').at(-1);
		if (!bondEntry || bondEntry.value === '') continue;
		const names = entries.filter((e) => e.section === 'Match' && e.key === 'Name').flatMap((e) => e.value.split(/\s+/).filter((w) => w !== ''));
		let bond = bonds.get(bondEntry.value);
		if (!bond) {
			bond = {name: bondEntry.value, kind: 'networkd', declaredAt: {path: file.path, line: bondEntry.line}, settings: {}, slaves: null, members: [], notes: [`no .netdev defines ${bondEntry.value}: networkd does not create it`]};
			bonds.set(bond.name, bond);
		}
		const from = {path: bondEntry.path, line: bondEntry.line};
		if (names.length === 0) {
			bond.notes.push(`${file.path} enslaves interfaces matched by something other than Name= (not checked)`);
			continue;
		}
		for (const n of names) {
			if (n.startsWith('!')) continue;
			bond.members.push(hasGlob(n) ? {name: n, pattern: true, from} : {name: n, from});
		}
		const primary = entries.filter((e) => e.section === 'Network' && e.key === 'PrimarySlave').at(-1);
		if (primary && /^(1|yes|y|true|t|on)$/i.test(primary.value)) {
			const literal = names.filter((n) => !hasGlob(n) && !n.startsWith('!'));
			if (literal.length === 1 && !bond.settings.primary) bond.settings.primary = {value: literal[0]!, raw: `PrimarySlave=${primary.value}`, from: {path: primary.path, line: primary.line}};
			else bond.notes.push(`${primary.path}:${primary.line}: PrimarySlave= on a .network matching ${names.join(' ')}: not one name`);
		}
	}
	return {bonds: [...bonds.values()], notes};
}
