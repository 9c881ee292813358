// The judge's memory between samples (the TUI's sampler): flapping and how long the primary has
// been passed over, on snapshots of a real lab capture whose counts are edited sample by sample.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';
import {bondHistories, initialJudgeHistory, maxRisesKept, nextJudgeHistory, type JudgeHistoryState} from '../../source/judge/history.js';
import {HistoryStore} from '../../source/model/history.js';
import {initialMonitorState, nextMonitorState} from '../../source/model/monitor.js';
import {parseBondingStatus} from '../../source/kernel/bonding-status.js';
import type {Snapshot} from '../../source/model/types.js';

const text = readFileSync(new URL('../fixtures/kernel/active-backup-arp-primary/proc/net/bonding/bond0', import.meta.url), 'utf8');

function snapshotAt(ms: number, eth0Failures: number, active = 'eth1'): Snapshot {
	const edited = text.replace(/(Slave Interface: eth0[\s\S]*?Link Failure Count: )0/, `$1${eth0Failures}`).replace('Currently Active Slave: eth1', `Currently Active Slave: ${active}`);
	const bond = parseBondingStatus('bond0', edited).bond;
	assert.equal(bond.slaves[0]!.linkFailureCount, eth0Failures);
	return {hostname: 'lab', takenAtMs: ms, bonds: [bond], interfaces: [], warnings: [], simulated: false, limitedByPrivilege: false};
}

test('link failure rises are counted within the window; counts at start and resets are not rises', () => {
	let state: JudgeHistoryState = initialJudgeHistory;
	state = nextJudgeHistory(state, snapshotAt(0, 7)); // 7 failures before bondtop started: not flapping
	assert.equal(bondHistories(state, snapshotAt(0, 7)).get('bond0')!.linkFailures.eth0, 0);
	state = nextJudgeHistory(state, snapshotAt(60_000, 8));
	state = nextJudgeHistory(state, snapshotAt(120_000, 10));
	const now = snapshotAt(120_000, 10);
	assert.equal(bondHistories(state, now).get('bond0')!.linkFailures.eth0, 3);
	// 11 minutes later the first rise has left the 10-minute window.
	const later = snapshotAt(61_000 + 600_000, 10);
	state = nextJudgeHistory(state, later);
	assert.equal(bondHistories(state, later).get('bond0')!.linkFailures.eth0, 2);
	// A reset (driver reload) is not a rise.
	state = nextJudgeHistory(state, snapshotAt(700_000, 0));
	assert.equal(bondHistories(state, snapshotAt(700_000, 0)).get('bond0')!.linkFailures.eth0, 2);
	// Bounded however many failures arrive at once.
	state = nextJudgeHistory(state, snapshotAt(700_001, 100_000));
	assert.equal(state.slaves.get('bond0/eth0')!.rises.length, maxRisesKept);
});

test('the TUI judges with history: flapping appears after the third failure, then the primary passed over', () => {
	const history = new HistoryStore(8);
	let state = nextMonitorState(initialMonitorState, snapshotAt(0, 0), history);
	assert.equal(state.judgements.get('bond0')!.verdict.status, 'OK');
	for (let i = 1; i <= 3; i++) state = nextMonitorState(state, snapshotAt(i * 1000, i), history);
	const flapping = state.judgements.get('bond0')!;
	assert.equal(flapping.verdict.status, 'WARNING');
	assert.deepEqual(flapping.findings.map((f) => [f.id, f.subject]), [['flapping', 'eth0']]);
	// Active eth0 while the primary eth1 is up (reselect better, equal speeds): by policy, after the grace.
	state = nextMonitorState(state, snapshotAt(10_000, 3, 'eth0'), history);
	assert.ok(!state.judgements.get('bond0')!.findings.some((f) => f.id.startsWith('active-not-primary')), 'not within updelay + a tick');
	state = nextMonitorState(state, snapshotAt(15_000, 3, 'eth0'), history);
	const passed = state.judgements.get('bond0')!.findings.find((f) => f.id === 'active-not-primary-by-policy')!;
	assert.match(passed.message, /although eth1 is up for 5 s: primary_reselect is better/);
});
