/**
 * `bondtop lab`: builds the sandbox of `sandbox.ts` in two fresh network namespaces, pings
 * across it, runs the TUI inside it and removes it again, also on SIGINT, SIGTERM and SIGHUP.
 * Everything that touches the system comes in through {@link LabDeps}, so the tests drive the
 * refusals, the setup failures and the teardown with fakes.
 */
import {execFile, spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import {findIp, type CommandRunner} from '../actions/ip-link.js';
import {shownError, usageError} from '../errors.js';
import {tError} from '../i18n/i18n.js';
import {bondModes, type BondMode} from '../model/types.js';
import {
	LAB_BOND,
	LAB_BOND_ADDRESS,
	LAB_BRIDGE,
	LAB_MAX_SLAVES,
	LAB_PARTNER_BOND,
	LAB_PREFIX_LENGTH,
	LAB_SWITCH_ADDRESS,
	labCommands,
	labDefaults,
	parseLabMode,
	teardownFor,
	type LabPlan,
} from './sandbox.js';

/** A child process as the lab needs it. */
export interface LabChild {
	/** Sends a signal (no-op once it has exited). */
	kill(signal: NodeJS.Signals): void;
	/** Resolves with the exit code (128+n when killed by signal n) once it has exited. */
	exited: Promise<number>;
}

/** The system as `bondtop lab` sees it. */
export interface LabDeps {
	platform: string;
	/** Effective user id, or undefined where there is none (not POSIX). */
	uid(): number | undefined;
	pid: number;
	/** True when the kernel has bonding (loading the module if needed). */
	bondingAvailable(): Promise<boolean>;
	/** iproute2's `ip` as a full path, or null. Busybox's `ip` does not count (it cannot make bonds). */
	findIp(): Promise<string | null>;
	/** iputils' ping as a full path, or null. */
	findPing(): string | null;
	/** Whether stdout is a terminal (the TUI needs one). */
	isTerminal: boolean;
	run: CommandRunner;
	/** Starts a child; `inherit` shares the terminal, `ignore` gives it none. */
	spawn(file: string, args: string[], stdio: 'inherit' | 'ignore'): LabChild;
	/** Calls `handler` on SIGINT, SIGTERM and SIGHUP until the returned function is called. */
	onSignals(handler: (signal: NodeJS.Signals) => void): () => void;
	/** Arguments node itself was started with (a loader in development), passed on to the TUI. */
	execArgv: string[];
	execPath: string;
	write(text: string): void;
	writeError(text: string): void;
}

/** What `bondtop lab` was asked for (flags as given; validated here). */
export interface LabRequest {
	/** Kernel mode name; default active-backup. */
	mode?: string;
	/** Number of slaves; default 2. */
	slaves?: number;
	/** The TUI's refresh interval in milliseconds. */
	intervalMs: number;
	colour: boolean;
	/** The bondtop entry point to run inside the namespace (dist/bondtop.js). */
	bundlePath: string;
}

const signalNumbers: Partial<Record<NodeJS.Signals, number>> = {SIGHUP: 1, SIGINT: 2, SIGTERM: 15, SIGKILL: 9};
const exitCodeOf = (signal: NodeJS.Signals) => 128 + (signalNumbers[signal] ?? 15);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Stops a child: the signal, then SIGKILL after `graceMs`. */
async function stopChild(child: LabChild, signal: NodeJS.Signals, graceMs: number): Promise<void> {
	child.kill(signal);
	let timer: NodeJS.Timeout | undefined;
	const timedOut = await Promise.race([
		child.exited.then(() => false),
		new Promise<boolean>((resolve) => {
			timer = setTimeout(() => resolve(true), graceMs);
		}),
	]);
	clearTimeout(timer);
	if (timedOut) {
		child.kill('SIGKILL');
		await child.exited;
	}
}

function firstLine(text: string): string {
	return text.split('\n')[0]?.trim() ?? '';
}

/** The checks that come before anything is made; each failure is a UsageError (exit 2). */
async function checkHost(request: LabRequest, deps: LabDeps): Promise<{ip: string; mode: BondMode; slaves: number}> {
	const asked = request.mode ?? labDefaults.mode;
	const mode = parseLabMode(asked);
	if (typeof mode === 'object') throw usageError('error.labMode', {modes: bondModes.join(', '), value: JSON.stringify(asked)});
	const slaves = request.slaves ?? labDefaults.slaves;
	if (!Number.isInteger(slaves) || slaves < 1 || slaves > LAB_MAX_SLAVES) throw usageError('error.labSlaves', {max: LAB_MAX_SLAVES, value: String(slaves)});
	if (deps.platform !== 'linux') throw usageError('error.labLinux', {platform: deps.platform});
	if (deps.uid() !== 0) throw usageError('error.labRoot');
	if (!deps.isTerminal) throw usageError('error.labTerminal');
	const ip = await deps.findIp();
	if (!ip) throw usageError('error.labIp');
	if (!(await deps.bondingAvailable())) throw usageError('error.labNoBonding');
	return {ip, mode, slaves};
}

function describe(plan: LabPlan, mode: string, ping: string | null): string {
	const {lab, switch: sw} = plan.namespaces;
	const partner = mode === '802.3ad' ? tError('lab.partnerBond', {bond: LAB_PARTNER_BOND}) : tError('lab.bridge', {bridge: LAB_BRIDGE});
	const traffic = ping ? tError('lab.pinged') : tError('lab.noPing');
	const pull = plan.peers[0] ? `\n${tError('lab.pull', {slave: plan.slaves[0]!, switch: sw, peer: plan.peers[0]})}` : '';
	const made = tError('lab.made', {
		lab,
		bond: LAB_BOND,
		mode,
		slaves: plan.slaves.join(', '),
		address: `${LAB_BOND_ADDRESS}/${LAB_PREFIX_LENGTH}`,
		switch: sw,
		partner,
		peers: plan.peers.join(', '),
		switchAddress: `${LAB_SWITCH_ADDRESS}/${LAB_PREFIX_LENGTH}`,
		traffic,
	});
	return `${made}${pull}\n${tError('lab.quit')}\n`;
}

/**
 * Runs `bondtop lab` to the end; resolves with the exit code. Refusals (not Linux, not root, no
 * iproute2, no bonding, bad flags) reject with a {@link UsageError} before anything is made; a
 * failed setup removes what it made and rejects with a one-line Error.
 */
export async function runLabCommand(request: LabRequest, deps: LabDeps = systemLabDeps()): Promise<number> {
	const {ip, mode, slaves} = await checkHost(request, deps);
	const plan = labCommands({
		name: String(deps.pid),
		mode,
		slaves,
		miimonMs: labDefaults.miimonMs,
		updelayMs: labDefaults.updelayMs,
		downdelayMs: labDefaults.downdelayMs,
	});

	let signal: NodeJS.Signals | null = null;
	let tui: LabChild | null = null;
	let pinger: LabChild | null = null;
	const stopSignals = deps.onSignals((received) => {
		signal ??= received;
		// The TUI restores what it changed on its own signal handler; it may have had the
		// signal from the terminal already, a second one is harmless.
		tui?.kill(received);
	});

	const succeeded: string[][] = [];
	let failure: {argv: string[]; message: string} | null = null;
	let tuiCode = 0;
	try {
		for (const argv of plan.setup) {
			if (signal) break;
			const result = await deps.run(ip, argv);
			if (result.code !== 0) {
				failure = {argv, message: firstLine(result.stderr) || `exit ${result.code}`};
				break;
			}
			succeeded.push(argv);
		}
		if (!failure && !signal) {
			const ping = deps.findPing();
			if (ping) {
				pinger = deps.spawn(ip, ['netns', 'exec', plan.namespaces.switch, ping, '-i', '0.2', '-q', LAB_BOND_ADDRESS], 'ignore');
			}
			deps.write(describe(plan, mode, ping));
			const tuiArgs = [...deps.execArgv, request.bundlePath, '--interval', String(request.intervalMs)];
			if (!request.colour) tuiArgs.push('--no-color');
			tui = deps.spawn(ip, ['netns', 'exec', plan.namespaces.lab, deps.execPath, ...tuiArgs], 'inherit');
			// A signal that came while the TUI was being started.
			if (signal) tui.kill(signal);
			tuiCode = await tui.exited;
		}
	} finally {
		// Processes first: a namespace with a process in it outlives `ip netns del`.
		if (tui) await stopChild(tui, 'SIGTERM', 3000);
		if (pinger) await stopChild(pinger, 'SIGTERM', 2000);
		const removed: string[] = [];
		const notRemoved: string[] = [];
		for (const argv of teardownFor(plan, succeeded)) {
			const result = await deps.run(ip, argv);
			(result.code === 0 ? removed : notRemoved).push(`${argv[2]}${result.code === 0 ? '' : ` (${firstLine(result.stderr) || `exit ${result.code}`})`}`);
		}
		stopSignals();
		if (removed.length > 0) deps.write(`${tError('lab.removed', {names: removed.join(', ')})}\n`);
		if (notRemoved.length > 0) deps.writeError(`${tError('lab.notRemoved', {names: notRemoved.join(', ')})}\n`);
		if (notRemoved.length > 0 && !failure) tuiCode = tuiCode || 1;
	}
	if (failure) {
		const command = `ip ${failure.argv.join(' ')}`;
		if (/unknown device type/i.test(failure.message) && failure.argv.includes('bond')) {
			throw usageError('error.labNoBondingCommand', {command, message: failure.message});
		}
		throw shownError('error.labSetup', {command, message: failure.message});
	}
	if (signal) return exitCodeOf(signal);
	return tuiCode;
}

// --- the real system ---------------------------------------------------------------------------

const runCommand: CommandRunner = (file, args) =>
	new Promise((resolve) => {
		execFile(file, args, {timeout: 15_000}, (error, _stdout, stderr) => {
			const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
			resolve({code, stderr: String(stderr || (error && code !== 0 ? error.message : '')).trim()});
		});
	});

function output(file: string, args: string[]): Promise<{code: number; text: string}> {
	return new Promise((resolve) => {
		execFile(file, args, {timeout: 10_000}, (error, stdout, stderr) => {
			resolve({code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, text: `${stdout}${stderr}`});
		});
	});
}

function spawnChild(file: string, args: string[], stdio: 'inherit' | 'ignore'): LabChild {
	const child = spawn(file, args, {stdio});
	const exited = new Promise<number>((resolve) => {
		child.on('exit', (code, signal) => resolve(code ?? (signal ? exitCodeOf(signal) : 1)));
		child.on('error', () => resolve(127));
	});
	return {
		kill(signal) {
			if (child.exitCode === null && child.signalCode === null) child.kill(signal);
		},
		exited,
	};
}

function writeQuietly(stream: NodeJS.WriteStream, text: string): void {
	if (stream.listenerCount('error') === 0) stream.on('error', () => {});
	try {
		stream.write(text);
	} catch {
		// Nowhere left to say it.
	}
}

/** LabDeps of this process on this machine. */
export function systemLabDeps(): LabDeps {
	return {
		platform: process.platform,
		uid: () => (typeof process.getuid === 'function' ? process.getuid() : undefined),
		pid: process.pid,
		async bondingAvailable() {
			if (existsSync('/sys/class/net/bonding_masters')) return true;
			// max_bonds=0: load the driver without it making a stray bond0 on the host.
			for (const modprobe of ['/usr/sbin/modprobe', '/sbin/modprobe', 'modprobe']) {
				if (modprobe !== 'modprobe' && !existsSync(modprobe)) continue;
				const result = await runCommand(modprobe, ['bonding', 'max_bonds=0']);
				if (result.code === 0) break;
			}
			return existsSync('/sys/class/net/bonding_masters');
		},
		async findIp() {
			const ip = findIp();
			if (ip === 'ip') return null;
			const version = await output(ip, ['-V']);
			return /iproute2/i.test(version.text) ? ip : null;
		},
		findPing() {
			for (const path of ['/usr/bin/ping', '/bin/ping']) if (existsSync(path)) return path;
			return null;
		},
		isTerminal: Boolean(process.stdout.isTTY),
		run: runCommand,
		spawn: spawnChild,
		onSignals(handler) {
			const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
			for (const s of signals) process.on(s, handler);
			return () => {
				for (const s of signals) process.off(s, handler);
			};
		},
		execArgv: process.execArgv,
		execPath: process.execPath,
		// After SIGHUP the terminal may be gone: a failed write must not stop the teardown.
		write: (text) => writeQuietly(process.stdout, text),
		writeError: (text) => writeQuietly(process.stderr, text),
	};
}
