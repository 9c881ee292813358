/**
 * Parser of `/proc/net/dev` (net/core/net-procfs.c): one line of 16 counters per interface.
 * Pure; lines it does not understand are returned in `unparsed`, never thrown.
 */
import type {RxCounters, TxCounters} from '../model/types.js';

export type NetDevCounters = {name: string; rx: RxCounters; tx: TxCounters};

export type ParsedNetDev = {
	interfaces: NetDevCounters[];
	unparsed: string[];
};

/** Parses the whole text of /proc/net/dev, in the kernel's order. */
export function parseNetDev(text: string): ParsedNetDev {
	const interfaces: NetDevCounters[] = [];
	const unparsed: string[] = [];
	for (const line of text.split('\n')) {
		const colon = line.indexOf(':');
		// The two header lines contain '|' and no interface name before a colon.
		if (line.trim() === '' || line.includes('|')) continue;
		if (colon <= 0) {
			unparsed.push(line);
			continue;
		}
		const name = line.slice(0, colon).trim();
		const fields = line
			.slice(colon + 1)
			.trim()
			.split(/\s+/)
			.map(Number);
		if (name === '' || fields.length < 16 || fields.some((n) => !Number.isFinite(n))) {
			unparsed.push(line);
			continue;
		}
		const f = (i: number) => fields[i]!;
		interfaces.push({
			name,
			rx: {bytes: f(0), packets: f(1), errors: f(2), dropped: f(3), overruns: f(4), frame: f(5)},
			tx: {
				bytes: f(8),
				packets: f(9),
				errors: f(10),
				dropped: f(11),
				overruns: f(12),
				collisions: f(13),
				carrier: f(14),
			},
		});
	}
	return {interfaces, unparsed};
}
