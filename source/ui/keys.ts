/**
 * Key bindings as data: one table read by the input handler, the footer and the help screen, so
 * they can never disagree.
 */
import type {Key} from 'ink';
import {hasMessage, t, type MessageKey} from '../i18n/i18n.js';

export type Command =
	| 'next'
	| 'previous'
	| 'first'
	| 'last'
	| 'pageUp'
	| 'pageDown'
	| 'linkDown'
	| 'linkUp'
	| 'makeActive'
	| 'drill'
	| 'toggleOthers'
	| 'pause'
	| 'units'
	| 'scale'
	| 'faster'
	| 'slower'
	| 'config'
	| 'warnings'
	| 'help'
	| 'close'
	| 'quit';

/** Named keys of Ink's `Key`, plus the function keys Ink does not name (see {@link functionKeyOf}). */
export type SpecialKey =
	| 'upArrow'
	| 'downArrow'
	| 'tab'
	| 'shiftTab'
	| 'escape'
	| 'ctrlC'
	| 'pageUp'
	| 'pageDown'
	| 'home'
	| 'end'
	| 'f1'
	| 'f10';

/** A key: a printable character, or a named special key. */
export type KeySpec = {input: string} | {special: SpecialKey};

export type KeyBinding = {
	command: Command;
	keys: KeySpec[];
	/** Shown in the footer and the help screen's key column. */
	label: string;
	/** Shown on the help screen. */
	description: string;
	/**
	 * Footer priority: 1 is cut last, higher numbers go first when the terminal is narrow; absent =
	 * only on the help screen.
	 */
	footer?: number;
	/**
	 * Shown on the help screen instead of this binding's and the next one's descriptions, on one row
	 * with both bindings' keys (`+, -`), so the key table fits 80x24.
	 */
	helpPair?: string;
	/**
	 * The command changes the system (takes links down or up, changes the active slave). Such
	 * bindings do not exist in a read-only view (`--root`, `--read-only`): see {@link bindingsFor}.
	 */
	changesLinks?: true;
};

export const keyBindings: readonly KeyBinding[] = [
	{command: 'next', keys: [{special: 'downArrow'}, {input: 'j'}, {special: 'tab'}], label: '↓/j/Tab', description: 'select the next interface', footer: 4},
	{command: 'previous', keys: [{special: 'upArrow'}, {input: 'k'}, {special: 'shiftTab'}], label: '↑/k', description: 'select the previous interface', footer: 4},
	{command: 'first', keys: [{special: 'home'}], label: 'Home', description: "select the first interface (in help: the top)", helpPair: 'select the first or last interface (in help: top or end)'},
	{command: 'last', keys: [{special: 'end'}], label: 'End', description: "select the last interface (in help: the end)"},
	{command: 'pageUp', keys: [{special: 'pageUp'}], label: 'PgUp', description: "scroll the event log back to older events (in help: up)", helpPair: 'scroll the event log to older or newer events (and this help)'},
	{command: 'pageDown', keys: [{special: 'pageDown'}], label: 'PgDn', description: "scroll the event log forward to newer events (in help: down)"},
	{command: 'linkDown', keys: [{input: 'd'}], label: 'd down', description: "pull the selected slave's cable: ip link set IF down", footer: 2, changesLinks: true},
	{command: 'linkUp', keys: [{input: 'u'}], label: 'u up', description: "bring the selected interface back up (ip link set IF up)", footer: 2, changesLinks: true},
	{command: 'makeActive', keys: [{input: 'a'}], label: 'a make active', description: "make the selected slave active (active-backup, tlb, alb)", footer: 3, changesLinks: true},
	{command: 'drill', keys: [{input: 'p'}], label: 'p drill', description: "failover drill: slave down for --for s, timed, brought back", footer: 3, changesLinks: true},
	{command: 'toggleOthers', keys: [{input: 'o'}], label: 'o others', description: "show or collapse the interfaces that are not in a bond", footer: 5},
	{command: 'config', keys: [{input: 'c'}], label: 'c config', description: "the bond's configuration files beside the running values", footer: 5},
	{command: 'warnings', keys: [{input: 'w'}], label: 'w warnings', description: "what could not be read or understood (files, lines, numbers)", footer: 5},
	{command: 'pause', keys: [{input: ' '}], label: 'Space pause', description: "pause sampling (the title says PAUSED); again to resume", footer: 5},
	{command: 'units', keys: [{input: 'b'}], label: 'b bits/bytes', description: 'rates and chart scales in bits or in bytes per second'},
	{command: 'scale', keys: [{input: '%'}], label: '% link speed', description: "charts in % of each link's speed, or on the shared rate scale"},
	{command: 'faster', keys: [{input: '+'}], label: '+ faster', description: "sample more often (shorter interval, down to 100 ms)", helpPair: 'sample more or less often (interval 100 ms to 60 s)'},
	{command: 'slower', keys: [{input: '-'}], label: '- slower', description: "sample less often (longer interval, up to 60 s)"},
	{command: 'help', keys: [{input: '?'}, {input: 'h'}, {special: 'f1'}], label: '? help', description: "open or close this help", footer: 1},
	{command: 'close', keys: [{special: 'escape'}], label: 'Esc', description: "close help, cancel a question, back to the newest events"},
	{command: 'quit', keys: [{input: 'q'}, {special: 'ctrlC'}, {special: 'f10'}], label: 'q quit', description: "quit; every link bondtop took down is brought back up first", footer: 1},
];

/**
 * The bindings of a view: all of them, or in a read-only view only those that change nothing, so
 * the keys that change links are neither handled nor shown (footer, help) there.
 */
export function bindingsFor(options: {readOnly: boolean}): readonly KeyBinding[] {
	return options.readOnly ? keyBindings.filter((b) => !b.changesLinks) : keyBindings;
}

const specialNames: Record<SpecialKey, string> = {
	upArrow: '↑',
	downArrow: '↓',
	tab: 'Tab',
	shiftTab: 'Shift-Tab',
	escape: 'Esc',
	ctrlC: 'Ctrl-C',
	pageUp: 'PgUp',
	pageDown: 'PgDn',
	home: 'Home',
	end: 'End',
	f1: 'F1',
	f10: 'F10',
};

/** How a key is written in --help, the man page and the README: `j`, `?`, `↓`, `Shift-Tab`, `Ctrl-C`. */
export function keyName(spec: KeySpec): string {
	if ('special' in spec) return specialNames[spec.special];
	return spec.input === ' ' ? 'Space' : spec.input;
}

/** A binding's keys as one cell of a table: `↓, j, Tab`. */
export function keyList(binding: {keys: readonly KeySpec[]}): string {
	return binding.keys.map(keyName).join(', ');
}

/**
 * Function keys Ink's useInput does not tell apart (it gives them as an empty input): the escape
 * sequences xterm, VT220, the Linux console and tmux send for F1 and F10.
 */
const functionKeySequences: ReadonlyArray<[string, SpecialKey]> = [
	['\u001BOP', 'f1'],
	['\u001B[11~', 'f1'],
	['\u001B[[A', 'f1'],
	['\u001B[1P', 'f1'],
	['\u001B[21~', 'f10'],
];

/** F1 or F10 for a raw key sequence, else null. */
export function functionKeyOf(sequence: string): 'f1' | 'f10' | null {
	for (const [s, name] of functionKeySequences) if (s === sequence) return name as 'f1' | 'f10';
	return null;
}

/** Ink's key flags, plus a function key when the raw sequence was one. */
export type KeyPress = Partial<Key> & {f1?: boolean; f10?: boolean};

function matches(spec: KeySpec, input: string, key: KeyPress): boolean {
	if ('input' in spec) return !key.ctrl && !key.meta && input === spec.input;
	switch (spec.special) {
		case 'upArrow':
			return Boolean(key.upArrow);
		case 'downArrow':
			return Boolean(key.downArrow);
		case 'tab':
			return Boolean(key.tab && !key.shift);
		case 'shiftTab':
			return Boolean(key.tab && key.shift);
		case 'escape':
			return Boolean(key.escape);
		case 'ctrlC':
			return Boolean(key.ctrl && input === 'c');
		case 'pageUp':
			return Boolean(key.pageUp);
		case 'pageDown':
			return Boolean(key.pageDown);
		case 'home':
			return Boolean(key.home);
		case 'end':
			return Boolean(key.end);
		case 'f1':
			return Boolean(key.f1);
		case 'f10':
			return Boolean(key.f10);
	}
}

/** A binding's footer label in the screen's language (`? help`, German `? Hilfe`); the table's `label` is the English one. */
export function keyLabel(binding: KeyBinding): string {
	return t(`key.${binding.command}`);
}

/** A binding's help-screen description in the screen's language. */
export function keyDescription(binding: KeyBinding): string {
	return t(`keyHelp.${binding.command}`);
}

/** The help row of a binding and the next one together (Home, End), in the screen's language. */
export function keyPairDescription(binding: KeyBinding): string {
	return hasMessage(`keyPair.${binding.command}`) ? t(`keyPair.${binding.command}` as MessageKey) : (binding.helpPair ?? keyDescription(binding));
}

/** A key as the help screen writes it, in the screen's language (German keyboards: `Pos1`, `Bild↑`, `Strg-C`). */
export function screenKeyName(spec: KeySpec): string {
	if ('special' in spec) return t(`keyName.${spec.special}`);
	return spec.input === ' ' ? t('keyName.space') : spec.input;
}

/** {@link keyList} for the help screen: `↓, j, Tab`. */
export function screenKeyList(binding: {keys: readonly KeySpec[]}): string {
	return binding.keys.map(screenKeyName).join(', ');
}

/** The command a key press means, or null. */
export function commandForKey(input: string, key: KeyPress, bindings: readonly KeyBinding[] = keyBindings): Command | null {
	for (const binding of bindings) if (binding.keys.some((spec) => matches(spec, input, key))) return binding.command;
	return null;
}

/**
 * The footer's key labels for a terminal `columns` wide: in table order, dropping the
 * lowest-priority labels first until the rest fit, so `? help  q quit` is the last to go.
 */
export function footerLabels(columns: number, bindings: readonly KeyBinding[] = keyBindings): string {
	let shown = bindings.filter((b) => b.footer !== undefined);
	const text = () => shown.map(keyLabel).join('  ');
	while (text().length > columns && shown.length > 1) {
		const worst = Math.max(...shown.map((b) => b.footer!));
		// Drop the last of the worst priority (the rightmost of its kind).
		const at = shown.map((b) => b.footer).lastIndexOf(worst);
		shown = shown.filter((_, i) => i !== at);
	}
	return text();
}
