import assert from 'node:assert/strict';
import {existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {createHostFs} from '../../source/collect/host-fs.js';
import {SnapshotCollector} from '../../source/collect/snapshot.js';
import {emptyMemory, parseMemory, rememberDrill, rememberSnapshot} from '../../source/export/memory.js';
import {escapeLabelValue, maxLabelValueLength, metricTable, renderMetrics, type ExportInput} from '../../source/export/prometheus.js';
import {loadMemory, makeDirectory, saveMemory, writeAtomically} from '../../source/export/state-file.js';
import type {DrillResult} from '../../source/drill/run-drill.js';
import type {Snapshot} from '../../source/model/types.js';
import {cpuMs} from '../helpers/cpu-time.js';

const fixture = (name: string) => new SnapshotCollector({fs: createHostFs(fileURLToPath(new URL(`../fixtures/kernel/${name}`, import.meta.url)))}).collect(1_000);
const input = (snapshot: Snapshot, extra: Partial<ExportInput> = {}): ExportInput => ({snapshot, memory: new Map(), drills: [], version: '1.2.3', ...extra});

/** Parses the text format strictly: HELP, TYPE, then that family's samples; returns name{labels} -> value. */
function parse(text: string): Map<string, number> {
	assert.ok(text.endsWith('\n'));
	const samples = new Map<string, number>();
	const seenFamilies = new Set<string>();
	let family: string | null = null;
	const lines = text.slice(0, -1).split('\n');
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i]!;
		const help = /^# HELP (\w+) .+$/.exec(line);
		if (help) {
			assert.ok(!seenFamilies.has(help[1]!), `family ${help[1]} appears twice`);
			seenFamilies.add(help[1]!);
			family = help[1]!;
			assert.match(lines[++i]!, new RegExp(`^# TYPE ${family} (gauge|counter)$`));
			continue;
		}
		const m = /^(\w+)(\{.*\})? (\S+)$/.exec(line);
		assert.ok(m, `not a sample line: ${line}`);
		assert.equal(m[1], family, `${line} outside its family`);
		assert.equal(samples.has(`${m[1]}${m[2] ?? ''}`), false, `duplicate series ${line}`);
		samples.set(`${m[1]}${m[2] ?? ''}`, Number(m[3]));
	}
	return samples;
}

test('metric names follow Prometheus practice: one prefix, base units, counters end in _total, info gauges', () => {
	for (const metric of metricTable) {
		assert.match(metric.name, /^bondtop_[a-z0-9_]+$/);
		assert.doesNotMatch(metric.name, /_ms$|millis|_mbps$/, 'base units');
		assert.equal(metric.type === 'counter', metric.name.endsWith('_total'), metric.name);
		assert.ok(metric.help.length > 10);
	}
});

test('active-backup from the real kernel: bond info, slaves, MII, active slave, timers in seconds, no timestamps', () => {
	const snapshot = fixture('active-backup');
	const text = renderMetrics(input(snapshot, {memory: new Map([['bond0', {activeSlaveChanges: 3, lastFailoverSeconds: 1795000029.75}]])}));
	const m = parse(text);
	const active = snapshot.bonds[0]!.activeSlave!;
	const other = active === 'eth0' ? 'eth1' : 'eth0';
	assert.equal(m.get(`bondtop_bond_info{master="bond0",mode="active-backup",active_slave="${active}",primary=""}`), 1);
	assert.equal(m.get('bondtop_bond_slaves{master="bond0"}'), 2);
	assert.equal(m.get('bondtop_bond_slaves_up{master="bond0"}'), 2);
	assert.equal(m.get('bondtop_bond_miimon_seconds{master="bond0"}'), 0.1);
	assert.equal(m.get('bondtop_bond_updelay_seconds{master="bond0"}'), 0.2);
	assert.equal(m.get(`bondtop_slave_active{master="bond0",slave="${active}"}`), 1);
	assert.equal(m.get(`bondtop_slave_active{master="bond0",slave="${other}"}`), 0);
	assert.equal(m.get('bondtop_active_slave_changes_total{master="bond0"}'), 3);
	assert.equal(m.get('bondtop_last_failover_timestamp_seconds{master="bond0"}'), 1795000029.75);
	assert.equal(m.get('bondtop_build_info{version="1.2.3"}'), 1);
	assert.equal(m.has('bondtop_bond_on_primary{master="bond0"}'), false, 'no primary: no series');
	assert.equal([...m.keys()].some((k) => k.startsWith('bondtop_bond_verdict')), false, 'no judge: no verdict');
});

test('802.3ad from the real kernel (root): aggregator, partner MAC as info, port state bits per side', () => {
	const snapshot = fixture('802.3ad');
	const m = parse(renderMetrics(input(snapshot)));
	const bond = snapshot.bonds[0]!;
	assert.equal(m.get('bondtop_lacp_aggregator_id{master="bond0"}'), bond.lacp!.aggregatorId);
	assert.equal(m.get(`bondtop_lacp_partner_info{master="bond0",partner_mac="${bond.lacp!.partnerMac}"}`), 1);
	for (const slave of bond.slaves) {
		assert.equal(m.get(`bondtop_slave_lacp_aggregator_id{master="bond0",slave="${slave.name}"}`), slave.aggregatorId);
		for (const bit of ['synchronization', 'collecting', 'distributing']) {
			assert.equal(m.get(`bondtop_slave_lacp_port_state{master="bond0",slave="${slave.name}",side="actor",bit="${bit}"}`), 1, `${slave.name} ${bit}`);
			assert.equal(m.get(`bondtop_slave_lacp_port_state{master="bond0",slave="${slave.name}",side="partner",bit="${bit}"}`), 1);
		}
		assert.equal(m.get(`bondtop_slave_lacp_port_state{master="bond0",slave="${slave.name}",side="actor",bit="defaulted"}`), 0);
	}
	assert.equal(m.has('bondtop_active_slave_changes_total{master="bond0"}'), false, '802.3ad has no active slave');
	const nonroot = parse(renderMetrics(input(fixture('802.3ad-nonroot'))));
	assert.equal([...nonroot.keys()].some((k) => k.startsWith('bondtop_slave_lacp_port_state')), false, 'hidden from non-root: absent, not 0');
});

test('label values from hostile names are escaped and bounded; HELP lines stay one line', () => {
	assert.equal(escapeLabelValue('a"b\\c\nd'), 'a\\"b\\\\c\\nd');
	assert.equal([...escapeLabelValue('é'.repeat(500))].length, maxLabelValueLength);
	const snapshot = fixture('active-backup');
	const evil = 'e"v\\i\nl';
	snapshot.bonds[0]!.slaves[0]!.name = evil;
	snapshot.bonds[0]!.activeSlave = evil;
	const text = renderMetrics(input(snapshot));
	assert.ok(text.includes('bondtop_slave_mii_up{master="bond0",slave="e\\"v\\\\i\\nl"} 1'));
	for (const line of text.split('\n')) assert.doesNotMatch(line, /^l"/, 'no line starts inside a label value');
	parse(text);
});

test('the judge seam: verdict and findings by severity when judgements are given', () => {
	const m = parse(renderMetrics(input(fixture('active-backup'), {judgements: new Map([['bond0', {status: 'WARNING', findings: {info: 1, warning: 2, critical: 0}}]])})));
	assert.equal(m.get('bondtop_bond_verdict{master="bond0"}'), 1);
	assert.equal(m.get('bondtop_bond_findings{master="bond0",severity="warning"}'), 2);
	assert.equal(m.get('bondtop_bond_findings{master="bond0",severity="critical"}'), 0);
});

test('memory: a changed active slave counts once, a failover gets a time, a new bond starts at 0; drills are kept per slave', () => {
	const snapshot = fixture('active-backup');
	const bond = snapshot.bonds[0]!;
	const first = rememberSnapshot(emptyMemory, snapshot, 10_000);
	assert.deepEqual(first.bonds, [{name: 'bond0', activeSlave: bond.activeSlave, activeSlaveChanges: 0, lastFailoverSeconds: null}]);
	assert.deepEqual(rememberSnapshot(first, snapshot, 20_000), first, 'nothing changed');
	const other = bond.activeSlave === 'eth0' ? 'eth1' : 'eth0';
	const moved = rememberSnapshot(first, {...snapshot, bonds: [{...bond, activeSlave: other}]}, 30_000);
	assert.equal(moved.bonds[0]!.activeSlaveChanges, 1);
	assert.equal(moved.bonds[0]!.lastFailoverSeconds, 30);
	const kernelTime = rememberSnapshot(first, {...snapshot, bonds: [{...bond, activeSlave: other}]}, 30_000, () => 25_500);
	assert.equal(kernelTime.bonds[0]!.lastFailoverSeconds, 25.5, 'the kernel log knows when');
	const none = rememberSnapshot(moved, {...snapshot, bonds: [{...bond, activeSlave: null}]}, 40_000);
	assert.equal(none.bonds[0]!.activeSlaveChanges, 2);
	assert.equal(none.bonds[0]!.lastFailoverSeconds, 30, 'losing every slave is a change, not a failover');
	const drill = {bond: 'bond0', slave: 'eth0', downAt: '2026-11-30T10:00:00.000Z', failoverMs: 250, probes: {target: '192.0.2.254', sent: 80, lost: 3, longestGapMs: 300}} as DrillResult;
	const withDrill = rememberDrill(rememberDrill(none, drill), {...drill, failoverMs: 120});
	assert.deepEqual(withDrill.drills, [{bond: 'bond0', slave: 'eth0', atSeconds: Date.parse(drill.downAt) / 1000, failoverSeconds: 0.12, probesSent: 80, probesLost: 3}]);
	const m = parse(renderMetrics(input(snapshot, {drills: withDrill.drills})));
	assert.equal(m.get('bondtop_drill_failover_seconds{master="bond0",slave="eth0"}'), 0.12);
	assert.equal(m.get('bondtop_drill_probes_lost{master="bond0",slave="eth0"}'), 3);
});

test('state file: round trip, junk and damaged files are not trusted, writes are atomic', () => {
	const dir = mkdtempSync(join(tmpdir(), 'bondtop-state-'));
	assert.deepEqual(loadMemory(dir), {memory: emptyMemory, warning: null});
	const memory = rememberSnapshot(emptyMemory, fixture('active-backup'), 1000);
	saveMemory(join(dir, 'sub'), memory);
	assert.deepEqual(loadMemory(join(dir, 'sub')).memory, memory);
	writeFileSync(join(dir, 'state.json'), '{"schema":1,"bonds":[{"name":"bond0","activeSlave":"eth0","activeSlaveChanges":-4}');
	const damaged = loadMemory(dir);
	assert.deepEqual(damaged.memory, emptyMemory);
	assert.match(damaged.warning!, /damaged/);
	assert.ok(existsSync(join(dir, 'state.json.damaged')));
	assert.deepEqual(parseMemory('{"schema":1,"bonds":[{"name":"bond0","activeSlave":"eth0","activeSlaveChanges":-4},{"name":"b","activeSlave":null,"activeSlaveChanges":2}]}')!.bonds, [
		{name: 'b', activeSlave: null, activeSlaveChanges: 2, lastFailoverSeconds: null},
	]);
	assert.equal(parseMemory('[]'), null);
	writeAtomically(dir, 'bondtop.prom', 'x 1\n');
	assert.equal(readFileSync(join(dir, 'bondtop.prom'), 'utf8'), 'x 1\n');
	assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left');
});

test('the state directory is made level by level and gives up where it cannot (node\'s recursive mkdir loops forever under /proc)', () => {
	const dir = mkdtempSync(join(tmpdir(), 'bondtop-mkdir-'));
	makeDirectory(join(dir, 'a/b/c'));
	makeDirectory(join(dir, 'a/b/c'));
	assert.ok(existsSync(join(dir, 'a/b/c')));
	const {ms} = cpuMs(() => assert.throws(() => makeDirectory('/proc/bondtop-no/such'), /ENOENT|EACCES|EROFS/));
	assert.ok(ms < 1000, `${ms} ms of CPU`);
	writeFileSync(join(dir, 'file'), '');
	assert.throws(() => makeDirectory(join(dir, 'file')), /EEXIST/);
});
