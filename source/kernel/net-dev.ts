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

/**
 * The 16 counters after the colon, or null unless there are exactly 16 unsigned decimal integers
 * (a sign, a fraction, or digits enough to make Infinity mean the line is not the kernel's). One
 * pass that stops at the 17th field, so a hostile megabyte line costs no more than its scan.
 */
function counterFields(line: string, from: number): number[] | null {
	const fields: number[] = [];
	let i = from;
	for (;;) {
		while (i < line.length && (line.charCodeAt(i) === 0x20 || line.charCodeAt(i) === 0x09 || line.charCodeAt(i) === 0x0d)) i++;
		if (i >= line.length) break;
		if (fields.length === 16) return null;
		const start = i;
		while (i < line.length && line.charCodeAt(i) >= 0x30 && line.charCodeAt(i) <= 0x39) i++;
		const end = i;
		if (end === start || (i < line.length && line.charCodeAt(i) !== 0x20 && line.charCodeAt(i) !== 0x09 && line.charCodeAt(i) !== 0x0d)) return null;
		const value = Number(line.slice(start, end));
		if (!Number.isFinite(value)) return null;
		fields.push(value);
	}
	return fields.length === 16 ? fields : null;
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
		const fields = counterFields(line, colon + 1);
		// The kernel's names are at most 15 bytes (IFNAMSIZ - 1), so at most 15 characters even when
		// bytes that are not UTF-8 became U+FFFD.
		if (name === '' || name.length > 15 || fields === null) {
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
