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

export function titleLine(input: TitleInput): string {
	const parts: Array<string | null> = [`bondtop  ${input.hostname}`];
	const warnings = input.warnings > 0 ? t('title.warnings', {count: input.warnings}) : null;
	if (input.offline) {
		const when = input.offline.capturedAt === null ? t('title.unknownTime') : input.offline.capturedAt;
		parts.push(t('title.offline', {when}), warnings, t('title.readOnly'), t('title.ratesUnknown'));
	} else {
		const keys = linkKeys(input.bindings);
		parts.push(
			input.simulated ? t('title.simulated') : null,
			input.paused ? t('title.paused') : null,
			warnings,
			t('title.every', {ms: input.intervalMs}),
			input.eventDriven ? t('title.events') : null,
			input.readOnly ? t('title.readOnlyBecause', {reason: input.readOnly}) : !input.simulated && keys ? t('title.live', {keys}) : null,
		);
	}
	parts.push(input.limitedByPrivilege ? t('title.notRoot') : null);
	return parts.filter(Boolean).join('  ·  ');
}
