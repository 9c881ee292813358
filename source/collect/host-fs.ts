/**
 * The only door to the file system for the collectors: reads under a root directory (`/` live, or
 * an unpacked sosreport with `--root`). Every method returns null instead of throwing, because a
 * missing or unreadable kernel file is normal (no bonding module, interface gone mid-read, no
 * CAP_NET_ADMIN, an attribute that errors while the link is down).
 */
import {readFileSync, readdirSync, readlinkSync} from 'node:fs';
import {join} from 'node:path';

export type HostFs = {
	/** Root the paths are read under, for messages. */
	readonly root: string;
	readText(path: string): string | null;
	/** Target of a symbolic link, or null. */
	readLink(path: string): string | null;
	listDir(path: string): string[] | null;
};

/** Reads the real file system under `root`. */
export function createHostFs(root: string): HostFs {
	const full = (path: string) => join(root, path);
	return {
		root,
		readText(path) {
			try {
				return readFileSync(full(path), 'utf8');
			} catch {
				return null;
			}
		},
		readLink(path) {
			try {
				return readlinkSync(full(path));
			} catch {
				return null;
			}
		},
		listDir(path) {
			try {
				return readdirSync(full(path));
			} catch {
				return null;
			}
		},
	};
}
