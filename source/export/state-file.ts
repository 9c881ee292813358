/**
 * Where bondtop keeps its memory between runs, and the file I/O for it and for the textfile:
 * `/var/lib/bondtop/` when running as root and it can be created, else
 * `$XDG_STATE_HOME/bondtop/` (default `~/.local/state/bondtop/`); `--state-dir DIR` sets it.
 * Files are replaced atomically (a temporary file in the same directory, then rename), reads are
 * bounded, and a damaged state file is set aside rather than trusted.
 */
import {closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, statSync, unlinkSync, writeFileSync, constants} from 'node:fs';
import {homedir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {emptyMemory, parseMemory, type Memory} from './memory.js';
import {tError} from '../i18n/i18n.js';

/** The state file is small; anything bigger than this is not ours. */
export const maxStateFileBytes = 256 * 1024;
export const stateFileName = 'state.json';

/**
 * `mkdir -p`, bounded: node's own recursive mkdirSync loops forever on some paths (under /proc it
 * keeps getting ENOENT and retrying). At most 32 levels are created; throws when it cannot.
 */
export function makeDirectory(path: string, mode = 0o755): void {
	const missing: string[] = [];
	let at = resolve(path);
	for (let depth = 0; depth < 32; depth++) {
		try {
			mkdirSync(at, {mode});
			break;
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code === 'EEXIST') {
				if (!statSync(at).isDirectory()) throw error;
				break;
			}
			if (code !== 'ENOENT' || dirname(at) === at) throw error;
			missing.push(at);
			at = dirname(at);
		}
	}
	// Now the parents, nearest to the root first (each once: a failure is final).
	for (const dir of missing.reverse()) {
		try {
			mkdirSync(dir, {mode});
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
	}
}

/** The state directory: --state-dir, else /var/lib/bondtop as root, else the XDG state home. */
export function defaultStateDir(env: NodeJS.ProcessEnv, uid: number | null): string {
	if (uid === 0) {
		try {
			makeDirectory('/var/lib/bondtop');
			return '/var/lib/bondtop';
		} catch {
			// A read-only /var (or no /var/lib): fall through to the XDG place.
		}
	}
	const base = env.XDG_STATE_HOME && env.XDG_STATE_HOME.startsWith('/') ? env.XDG_STATE_HOME : join(env.HOME || homedir(), '.local', 'state');
	return join(base, 'bondtop');
}

/** Reads at most `limit` bytes of a regular file; null when missing, unreadable, not regular, or too big. */
export function readBounded(path: string, limit: number): string | null {
	let fd: number;
	try {
		fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
	} catch {
		return null;
	}
	try {
		const stat = fstatSync(fd);
		if (!stat.isFile() || stat.size > limit) return null;
		const buffer = Buffer.alloc(Math.min(limit, stat.size) + 1);
		let length = 0;
		for (;;) {
			const n = readSync(fd, buffer, length, buffer.length - length, null);
			if (n <= 0) break;
			length += n;
			if (length > limit) return null;
		}
		return buffer.toString('utf8', 0, length);
	} catch {
		return null;
	} finally {
		closeSync(fd);
	}
}

/** Replaces `path` with `text` atomically: a temporary file beside it, then rename. Throws on failure. */
export function writeAtomically(dir: string, name: string, text: string): void {
	// The temporary name does not end in .prom, so node_exporter never reads a half-written file.
	const temporary = join(dir, `.${name}.${process.pid}.tmp`);
	try {
		writeFileSync(temporary, text, {mode: 0o644});
		renameSync(temporary, join(dir, name));
	} catch (error) {
		try {
			unlinkSync(temporary);
		} catch {
			// It was never created.
		}
		throw error;
	}
}

export type LoadedMemory = {memory: Memory; warning: string | null};

/** The remembered state in `dir`, or an empty one (with a warning when a file was there but unusable). */
export function loadMemory(dir: string): LoadedMemory {
	const path = join(dir, stateFileName);
	const text = readBounded(path, maxStateFileBytes);
	if (text === null) return {memory: emptyMemory, warning: null};
	const memory = parseMemory(text);
	if (memory) return {memory, warning: null};
	try {
		renameSync(path, `${path}.damaged`);
	} catch {
		// Could not set it aside: it is overwritten on the next save.
	}
	return {memory: emptyMemory, warning: tError('warning.stateDamaged', {path, name: stateFileName})};
}

/** Saves the state to `dir` (created when missing). Throws on failure. */
export function saveMemory(dir: string, memory: Memory): void {
	makeDirectory(dir);
	writeAtomically(dir, stateFileName, `${JSON.stringify(memory)}\n`);
}
