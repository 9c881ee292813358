/**
 * Every way out of bondtop that is not a normal return: a signal, an uncaught exception or
 * rejection, a closed stdout. Each runs the registered clean-up steps (bring back the links
 * bondtop took down, disarm the watchdog, leave the terminal as it was) before the process ends,
 * and says what happened in one line: never a stack trace unless BONDTOP_DEBUG=1.
 */
import {ShownError, UsageError} from '../errors.js';
import {tError} from '../i18n/i18n.js';
import {sanitizeText} from '../text/sanitize.js';

/** A synchronous clean-up step; may return lines to print on stderr after it (already shown text). */
export type ExitHook = () => string[] | void;

const hooks = new Set<ExitHook>();
let exiting = false;

/** Registers a clean-up step for the emergency exits; returns its removal. */
export function onEmergencyExit(hook: ExitHook): () => void {
	hooks.add(hook);
	return () => hooks.delete(hook);
}

/** Runs (once) and forgets every registered step; what they report is returned, never thrown. */
export function runExitHooks(): string[] {
	const lines: string[] = [];
	const steps = [...hooks].reverse();
	hooks.clear();
	for (const hook of steps) {
		try {
			lines.push(...(hook() ?? []));
		} catch (error) {
			lines.push(tError('message.cleanupFailed', {message: sanitizeText(error instanceof Error ? error.message : String(error))}));
		}
	}
	return lines;
}

/** Whether BONDTOP_DEBUG asks for stack traces. */
export function debugEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
	return env.BONDTOP_DEBUG === '1';
}

/** `bondtop: MESSAGE`, one line, sanitised; with `debug` the stack follows on further lines. */
export function errorText(error: unknown, debug = debugEnabled()): string {
	const message = error instanceof ShownError && error.shown !== undefined ? error.shown : error instanceof Error ? error.message : String(error);
	const firstLine = sanitizeText(message.split('\n')[0] ?? '');
	const stack = debug && error instanceof Error && error.stack ? `\n${error.stack.split('\n').map(sanitizeText).join('\n')}` : '';
	return `bondtop: ${firstLine}${stack}\n`;
}

function writeErr(text: string): void {
	try {
		process.stderr.write(text);
	} catch {
		// stderr is gone too: nothing is left to tell.
	}
}

/** Ends the process now: clean-up, the lines it reported, then `message` (if any), then exit. */
export function exitNow(code: number, message: string | null = null): never {
	if (!exiting) {
		exiting = true;
		const lines = runExitHooks();
		for (const line of lines) writeErr(`${line}\n`);
	}
	if (message !== null) writeErr(message);
	process.exit(code);
}

/** Ends bondtop for an error nobody caught: exit 2 for bad input, else 1; one line. */
export function exitForError(error: unknown): never {
	return exitNow(error instanceof UsageError ? 2 : 1, errorText(error));
}

/** Exit status of a death by `signal`, as a shell reports it. */
export function signalExitCode(signal: NodeJS.Signals): number {
	return 128 + (signal === 'SIGHUP' ? 1 : signal === 'SIGINT' ? 2 : 15);
}

/**
 * Installs the process-wide handlers: uncaught exceptions and rejections end in one line (the
 * clean-up runs first); a closed stdout (EPIPE, `bondtop --json | head -1`) ends quietly with 0.
 */
export function installProcessGuards(): void {
	process.on('uncaughtException', (error) => exitForError(error));
	process.on('unhandledRejection', (reason) => exitForError(reason));
	process.stdout.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code === 'EPIPE') exitNow(0);
		exitForError(error);
	});
	process.stderr.on('error', () => {});
}

/** Handles SIGTERM, SIGHUP and SIGINT by the clean-up, its report, and the signal's exit status. */
export function exitOnSignals(): () => void {
	const handler = (signal: NodeJS.Signals) => exitNow(signalExitCode(signal));
	const signals = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;
	for (const signal of signals) process.on(signal, handler);
	return () => {
		for (const signal of signals) process.off(signal, handler);
	};
}
