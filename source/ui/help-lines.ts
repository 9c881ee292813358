/**
 * The help screen as lines for a terminal `columns` wide: the title and the key table first (what
 * a user opened help for), then the seven bonding modes and the slave words. Continuation lines
 * are indented under their text. Pure; the Help component shows a scrolled window of these.
 */
import {modeDescriptions} from '../model/roles.js';
import {bondModes} from '../model/types.js';
import {wrapHanging} from '../text/wrap.js';
import {keyBindings, keyList, type KeyBinding} from './keys.js';

export type HelpLine = {text: string; bold?: boolean};

const keyColumn = 15;
const modeColumn = 15;

/** `readOnly`: why no key changes a link in this view (said under the keys), or null. */
export function helpLines(columns: number, bindings: readonly KeyBinding[] = keyBindings, readOnly: string | null = null): HelpLine[] {
	const out: HelpLine[] = [];
	const wrap = (text: string, indent: string, hang: number) => {
		for (const line of wrapHanging(text, columns, indent, hang)) out.push({text: line});
	};
	out.push({text: 'Keys', bold: true});
	for (let i = 0; i < bindings.length; i++) {
		const binding = bindings[i]!;
		const next = bindings[i + 1];
		if (binding.helpPair && next) {
			wrap(binding.helpPair, `  ${`${keyList(binding)}, ${keyList(next)}`.padEnd(keyColumn)} `, keyColumn + 3);
			i++;
		} else wrap(binding.description, `  ${keyList(binding).padEnd(keyColumn)} `, keyColumn + 3);
	}
	if (readOnly) wrap(`Read-only (${readOnly}): no key changes a link here.`, '  ', 2);
	out.push({text: ''});
	out.push({text: 'Bonding modes', bold: true});
	for (const mode of bondModes) {
		const d = modeDescriptions[mode];
		wrap(`${d.title}: ${d.summary} ${d.switchSupport.charAt(0).toUpperCase()}${d.switchSupport.slice(1)}.`, `  ${mode.padEnd(modeColumn)} `, modeColumn + 3);
	}
	out.push({text: ''});
	out.push({text: 'Slave words', bold: true});
	for (const [word, meaning] of [
		['ACTIVE', 'carries (or, in tlb/alb, receives) the traffic'],
		['CARRYING', 'one of several slaves carrying traffic at once'],
		['BACKUP', 'stands by'],
		['DOWN', 'has lost its link (MII down)'],
		['GOING DOWN', 'inside the down delay: the link is gone, the driver waits before acting'],
		['GOING BACK', 'inside the up delay: the link is back, the driver waits before using it'],
	] as const) {
		wrap(meaning, `  ${word.padEnd(keyColumn)} `, keyColumn + 3);
	}
	return out;
}

/** The first line shown when help is scrolled to `top` with `rows` rows, kept in range. */
export function clampHelpTop(top: number, total: number, rows: number): number {
	return Math.max(0, Math.min(top, total - rows));
}
