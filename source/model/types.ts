/**
 * The plain data that flows through bondtop: kernel text -> parser -> these types -> snapshot ->
 * rates/history -> props. The `--json` output (schema 1) is a direct serialisation of
 * {@link JsonSnapshot}, so field names here are a contract: extend, never rename.
 */
import type {Finding, Verdict} from '../judge/types.js';
import type {JsonEvent, JsonFailover} from '../output/json.js';

/** Kernel names of the seven bonding modes, as sysfs and `ip -d link` print them. */
export type BondMode =
	| 'balance-rr'
	| 'active-backup'
	| 'balance-xor'
	| 'broadcast'
	| '802.3ad'
	| 'balance-tlb'
	| 'balance-alb';

export const bondModes: readonly BondMode[] = [
	'balance-rr',
	'active-backup',
	'balance-xor',
	'broadcast',
	'802.3ad',
	'balance-tlb',
	'balance-alb',
];

/** MII status of a slave as the driver prints it. */
export type MiiStatus = 'up' | 'down' | 'going down' | 'going back';

/** 802.3ad information of a bond; fields the reader could not see (no CAP_NET_ADMIN) are null. */
export type LacpInfo = {
	/** `slow` or `fast`. */
	rate: string | null;
	/** The active aggregator's id, null when there is none or it is hidden. */
	aggregatorId: number | null;
	numberOfPorts: number | null;
	actorKey: number | null;
	partnerKey: number | null;
	partnerMac: string | null;
};

/** 802.3ad per-port state bits, decoded from the kernel's port state byte. */
export type LacpPortState = {
	raw: number;
	activity: boolean;
	timeout: boolean;
	aggregation: boolean;
	synchronization: boolean;
	collecting: boolean;
	distributing: boolean;
	defaulted: boolean;
	expired: boolean;
};

export type BondSlave = {
	name: string;
	/** `active`/`backup` from sysfs when readable; in active-backup derived from the active slave. */
	state: 'active' | 'backup' | null;
	/** null: the kernel printed no `MII Status` line for this slave (a cut or foreign file). */
	miiStatus: MiiStatus | null;
	linkFailureCount: number;
	/** Permanent MAC address; null when the kernel printed it empty. */
	permHwAddr: string | null;
	speedMbps: number | null;
	duplex: string | null;
	aggregatorId: number | null;
	/** Extension: 802.3ad actor port state, when visible (root). */
	actorPortState?: LacpPortState | null;
	/** Extension: 802.3ad partner port state, when visible (root, or anyone through rtnetlink). */
	partnerPortState?: LacpPortState | null;
	/** Extension: 802.3ad partner system MAC this slave sees (root: the partner LACPDU details). */
	partnerMac?: string | null;
	/** Extension: 802.3ad partner oper key this slave sees (root). */
	partnerKey?: number | null;
};

export type Bond = {
	name: string;
	/** null when the file read is not a bonding status file (no banner, no or an unknown mode line). */
	mode: BondMode | null;
	activeSlave: string | null;
	primary: string | null;
	/** `always` | `better` | `failure`, null when the kernel did not print it. */
	primaryReselect: string | null;
	/** `none` | `active` | `follow`. */
	failOverMac: string;
	miiStatus: 'up' | 'down';
	/** The timers, in ms; null when unreadable (line missing, or a value out of range). */
	miimonMs: number | null;
	updelayMs: number | null;
	downdelayMs: number | null;
	/** 0 when ARP monitoring is off; null when unreadable. */
	arpIntervalMs: number | null;
	arpIpTargets: string[];
	/** e.g. `layer3+4`, null in modes without a hash policy. */
	xmitHashPolicy: string | null;
	lacp: LacpInfo | null;
	slaves: BondSlave[];
};

export type Ipv4Address = {address: string; prefixLength: number; broadcast: string | null};
export type Ipv6Address = {address: string; prefixLength: number; scope: string};

/** Counters of /proc/net/dev. Byte and packet counters may wrap or reset (driver reload). */
export type RxCounters = {
	bytes: number;
	packets: number;
	errors: number;
	dropped: number;
	overruns: number;
	frame: number;
};

export type TxCounters = {
	bytes: number;
	packets: number;
	errors: number;
	dropped: number;
	overruns: number;
	carrier: number;
	collisions: number;
};

/** One network interface, ifconfig-style. */
export type NetInterface = {
	name: string;
	/** e.g. `UP`, `BROADCAST`, `RUNNING`, `MASTER`, `SLAVE`, `MULTICAST`, `LOOPBACK`. */
	flags: string[];
	mtu: number | null;
	macAddress: string | null;
	/** The bond this interface is enslaved to. */
	master: string | null;
	/** Kernel driver (`smsc95xx`, `r8152`, `virtio_net`, `bonding`, …). */
	driver: string | null;
	ipv4: Ipv4Address[];
	ipv6: Ipv6Address[];
	rx: RxCounters;
	tx: TxCounters;
	txQueueLen: number | null;
	/** Extension: `operstate` from sysfs (`up`, `down`, `lowerlayerdown`, …). */
	operState?: string | null;
	/** Extension: link speed from sysfs, null when unknown. */
	speedMbps?: number | null;
	/** Extension: duplex from sysfs. */
	duplex?: string | null;
	/** Extension: whether the kernel sees a carrier. */
	carrier?: boolean | null;
};

/** Hardware facts about one interface, read from sysfs on the cold path (collect/devices.ts). */
export type DeviceInfo = {
	/** The USB bus (`usb1`) the interface's device hangs off; null when not on USB or unknown. */
	usbBus: string | null;
	/** Speed of that bus's root hub in Mbit/s (480 = USB 2.0), null when unknown. */
	usbBusSpeedMbps: number | null;
	/** A Wi-Fi interface (sysfs `wireless/` or `DEVTYPE=wlan`), null when unknown. */
	wireless: boolean | null;
};

/** A problem met while reading or parsing, kept inside the snapshot instead of thrown. */
export type CollectWarning = {source: string; message: string};

/** Everything bondtop knows at one instant. */
export type Snapshot = {
	hostname: string;
	/** Milliseconds since the epoch when the sample was taken. */
	takenAtMs: number;
	bonds: Bond[];
	interfaces: NetInterface[];
	warnings: CollectWarning[];
	/** True when this host is the `--demo` simulation. */
	simulated: boolean;
	/** True when the reader lacked CAP_NET_ADMIN and the kernel hid root-only lines. */
	limitedByPrivilege: boolean;
	/** Hardware facts per interface name (cold path; not in `--json`), when the source knows them. */
	devices?: ReadonlyMap<string, DeviceInfo>;
	/**
	 * When the kernel's link notifications said each interface's admin state and carrier last
	 * changed (live host following them; not in `--json`): the log stamps an admin or carrier change
	 * with it (model/events.ts).
	 */
	linkChanges?: ReadonlyMap<string, LinkChangeTimes>;
};

/** An interface's admin state (UP) and carrier as the last link notification said, and when each changed (epoch ms, null: not seen change). */
export type LinkChangeTimes = {up: boolean; carrier: boolean; upChangedAtMs: number | null; carrierChangedAtMs: number | null};

/** An interface as printed by `--json`: the snapshot's interface plus current rates. */
export type JsonInterface = NetInterface & {
	rxBytesPerSecond: number | null;
	txBytesPerSecond: number | null;
};

/** A bond as printed by `--json`: the snapshot's bond plus the extensions `verdict` and `findings`. */
export type JsonBond = Bond & {verdict?: Verdict; findings?: Finding[]};

/** Schema 1 of `--json`. */
export type JsonSnapshot = {
	schema: 1;
	hostname: string;
	takenAt: string;
	/** Extension: present and true only for `--demo`. */
	simulated?: true;
	bonds: JsonBond[];
	interfaces: JsonInterface[];
	/** Extension: what could not be read or parsed. */
	warnings?: CollectWarning[];
	/**
	 * Extension: events. `--json`: the bonding driver's kernel log since boot (origin `kernel-log`);
	 * the NDJSON stream: the events since the line before (the first line: the kernel log's too).
	 */
	events?: JsonEvent[];
	/** Extension: per bond with an active slave, the last failover, active since, failovers counted, on primary. */
	failovers?: JsonFailover[];
	/** Extension: where the kernel log came from (`kmsg`, `journal`, `capture`, `none`), and how to see it when it could not be read. */
	kernelLog?: {source: string; note: string | null; records?: number; readMs?: number};
};
