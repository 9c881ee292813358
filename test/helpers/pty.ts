/**
 * A command line run in a pseudo-terminal (util-linux `script(1)`), so bondtop's TUI sees a
 * terminal as it does for a user: the bundle's start-up, its frames, its keys. Not a test file.
 */
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {fileURLToPath} from 'node:url';

/** The bundle, as `bondtop` runs it (built by `npm run build`). */
export const bundleBin = fileURLToPath(new URL('../../dist/bondtop.js', import.meta.url));

/** The bundle's command line with `args`, for a pty's shell (each word single-quoted). */
export function bundleCommand(args: readonly string[]): string {
	return [process.execPath, bundleBin, ...args].map((word) => `'${word.replace(/'/g, `'\\''`)}'`).join(' ');
}

export type PtyOptions = {
	/** The environment (default: this process's). */
	env?: NodeJS.ProcessEnv;
	/** The terminal's size, set with stty before the command runs (default: script's own). */
	size?: {columns: number; rows: number};
};

/** script(1)'s arguments for `command` (a shell command line) in a pseudo-terminal of `size`. */
export function ptyArgs(command: string, size?: PtyOptions['size']): string[] {
	return ['-qec', size ? `stty cols ${size.columns} rows ${size.rows}; ${command}` : command, '/dev/null'];
}

/** Starts `command` in a pseudo-terminal; the caller owns the child (its stdin is the terminal's keyboard). */
export function spawnInPty(command: string, options: PtyOptions = {}): ChildProcessWithoutNullStreams {
	return spawn('script', ptyArgs(command, options.size), {stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env});
}

export type PtyRun = {
	/** Everything the terminal showed. */
	out: string;
	/** The exit code; null when it had to be killed (timeout) or died of a signal. */
	code: number | null;
	/** Whether `drawn` appeared (and the keys were sent). */
	drawn: boolean;
};

/**
 * Runs `command` in a pseudo-terminal until the screen shows `drawn` (default: the footer's
 * `q quit`), then types `keys` (default `q`), `holdMs` later, and waits for it to end; killed after
 * `timeoutMs`. The caller asserts on what it returns.
 */
export async function runInPty(
	command: string,
	options: PtyOptions & {drawn?: string; keys?: string; holdMs?: number; timeoutMs?: number} = {},
): Promise<PtyRun> {
	const {drawn: mark = 'q quit', keys = 'q', holdMs = 0, timeoutMs = 20_000} = options;
	const child = spawnInPty(command, options);
	let out = '';
	let drawn = false;
	child.stdout.on('data', (chunk) => {
		out += chunk;
		if (!drawn && out.includes(mark)) {
			drawn = true;
			if (holdMs > 0) setTimeout(() => child.stdin.write(keys), holdMs);
			else child.stdin.write(keys);
		}
	});
	const timer = setTimeout(() => child.kill(), timeoutMs);
	const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
	clearTimeout(timer);
	return {out, code, drawn};
}
