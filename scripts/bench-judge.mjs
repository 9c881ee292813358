// What judging costs per sample in the TUI (history + every rule), on the simulated host. Run: node --import tsx scripts/bench-judge.mjs
import {SimulatedHost} from '../source/demo/simulated-host.ts';
import {judgeSnapshot} from '../source/judge/judge.ts';
import {bondHistories, initialJudgeHistory, nextJudgeHistory} from '../source/judge/history.ts';
for (const [bonds, slaves] of [[1, 2], [3, 4]]) {
	const host = new SimulatedHost({bonds, slavesPerBond: slaves, extraInterfaces: 1}, 0);
	const snaps = Array.from({length: 200}, (_, i) => host.snapshot(i * 1000));
	let state = initialJudgeHistory;
	for (let w = 0; w < 2000; w++) { const s = snaps[w % 200]; state = nextJudgeHistory(state, s); judgeSnapshot(s, {history: bondHistories(state, s)}); }
	const n = 20000;
	const t0 = process.cpuUsage();
	const start = performance.now();
	for (let i = 0; i < n; i++) {
		const s = snaps[i % 200];
		state = nextJudgeHistory(state, s);
		judgeSnapshot(s, {history: bondHistories(state, s)});
	}
	const ms = performance.now() - start;
	const cpu = process.cpuUsage(t0);
	console.log(`${bonds}x${slaves}: ${(ms / n * 1000).toFixed(1)} µs wall, ${((cpu.user + cpu.system) / n).toFixed(1)} µs CPU per sample (history + judge)`);
}
