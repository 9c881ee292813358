/**
 * Parser of `/proc/net/dev` (net/core/net-procfs.c): one line of 16 counters per interface.
 * Pure; lines it does not understand are returned in `unparsed`, never thrown.
 */
import type {RxCounters, TxCounters} from '../model/types.js';
import {keptLine} from '../text/kept-line.js';

export type NetDevCounters = {name: string; rx: RxCounters; tx: TxCounters};

export type ParsedNetDev = {
	interfaces: NetDevCounters[];
	/** Lines not understood: at most {@link maxUnparsedLines}, each cut (text/kept-line.ts), then a count. */
	unparsed: string[];
};

/** Most lines kept in `unparsed`. */
export const maxUnparsedLines = 50;

function isDigits(text: string): boolean {
	if (text.length === 0) return false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 0x30 || c > 0x39) return false;
	}
	return true;
}

/** Parses the whole text of /proc/net/dev, in the kernel's order. */
export function parseNetDev(text: string): ParsedNetDev {
	const interfaces: NetDevCounters[] = [];
	const unparsed: string[] = [];
	let more = 0;
	const notUnderstood = (line: string) => {
		if (unparsed.length < maxUnparsedLines) unparsed.push(keptLine(line));
		else more++;
	};
	for (const line of text.split('\n')) {
		const colon = line.indexOf(':');
		// The two header lines contain '|' and no interface name before a colon.
		if (line.trim() === '' || line.includes('|')) continue;
		if (colon <= 0) {
			notUnderstood(line);
			continue;
		}
		const name = line.slice(0, colon).trim();
		const texts = line.slice(colon + 1).trim().split(/\s+/);
		// Counters are unsigned decimal integers: a sign, a fraction or digits enough to make
		// Infinity mean the line is not the kernel's.
		const fields = texts.map((t) => (isDigits(t) ? Number(t) : Number.NaN));
		// The kernel's names are at most 15 bytes (IFNAMSIZ - 1), so at most 15 characters even when
		// bytes that are not UTF-8 became U+FFFD.
		if (name === '' || name.length > 15 || fields.length < 16 || fields.some((n) => !Number.isFinite(n))) {
			notUnderstood(line);
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
	if (more > 0) unparsed.push(`and ${more} more lines not understood`);
	return {interfaces, unparsed};
}
