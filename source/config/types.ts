/**
 * A bond as its configuration says it should be, whichever tool's files it came from. Every parser
 * in this folder is a pure function of file text producing these types; `collect/config-files.ts`
 * is the only code that reads the files, and `judge/drift.ts` compares the result with the kernel.
 */
import type {BondMode} from '../model/types.js';

/** Which tool's configuration a bond came from. */
export type ConfigSourceKind = 'ifupdown' | 'networkd' | 'netplan' | 'networkmanager' | 'ifcfg' | 'modprobe';

/** Where a value was written: a path as the host sees it (`/etc/network/interfaces`) and a 1-based line (0: no line, e.g. nmcli). */
export type Provenance = {path: string; line: number};

/** The bond settings bondtop compares, named as the kernel's sysfs files are. */
export type BondSettingName =
	| 'mode'
	| 'miimon'
	| 'updelay'
	| 'downdelay'
	| 'primary'
	| 'primary_reselect'
	| 'lacp_rate'
	| 'xmit_hash_policy'
	| 'arp_interval'
	| 'arp_ip_target'
	| 'fail_over_mac';

export const bondSettingNames: readonly BondSettingName[] = [
	'mode',
	'miimon',
	'updelay',
	'downdelay',
	'primary',
	'primary_reselect',
	'lacp_rate',
	'xmit_hash_policy',
	'arp_interval',
	'arp_ip_target',
	'fail_over_mac',
];

/** The normalised value of a setting: a mode name, milliseconds, a list of ARP targets, a name. */
export type SettingValue = BondMode | number | string | string[];

export type ConfiguredSetting = {
	/** Normalised: kernel names (`active-backup`, `fast`, `layer3+4`), times in ms. */
	value: SettingValue;
	/** As written in the file (`1`, `100ms`, `bond-miimon 100`'s `100`). */
	raw: string;
	from: Provenance;
	/** True for a tool's own default that it writes although the file does not say it (netplan's mii-monitor-interval 0). */
	implicit?: boolean;
};

/** Which interfaces the configuration enslaves. */
export type SlaveSpec =
	| {kind: 'list'; names: string[]; from: Provenance}
	/** ifenslave's `bond-slaves all`: every interface whose name contains `eth`. */
	| {kind: 'all'; from: Provenance}
	| {kind: 'none'; from: Provenance};

/** An interface that names the bond as its master from its own configuration (bond-master, Bond=, MASTER=, controller=). */
export type ConfiguredMember = {
	/** An interface name, or for systemd-networkd a `[Match] Name=` pattern (globs allowed). */
	name: string;
	pattern?: boolean;
	from: Provenance;
};

export type BondConfig = {
	name: string;
	kind: ConfigSourceKind;
	/** Where the bond itself is declared (the iface stanza, the .netdev, the netplan key, the keyfile). */
	declaredAt: Provenance;
	settings: Partial<Record<BondSettingName, ConfiguredSetting>>;
	/** The bond's own slave list, or null when it has none (members may still name it). */
	slaves: SlaveSpec | null;
	members: ConfiguredMember[];
	/** Things worth saying about this bond's configuration (a value not understood, a spelling only one tool knows). */
	notes: string[];
};

/** A problem with a configuration file, kept instead of thrown. */
export type ConfigNote = {path: string; line: number; message: string};

/** What a parser returns: the bonds it found and what it could not understand. */
export type ParsedConfig = {bonds: BondConfig[]; notes: ConfigNote[]};

export function settingLabel(value: SettingValue): string {
	return Array.isArray(value) ? (value.length > 0 ? value.join(',') : '(none)') : String(value);
}

/** Which network tools are installed under the root (checked by file presence). */
export type InstalledTools = {
	ifupdown: boolean;
	/** Which ifupdown reads /etc/network/interfaces. */
	ifupdownFlavour: 'ifupdown' | 'ifupdown2' | 'ifupdown-ng';
	/** /sbin/ifenslave or ifenslave's ifupdown hook. */
	ifenslave: boolean;
	networkd: boolean;
	netplan: boolean;
	networkManager: boolean;
	nmcli: boolean;
};

/** Everything bondtop read about the configuration of bonds on a host (collect/config-files.ts). */
export type HostConfig = {
	/** Every bond found, in source order: ifupdown, netplan, systemd-networkd, NetworkManager, ifcfg, modprobe.d. */
	bonds: BondConfig[];
	/** `options bonding` and friends (see modprobe.ts). */
	module: import('./modprobe.js').ModuleConfig;
	/** Where `bonding` is loaded at boot, or null. */
	bondingAtBoot: Provenance | null;
	/** Whether the bonding module is loaded now (sys/module/bonding), null when unknown (a root without sys/). */
	bondingModuleLoaded: boolean | null;
	tools: InstalledTools;
	/** Files read, as host paths. */
	filesRead: string[];
	/** Files that exist but could not be read (NetworkManager keyfiles as non-root), with why. */
	unreadable: Array<{path: string; reason: string}>;
	notes: ConfigNote[];
	/** False when the root has no etc/ at all (a capture without configuration): nothing is judged. */
	hasEtc: boolean;
};
