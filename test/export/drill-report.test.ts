import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {drillReport, drillVerdict} from '../../source/export/drill-report.js';
import type {DrillResult} from '../../source/drill/run-drill.js';

const bin = fileURLToPath(new URL('../../dist/bondtop.js', import.meta.url));

test('bondtop drill --report and --log on the simulated bond: a Markdown report and one JSON line with the whole result', () => {
	const dir = mkdtempSync(join(tmpdir(), 'bondtop-drill-'));
	const report = join(dir, 'drill.md');
	const log = join(dir, 'events.ndjson');
	const r = spawnSync(process.execPath, [bin, 'drill', 'eth1', '--demo', '--for', '1', '--json', '--report', report, '--log', log], {encoding: 'utf8', timeout: 30_000});
	assert.equal(r.status, 0, r.stderr);
	const result = JSON.parse(r.stdout) as DrillResult;
	const text = readFileSync(report, 'utf8');
	assert.match(text, /^# Failover drill: `bond0` \/ `eth1` on `demo-pi`\n/);
	assert.match(text, /\*\*Verdict: PASS\*\* — failover in \d+ ms\./);
	assert.ok(text.includes(`| failover time | ${result.failoverMs} ms |`));
	assert.ok(text.includes('| miimon / updelay / downdelay | 100 / 200 / 200 ms |'));
	assert.ok(text.includes('## Timeline') && text.includes('| ms after the pull | what the kernel did |'));
	for (const step of result.timeline) assert.ok(text.includes(`| ${step.ms} |`), step.what);
	const lines = readFileSync(log, 'utf8').trimEnd().split('\n');
	assert.equal(lines.length, 1);
	const line = JSON.parse(lines[0]!);
	assert.equal(line.kind, 'drill');
	assert.equal(line.host, 'demo-pi');
	assert.deepEqual(line.detail, result);
});

test('the report escapes what it did not write: names cannot break a table or a terminal', () => {
	const result = {
		bond: 'bond0',
		slave: 'e|t`h\x1b[2J',
		mode: 'active-backup',
		downAt: '2026-11-30T10:00:00.000Z',
		failoverMs: null,
		newActive: null,
		probes: {target: null, sent: 0, lost: 0, longestGapMs: null},
		restoredAt: '2026-11-30T10:00:03.000Z',
		returnedToPrimaryMs: null,
		activeBefore: 'e|t`h\x1b[2J',
		primary: null,
		timeline: [{ms: 5, what: 'x | y'}],
		deadMan: null,
	} as DrillResult;
	assert.deepEqual(drillVerdict(result), {ok: false, reason: 'no failover was seen'});
	const text = drillReport(result, null, 'host', '1.0');
	assert.ok(!text.includes('\x1b'));
	assert.ok(text.includes('`` e\\|t`h\\x1b[2J ``'));
	assert.ok(text.includes('| 5 | x \\| y |'));
});
