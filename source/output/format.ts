/**
 * Text of the ifconfig-like panels and bond headers, shared by `--once` and the TUI so the two can
 * never disagree. Pure: data in, lines out.
 */
import {hasActiveSlave} from '../kernel/bonding-status.js';
import {modeText, roleLabel, slaveRole} from '../model/roles.js';
import type {Judgement} from '../judge/judge.js';
import type {Finding, VerdictStatus} from '../judge/types.js';
import type {Bond, BondSlave, LacpPortState, NetInterface} from '../model/types.js';
import {decimal, t, type MessageKey} from '../i18n/i18n.js';

const byteUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** `12345` -> `12.1 KiB` (German `12,1 KiB`), as ifconfig prints byte totals. */
export function humanBytes(bytes: number): string {
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < byteUnits.length - 1) {
		value /= 1024;
		unit++;
	}
	return unit === 0 ? `${value} B` : `${decimal(value, 1)} ${byteUnits[unit]}`;
}

/** Dotted mask of an IPv4 prefix length (24 -> 255.255.255.0). */
export function maskOfPrefix(prefixLength: number): string {
	const bits = prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
	return [bits >>> 24, (bits >>> 16) & 255, (bits >>> 8) & 255, bits & 255].join('.');
}

/** Local wall-clock time with milliseconds, for the event log: `14:03:07.123`. */
export function clockTime(ms: number): string {
	const d = new Date(ms);
	const pad = (n: number, w = 2) => String(n).padStart(w, '0');
	return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** An event's time: the clock time today, with the date before it on another day (the kernel log's history). */
export function eventTime(ms: number, nowMs: number): string {
	const d = new Date(ms);
	const n = new Date(nowMs);
	if (d.getFullYear() === n.getFullYear() && d.getMonth() === n.getMonth() && d.getDate() === n.getDate()) return clockTime(ms);
	const pad = (v: number) => String(v).padStart(2, '0');
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clockTime(ms)}`;
}

/** A slave's MII status as shown: `unknown` when the kernel printed none (a cut or foreign file). */
export function miiText(status: BondSlave['miiStatus']): string {
	return status ?? t('word.unknown');
}

function miiLabel(slave: BondSlave): string {
	return slave.miiStatus === 'up' ? '' : ` ${miiText(slave.miiStatus).toUpperCase()}`;
}

/** Word(s) on a slave's own line: its role, plus MII trouble (`ACTIVE GOING DOWN`). */
export function slaveBadge(bond: Bond, slave: BondSlave): string {
	const role = slaveRole(bond, slave);
	const label = roleLabel(role);
	return role === 'down' ? label : `${label}${miiLabel(slave)}`;
}

/** Lines here are raw text: the renderers (plain.ts, the TUI's Line) sanitise each one. */

/** The verdict line: `WARNING  1/2 slaves up, no failover left` (German `WARNUNG  …`). */
export function verdictLine(judgement: Judgement): string {
	return `${verdictWord(judgement.verdict.status)}  ${judgement.verdict.reason}`;
}

/** A verdict's word on screen (OK, WARNING; German WARNUNG, KRITISCH, UNBEKANNT); `check` prints the English one. */
export function verdictWord(status: VerdictStatus): string {
	return t(`verdict.${status}`);
}

/** One finding as a header line: `  ! eth1 is down …  [slave-down]`; info findings get `i`. */
export function findingLine(finding: Finding): string {
	return `  ${finding.severity === 'info' ? 'i' : '!'} ${finding.message}  [${finding.id}]`;
}

export type BondHeaderOptions = {
	simulated?: boolean;
	/** The bond's verdict and findings: the verdict becomes the first line, findings the last. */
	judgement?: Judgement;
	/** Show at most this many findings (the TUI's rows are scarce); the rest as `… N more`. */
	maxFindings?: number;
};

/** The bond header: the verdict, then what the kernel's bonding driver is doing, in a few lines. */
export function bondHeaderLines(bond: Bond, options: BondHeaderOptions = {}): string[] {
	const verdict = options.judgement ? [`${bond.name}: ${verdictLine(options.judgement)}`] : [];
	if (bond.mode === null) return [...verdict, ...unknownBondLines(bond)];
	const mode = modeText(bond.mode);
	const lines: string[] = [];
	lines.push(...verdict);
	// The active slave comes right after the name: on a narrow terminal it is the last thing cut.
	const active = hasActiveSlave(bond.mode) ? (bond.activeSlave ?? t('header.noActive')) : t('header.allUp');
	lines.push(`${bond.name}${options.simulated ? t('header.simulated') : ''}  ${t('header.active', {slave: active})}  ${t('header.mode', {mii: bond.miiStatus, mode: bond.mode, title: mode.title})}`);
	lines.push(`  ${mode.summary} ${capitalise(mode.switchSupport)}; ${t(mode.loadBalancing ? 'header.balancing' : 'header.noBalancing')}.`);
	const timing = [
		bond.miimonMs === null ? t('header.miimonUnknown') : bond.miimonMs > 0 ? t('header.miimon', {ms: bond.miimonMs}) : t('header.miimonOff'),
		t('header.updelay', {value: msText(bond.updelayMs)}),
		t('header.downdelay', {value: msText(bond.downdelayMs)}),
	];
	if (bond.arpIntervalMs === null) timing.push(t('header.arpUnknown'));
	else if (bond.arpIntervalMs > 0) timing.push(t('header.arp', {ms: bond.arpIntervalMs, targets: bond.arpIpTargets.join(', ') || t('header.noTarget')}));
	lines.push(`  ${timing.join('  ')}`);
	const extra: string[] = [];
	if (hasActiveSlave(bond.mode)) {
		extra.push(`${t('header.primary', {slave: bond.primary ?? t('header.noActive')})}${bond.primaryReselect ? t('header.reselect', {policy: bond.primaryReselect}) : ''}`);
		if (bond.mode === 'active-backup') extra.push(`fail_over_mac ${bond.failOverMac}`);
	}
	if (bond.xmitHashPolicy) extra.push(`hash ${bond.xmitHashPolicy}`);
	if (bond.lacp) {
		extra.push(t('header.lacpRate', {rate: bond.lacp.rate ?? '?'}));
		extra.push(t('header.aggregator', {id: bond.lacp.aggregatorId === null ? t('header.aggregatorHidden') : String(bond.lacp.aggregatorId)}));
		if (bond.lacp.numberOfPorts !== null) extra.push(t('header.ports', {count: bond.lacp.numberOfPorts}));
		extra.push(t('header.partner', {mac: bond.lacp.partnerMac ?? t('header.partnerHidden')}));
	}
	extra.push(t('header.slaves', {count: bond.slaves.length}));
	lines.push(`  ${extra.join('  ')}`);
	const findings = options.judgement?.findings ?? [];
	const max = options.maxFindings ?? findings.length;
	for (const finding of findings.slice(0, max)) lines.push(findingLine(finding));
	if (findings.length > max && max > 0) lines.push(t('header.moreFindings', {count: findings.length - max, bond: bond.name}));
	return lines;
}

function msText(ms: number | null): string {
	return ms === null ? t('word.unknown') : t('header.ms', {ms});
}

/**
 * The header of a bond whose status file was not understood: its name, that its mode is unknown,
 * and the slaves listed, with nothing derived from fields that were never read.
 */
function unknownBondLines(bond: Bond): string[] {
	return [t('header.unknownMode', {bond: bond.name}), t('header.unknownSlaves', {count: bond.slaves.length})];
}

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The bond (and its slave entry) an interface belongs to, for the slave lines. */
export type SlaveContext = {bond: Bond; slave: BondSlave};

/** The first line of an interface's panel, in parts so the TUI can colour the badge. */
export function interfaceTitleParts(iface: NetInterface, slaveContext: SlaveContext | null): {name: string; badge: string | null; rest: string} {
	const rest = [t(iface.flags.includes('LOOPBACK') ? 'panel.encapLoopback' : 'panel.encapEthernet')];
	if (iface.macAddress && !iface.flags.includes('LOOPBACK')) rest.push(t('panel.hwaddr', {mac: iface.macAddress}));
	return {name: iface.name, badge: slaveContext ? slaveBadge(slaveContext.bond, slaveContext.slave) : null, rest: rest.join('  ')};
}

/** Classic ifconfig layout of one interface, plus bondtop's bonding lines. */
export function interfaceLines(iface: NetInterface, slaveContext: SlaveContext | null): string[] {
	const title = interfaceTitleParts(iface, slaveContext);
	return [[title.name.padEnd(9), title.badge, title.rest].filter((p) => p !== null).join('  '), ...interfaceBodyLines(iface, slaveContext)];
}

/** Everything below the title line of {@link interfaceLines}. */
export function interfaceBodyLines(iface: NetInterface, slaveContext: SlaveContext | null): string[] {
	const pad = '          ';
	const lines: string[] = [];
	for (const a of iface.ipv4) {
		const bcast = a.broadcast && iface.flags.includes('BROADCAST') ? `  ${t('panel.bcast', {address: a.broadcast})}` : '';
		lines.push(`${pad}${t('panel.inet', {address: a.address})}${bcast}  ${t('panel.mask', {mask: maskOfPrefix(a.prefixLength)})}`);
	}
	for (const a of iface.ipv6) lines.push(`${pad}${t('panel.inet6', {address: a.address, prefix: String(a.prefixLength), scope: scopeText(a.scope)})}`);
	lines.push(`${pad}${iface.flags.join(' ') || t('panel.flagsUnknown')}  ${t('panel.mtu', {mtu: String(iface.mtu ?? '?')})}`);
	const r = iface.rx;
	const tx = iface.tx;
	lines.push(`${pad}RX packets:${r.packets} errors:${r.errors} dropped:${r.dropped} overruns:${r.overruns} frame:${r.frame}`);
	lines.push(`${pad}TX packets:${tx.packets} errors:${tx.errors} dropped:${tx.dropped} overruns:${tx.overruns} carrier:${tx.carrier}`);
	lines.push(`${pad}${t('panel.collisions', {collisions: String(tx.collisions), queue: String(iface.txQueueLen ?? '?')})}`);
	lines.push(`${pad}RX bytes:${r.bytes} (${humanBytes(r.bytes)})  TX bytes:${tx.bytes} (${humanBytes(tx.bytes)})`);
	const link: string[] = [t('panel.driver', {driver: iface.driver ?? t('word.unknown')})];
	const speed = slaveContext?.slave.speedMbps ?? iface.speedMbps ?? null;
	const duplex = slaveContext?.slave.duplex ?? iface.duplex ?? null;
	link.push(t('panel.speed', {speed: speedText(speed)}));
	link.push(t('panel.duplex', {duplex: duplex ?? t('word.unknown')}));
	if (iface.operState) link.push(t('panel.state', {state: iface.operState}));
	lines.push(`${pad}${link.join('  ')}`);
	if (slaveContext) {
		const {bond, slave} = slaveContext;
		const parts = [
			t('panel.slaveOf', {bond: bond.name}),
			`MII:${miiText(slave.miiStatus)}`,
			t('panel.linkFailures', {count: String(slave.linkFailureCount)}),
			t('panel.permHwaddr', {mac: slave.permHwAddr ?? t('word.noAddress')}),
		];
		if (slave.aggregatorId !== null) parts.push(t('panel.aggregator', {id: String(slave.aggregatorId)}));
		lines.push(`${pad}${parts.join('  ')}`);
		const lacp = lacpStateLine(bond, slave, pad);
		if (lacp) lines.push(lacp);
	}
	return lines;
}

const portStateBits: ReadonlyArray<[keyof LacpPortState, string]> = [
	['activity', 'active'],
	['timeout', 'fast'],
	['aggregation', 'agg'],
	['synchronization', 'SYNC'],
	['collecting', 'COLL'],
	['distributing', 'DIST'],
	['defaulted', 'DEFAULTED'],
	['expired', 'EXPIRED'],
];

/** An 802.3ad port state decoded: `63 active fast agg SYNC COLL DIST`. */
export function portStateText(state: LacpPortState): string {
	const set = portStateBits.filter(([bit]) => state[bit]).map(([, word]) => word);
	return `${state.raw}${set.length > 0 ? ` ${set.join(' ')}` : ` ${t('word.noneState')}`}`;
}

/** The LACP line of an 802.3ad slave (actor and partner port states), when either is known. */
export function lacpStateLine(bond: Bond, slave: BondSlave, pad: string): string | null {
	if (bond.mode !== '802.3ad') return null;
	const actor = slave.actorPortState ?? null;
	const partner = slave.partnerPortState ?? null;
	if (!actor && !partner) return null;
	return `${pad}${t('panel.lacp', {actor: actor ? portStateText(actor) : t('word.unknown'), partner: partner ? portStateText(partner) : t('word.unknown')})}`;
}

/** Lines for a slave the kernel lists but that has no interface data (e.g. `--root` with only proc). */
export function bareSlaveLines(bond: Bond, slave: BondSlave): string[] {
	const pad = '          ';
	const lacp = lacpStateLine(bond, slave, pad);
	return [
		`${slave.name.padEnd(9)}  ${slaveBadge(bond, slave)}`,
		`${pad}${t('panel.slaveOf', {bond: bond.name})}  MII:${miiText(slave.miiStatus)}  ${t('panel.linkFailures', {count: String(slave.linkFailureCount)})}  ${t('panel.permHwaddr', {mac: slave.permHwAddr ?? t('word.noAddress')})}`,
		`${pad}${t('panel.speed', {speed: speedText(slave.speedMbps)})}  ${t('panel.duplex', {duplex: slave.duplex ?? t('word.unknown')})}${slave.aggregatorId === null ? '' : `  ${t('panel.aggregator', {id: String(slave.aggregatorId)})}`}`,
		...(lacp ? [lacp] : []),
	];
}

/** A link speed as the panel shows it: `100Mb/s`, or unknown. */
function speedText(speedMbps: number | null | undefined): string {
	return speedMbps === null || speedMbps === undefined ? t('word.unknown') : `${speedMbps}Mb/s`;
}

const scopeKeys: Readonly<Record<string, MessageKey>> = {link: 'panel.scopeLink', global: 'panel.scopeGlobal', host: 'panel.scopeHost', site: 'panel.scopeSite'};

/** An IPv6 scope as ifconfig words it (`Link`; German `Verbindung`), else the kernel's word capitalised. */
function scopeText(scope: string): string {
	const key = scopeKeys[scope.toLowerCase()];
	return key ? t(key) : capitalise(scope);
}
