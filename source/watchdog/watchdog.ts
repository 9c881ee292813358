/**
 * One watchdog process per bondtop (see script.ts for what it does), started lazily and reused:
 * the first `ip monitor` child or the first link taken down starts it, every later one talks to
 * the same process. It runs with the privilege bondtop's `ip` has: its own when bondtop is root or
 * holds CAP_NET_ADMIN, else through `sudo -n` (never prompting). When it cannot be started with
 * that privilege, arming fails with the reason, and the link is not taken down.
 *
 * Messages go down a pipe whose other end only bondtop holds (libuv opens it close-on-exec): when
 * bondtop dies, however, the watchdog reads end-of-file. The watchdog has its own session
 * (detached), so a terminal's hangup or Ctrl-C does not reach it.
 */
import {spawn, type ChildProcessByStdio} from 'node:child_process';
import {readFileSync} from 'node:fs';
import type {Readable, Writable} from 'node:stream';
import {interfaceNameProblem} from '../text/names.js';
import {watchdogScript} from './script.js';
import {t} from '../i18n/i18n.js';

/** How the watchdog runs: with bondtop's own privilege, or through `sudo -n`. */
export type WatchdogPrivilege = 'own' | 'sudo';

/** What arming returned: how the link is covered (for the log and the drill's `deadMan`). */
export type Armed = {description: string; cancel(): void};

/** A process the watchdog ends with bondtop (the `ip monitor` child). */
export type ChildGuard = {watch(pid: number): void; unwatch(pid: number): void};

/** CAP_NET_ADMIN (capability 12) in this process's effective set, from /proc/self/status. */
export function hasNetAdmin(status: string | null = readStatus()): boolean {
	const match = status?.match(/^CapEff:\s*([0-9a-f]+)$/m);
	return match ? (BigInt(`0x${match[1]}`) & (1n << 12n)) !== 0n : false;
}

function readStatus(): string | null {
	try {
		return readFileSync('/proc/self/status', 'utf8');
	} catch {
		return null;
	}
}

/** The privilege bondtop's `ip` has: its own when root or holding CAP_NET_ADMIN, else sudo's. */
export function ipPrivilege(isRoot = typeof process.getuid === 'function' && process.getuid() === 0, netAdmin = hasNetAdmin): WatchdogPrivilege {
	return isRoot || netAdmin() ? 'own' : 'sudo';
}

export type WatchdogOptions = {
	/** The `ip` bondtop runs (findIp), passed on so both run the same program. */
	ip: string;
	/** The shell; /bin/sh. */
	shell?: string;
	/** How long to wait for the watchdog to answer; default 10 s (a Pi 2 under load). */
	answerTimeoutMs?: number;
};

/** One running watchdog process. */
class WatchdogProcess {
	private readonly waiting: Array<{expect: string; resolve(ok: boolean): void; timer: NodeJS.Timeout}> = [];
	private buffered = '';
	alive = true;
	readonly pid: number;

	constructor(
		private readonly child: ChildProcessByStdio<Writable, Readable, null>,
		readonly privilege: WatchdogPrivilege,
		private readonly timeoutMs: number,
		onGone: () => void,
	) {
		this.pid = child.pid ?? 0;
		child.stdout.setEncoding('utf8');
		child.stdout.on('data', (chunk: string) => {
			const lines = (this.buffered + chunk).split('\n');
			this.buffered = lines.pop() ?? '';
			for (const line of lines) this.answer(line);
		});
		const gone = () => {
			if (!this.alive) return;
			this.alive = false;
			for (const w of this.waiting.splice(0)) {
				clearTimeout(w.timer);
				w.resolve(false);
			}
			onGone();
		};
		child.on('exit', gone);
		child.on('error', gone);
		child.stdin.on('error', gone);
		// The watchdog must not keep bondtop alive, nor be waited for.
		child.unref();
		(child.stdout as Readable & {unref?(): void}).unref?.();
		(child.stdin as Writable & {unref?(): void}).unref?.();
	}

	private answer(line: string): void {
		const at = this.waiting.findIndex((w) => w.expect === line);
		if (at === -1) return;
		const [w] = this.waiting.splice(at, 1);
		clearTimeout(w!.timer);
		w!.resolve(true);
	}

	/** Waits for `line` from the watchdog; false when it does not come in time or the watchdog is gone. */
	expect(line: string): Promise<boolean> {
		if (!this.alive) return Promise.resolve(false);
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				// A busy bondtop (a first frame under emulation) may not have read an answer that is
				// already in the pipe: the poll phase after this timer phase gets one more look.
				setImmediate(() => {
					const at = this.waiting.findIndex((w) => w.timer === timer);
					if (at === -1) return;
					this.waiting.splice(at, 1);
					resolve(false);
				});
			}, this.timeoutMs);
			// Not unref'd: while an answer is awaited, that wait keeps bondtop running (the pipes do not).
			this.waiting.push({expect: line, resolve, timer});
		});
	}

	/** Gives up on a watchdog that did not answer: its end-of-file makes it exit (restoring nothing it was not given). */
	abandon(): void {
		this.alive = false;
		this.child.stdin.destroy();
		try {
			this.child.kill();
		} catch {
			// Through sudo it is root's: the end-of-file is enough.
		}
	}

	/**
	 * Sends one command. A small write to an empty pipe goes out at once (libuv writes before it
	 * queues), so a disarm sent just before process.exit() still arrives, before the end-of-file.
	 */
	send(line: string): void {
		if (!this.alive) return;
		try {
			this.child.stdin.write(`${line}\n`);
		} catch {
			// Gone: the exit handler says so.
		}
	}
}

/**
 * The one watchdog of this bondtop: started on first use, with the privilege the caller needs,
 * replaced (handing its watched processes over) only when a link must be covered with more
 * privilege than it has.
 */
export class WatchdogKeeper implements ChildGuard {
	/** The watchdog being started, if any. */
	private starting: Promise<WatchdogProcess | {error: string}> | null = null;
	/** The watchdog that answered, while it lives: synchronous sends go to it. */
	private running: WatchdogProcess | null = null;
	private readonly watched = new Set<number>();
	private readonly armedNames = new Set<string>();

	constructor(
		private readonly options: WatchdogOptions,
		private readonly privilege: () => WatchdogPrivilege = () => ipPrivilege(),
	) {}

	/** The pid of the running watchdog, or null (for tests and the log). */
	get pid(): number | null {
		return this.running?.alive ? this.running.pid : null;
	}

	private start(privilege: WatchdogPrivilege): Promise<WatchdogProcess | {error: string}> {
		const shell = this.options.shell ?? '/bin/sh';
		const args = ['-c', watchdogScript, 'bondtop-watchdog', this.options.ip];
		const how = privilege === 'sudo' ? `sudo -n ${shell}` : shell;
		let child: ChildProcessByStdio<Writable, Readable, null>;
		try {
			child =
				privilege === 'sudo'
					? spawn('sudo', ['-n', shell, ...args], {detached: true, stdio: ['pipe', 'pipe', 'ignore']})
					: spawn(shell, args, {detached: true, stdio: ['pipe', 'pipe', 'ignore']});
		} catch (error) {
			return Promise.resolve({error: t('watchdog.couldNotStart', {how, message: (error as Error).message})});
		}
		const started = new WatchdogProcess(child, privilege, this.options.answerTimeoutMs ?? 10_000, () => {
			// A watchdog that died covers nothing any more; the next need starts another.
			if (this.running === started) this.running = null;
		});
		return started.expect('ready').then((ready) => {
			if (!ready) {
				started.abandon();
				const why = privilege === 'sudo' ? t('watchdog.sudoRule') : '';
				return {error: t('watchdog.notStarted', {how, why})};
			}
			for (const pid of this.watched) started.send(`watch ${pid}`);
			return started;
		});
	}

	/** The running watchdog, started (or replaced by one with `privilege`) when needed; one start at a time. */
	private async ensure(privilege: WatchdogPrivilege | null): Promise<WatchdogProcess | {error: string}> {
		while (this.starting) await this.starting;
		const running = this.running;
		if (running?.alive && (privilege === null || running.privilege === privilege)) return running;
		if (running?.alive && this.armedNames.size > 0) return {error: t('watchdog.privilege', {privilege: running.privilege, other: String(privilege)})};
		// Watching a child of bondtop's own needs no more than bondtop's own privilege.
		this.starting = this.start(privilege ?? 'own');
		const started = await this.starting;
		this.starting = null;
		if ('error' in started) return started;
		// A hand-over: the old one exits without touching anything (it covered no link).
		if (running?.alive) running.send('release');
		this.running = started;
		return started;
	}

	/**
	 * Covers `name` before bondtop takes it down: it comes back when bondtop dies, and after
	 * `afterMs` too when that is given. Resolves once the watchdog has it (or with the reason why
	 * it cannot).
	 */
	async arm(name: string, afterMs: number | null): Promise<Armed | {error: string}> {
		const problem = interfaceNameProblem(name);
		if (problem) return {error: t('watchdog.notAName', {problem})};
		const watchdog = await this.ensure(this.privilege());
		if ('error' in watchdog) return watchdog;
		const seconds = afterMs === null ? 0 : Math.max(1, Math.ceil(afterMs / 1000));
		const answered = watchdog.expect(`armed ${name}`);
		watchdog.send(`arm ${name} ${seconds}`);
		if (!(await answered)) return {error: t('watchdog.noAnswer', {pid: String(watchdog.pid), name})};
		this.armedNames.add(name);
		const how = watchdog.privilege === 'sudo' ? 'sudo -n sh' : 'sh';
		return {
			description: `watchdog ${watchdog.pid} (${how}) brings ${name} up if bondtop dies${seconds > 0 ? `, or after ${seconds} s` : ''}`,
			cancel: () => this.disarm(name),
		};
	}

	/** Forgets `name` (bondtop brought it up itself): no restore of it later. Sent synchronously. */
	disarm(name: string): void {
		if (!this.armedNames.delete(name)) return;
		this.running?.send(`disarm ${name}`);
	}

	/** Names covered now. */
	get armed(): string[] {
		return [...this.armedNames];
	}

	watch(pid: number): void {
		this.watched.add(pid);
		void this.ensure(null).then((w) => {
			if (!('error' in w) && this.watched.has(pid)) w.send(`watch ${pid}`);
		});
	}

	unwatch(pid: number): void {
		if (!this.watched.delete(pid)) return;
		this.running?.send(`unwatch ${pid}`);
	}
}
