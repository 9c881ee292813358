/**
 * The only door to the file system for the collectors: reads under a root directory (`/` live, or
 * an unpacked sosreport with `--root`). Every method returns null instead of throwing, because a
 * missing or unreadable kernel file is normal (no bonding module, interface gone mid-read, no
 * CAP_NET_ADMIN, an attribute that errors while the link is down).
 *
 * A `--root` tree is a stranger's: it may hold symbolic links to the host's files, FIFOs, device
 * nodes, huge or sparse files and names made to climb out. So, under a root other than `/`:
 * - a path is walked one component at a time with lstat; a symbolic link's target is followed as
 *   if DIR were `/` (an absolute link `/etc/shadow` means DIR/etc/shadow), `..` never climbs
 *   above DIR (a link that tries is refused with a warning), and at most {@link maxLinkHops}
 *   links are followed;
 * - the file opened must be the very inode the walk found (no swap between walk and open);
 * and under every root:
 * - only regular files are read: the file is opened non-blocking and fstat'ed before any read, so
 *   a FIFO or a device (`/dev/zero`) is refused with a warning instead of hanging or growing;
 * - at most {@link maxFileBytes} are read from a file and {@link maxDirEntries} names listed from
 *   a directory, with a warning past that;
 * - directory entries are read as bytes: a name that is not valid UTF-8 comes back with U+FFFD in
 *   it, which {@link interfaceNameProblem} refuses, so it is shown but never acted on.
 * Callers join only names that passed {@link safePathName}.
 */
import nodeFs, {closeSync, constants, fstatSync, lstatSync, openSync, readSync, readlinkSync, type Stats} from 'node:fs';
import {interfaceNameProblem} from '../text/names.js';
import {t} from '../i18n/i18n.js';
import type {CollectWarning} from '../model/types.js';

/** Largest file read, in bytes: /proc/net/dev of a host with thousands of interfaces is well below. */
export const maxFileBytes = 4 * 1024 * 1024;
/** Most names listed from one directory. */
export const maxDirEntries = 4096;
/** Most symbolic links followed while resolving one path (the kernel's own limit is 40). */
export const maxLinkHops = 40;

export type HostFs = {
	/** Root the paths are read under, for messages. */
	readonly root: string;
	/** Text of a regular file (UTF-8, invalid bytes as U+FFFD), or null. */
	readText(path: string): string | null;
	/** Target of a symbolic link, or null. */
	readLink(path: string): string | null;
	listDir(path: string): string[] | null;
	/**
	 * Warnings about refused reads since the last call (each once), then forgets them. The collector
	 * calls it once at the end of every sample; it also ends the sample's cache of resolved directories.
	 */
	takeWarnings(): CollectWarning[];
};

/**
 * Why a name read from the tree (an interface, a bond, a slave) must not be joined into a path, or
 * null when it may. The kernel's own rules (see text/names.ts): a name with `/`, NUL or that is
 * `.`/`..` would point somewhere else, one that is not valid UTF-8 no longer names the file.
 */
export function safePathName(name: string): string | null {
	return interfaceNameProblem(name);
}

const readFlags = constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0);

/** Reads the real file system under `root`. */
export function createHostFs(root: string): HostFs {
	const live = root === '/';
	const rootPrefix = root.endsWith('/') ? root : `${root}/`;
	const pending = new Map<string, CollectWarning>();
	const warn = (path: string, message: string) => {
		if (!pending.has(path)) pending.set(path, {source: `/${path}`, message});
	};
	const chunk = Buffer.allocUnsafe(64 * 1024);
	/**
	 * Directories resolved in the current sample (path -> real components under the root), so that
	 * the thirty files of one interface do not each walk its links again. Cleared by takeWarnings,
	 * which the collector calls at the end of every sample: a tree that changes between samples is
	 * walked afresh, and a file is still only read if it is the inode its own walk found.
	 */
	const dirCache = new Map<string, string[]>();

	/**
	 * Where `path` (relative to the root, `/`-separated) really is, inside the root, or null.
	 * `final`: follow a symbolic link in the last component too (false for readLink).
	 */
	const resolve = (path: string, final: boolean): {full: string; stats: Stats | null} | null => {
		const parts = path.split('/');
		for (const part of parts) {
			if (part === '..' || part === '.' || part.includes('\0')) {
				warn(path, t('fs.dots'));
				return null;
			}
		}
		if (live) return {full: `/${path}`, stats: null};
		// Start from the longest directory prefix resolved earlier in this sample.
		let from = 0;
		let done: string[] = [];
		for (let at = path.lastIndexOf('/'); at > 0; at = path.lastIndexOf('/', at - 1)) {
			const cached = dirCache.get(path.slice(0, at));
			if (cached) {
				from = path.slice(0, at).split('/').length;
				done = [...cached];
				break;
			}
		}
		// The stack holds components still to walk and, after each component of `path` itself, the
		// number of components of `path` walked so far (a marker): when a marker comes up, `done` is
		// where that prefix of `path` really is, whatever links led there.
		const todo: Array<string | number> = [];
		for (let i = parts.length - 1; i >= from; i--) {
			todo.push(i + 1);
			todo.push(parts[i]!);
		}
		let hops = 0;
		let stats: Stats | null = null;
		while (todo.length > 0) {
			const part = todo.pop()!;
			if (typeof part === 'number') {
				if (part < parts.length && stats !== null) dirCache.set(parts.slice(0, part).join('/'), [...done]);
				continue;
			}
			if (part === '' || part === '.') continue;
			if (part === '..') {
				if (done.length === 0) {
					warn(path, t('fs.outOfRoot'));
					return null;
				}
				done.pop();
				stats = null;
				continue;
			}
			const here = rootPrefix + (done.length > 0 ? `${done.join('/')}/${part}` : part);
			try {
				// (A missing file is common, and an exception costs more than the lstat.)
				stats = lstatSync(here, {throwIfNoEntry: false}) ?? null;
			} catch {
				return null;
			}
			if (stats === null) return null;
			const last = !todo.some((t) => typeof t === 'string');
			if (stats.isSymbolicLink() && (final || !last)) {
				if (++hops > maxLinkHops) {
					warn(path, t('fs.linkHops', {max: maxLinkHops}));
					return null;
				}
				let target: string;
				try {
					target = readlinkSync(here);
				} catch {
					return null;
				}
				// An absolute target is read inside the root; a relative one from the link's directory.
				if (target.startsWith('/')) done = [];
				const targetParts = target.split('/');
				for (let i = targetParts.length - 1; i >= 0; i--) todo.push(targetParts[i]!);
				stats = null;
				continue;
			}
			done.push(part);
			if (!last && !stats.isDirectory()) return null;
		}
		return {full: rootPrefix + done.join('/'), stats};
	};

	const readFile = (path: string, full: string, expected: Stats | null): string | null => {
		let fd: number;
		try {
			fd = openSync(full, live ? readFlags : readFlags | constants.O_NOFOLLOW);
		} catch {
			return null;
		}
		try {
			const stats = fstatSync(fd);
			if (!stats.isFile()) {
				warn(path, t('fs.notFile', {kind: kind(stats)}));
				return null;
			}
			if (expected && (expected.ino !== stats.ino || expected.dev !== stats.dev)) {
				warn(path, t('fs.changed'));
				return null;
			}
			if (stats.size > maxFileBytes) {
				warn(path, t('fs.tooBig', {size: stats.size, max: maxFileBytes}));
				return null;
			}
			// proc and sysfs files report a size of 0 or 4096 whatever they hold: read to the end.
			const parts: Buffer[] = [];
			let total = 0;
			for (;;) {
				const n = readSync(fd, chunk, 0, chunk.length, null);
				if (n === 0) break;
				total += n;
				if (total > maxFileBytes) {
					warn(path, t('fs.grew', {max: maxFileBytes}));
					return null;
				}
				parts.push(Buffer.from(chunk.subarray(0, n)));
			}
			return parts.length === 1 ? parts[0]!.toString('utf8') : Buffer.concat(parts, total).toString('utf8');
		} catch {
			return null;
		} finally {
			closeSync(fd);
		}
	};

	return {
		root,
		readText(path) {
			const where = resolve(path, true);
			if (!where) return null;
			if (where.stats && !where.stats.isFile()) {
				warn(path, t('fs.notFile', {kind: kind(where.stats)}));
				return null;
			}
			return readFile(path, where.full, where.stats);
		},
		readLink(path) {
			const where = resolve(path, false);
			if (!where) return null;
			try {
				return readlinkSync(where.full);
			} catch {
				return null;
			}
		},
		listDir(path) {
			const where = resolve(path, true);
			if (!where) return null;
			let dir;
			try {
				// (opendirSync is an accessor on node:fs, so it is read from the module object, not imported by
				// name; 'buffer' is accepted at run time, Node 12 and up, though @types/node does not list it.)
				dir = nodeFs.opendirSync(where.full, {encoding: 'buffer' as BufferEncoding});
			} catch {
				return null;
			}
			const names: string[] = [];
			try {
				for (;;) {
					const entry = dir.readSync();
					if (entry === null) break;
					if (names.length >= maxDirEntries) {
						warn(path, t('fs.dirEntries', {max: maxDirEntries}));
						break;
					}
					// Dirent names are Buffers here (encoding 'buffer'); invalid UTF-8 becomes U+FFFD.
					names.push((entry.name as unknown as Buffer).toString('utf8'));
				}
			} catch {
				return null;
			} finally {
				dir.closeSync();
			}
			return names;
		},
		takeWarnings() {
			dirCache.clear();
			const out = [...pending.values()];
			pending.clear();
			return out;
		},
	};
}

function kind(stats: Stats): string {
	if (stats.isFIFO()) return t('fs.fifo');
	if (stats.isCharacterDevice()) return t('fs.charDevice');
	if (stats.isBlockDevice()) return t('fs.blockDevice');
	if (stats.isSocket()) return t('fs.socket');
	if (stats.isDirectory()) return t('fs.directory');
	if (stats.isSymbolicLink()) return t('fs.symlink');
	return t('fs.other');
}
