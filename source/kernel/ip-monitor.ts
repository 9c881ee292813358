/**
 * Parser of `ip -timestamp monitor link` output (iproute2). Each notification is a
 * `Timestamp: <date> <usec> usec` line followed by the link line(s). Pure.
 */

export type LinkNotification = {
	/** Epoch ms of the notification, when a Timestamp line preceded it. */
	atMs: number | null;
	/** Interface name (without `@peer`). */
	name: string;
	deleted: boolean;
	/** Flags between < > (`UP`, `LOWER_UP`, `NO-CARRIER`, `SLAVE`, …). */
	flags: string[];
	/** iproute2 prints `event BONDING FAILOVER` etc. for IFLA_EVENT notifications. */
	event: string | null;
};

const monthIndex = new Map(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].map((month, index) => [month, index]));

/** `Timestamp: Mon Nov 23 21:40:38 2026 219280 usec` -> epoch ms (local time, as ip prints it). */
export function parseTimestampLine(line: string): number | null {
	const match = /^Timestamp: \w{3} (\w{3}) +(\d+) (\d+):(\d+):(\d+) (\d+) (\d+) usec/.exec(line.trim());
	if (!match) return null;
	const month = monthIndex.get(match[1]!);
	if (month === undefined) return null;
	const date = new Date(Number(match[6]), month, Number(match[2]), Number(match[3]), Number(match[4]), Number(match[5]));
	return date.getTime() + Math.floor(Number(match[7]) / 1000);
}

/** A link line: `5: vt1@vt0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 … [event BONDING FAILOVER]`. */
export function parseLinkLine(line: string, atMs: number | null): LinkNotification | null {
	const match = /^(Deleted )?\d+: ([^:@\s]+)(?:@[^:\s]+)?: <([^>]*)>(.*)$/.exec(line.trim());
	if (!match) return null;
	const event = /event ([A-Z_ ]+?)(?:\s{2,}|$)/.exec(match[4]!);
	return {atMs, name: match[2]!, deleted: Boolean(match[1]), flags: match[3] ? match[3].split(',') : [], event: event ? event[1]!.trim() : null};
}

/** Feeds lines one at a time; returns a notification when a link line completes one. */
export class MonitorParser {
	private timestamp: number | null = null;

	push(line: string): LinkNotification | null {
		const at = parseTimestampLine(line);
		if (at !== null) {
			this.timestamp = at;
			return null;
		}
		return parseLinkLine(line, this.timestamp);
	}
}
