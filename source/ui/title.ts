/**
 * The TUI's first row: whose data this is and what the keys can do. An offline capture says
 * OFFLINE and when it was taken (not a refresh interval: it never changes); a live view whose keys
 * can change links says so, and a read-only one says that instead. Pure; raw text in and out (the
 * row is drawn by a Line, which sanitises it).
 */
import type {KeyBinding} from './keys.js';
import {t} from '../i18n/i18n.js';

export type TitleInput = {
	/** Raw, from the snapshot. */
	hostname: string;
	simulated: boolean;
	/** How many warnings the snapshot has (w lists them). */
	warnings: number;
	intervalMs: number;
	/** Sampling paused (Space). */
	paused: boolean;
	eventDriven: boolean;
	limitedByPrivilege: boolean;
	/** Set for `--root`: when the capture was taken, raw text (from its date file or file times). */
	offline: {capturedAt: string | null} | null;
	/** Why no key changes a link (`--read-only`), or null when keys may. */
	readOnly: string | null;
	/** The bindings of this view: the keys that change links are named from them. */
	bindings: readonly KeyBinding[];
};

/** The keys of `bindings` that change links, as typed: `d u a p`. */
function linkKeys(bindings: readonly KeyBinding[]): string {
	return bindings
		.filter((b) => b.changesLinks)
		.map((b) => b.keys.find((k): k is {input: string} => 'input' in k)?.input)
		.filter(Boolean)
		.join(' ');
}

/**
 * The title row, as much of it as fits `width` columns (the Line cuts what still does not): whole
 * parts are dropped, the least important first (kernel events on, not root, the interval, an
 * offline capture's "read-only" and "rates unknown", the live keys, the warnings count), so the
 * row is never cut mid-word while a part could go instead. The host name and what the user must
 * not miss (SIMULATED, OFFLINE and when, PAUSED, READ-ONLY and why) stay.
 */
export function titleLine(input: TitleInput, width = Number.POSITIVE_INFINITY): string {
	// [text, rank]: the lowest rank goes first; null stays.
	const parts: Array<[string | null, number | null]> = [[`bondtop  ${input.hostname}`, null]];
	const warnings = input.warnings > 0 ? t('title.warnings', {count: input.warnings}) : null;
	if (input.offline) {
		const when = input.offline.capturedAt === null ? t('title.unknownTime') : input.offline.capturedAt;
		parts.push([t('title.offline', {when}), null], [warnings, 6], [t('title.readOnly'), 4], [t('title.ratesUnknown'), 3]);
	} else {
		const keys = linkKeys(input.bindings);
		parts.push(
			[input.simulated ? t('title.simulated') : null, null],
			[input.paused ? t('title.paused') : null, null],
			[warnings, 6],
			[t('title.every', {ms: input.intervalMs}), 2],
			[input.eventDriven ? t('title.events') : null, 0],
			input.readOnly ? [t('title.readOnlyBecause', {reason: input.readOnly}), null] : [!input.simulated && keys ? t('title.live', {keys}) : null, 5],
		);
	}
	parts.push([input.limitedByPrivilege ? t('title.notRoot') : null, 1]);
	let kept = parts.filter((part): part is [string, number | null] => part[0] !== null);
	const line = () => kept.map(([text]) => text).join('  ·  ');
	for (let rank = 0; rank <= 6 && line().length > width; rank++) kept = kept.filter(([, r]) => r !== rank);
	return line();
}
