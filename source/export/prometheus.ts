/**
 * The Prometheus text format (exposition format 0.0.4) of what bondtop knows, for node_exporter's
 * textfile collector. Pure: snapshot + remembered state in, file text out. The metrics are rows of
 * {@link metricTable} (name, type, help, samples), not branches in a renderer.
 *
 * Naming follows Prometheus' practice: one prefix `bondtop_`, base units (seconds), counters end in
 * `_total`, metadata as `_info` gauges with value 1, and the bond is the label `master` as in
 * node_exporter's own `node_bonding_*` metrics so the two join. Label values come from interface
 * names and the kernel: escaped (backslash, double quote, newline) and cut to
 * {@link maxLabelValueLength}, so no label can grow without bound. No client timestamps.
 */
import {hasActiveSlave} from '../kernel/bonding-status.js';
import type {Bond, BondSlave, LacpPortState, Snapshot} from '../model/types.js';
import type {FindingSeverity, VerdictStatus} from '../judge/types.js';

/** What bondtop remembers of one bond across runs (the state file; see export/state.ts). */
export type BondMemory = {
	/** Changes of the active slave bondtop has seen, across runs. */
	activeSlaveChanges: number;
	/** Epoch seconds of the last change of the active slave to another slave, or null. */
	lastFailoverSeconds: number | null;
};

/** The last drill of a slave, as remembered. */
export type DrillMemory = {
	bond: string;
	slave: string;
	/** Epoch seconds when the slave was taken down. */
	atSeconds: number;
	failoverSeconds: number | null;
	probesSent: number;
	probesLost: number;
};

/** The judge's conclusion about a bond (source/judge/): `bondtop_bond_verdict` and findings by severity; absent when not given. */
export type BondJudgement = {status: VerdictStatus; findings: Record<FindingSeverity, number>};

export type ExportInput = {
	snapshot: Snapshot;
	memory: ReadonlyMap<string, BondMemory>;
	drills: readonly DrillMemory[];
	judgements?: ReadonlyMap<string, BondJudgement>;
	version: string;
};

/** Longest label value written; longer ones are cut (interface names are at most 15 bytes). */
export const maxLabelValueLength = 128;

type Labels = Record<string, string>;
type Sample = {labels: Labels; value: number};
export type MetricSpec = {name: string; type: 'gauge' | 'counter'; help: string; samples(input: ExportInput): Sample[]};

const lacpBits: ReadonlyArray<keyof Omit<LacpPortState, 'raw'>> = ['activity', 'timeout', 'aggregation', 'synchronization', 'collecting', 'distributing', 'defaulted', 'expired'];
const verdictValues: Record<VerdictStatus, number> = {OK: 0, WARNING: 1, CRITICAL: 2, UNKNOWN: 3};

const perBond = (f: (bond: Bond, input: ExportInput) => number | null) => (input: ExportInput): Sample[] =>
	input.snapshot.bonds.flatMap((bond) => {
		const value = f(bond, input);
		return value === null ? [] : [{labels: {master: bond.name}, value}];
	});

const perSlave = (f: (slave: BondSlave, bond: Bond) => number | null) => (input: ExportInput): Sample[] =>
	input.snapshot.bonds.flatMap((bond) =>
		bond.slaves.flatMap((slave) => {
			const value = f(slave, bond);
			return value === null ? [] : [{labels: {master: bond.name, slave: slave.name}, value}];
		}),
	);

/** Whether a slave is the one carrying traffic: the active slave where the mode has one, else the kernel's `active` state. */
function isActive(slave: BondSlave, bond: Bond): boolean {
	return hasActiveSlave(bond.mode) ? bond.activeSlave === slave.name : slave.state === 'active' && slave.miiStatus === 'up';
}

export const metricTable: readonly MetricSpec[] = [
	{name: 'bondtop_build_info', type: 'gauge', help: 'bondtop version that wrote this file; always 1.', samples: (i) => [{labels: {version: i.version}, value: 1}]},
	{
		name: 'bondtop_bond_info',
		type: 'gauge',
		help: 'Bond settings as labels (mode, `unknown` when unreadable; active slave, primary: empty when none); always 1.',
		samples: perBond(() => 1),
	},
	{name: 'bondtop_bond_up', type: 'gauge', help: 'Whether the bond\'s MII status is up (1) or down (0).', samples: perBond((b) => (b.miiStatus === 'up' ? 1 : 0))},
	{name: 'bondtop_bond_slaves', type: 'gauge', help: 'Number of slaves of the bond.', samples: perBond((b) => b.slaves.length)},
	{name: 'bondtop_bond_slaves_up', type: 'gauge', help: 'Number of slaves whose MII status is up.', samples: perBond((b) => b.slaves.filter((s) => s.miiStatus === 'up').length)},
	{name: 'bondtop_bond_active_slave_present', type: 'gauge', help: 'In modes with an active slave: 1 when there is one, 0 when the bond runs without.', samples: perBond((b) => (hasActiveSlave(b.mode) ? (b.activeSlave ? 1 : 0) : null))},
	{name: 'bondtop_bond_on_primary', type: 'gauge', help: 'When a primary is set: 1 when the primary is the active slave, else 0.', samples: perBond((b) => (b.primary ? (b.activeSlave === b.primary ? 1 : 0) : null))},
	{name: 'bondtop_bond_miimon_seconds', type: 'gauge', help: 'MII link monitoring interval (0: off).', samples: perBond((b) => (b.miimonMs === null ? null : b.miimonMs / 1000))},
	{name: 'bondtop_bond_updelay_seconds', type: 'gauge', help: 'Delay before a slave whose link came back is used.', samples: perBond((b) => (b.updelayMs === null ? null : b.updelayMs / 1000))},
	{name: 'bondtop_bond_downdelay_seconds', type: 'gauge', help: 'Delay before a slave whose link went down is disabled.', samples: perBond((b) => (b.downdelayMs === null ? null : b.downdelayMs / 1000))},
	{name: 'bondtop_bond_arp_interval_seconds', type: 'gauge', help: 'ARP link monitoring interval (0: off).', samples: perBond((b) => (b.arpIntervalMs === null ? null : b.arpIntervalMs / 1000))},
	{
		name: 'bondtop_active_slave_changes_total',
		type: 'counter',
		help: 'Changes of the active slave seen by bondtop, counted across runs in its state file.',
		samples: perBond((b, i) => (hasActiveSlave(b.mode) ? (i.memory.get(b.name)?.activeSlaveChanges ?? 0) : null)),
	},
	{
		name: 'bondtop_last_failover_timestamp_seconds',
		type: 'gauge',
		help: 'When the active slave last changed to another slave (Unix time), as far as bondtop knows.',
		samples: perBond((b, i) => i.memory.get(b.name)?.lastFailoverSeconds ?? null),
	},
	{name: 'bondtop_slave_mii_up', type: 'gauge', help: 'Whether the slave\'s MII status is up (1) or not (0; going down/back count as not up).', samples: perSlave((s) => (s.miiStatus === 'up' ? 1 : 0))},
	{name: 'bondtop_slave_active', type: 'gauge', help: 'Whether the slave is the active one (modes with an active slave) or carries traffic (other modes).', samples: perSlave((s, b) => (isActive(s, b) ? 1 : 0))},
	{name: 'bondtop_slave_link_failures_total', type: 'counter', help: 'The kernel\'s link failure count of the slave (starts again when it is enslaved anew).', samples: perSlave((s) => s.linkFailureCount)},
	{name: 'bondtop_slave_speed_bytes_per_second', type: 'gauge', help: 'Link speed of the slave, when known.', samples: perSlave((s) => (s.speedMbps === null || s.speedMbps <= 0 ? null : (s.speedMbps * 1e6) / 8))},
	{name: 'bondtop_lacp_aggregator_id', type: 'gauge', help: '802.3ad: id of the active aggregator.', samples: perBond((b) => b.lacp?.aggregatorId ?? null)},
	{name: 'bondtop_lacp_ports', type: 'gauge', help: '802.3ad: number of ports in the active aggregator.', samples: perBond((b) => b.lacp?.numberOfPorts ?? null)},
	{name: 'bondtop_lacp_partner_info', type: 'gauge', help: '802.3ad: the LACP partner\'s system MAC (00:00:00:00:00:00 when no partner answers); always 1. Needs root.', samples: (i) => i.snapshot.bonds.flatMap((b) => (b.lacp?.partnerMac ? [{labels: {master: b.name, partner_mac: b.lacp.partnerMac}, value: 1}] : []))},
	{name: 'bondtop_slave_lacp_aggregator_id', type: 'gauge', help: '802.3ad: the aggregator the slave belongs to.', samples: perSlave((s, b) => (b.mode === '802.3ad' ? s.aggregatorId : null))},
	{
		name: 'bondtop_slave_lacp_port_state',
		type: 'gauge',
		help: '802.3ad: one bit of the actor\'s or partner\'s port state of the slave (side, bit). Needs root.',
		samples: (i) =>
			i.snapshot.bonds.flatMap((b) =>
				b.slaves.flatMap((s) =>
					(['actor', 'partner'] as const).flatMap((side) => {
						const state = side === 'actor' ? s.actorPortState : s.partnerPortState;
						return state ? lacpBits.map((bit) => ({labels: {master: b.name, slave: s.name, side, bit}, value: state[bit] ? 1 : 0})) : [];
					}),
				),
			),
	},
	{name: 'bondtop_bond_verdict', type: 'gauge', help: 'bondtop\'s verdict on the bond: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.', samples: (i) => [...(i.judgements ?? new Map<string, BondJudgement>()).entries()].map(([bond, j]) => ({labels: {master: bond}, value: verdictValues[j.status]}))},
	{
		name: 'bondtop_bond_findings',
		type: 'gauge',
		help: 'Number of bondtop\'s findings about the bond, by severity.',
		samples: (i) => [...(i.judgements ?? new Map<string, BondJudgement>()).entries()].flatMap(([bond, j]) => (['info', 'warning', 'critical'] as const).map((severity) => ({labels: {master: bond, severity}, value: j.findings[severity]}))),
	},
	{name: 'bondtop_drill_timestamp_seconds', type: 'gauge', help: 'When the last failover drill of the slave took it down (Unix time).', samples: (i) => i.drills.map((d) => ({labels: {master: d.bond, slave: d.slave}, value: d.atSeconds}))},
	{name: 'bondtop_drill_failover_seconds', type: 'gauge', help: 'Failover time measured by the last drill of the slave (absent when no failover was seen).', samples: (i) => i.drills.flatMap((d) => (d.failoverSeconds === null ? [] : [{labels: {master: d.bond, slave: d.slave}, value: d.failoverSeconds}]))},
	{name: 'bondtop_drill_probes_sent', type: 'gauge', help: 'Probes sent during the last drill of the slave.', samples: (i) => i.drills.map((d) => ({labels: {master: d.bond, slave: d.slave}, value: d.probesSent}))},
	{name: 'bondtop_drill_probes_lost', type: 'gauge', help: 'Probes lost during the last drill of the slave.', samples: (i) => i.drills.map((d) => ({labels: {master: d.bond, slave: d.slave}, value: d.probesLost}))},
];

// bondtop_bond_info's labels are more than `master`: filled here so the table stays one row each.
function infoLabels(bond: Bond): Labels {
	return {master: bond.name, mode: bond.mode ?? 'unknown', active_slave: bond.activeSlave ?? '', primary: bond.primary ?? ''};
}

/** A label value as the text format wants it: backslash, double quote and newline escaped; bounded. */
export function escapeLabelValue(value: string): string {
	const cut = [...value].slice(0, maxLabelValueLength).join('');
	return cut.replace(/[\\"\n]/g, (c) => (c === '\\' ? '\\\\' : c === '"' ? '\\"' : '\\n'));
}

/** HELP text: backslash and newline escaped. */
function escapeHelp(text: string): string {
	return text.replace(/[\\\n]/g, (c) => (c === '\\' ? '\\\\' : '\\n'));
}

function formatValue(value: number): string {
	if (Number.isNaN(value)) return 'NaN';
	if (value === Infinity) return '+Inf';
	if (value === -Infinity) return '-Inf';
	return String(value);
}

/** The whole file: every metric family with its HELP and TYPE, samples grouped under it. */
export function renderMetrics(input: ExportInput): string {
	const lines: string[] = [];
	const bondsByName = new Map(input.snapshot.bonds.map((b) => [b.name, b]));
	for (const metric of metricTable) {
		let samples = metric.samples(input);
		if (metric.name === 'bondtop_bond_info') samples = samples.map((s) => ({...s, labels: infoLabels(bondsByName.get(s.labels.master!)!)}));
		if (samples.length === 0) continue;
		lines.push(`# HELP ${metric.name} ${escapeHelp(metric.help)}`, `# TYPE ${metric.name} ${metric.type}`);
		for (const {labels, value} of samples) {
			const pairs = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`);
			lines.push(`${metric.name}${pairs.length > 0 ? `{${pairs.join(',')}}` : ''} ${formatValue(value)}`);
		}
	}
	return `${lines.join('\n')}\n`;
}
