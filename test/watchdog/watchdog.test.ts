// The watchdog as real processes on this machine: `ip` is a fake on PATH that records its argv,
// so nothing changes here. The harness (harness.ts) plays bondtop with the real modules.
import assert from 'node:assert/strict';
import {spawn, type ChildProcess} from 'node:child_process';
import {chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {bundleCommand, spawnInPty} from '../helpers/pty.js';

const harness = fileURLToPath(new URL('harness.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'bondtop-watchdog-'));
after(() => rmSync(dir, {recursive: true, force: true}));

// The fake ip: records argv, one line per call; `ip -timestamp monitor link` waits like the real one.
writeFileSync(join(dir, 'ip'), `#!/bin/sh\necho "$*" >> "$IP_LOG"\ncase "$1" in -timestamp) exec sleep 987.654 ;; esac\nexit 0\n`);
writeFileSync(join(dir, 'sudo'), '#!/bin/sh\necho "sudo: a password is required" >&2\nexit 1\n');
chmodSync(join(dir, 'ip'), 0o755);
chmodSync(join(dir, 'sudo'), 0o755);

let logs = 0;
function start(scenario: string, env: NodeJS.ProcessEnv = {}) {
	const log = join(dir, `calls-${++logs}`);
	writeFileSync(log, '');
	const child = spawn(process.execPath, ['--import', 'tsx', harness, scenario], {
		stdio: ['ignore', 'pipe', 'pipe'],
		env: {...process.env, PATH: `${dir}:${process.env.PATH}`, IP_LOG: log, ...env},
	});
	let stderr = '';
	child.stderr!.on('data', (chunk) => (stderr += chunk));
	const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
		let out = '';
		child.stdout!.on('data', (chunk) => {
			out += chunk;
			const match = /^ready (.*)$/m.exec(out);
			if (match) resolve(JSON.parse(match[1]!));
		});
		child.on('exit', () => reject(new Error(`harness exited early: ${stderr}`)));
	});
	const calls = () => readFileSync(log, 'utf8').split('\n').filter(Boolean);
	const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
	return {child, ready, calls, exited, stderr: () => stderr, monitor: () => monitorPid(child.pid!)};
}

const alive = (pid: number) => existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));

async function until(what: string, check: () => boolean, timeoutMs: number): Promise<number> {
	const t0 = performance.now();
	while (!check()) {
		if (performance.now() - t0 > timeoutMs) throw new Error(`not within ${timeoutMs} ms: ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	return performance.now() - t0;
}

/** The fake monitor (`sleep 987.654`, exec'd by the fake ip) whose parent is `parent`. */
function monitorPid(parent: number): number | null {
	for (const pid of readdirPids()) {
		try {
			const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
			const ppid = Number(/^PPid:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
			if (cmd[0] === 'sleep' && cmd[1] === '987.654' && ppid === parent) return pid;
		} catch {}
	}
	return null;
}

function readdirPids(): number[] {
	return readdirSync('/proc').filter((p) => /^\d+$/.test(p)).map(Number);
}

function kill(child: ChildProcess, signal: NodeJS.Signals) {
	child.kill(signal);
}

test('kill -9 of bondtop: the watchdog brings the links up within 2 s and ends the ip monitor child', async (t) => {
	const run = start('down');
	const report = await run.ready;
	assert.equal(report.ip, join(dir, 'ip'), 'ip is found on PATH, as a shell would');
	assert.deepEqual(report.down, {ok: true});
	assert.deepEqual(report.dash, {ok: true});
	const watchdog = report.watchdog as number;
	assert.ok(watchdog > 0 && alive(watchdog), 'one watchdog runs');
	const monitor = (run.calls().includes('-timestamp monitor link') && monitorPid(run.child.pid!)) || null;
	assert.ok(monitor !== null && alive(monitor), 'the ip monitor child runs');
	assert.deepEqual(run.calls().filter((c) => c.startsWith('link')), ['link set dev eth0 down', 'link set dev -a down']);
	kill(run.child, 'SIGKILL');
	await run.exited;
	const ms = await until('eth0 and -a brought up by the watchdog', () => run.calls().includes('link set dev eth0 up') && run.calls().includes('link set dev -a up'), 2000);
	await until('the ip monitor child ends', () => !alive(monitor), 2000);
	await until('the watchdog exits', () => !alive(watchdog), 2000);
	assert.ok(ms < 2000, `restored ${Math.round(ms)} ms after the kill`);
	t.diagnostic(`links restored ${Math.round(ms)} ms after kill -9`);
});

test('bondtop dies just after a message: the answer to a dead bondtop does not kill the watchdog (SIGPIPE)', async () => {
	for (let i = 0; i < 3; i++) {
		const run = start('die-after-disarm');
		run.ready.catch(() => {});
		await run.exited;
		await until('eth0 brought up by the watchdog', () => run.calls().includes('link set dev eth0 up'), 2000);
		assert.deepEqual(run.calls().filter((c) => c.startsWith('link')), ['link set dev eth0 down', 'link set dev eth0 up']);
	}
});

test('a bondtop too busy to read the answer in time still gets its one watchdog (no second one started)', async () => {
	const run = start('busy', {HARNESS_TIMEOUT_MS: '200'});
	const report = await run.ready;
	assert.match(String(report.armed), /^watchdog \d+ \(sh\) brings eth0 up if bondtop dies$/);
	const watchdogs = processes((argv) => argv.includes('bondtop-watchdog')).filter((p) => p.ppid === run.child.pid);
	assert.equal(watchdogs.length, 1, `watchdogs of this bondtop: ${watchdogs.map((p) => p.pid).join(' ')}`);
	kill(run.child, 'SIGKILL');
	await run.exited;
});

test('u, then kill -9: the link bondtop brought up itself is never brought up again', async () => {
	const run = start('down-up');
	const report = await run.ready;
	assert.deepEqual(report.up, {ok: true});
	const monitor = run.monitor();
	assert.ok(monitor !== null, 'the ip monitor child runs');
	const watchdog = report.watchdog as number;
	kill(run.child, 'SIGKILL');
	await run.exited;
	await until('the watchdog exits', () => !alive(watchdog), 2000);
	await until('the ip monitor child ends', () => !alive(monitor!), 2000);
	assert.deepEqual(run.calls().filter((c) => c.startsWith('link')), ['link set dev eth0 down', 'link set dev eth0 up']);
});

test('SIGTERM: bondtop restores and disarms itself; the watchdog adds nothing and exits', async () => {
	const run = start('down');
	const report = await run.ready;
	const watchdog = report.watchdog as number;
	const monitor = run.monitor();
	kill(run.child, 'SIGTERM');
	await run.exited;
	await until('the watchdog exits', () => !alive(watchdog), 2000);
	await until('the ip monitor child ends', () => !alive(monitor!), 2000);
	assert.equal(run.stderr(), 'restored eth0 -a\n');
	assert.deepEqual(run.calls().filter((c) => c.startsWith('link')), ['link set dev eth0 down', 'link set dev -a down', 'link set dev eth0 up', 'link set dev -a up']);
});

test('a drill keeps its time limit while bondtop lives (and hangs)', async () => {
	const run = start('drill-limit');
	const report = await run.ready;
	assert.match(String(report.armed), /^watchdog \d+ \(sh\) brings eth0 up if bondtop dies, or after 1 s$/);
	await until('the time limit brings eth0 up', () => run.calls().includes('link set dev eth0 up'), 3000);
	assert.ok(alive(run.child.pid!), 'bondtop still runs');
	const monitor = run.monitor();
	kill(run.child, 'SIGKILL');
	await run.exited;
	await until('the ip monitor child ends', () => !alive(monitor!), 2000);
});

test('when the watchdog cannot start with sudo -n, the link is not taken down and the reason is given', async () => {
	const run = start('down', {HARNESS_PRIVILEGE: 'sudo'});
	const report = await run.ready;
	assert.equal((report.down as {ok: boolean}).ok, false);
	assert.match((report.down as {message: string}).message, /^not taking eth0 down: the watchdog that brings links back if bondtop dies could not start with sudo -n \/bin\/sh/);
	assert.deepEqual(run.calls().filter((c) => c.startsWith('link')), [], 'ip was never run');
	const monitor = run.monitor();
	kill(run.child, 'SIGKILL');
	await run.exited;
	await until('the ip monitor child ends', () => !alive(monitor!), 2000);
});

test('privilege: own as root or with CAP_NET_ADMIN in CapEff, else sudo', async () => {
	const {hasNetAdmin, ipPrivilege} = await import('../../source/watchdog/watchdog.js');
	assert.equal(hasNetAdmin('Name:\tx\nCapEff:\t0000000000001000\n'), true, 'bit 12');
	assert.equal(hasNetAdmin('CapEff:\t0000000000000000\n'), false);
	assert.equal(hasNetAdmin('CapEff:\t000001ffffffffff\n'), true);
	assert.equal(hasNetAdmin(null), false);
	assert.equal(ipPrivilege(true, () => false), 'own');
	assert.equal(ipPrivilege(false, () => true), 'own');
	assert.equal(ipPrivilege(false, () => false), 'sudo');
});

/** Processes whose command line matches, with their parent pid. */
function processes(pred: (argv: string[]) => boolean): Array<{pid: number; ppid: number; argv: string[]}> {
	const out: Array<{pid: number; ppid: number; argv: string[]}> = [];
	for (const pid of readdirPids()) {
		try {
			const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
			const ppid = Number(/^PPid:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
			if (pred(argv)) out.push({pid, ppid, argv});
		} catch {}
	}
	return out;
}

test('the bundle: the live TUI hands its ip monitor child to the watchdog; kill -9 ends both', async (t) => {
	const log = join(dir, 'calls-bundle');
	writeFileSync(log, '');
	const child = spawnInPty(`exec ${bundleCommand([])}`, {
		env: {...process.env, PATH: `${dir}:${process.env.PATH}`, IP_LOG: log, NO_COLOR: '1'},
		size: {columns: 160, rows: 50},
	});
	let out = '';
	child.stdout.on('data', (chunk) => (out += chunk));
	const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
	try {
		await until('the TUI draws its footer', () => out.includes('q quit'), 20_000);
		// script(1) runs the shell that execs bondtop (which names itself: process.title).
		const bondtop = processes((argv) => argv[0] === 'bondtop').find((p) => p.ppid === child.pid)!;
		assert.ok(bondtop, 'the bondtop process');
		// This bondtop's watchdogs: they run the fake ip of this test (other runs on the machine have theirs).
		const ours = (argv: string[]) => argv.includes('bondtop-watchdog') && argv.at(-1) === join(dir, 'ip');
		const watchdog = await (async () => {
			await until('a watchdog', () => processes(ours).length > 0, 5000);
			return processes(ours);
		})();
		assert.equal(watchdog.length, 1, 'one watchdog, running the ip bondtop found on PATH');
		const monitor = processes((argv) => argv[0] === 'sleep' && argv[1] === '987.654').find((p) => p.ppid === bondtop.pid);
		assert.ok(monitor, 'the (fake) ip monitor child of bondtop');
		assert.ok(readFileSync(log, 'utf8').includes('-timestamp monitor link'));
		process.kill(bondtop.pid, 'SIGKILL');
		const ms = await until('the ip monitor child ends', () => !alive(monitor.pid), 2000);
		await until('the watchdog exits', () => !alive(watchdog[0]!.pid), 2000);
		t.diagnostic(`ip monitor child gone ${Math.round(ms)} ms after kill -9 of the bundle`);
	} finally {
		child.kill('SIGKILL');
		await closed;
	}
});
