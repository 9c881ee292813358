/**
 * Key bindings as data: one table read by both the input handler and the help/footer, so the two
 * can never disagree.
 */
import type {Key} from 'ink';

export type Command =
	| 'next'
	| 'previous'
	| 'linkDown'
	| 'linkUp'
	| 'makeActive'
	| 'drill'
	| 'toggleOthers'
	| 'config'
	| 'warnings'
	| 'help'
	| 'quit';

/** A key: a printable character, or a named special key of Ink's `Key`. */
export type KeySpec = {input: string} | {special: 'upArrow' | 'downArrow' | 'tab' | 'shiftTab' | 'escape' | 'ctrlC'};

export type KeyBinding = {
	command: Command;
	keys: KeySpec[];
	/** Shown in the footer. */
	label: string;
	/** Shown on the help screen. */
	description: string;
	/**
	 * The command changes the system (takes links down or up, changes the active slave). Such
	 * bindings do not exist in a read-only view (`--root`, `--read-only`): see {@link bindingsFor}.
	 */
	changesLinks?: true;
};

export const keyBindings: readonly KeyBinding[] = [
	{command: 'next', keys: [{special: 'downArrow'}, {input: 'j'}, {special: 'tab'}], label: '↓/j/Tab', description: 'select the next interface'},
	{command: 'previous', keys: [{special: 'upArrow'}, {input: 'k'}, {special: 'shiftTab'}], label: '↑/k', description: 'select the previous interface'},
	{command: 'linkDown', keys: [{input: 'd'}], label: 'd down', description: 'take the selected slave down (ip link set SLAVE down), like pulling its cable', changesLinks: true},
	{command: 'linkUp', keys: [{input: 'u'}], label: 'u up', description: 'bring the selected interface back up (ip link set IF up)', changesLinks: true},
	{command: 'makeActive', keys: [{input: 'a'}], label: 'a make active', description: 'make the selected slave the active one (active-backup, tlb, alb)', changesLinks: true},
	{command: 'drill', keys: [{input: 'p'}], label: 'p drill', description: 'failover drill: take the slave down for a while (--for), time the failover and the outage, bring it back', changesLinks: true},
	{command: 'toggleOthers', keys: [{input: 'o'}], label: 'o others', description: 'show or collapse the interfaces that are not in a bond'},
	{command: 'config', keys: [{input: 'c'}], label: 'c config', description: "show the selected bond's configuration (file:line) beside the running values, and what differs; c again closes"},
	{command: 'warnings', keys: [{input: 'w'}], label: 'w warnings', description: 'list what could not be read or understood (refused files, unknown lines, numbers out of range); w again closes'},
	{command: 'help', keys: [{input: '?'}, {input: 'h'}], label: '? help', description: 'open or close this help'},
	{command: 'quit', keys: [{input: 'q'}, {special: 'ctrlC'}], label: 'q quit', description: 'quit; every link bondtop took down is brought back up first'},
];

/**
 * The bindings of a view: all of them, or in a read-only view only those that change nothing, so
 * the keys that change links are neither handled nor shown (footer, help) there.
 */
export function bindingsFor(options: {readOnly: boolean}): readonly KeyBinding[] {
	return options.readOnly ? keyBindings.filter((b) => !b.changesLinks) : keyBindings;
}

const specialNames: Record<Extract<KeySpec, {special: unknown}>['special'], string> = {
	upArrow: '↑',
	downArrow: '↓',
	tab: 'Tab',
	shiftTab: 'Shift-Tab',
	escape: 'Esc',
	ctrlC: 'Ctrl-C',
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

function matches(spec: KeySpec, input: string, key: Key): boolean {
	if ('input' in spec) return !key.ctrl && !key.meta && input === spec.input;
	switch (spec.special) {
		case 'upArrow':
			return key.upArrow;
		case 'downArrow':
			return key.downArrow;
		case 'tab':
			return key.tab && !key.shift;
		case 'shiftTab':
			return key.tab && key.shift;
		case 'escape':
			return key.escape;
		case 'ctrlC':
			return key.ctrl && input === 'c';
	}
}

/** The command a key press means, or null. */
export function commandForKey(input: string, key: Key, bindings: readonly KeyBinding[] = keyBindings): Command | null {
	for (const binding of bindings) if (binding.keys.some((spec) => matches(spec, input, key))) return binding.command;
	return null;
}
