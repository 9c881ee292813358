/**
 * When an offline capture (`--root DIR`) was taken, for the TUI's title. A sosreport keeps the
 * output of `date` (sos's date plugin: `sos_commands/date/date_--utc`, `sos_commands/date/date`,
 * and the `date` link at its top): that text is shown as it is (sanitised by the renderer).
 * Without one, the newest modification time of the files bondtop reads (the bonding status files
 * and proc/net/dev) stands in, and says so.
 */
import {lstatSync} from 'node:fs';
import {join} from 'node:path';
import type {HostFs} from './host-fs.js';

/** Files holding `date` output in a sosreport, the UTC one first. */
export const captureDateFiles = ['sos_commands/date/date_--utc', 'sos_commands/date/date', 'date'] as const;

/** Longest date text taken from a file (a date line is ~30 characters). */
const maxDateChars = 64;

/** The first non-empty line of a date file, bounded; null when there is none. */
export function dateFromText(text: string): string | null {
	for (const line of text.slice(0, 4096).split('\n')) {
		const trimmed = line.trim();
		if (trimmed !== '') return trimmed.length > maxDateChars ? `${trimmed.slice(0, maxDateChars)}…` : trimmed;
	}
	return null;
}

/** `2026-11-23 21:16:49 UTC` for epoch ms. */
export function utcText(ms: number): string {
	return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** When the capture under `fs.root` was taken, as text to show; null when nothing tells. */
export function captureDate(fs: HostFs): string | null {
	for (const file of captureDateFiles) {
		const text = fs.readText(file);
		const date = text === null ? null : dateFromText(text);
		if (date !== null) return date;
	}
	// Modification times: lstat only (a link is not followed out of the tree), names from readdir.
	const paths = ['proc/net/dev', ...(fs.listDir('proc/net/bonding') ?? []).map((name) => `proc/net/bonding/${name}`)];
	let newest: number | null = null;
	for (const path of paths) {
		try {
			const stat = lstatSync(join(fs.root, path));
			if (stat.isFile() && (newest === null || stat.mtimeMs > newest)) newest = stat.mtimeMs;
		} catch {
			// Missing: nothing to learn from it.
		}
	}
	return newest === null ? null : `${utcText(newest)} (newest file time)`;
}
