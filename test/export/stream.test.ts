import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {createHostFs} from '../../source/collect/host-fs.js';
import type {KernelLogFollower, KernelLogResult} from '../../source/collect/kernel-log.js';
import {SnapshotCollector} from '../../source/collect/snapshot.js';
import {runStream} from '../../source/export/stream.js';
import {kernelLogEvents, parseKmsgText} from '../../source/history/kernel-log.js';
import type {Snapshot} from '../../source/model/types.js';

const bin = fileURLToPath(new URL('../../dist/bondtop.js', import.meta.url));
const root = fileURLToPath(new URL('../fixtures/kernel/active-backup', import.meta.url));

/** Snapshots of the real active-backup fixture, 1 s apart, with 1000 more bytes each and a failover at the third. */
function scripted(): Snapshot[] {
	const base = new SnapshotCollector({fs: createHostFs(root)}).collect(0);
	const active = base.bonds[0]!.activeSlave!;
	const other = active === 'eth0' ? 'eth1' : 'eth0';
	return [0, 1, 2, 3].map((i) => ({
		...base,
		takenAtMs: 1_795_000_000_000 + i * 1000,
		interfaces: base.interfaces.map((iface) => ({...iface, rx: {...iface.rx, bytes: iface.rx.bytes + i * 1000}})),
		bonds: base.bonds.map((b) => ({...b, activeSlave: i >= 2 ? other : active})),
	}));
}

function collect() {
	const chunks: string[] = [];
	return {
		chunks,
		out: {
			write: (chunk: string) => {
				chunks.push(chunk);
				return true;
			},
			once: () => undefined,
			on: () => undefined,
		},
	};
}

test('the stream: one JSON object a line, real rates over the interval, events since the line before, kernel history first', async () => {
	const snapshots = scripted();
	let at = 0;
	const {chunks, out} = collect();
	const kmsg = parseKmsgText(readFileSync(new URL('../fixtures/kmsg/active-backup.kmsg', import.meta.url), 'utf8'));
	const history = kernelLogEvents(kmsg, {bonds: new Set(['bond0']), bootWallMs: 1_794_999_000_000});
	const polled: string[] = [];
	const kernelLog: KernelLogFollower = {
		initial: Promise.resolve<KernelLogResult>({history, source: 'kmsg', note: null}),
		poll: () => {
			polled.push('poll');
			return [{atMs: snapshots[2]!.takenAtMs - 300, kind: 'active-slave', bond: 'bond0', interfaceName: 'eth1', message: 'kernel: x', severity: 'info', origin: 'kernel-log', from: 'a', to: 'b'}];
		},
		close: () => polled.push('close'),
	};
	const code = await runStream({source: {sample: () => snapshots[Math.min(at++, 3)]!}, intervalMs: 1, out, kernelLog, maxLines: 3});
	assert.equal(code, 0);
	assert.equal(chunks.length, 3);
	const lines = chunks.map((c) => {
		assert.ok(c.endsWith('\n') && !c.slice(0, -1).includes('\n'), 'one line each');
		return JSON.parse(c);
	});
	for (const line of lines) {
		assert.equal(line.schema, 1);
		const eth0 = line.interfaces.find((i: {name: string}) => i.name === 'eth0');
		assert.equal(eth0.rxBytesPerSecond, 1000, 'rate over the 1 s between snapshots');
	}
	assert.equal(lines[0].events.length, history.events.length, 'the first line carries the kernel log');
	assert.ok(lines[0].events.every((e: {origin?: string}) => e.origin === 'kernel-log'));
	assert.deepEqual(
		lines[1].events.map((e: {kind: string; from: string; to: string; origin?: string}) => [e.kind, e.from, e.to, e.origin ?? 'seen']),
		[
			['active-slave', 'a', 'b', 'kernel-log'],
			['active-slave', snapshots[1]!.bonds[0]!.activeSlave, snapshots[2]!.bonds[0]!.activeSlave, 'seen'],
		],
		'the change seen, and what the kernel wrote about it (read only then), in time order',
	);
	assert.deepEqual(polled, ['poll', 'close'], 'the kernel log is read again only after a change, and closed at the end');
	assert.deepEqual(lines[2].events, [], 'nothing new');
	assert.equal(lines[2].failovers[0].failovers, history.failovers.get('bond0')! + 1, "the kernel's failovers plus the one seen");
	assert.equal(lines[2].failovers[0].lastFailover.origin, 'bondtop');
	assert.deepEqual(lines[0].kernelLog, {source: 'kmsg', note: null});
});

test('the stream carries each bond\'s verdict, and with its history it sees a slave flapping', async () => {
	const base = new SnapshotCollector({fs: createHostFs(root)}).collect(0);
	// eth1's link failure count rises at every sample: 3 failures in 3 s.
	const snapshots = [0, 1, 2, 3].map((i) => ({
		...base,
		takenAtMs: 1_795_000_000_000 + i * 1000,
		bonds: base.bonds.map((b) => ({...b, slaves: b.slaves.map((sl) => (sl.name === 'eth1' ? {...sl, linkFailureCount: sl.linkFailureCount + i} : sl))})),
	}));
	let at = 0;
	const {chunks, out} = collect();
	await runStream({source: {sample: () => snapshots[Math.min(at++, 3)]!}, intervalMs: 1, out, kernelLog: null, maxLines: 3});
	const verdicts = chunks.map((c) => JSON.parse(c).bonds[0].verdict);
	assert.deepEqual(verdicts[0], {status: 'OK', reason: '2/2 slaves up, active eth0, failover ready'});
	assert.equal(verdicts[2].status, 'WARNING');
	const findings = JSON.parse(chunks[2]!).bonds[0].findings;
	assert.deepEqual(findings.map((f: {id: string; subject: string}) => [f.id, f.subject]), [['flapping', 'eth1']]);
});

/** Runs the bundle, reads its first line, closes the pipe; resolves with that line, the exit code and stderr. */
async function firstLineThenClose(args: string[]) {
	const child = spawn(process.execPath, [bin, ...args], {stdio: ['ignore', 'pipe', 'pipe']});
	let stderr = '';
	child.stderr.on('data', (d) => (stderr += d));
	const line = await new Promise<string>((resolve) => {
		let text = '';
		child.stdout.on('data', (d) => {
			text += d;
			if (text.includes('\n')) resolve(text.slice(0, text.indexOf('\n')));
		});
	});
	child.stdout.destroy();
	const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
	return {line, code, stderr};
}

test('bondtop watch --json and --json --interval: NDJSON; a closed pipe ends it quietly with 0; --json alone stays one object', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'bondtop-stream-'));
	for (const args of [['watch', '--json', '--demo', '--interval', '50', '--log', join(dir, 'events.ndjson')], ['--json', '--interval', '50', '--demo']]) {
		const {line, code, stderr} = await firstLineThenClose(args);
		assert.equal(JSON.parse(line).schema, 1, args.join(' '));
		assert.equal(code, 0, args.join(' '));
		assert.equal(stderr, '', 'quietly');
	}
	assert.equal(readFileSync(join(dir, 'events.ndjson'), 'utf8'), '', '--log was opened (the demo had no event yet)');
	const once = spawnSync(process.execPath, [bin, '--json', '--demo'], {encoding: 'utf8', timeout: 20_000});
	assert.equal(once.status, 0);
	assert.equal(JSON.parse(once.stdout).schema, 1, 'one object, not lines');
	assert.ok(once.stdout.trimEnd().split('\n').length > 10, 'pretty-printed as before');
	const watchPlain = spawnSync(process.execPath, [bin, 'watch', '--demo'], {encoding: 'utf8', timeout: 20_000});
	assert.equal(watchPlain.status, 2);
	assert.match(watchPlain.stderr, /^bondtop: bondtop watch prints JSON lines: add --json\n$/);
});
