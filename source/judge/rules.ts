/**
 * The rule table: one entry per finding, as data (id, severity, a test, what it means, where the
 * kernel documents it). The README's findings table is checked against this table by a test.
 * Tests only look at fields that were read: a null speed, a hidden partner MAC, a missing port
 * state or an absent history produce no finding.
 *
 * References name sections of the kernel's Documentation/networking/bonding.rst ("Linux Ethernet
 * Bonding Driver HOWTO"); `§2 miimon` is the miimon entry of section 2, Bonding Driver Options.
 */
import {hasActiveSlave} from '../kernel/bonding-status.js';
import type {Bond, BondMode, BondSlave, LacpPortState, MiiStatus, Snapshot} from '../model/types.js';
import {flapThreshold, type BondHistory, type DeviceInfo, type JudgeContext} from './context.js';
import type {FindingSeverity} from './types.js';
import {t} from '../i18n/i18n.js';

/** What a rule sees: a bond whose mode was read, and the optional extras. */
export type RuleInput = {
	bond: Bond;
	mode: BondMode;
	snapshot: Snapshot | null;
	context: JudgeContext;
	history: BondHistory | null;
	device(name: string): DeviceInfo | null;
};

/** One thing a rule found; `message` is one sentence: what is wrong and what to do. */
export type RuleHit = {subject: string | null; message: string};

export type Rule = {
	/** Stable kebab-case id: a contract (check's --ignore/--warning/--critical take it). */
	id: string;
	severity: FindingSeverity;
	/** A few words for the verdict's reason line (`no failover left`). */
	title: string;
	/** What it means and what to do, for the README's table and `--help`-like listings. */
	meaning: string;
	/** Where it is explained. */
	reference: string;
	test(input: RuleInput): RuleHit[];
};

const rst = 'bonding.rst';

function mii(slave: BondSlave): MiiStatus | null {
	return (slave.miiStatus as MiiStatus | null | undefined) ?? null;
}

function isUp(slave: BondSlave): boolean {
	return mii(slave) === 'up';
}

/** A speed the kernel knew (proc prints `Unknown`, some drivers -1). */
function knownSpeed(slave: BondSlave): number | null {
	return typeof slave.speedMbps === 'number' && slave.speedMbps > 0 ? slave.speedMbps : null;
}

function num(value: unknown): number | null {
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** `eth0 and eth1 and eth2`, in the screen's language. */
function andList(names: readonly string[]): string {
	return names.reduce((a, b) => t('finding.and', {a, b}));
}

/** Whether the switch behind this 802.3ad bond is silent: all-zero partner MAC or defaulted/expired partner states. */
export function lacpPartnerSilent(bond: Bond): boolean {
	return silentPartnerReasons(bond).length > 0;
}

function silentPartnerReasons(bond: Bond): string[] {
	const reasons: string[] = [];
	if (bond.lacp?.partnerMac && /^0{1,2}(:0{1,2}){5}$/.test(bond.lacp.partnerMac)) reasons.push(t('finding.lacpZeroMac'));
	// DEFAULTED in a port's own (actor) state: it received no LACPDU and runs on default partner
	// values (the kernel clears the bit when a LACPDU arrives); EXPIRED: the partner's timed out.
	// The same bits in the partner's state: the partner does not hear us.
	for (const slave of bond.slaves) {
		if (!isUp(slave)) continue;
		const actor = slave.actorPortState as LacpPortState | null | undefined;
		const partner = slave.partnerPortState as LacpPortState | null | undefined;
		if (actor?.defaulted) reasons.push(t('finding.lacpNoLacpdu', {slave: slave.name}));
		else if (actor?.expired) reasons.push(t('finding.lacpTimedOut', {slave: slave.name}));
		else if (partner?.defaulted) reasons.push(t('finding.lacpPartnerDefaulted', {slave: slave.name}));
		else if (partner?.expired) reasons.push(t('finding.lacpPartnerExpired', {slave: slave.name}));
	}
	return reasons;
}

function speedList(slaves: BondSlave[]): string {
	return slaves.map((s) => `${s.name} ${knownSpeed(s)} Mb/s`).join(', ');
}

const lacpModes: readonly BondMode[] = ['802.3ad'];

export const rules: readonly Rule[] = [
	{
		id: 'no-slaves',
		severity: 'critical',
		title: 'no slaves',
		meaning: 'The bond has no slaves, so it carries nothing. Enslave the interfaces the configuration names.',
		reference: `${rst} §3 Configuring Bonding Devices`,
		test: ({bond}) => (bond.slaves.length === 0 ? [{subject: null, message: t('finding.noSlaves', {bond: bond.name})}] : []),
	},
	{
		id: 'bond-admin-down',
		severity: 'critical',
		title: 'bond administratively down',
		meaning: 'The bond interface itself is down (`ip link set BOND down`, ifdown, or never brought up): it carries nothing, whatever its slaves show, and the driver stops monitoring them. Bring it up.',
		reference: `${rst} §3 Configuring Bonding Devices`,
		test: ({bond, snapshot}) => {
			const own = snapshot?.interfaces.find((i) => i.name === bond.name);
			// Flags unknown (empty: not readable) is not "down".
			return own && own.flags.length > 0 && !own.flags.includes('UP') ? [{subject: null, message: t('finding.bondAdminDown', {bond: bond.name})}] : [];
		},
	},
	{
		id: 'no-slave-up',
		severity: 'critical',
		title: 'no slave up',
		meaning: 'Every slave is down: the bond has no link. Check cables, switch ports and the slaves\' drivers.',
		reference: `${rst} §7 Link Monitoring`,
		test: ({bond}) =>
			bond.slaves.length > 0 && bond.slaves.every((s) => mii(s) !== null && !isUp(s))
				? [{subject: null, message: t('finding.noSlaveUp', {bond: bond.name, states: bond.slaves.map((s) => `${s.name} ${mii(s)}`).join(', ')})}]
				: [],
	},
	{
		id: 'bond-mii-down',
		severity: 'critical',
		title: 'bond MII down',
		meaning: 'The bond itself reports MII status down (no usable slave, or fewer than min_links in 802.3ad).',
		reference: `${rst} §2 min_links; §7 Link Monitoring`,
		test: ({bond}) =>
			bond.slaves.length > 0 && bond.miiStatus === 'down' && bond.slaves.some(isUp)
				? [{subject: null, message: t('finding.bondMiiDown', {bond: bond.name})}]
				: [],
	},
	{
		id: 'slave-down',
		severity: 'warning',
		title: 'slave down',
		meaning: 'A slave is down or between states (going down, going back): the bond runs with less redundancy. Check that slave\'s link.',
		reference: `${rst} §7 Link Monitoring; §13.1 Link Establishment and Failover Delays`,
		test: ({bond}) => {
			if (bond.slaves.length > 0 && bond.slaves.every((s) => !isUp(s))) return []; // no-slave-up says it
			const up = bond.slaves.filter(isUp).length;
			return bond.slaves
				.filter((s) => mii(s) !== null && !isUp(s))
				.map((s) => ({
					subject: s.name,
					message:
						mii(s) === 'going back'
							? t('finding.slaveGoingBack', {slave: s.name, updelay: String(bond.updelayMs), bond: bond.name, up, total: bond.slaves.length})
							: t('finding.slaveDown', {slave: s.name, mii: String(mii(s)), failures: s.linkFailureCount, bond: bond.name, up, total: bond.slaves.length}),
				}));
		},
	},
	{
		id: 'single-slave',
		severity: 'warning',
		title: 'single slave, no failover possible',
		meaning: 'A bond with one slave cannot fail over. Add a second slave (e.g. `bond-slaves all` matched only one interface).',
		reference: `${rst} §11 Configuring Bonding for High Availability`,
		test: ({bond}) =>
			bond.slaves.length === 1 ? [{subject: bond.slaves[0]!.name, message: t('finding.singleSlave', {bond: bond.name, slave: bond.slaves[0]!.name})}] : [],
	},
	{
		id: 'no-link-monitoring',
		severity: 'warning',
		title: 'no link monitoring',
		meaning: 'miimon is 0 and there is no ARP monitor: the driver never notices a dead link, so it never fails over. Set miimon (100 is a good start).',
		reference: `${rst} §2 Bonding Driver Options (miimon, arp_interval); §7 Link Monitoring`,
		test: ({bond}) => {
			const miimon = num(bond.miimonMs);
			const arp = num(bond.arpIntervalMs);
			return miimon === 0 && arp === 0
				? [{subject: null, message: t('finding.noLinkMonitoring', {bond: bond.name})}]
				: [];
		},
	},
	{
		id: 'delay-not-multiple-of-miimon',
		severity: 'warning',
		title: 'up/down delay not a multiple of miimon',
		meaning: 'updelay/downdelay are counted in miimon ticks: the kernel rounds a value that is not a multiple of miimon down (150 with miimon 100 runs as 100). Use a multiple.',
		reference: `${rst} §2 updelay, downdelay`,
		test: ({bond, context}) => {
			const hits: Array<{subject: string | null; message: string}> = [];
			const configured = context.configured?.get(bond.name);
			const miimon = num(configured?.miimonMs) ?? num(bond.miimonMs);
			if (miimon === null || miimon <= 0) return hits;
			for (const [name, value, running] of [
				['updelay', num(configured?.updelayMs) ?? num(bond.updelayMs), num(bond.updelayMs)],
				['downdelay', num(configured?.downdelayMs) ?? num(bond.downdelayMs), num(bond.downdelayMs)],
			] as const) {
				if (value === null || value % miimon === 0) continue;
				const rounded = Math.floor(value / miimon) * miimon;
				const where = configured?.source ? ` (${configured.source})` : '';
				hits.push({
					subject: null,
					message: t('finding.delayNotMultiple', {bond: bond.name, option: name, value, where, miimon, rounded, running: running !== null && running !== value ? t('finding.delayRunning', {ms: running}) : ''}),
				});
			}
			return hits;
		},
	},
	{
		id: 'arp-monitor-unsupported-mode',
		severity: 'warning',
		title: 'ARP monitor in a mode that needs MII',
		meaning: '802.3ad, balance-tlb and balance-alb need the MII monitor; the ARP monitor does not work there. Use miimon instead of arp_interval.',
		reference: `${rst} §12.1.1 MT Bonding Mode Selection for Single Switch Topology; §12.1.2 MT Link Monitoring for Single Switch Topology`,
		test: ({bond, mode}) =>
			(mode === '802.3ad' || mode === 'balance-tlb' || mode === 'balance-alb') && (num(bond.arpIntervalMs) ?? 0) > 0
				? [{subject: null, message: t('finding.arpUnsupported', {bond: bond.name, mode, ms: String(bond.arpIntervalMs)})}]
				: [],
	},
	{
		id: 'mixed-speeds-no-primary',
		severity: 'warning',
		title: 'slaves of different speeds and no primary',
		meaning: 'In active-backup the slaves run at different speeds and no primary is set: after a failover the bond may stay on the slower slave. Set primary to the faster one.',
		reference: `${rst} §2 primary, primary_reselect`,
		test: ({bond, mode}) => {
			if (mode !== 'active-backup' || bond.primary !== null) return [];
			const known = bond.slaves.filter((s) => knownSpeed(s) !== null);
			const speeds = new Set(known.map(knownSpeed));
			if (speeds.size < 2) return [];
			const fastest = known.reduce((a, b) => (knownSpeed(b)! > knownSpeed(a)! ? b : a));
			return [{subject: null, message: t('finding.mixedSpeedsNoPrimary', {bond: bond.name, speeds: speedList(known), slave: fastest.name})}];
		},
	},
	{
		id: 'primary-slower-than-backup',
		severity: 'warning',
		title: 'primary slower than a backup',
		meaning: 'The primary slave is slower than a backup slave, so the bond prefers the slower link. Make the fastest slave the primary.',
		reference: `${rst} §2 primary`,
		test: ({bond, mode}) => {
			if (mode !== 'active-backup' || bond.primary === null) return [];
			const primary = bond.slaves.find((s) => s.name === bond.primary);
			const primarySpeed = primary ? knownSpeed(primary) : null;
			if (!primary || primarySpeed === null) return [];
			const faster = bond.slaves.filter((s) => s !== primary && (knownSpeed(s) ?? 0) > primarySpeed);
			return faster.length > 0
				? [{subject: primary.name, message: t('finding.primarySlower', {bond: bond.name, slave: primary.name, speed: primarySpeed, speeds: speedList(faster)})}]
				: [];
		},
	},
	{
		id: 'active-not-primary',
		severity: 'warning',
		title: 'active slave is not the primary',
		meaning: 'The primary is up but another slave is active, and primary_reselect (always) says the primary should have taken over. Someone forced active_slave, or the primary is not really usable.',
		reference: `${rst} §2 primary, primary_reselect, active_slave`,
		test: (input) => activeNotPrimary(input, false),
	},
	{
		id: 'active-not-primary-by-policy',
		severity: 'info',
		title: 'active slave is not the primary (by primary_reselect)',
		meaning: 'The primary is up but another slave stays active because primary_reselect is `failure` (or `better` and the primary is not faster). Expected; switch back by hand if you want the primary.',
		reference: `${rst} §2 primary_reselect`,
		test: (input) => activeNotPrimary(input, true),
	},
	{
		id: 'unexpected-active-slave',
		severity: 'warning',
		title: 'unexpected active slave',
		meaning: '`bondtop check --expect-active` named a slave (or `primary`) that is not the active one.',
		reference: `${rst} §2 active_slave, primary`,
		test: ({bond, mode, context}) => {
			const expected = context.options?.expectActive;
			if (!expected || !hasActiveSlave(mode)) return [];
			const want = expected === 'primary' ? bond.primary : expected;
			if (want === null) return [{subject: null, message: t('finding.noPrimaryToExpect', {bond: bond.name, active: bond.activeSlave ?? t('event.none')})}];
			return bond.activeSlave === want ? [] : [{subject: bond.activeSlave, message: t('finding.unexpectedActive', {bond: bond.name, active: bond.activeSlave ?? t('event.none'), expected: want, primary: expected === 'primary' ? t('finding.thePrimary') : ''})}];
		},
	},
	{
		id: 'too-few-slaves-up',
		severity: 'critical',
		title: 'fewer slaves up than required',
		meaning: 'Fewer slaves are up than `bondtop check --min-slaves` requires.',
		reference: `${rst} §2 min_links`,
		test: ({bond, context}) => {
			const min = context.options?.minSlaves;
			if (min === undefined) return [];
			const up = bond.slaves.filter(isUp).length;
			return up < min ? [{subject: null, message: t('finding.tooFewUp', {bond: bond.name, up, min})}] : [];
		},
	},
	{
		id: 'flapping',
		severity: 'warning',
		title: 'slave flapping',
		meaning: `A slave's link failure count rose ${flapThreshold} or more times within the last minutes (seen while bondtop watched): a bad cable, port or driver. Only judged with history (the TUI), never from one sample.`,
		reference: `${rst} §13.1 Link Establishment and Failover Delays (updelay)`,
		test: ({bond, history}) => {
			if (!history) return [];
			const minutes = Math.round(history.windowMs / 60_000);
			return bond.slaves
				.filter((s) => (history.linkFailures[s.name] ?? 0) >= flapThreshold)
				.map((s) => ({
					subject: s.name,
					message: t('finding.flapping', {slave: s.name, count: String(history.linkFailures[s.name]), minutes, failures: s.linkFailureCount}),
				}));
		},
	},
	{
		id: 'lacp-partner-not-speaking',
		severity: 'warning',
		title: 'partner not speaking LACP',
		meaning: 'In 802.3ad the partner MAC is all zeros, or a port state is DEFAULTED/EXPIRED (no LACPDU received): the switch does not speak LACP on these ports, so they do not aggregate. Configure an LACP (802.3ad) port channel on the switch.',
		reference: `${rst} §2 mode (802.3ad prerequisites); §5 Switch Configuration`,
		test: ({bond, mode}) => {
			if (!lacpModes.includes(mode)) return [];
			const reasons = silentPartnerReasons(bond);
			return reasons.length > 0
				? [{subject: null, message: t('finding.lacpSilent', {bond: bond.name, reasons: reasons.join(', ')})}]
				: [];
		},
	},
	{
		id: 'lacp-slave-not-in-aggregator',
		severity: 'warning',
		title: 'slave not in the active aggregator',
		meaning: 'An 802.3ad slave that is up sits in another aggregator than the active one, so it carries no traffic. Usually the switch ports are not in one port channel or the slave differs in speed/duplex.',
		reference: `${rst} §2 ad_select, mode (802.3ad)`,
		test: ({bond, mode}) => {
			if (mode !== '802.3ad' || lacpPartnerSilent(bond)) return [];
			const active = num(bond.lacp?.aggregatorId);
			if (active === null) return [];
			return bond.slaves
				.filter((s) => isUp(s) && num(s.aggregatorId) !== null && s.aggregatorId !== active)
				.map((s) => ({
					subject: s.name,
					message: t('finding.notInAggregator', {slave: s.name, id: String(s.aggregatorId), active}),
				}));
		},
	},
	{
		id: 'lacp-partner-mismatch',
		severity: 'warning',
		title: 'slaves see different LACP partners',
		meaning: 'The 802.3ad slaves report different partner system MACs or keys: they are connected to different switches or port channels and cannot form one aggregator.',
		reference: `${rst} §5 Switch Configuration; §12.2 Maximum Throughput in a Multiple Switch Topology`,
		test: ({bond, mode}) => {
			if (mode !== '802.3ad' || lacpPartnerSilent(bond)) return [];
			const seen = bond.slaves.filter((s) => isUp(s) && (s.partnerMac ?? null) !== null);
			const macs = new Set(seen.map((s) => s.partnerMac));
			const keyed = bond.slaves.filter((s) => isUp(s) && num(s.partnerKey) !== null);
			const keys = new Set(keyed.map((s) => s.partnerKey));
			const parts: string[] = [];
			if (macs.size > 1) parts.push(t('finding.partnerMacs', {list: seen.map((s) => `${s.name} ${s.partnerMac}`).join(', ')}));
			if (keys.size > 1) parts.push(t('finding.partnerKeys', {list: keyed.map((s) => `${s.name} ${s.partnerKey}`).join(', ')}));
			return parts.length > 0 ? [{subject: null, message: t('finding.partnerMismatch', {bond: bond.name, parts: parts.join('; ')})}] : [];
		},
	},
	{
		id: 'lacp-actor-not-distributing',
		severity: 'warning',
		title: 'LACP port not collecting/distributing',
		meaning: 'An 802.3ad slave in the active aggregator is not in SYNC, COLLECTING and DISTRIBUTING: LACP negotiation has not finished for it, so it passes no traffic.',
		reference: `${rst} §2 mode (802.3ad), lacp_rate`,
		test: ({bond, mode}) => {
			if (mode !== '802.3ad' || lacpPartnerSilent(bond)) return [];
			const active = num(bond.lacp?.aggregatorId);
			return bond.slaves
				.filter((s) => {
					const state = s.actorPortState as LacpPortState | null | undefined;
					if (!state || !isUp(s)) return false;
					if (active !== null && num(s.aggregatorId) !== null && s.aggregatorId !== active) return false;
					return !(state.synchronization && state.collecting && state.distributing);
				})
				.map((s) => {
					const state = s.actorPortState!;
					const missing = [!state.synchronization && 'SYNC', !state.collecting && 'COLLECTING', !state.distributing && 'DISTRIBUTING'].filter(Boolean).join(', ');
					return {subject: s.name, message: t('finding.notDistributing', {slave: s.name, state: String(state.raw), missing})};
				});
		},
	},
	{
		id: 'lacp-ports-below-slaves-up',
		severity: 'warning',
		title: 'fewer ports aggregated than slaves up',
		meaning: 'The active 802.3ad aggregator has fewer ports than there are slaves up: some links carry nothing.',
		reference: `${rst} §2 ad_select, min_links`,
		test: ({bond, mode}) => {
			if (mode !== '802.3ad' || lacpPartnerSilent(bond)) return [];
			const ports = num(bond.lacp?.numberOfPorts);
			const up = bond.slaves.filter(isUp).length;
			return ports !== null && ports < up
				? [{subject: null, message: t('finding.portsBelowUp', {bond: bond.name, ports, up})}]
				: [];
		},
	},
	{
		id: 'lacp-mixed-speed-or-half-duplex',
		severity: 'warning',
		title: 'mixed speeds or half duplex in 802.3ad',
		meaning: '802.3ad aggregates only ports of the same speed and full duplex: a slave with another speed or at half duplex ends up in its own aggregator.',
		reference: `${rst} §2 mode (802.3ad: same speed and duplex); §12.1.1`,
		test: ({bond, mode}) => {
			if (mode !== '802.3ad') return [];
			const hits: RuleHit[] = [];
			const known = bond.slaves.filter((s) => isUp(s) && knownSpeed(s) !== null);
			if (new Set(known.map(knownSpeed)).size > 1) hits.push({subject: null, message: t('finding.lacpMixedSpeeds', {bond: bond.name, speeds: speedList(known)})});
			for (const s of bond.slaves) {
				if (isUp(s) && s.duplex === 'half') hits.push({subject: s.name, message: t('finding.halfDuplex', {slave: s.name})});
			}
			return hits;
		},
	},
	{
		id: 'wifi-without-fail-over-mac',
		severity: 'warning',
		title: 'Wi-Fi slave without fail_over_mac active',
		meaning: 'A Wi-Fi interface cannot take the bond\'s MAC address (the access point knows it by its own), so active-backup with a Wi-Fi slave needs fail_over_mac active.',
		reference: `${rst} §2 fail_over_mac`,
		test: ({bond, mode, device}) => {
			if (mode !== 'active-backup' || bond.failOverMac === 'active') return [];
			return bond.slaves
				.filter((s) => device(s.name)?.wireless === true)
				.map((s) => ({subject: s.name, message: t('finding.wifi', {slave: s.name, bond: bond.name, policy: String(bond.failOverMac)})}));
		},
	},
	{
		id: 'duplicate-permanent-mac',
		severity: 'warning',
		title: 'slaves share a permanent MAC',
		meaning: 'Two slaves have the same permanent MAC address and fail_over_mac is none: after one is released, or on the switch during a failover, the two are indistinguishable. Give one another MAC or use fail_over_mac follow.',
		reference: `${rst} §2 fail_over_mac`,
		test: ({bond, mode}) => {
			if (mode !== 'active-backup' || bond.failOverMac !== 'none') return [];
			const byMac = new Map<string, string[]>();
			for (const s of bond.slaves) {
				if (!s.permHwAddr) continue;
				const mac = s.permHwAddr.toLowerCase();
				byMac.set(mac, [...(byMac.get(mac) ?? []), s.name]);
			}
			return [...byMac]
				.filter(([, names]) => names.length > 1)
				.map(([mac, names]) => ({subject: null, message: t('finding.duplicateMac', {names: andList(names), mac})}));
		},
	},
	{
		id: 'slaves-share-usb2-bus',
		severity: 'info',
		title: 'slaves share one USB 2.0 bus',
		meaning: 'Two slaves hang off the same USB 2.0 host controller (on a Raspberry Pi 1-3 even the onboard smsc95xx NIC does): they share its 480 Mbit/s, so load balancing gains no bandwidth, and the controller is a single point of failure.',
		reference: `${rst} §11 Configuring Bonding for High Availability; §12 Configuring Bonding for Maximum Throughput`,
		test: ({bond, device}) => {
			const byBus = new Map<string, string[]>();
			for (const s of bond.slaves) {
				const info = device(s.name);
				if (!info?.usbBus || info.usbBusSpeedMbps === null || info.usbBusSpeedMbps > 480) continue;
				byBus.set(info.usbBus, [...(byBus.get(info.usbBus) ?? []), s.name]);
			}
			return [...byBus]
				.filter(([, names]) => names.length > 1)
				.map(([bus, names]) => ({subject: null, message: t('finding.usbBus', {names: andList(names), bus})}));
		},
	},
];

function activeNotPrimary(input: RuleInput, byPolicy: boolean): RuleHit[] {
	const {bond, mode, history} = input;
	if (!hasActiveSlave(mode) || bond.primary === null || bond.activeSlave === null || bond.activeSlave === bond.primary) return [];
	const primary = bond.slaves.find((s) => s.name === bond.primary);
	const active = bond.slaves.find((s) => s.name === bond.activeSlave);
	if (!primary || !active || !isUp(primary)) return [];
	// With history: only once it lasted longer than updelay plus one miimon tick (the kernel's own
	// switch back takes that long). Without (one-shot), the primary reading `up` means updelay is over.
	if (history) {
		const grace = (num(bond.updelayMs) ?? 0) + (num(bond.miimonMs) ?? 0) + 1000;
		if (history.activeNotPrimaryForMs === null || history.activeNotPrimaryForMs <= grace) return [];
	}
	const reselect = bond.primaryReselect ?? 'always';
	const primarySpeed = knownSpeed(primary);
	const activeSpeed = knownSpeed(active);
	let policyReason: string | null = null;
	if (reselect === 'failure') policyReason = t('finding.policyFailure');
	else if (reselect === 'better' && primarySpeed !== null && activeSpeed !== null && primarySpeed <= activeSpeed) {
		policyReason = t('finding.policyBetter', {speed: primarySpeed, active: active.name, activeSpeed});
	}
	if (byPolicy !== (policyReason !== null)) return [];
	const since = history?.activeNotPrimaryForMs ? t('finding.since', {seconds: Math.round(history.activeNotPrimaryForMs / 1000)}) : '';
	return [
		{
			subject: active.name,
			message: policyReason
				? t('finding.activeNotPrimaryPolicy', {bond: bond.name, active: active.name, primary: primary.name, since, policy: policyReason})
				: t('finding.activeNotPrimary', {bond: bond.name, active: active.name, primary: primary.name, since, reselect}),
		},
	];
}
