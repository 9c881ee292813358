/**
 * The help screen as lines for a terminal `columns` wide: the title and the key table first (what
 * a user opened help for), then the seven bonding modes and the slave words. Continuation lines
 * are indented under their text. Pure; the Help component shows a scrolled window of these.
 */
import {modeText} from '../model/roles.js';
import {bondModes} from '../model/types.js';
import {wrapHanging} from '../text/wrap.js';
import {keyBindings, keyDescription, keyPairDescription, screenKeyList, type KeyBinding} from './keys.js';
import {t, type MessageKey} from '../i18n/i18n.js';

export type HelpLine = {text: string; bold?: boolean};

const keyColumn = 15;

/** The slave words of the help screen and what each means. */
const slaveWords: ReadonlyArray<readonly [MessageKey, MessageKey]> = [
	['badge.active', 'help.wordActive'],
	['badge.carrying', 'help.wordCarrying'],
	['badge.backup', 'help.wordBackup'],
	['badge.down', 'help.wordDown'],
	['badge.goingDown', 'help.wordGoingDown'],
	['badge.goingBack', 'help.wordGoingBack'],
];
const modeColumn = 15;

/** `readOnly`: why no key changes a link in this view (said under the keys), or null. */
export function helpLines(columns: number, bindings: readonly KeyBinding[] = keyBindings, readOnly: string | null = null): HelpLine[] {
	const out: HelpLine[] = [];
	const wrap = (text: string, indent: string, hang: number) => {
		for (const line of wrapHanging(text, columns, indent, hang)) out.push({text: line});
	};
	out.push({text: t('help.keys'), bold: true});
	// Two bindings with a pair text (Home/End, +/-) share a row. German key names are longer
	// (`↑, k, Umschalt-Tab`): the key column grows to the longest.
	const rows: Array<[string, string]> = [];
	for (let i = 0; i < bindings.length; i++) {
		const binding = bindings[i]!;
		const next = bindings[i + 1];
		if (binding.helpPair && next) {
			rows.push([`${screenKeyList(binding)}, ${screenKeyList(next)}`, keyPairDescription(binding)]);
			i++;
		} else rows.push([screenKeyList(binding), keyDescription(binding)]);
	}
	const column = Math.max(keyColumn, ...rows.map(([keys]) => keys.length));
	for (const [keys, description] of rows) wrap(description, `  ${keys.padEnd(column)} `, column + 3);
	if (readOnly) wrap(t('help.readOnly', {reason: readOnly}), '  ', 2);
	out.push({text: ''});
	out.push({text: t('help.modes'), bold: true});
	for (const mode of bondModes) {
		const d = modeText(mode);
		wrap(`${d.title}: ${d.summary} ${d.switchSupport.charAt(0).toUpperCase()}${d.switchSupport.slice(1)}.`, `  ${mode.padEnd(modeColumn)} `, modeColumn + 3);
	}
	out.push({text: ''});
	out.push({text: t('help.slaveWords'), bold: true});
	for (const [word, meaning] of slaveWords) {
		wrap(t(meaning), `  ${t(word).padEnd(column)} `, column + 3);
	}
	return out;
}

/**
 * The rows of the help's window of lines when `available` rows are free under its title: all of
 * them when every line fits, else one fewer, for the row that says there is more ({@link helpHint}).
 */
export function helpWindowRows(total: number, available: number): number {
	const rows = Math.max(1, available);
	return total > rows ? Math.max(1, rows - 1) : rows;
}

/**
 * The row under the help's window when `lines` do not all fit in `rows`: what is below and how to
 * get there (`↓ PgDn more: Bonding modes, Slave words`), or at the end how to go back, with the
 * position when the terminal is wide enough; shorter forms on narrow terminals, never cut. Empty
 * when everything fits.
 */
export function helpHint(lines: readonly HelpLine[], top: number, rows: number, columns: number): string {
	if (lines.length <= rows) return '';
	const to = Math.min(lines.length, top + rows);
	const position = t('help.position', {from: top + 1, to, total: lines.length});
	// The sections that start below the window, named by their headings.
	const below = lines.slice(to).filter((line) => line.bold).map((line) => line.text);
	const forms =
		to >= lines.length
			? [t('help.atEnd')]
			: below.length > 0
				? [t('help.moreOf', {sections: below.join(', ')}), t('help.more')]
				: [t('help.more')];
	const candidates = forms.flatMap((form) => [`${form}  (${position})`, form]);
	return candidates.find((text) => text.length <= columns) ?? '';
}

/** The first line shown when help is scrolled to `top` with `rows` rows, kept in range. */
export function clampHelpTop(top: number, total: number, rows: number): number {
	return Math.max(0, Math.min(top, total - rows));
}
