/**
 * `ip -d -j link show` of the live host: rtnetlink's view of the bonds, which includes the 802.3ad
 * details the kernel hides from non-root readers of /proc/net/bonding. A child process, so the
 * collector asks for it on the cold path only (at start, after link changes). argv, no shell; a
 * timeout and an output cap, so a stuck or huge `ip` cannot hold bondtop.
 */
import {spawnSync} from 'node:child_process';
import {findIp} from '../actions/ip-link.js';

/** The JSON text, or null when ip is missing, fails, or takes longer than `timeoutMs`. */
export function readIpLinkJson(timeoutMs = 2000): string | null {
	try {
		const result = spawnSync(findIp(), ['-d', '-j', 'link', 'show'], {
			encoding: 'utf8',
			timeout: timeoutMs,
			maxBuffer: 8 * 1024 * 1024,
			stdio: ['ignore', 'pipe', 'ignore'],
		});
		return result.status === 0 && typeof result.stdout === 'string' ? result.stdout : null;
	} catch {
		return null;
	}
}
