/**
 * Checks the command line against the flag table before meow parses it, so that every mistake is
 * one line with a suggestion (`unknown flag --intervall (did you mean --interval?)`) and a flag
 * that takes a value cannot silently go without one; parses the common command lines without
 * meow. Pure: argv in, a message, the split or the flags out.
 */
import {camelName, flagTable, type FlagSpec} from './usage.js';
import {tEnglish, type Translate} from '../i18n/i18n.js';

/** The arguments before `--` (flags and words for meow) and the words after it (never flags). */
export type SplitArgv = {beforeDashDash: string[]; afterDashDash: string[]};

/** Splits at the first `--`: what follows is taken as words even when it starts with `-`. */
export function splitDashDash(argv: readonly string[]): SplitArgv {
	const at = argv.indexOf('--');
	return at === -1 ? {beforeDashDash: [...argv], afterDashDash: []} : {beforeDashDash: argv.slice(0, at), afterDashDash: argv.slice(at + 1)};
}

/** Edit distance (Levenshtein), for suggestions; names are short. */
function distance(a: string, b: string): number {
	let previous = Array.from({length: b.length + 1}, (_, i) => i);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
		previous = current;
	}
	return previous[b.length]!;
}

/** Every spelling of a long flag that is accepted: `interval`, `color`, `no-color`. */
function longNames(flags: readonly FlagSpec[]): string[] {
	return flags.flatMap((f) => (f.type === 'boolean' ? [f.name, `no-${f.name}`] : [f.name]));
}

/** The closest known flag to a mistyped one, or null when nothing is close. */
export function suggestFlag(typed: string, flags: readonly FlagSpec[] = flagTable): string | null {
	let best: {name: string; d: number} | null = null;
	for (const name of longNames(flags)) {
		const d = name.startsWith(typed) && typed.length >= 2 ? 0.5 : distance(typed, name);
		if (best === null || d < best.d) best = {name, d};
	}
	return best && best.d <= Math.max(1, Math.min(3, Math.floor(typed.length / 3))) ? best.name : null;
}

/** Whether a word can be a flag's value (`5`, `-5`, `eth0`) rather than the next flag. */
function looksLikeValue(word: string | undefined): boolean {
	if (word === undefined || word === '--') return false;
	return !word.startsWith('-') || /^-\d/.test(word);
}

/**
 * The first problem with `argv` (the arguments after the program name), as a one-line message
 * without the `bondtop:` prefix, or null when meow may parse it.
 */
export function argvProblem(argv: readonly string[], flags: readonly FlagSpec[] = flagTable, say: Translate = tEnglish): string | null {
	const {beforeDashDash} = splitDashDash(argv);
	const byName = new Map(flags.map((f) => [f.name, f]));
	const byShort = new Map(flags.filter((f) => f.short).map((f) => [f.short!, f]));
	for (let i = 0; i < beforeDashDash.length; i++) {
		const word = beforeDashDash[i]!;
		if (word === '-' || !word.startsWith('-')) continue;
		if (word.startsWith('--')) {
			const eq = word.indexOf('=');
			const name = word.slice(2, eq === -1 ? undefined : eq);
			const negated = name.startsWith('no-') ? byName.get(name.slice(3)) : undefined;
			const flag = byName.get(name) ?? (negated?.type === 'boolean' ? negated : undefined);
			if (!flag) {
				const suggestion = suggestFlag(name, flags);
				return say('error.unknownFlag', {name, suggestion: suggestion ? say('error.didYouMean', {name: suggestion}) : ''});
			}
			if (flag.type === 'boolean') {
				if (eq !== -1 && !['true', 'false'].includes(word.slice(eq + 1))) return say('error.takesNoValue', {name});
				continue;
			}
			if (eq !== -1) {
				if (word.length === eq + 1) return say('error.needsValue', {name, value: flag.value ?? say('error.aValue')});
				continue;
			}
			if (!looksLikeValue(beforeDashDash[i + 1])) return say('error.needsValue', {name, value: flag.value ?? say('error.aValue')});
			i++;
			continue;
		}
		if (/^-\d/.test(word)) return say('error.unknownNumberFlag', {word});
		// Short flags, possibly grouped (-hv); only booleans have short forms.
		for (const letter of word.slice(1)) {
			if (!byShort.has(letter)) {
				const hint = word.length > 2 ? say('error.inWord', {word}) : '';
				return say('error.unknownShort', {letter, hint, word});
			}
		}
	}
	return null;
}

/** A word meow (yargs-parser) takes as the value of the flag before it: not a flag, or a negative number. */
const yargsValue = /^(?!-)|^-([0-9]+(\.[0-9]+)?|\.[0-9]+)$/;

/** The flags and words of a command line, as meow gives them (camelCase names, defaults filled in). */
export type ParsedCommandLine = {input: string[]; flags: Record<string, string | number | boolean>};

/**
 * The command lines people type most (`--demo`, `--json`, `--interval 250 bond0`, `--lang de`)
 * parsed without meow, exactly as meow parses them: words, and long flags of the table as
 * `--name`, `--no-name` (switches), `--name VALUE` or `--name=VALUE`. Anything else returns null
 * and meow parses it: a short flag, --help or --version (meow prints them), a flag given twice, a
 * value on a switch (`--color=false`, `--color false`), a value that starts with `-` or a quote,
 * an empty value, a flag not in the table (`bondtop check` reports those itself). Loading meow
 * and its first parse cost about 10 ms of every start-up here (the TUI's first frame is budgeted
 * at 2.5x a bare `node -e 0`); test/cli/argv.test.ts compares the two on generated command lines.
 */
export function parseCommonCommandLine(argv: readonly string[], flags: readonly FlagSpec[] = flagTable): ParsedCommandLine | null {
	const byName = new Map(flags.map((f) => [f.name, f]));
	const parsed: Record<string, string | number | boolean> = {};
	for (const flag of flags) if (flag.default !== undefined) parsed[camelName(flag.name)] = flag.default;
	const given = new Set<string>();
	const input: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const word = argv[i]!;
		if (word === '-' || !word.startsWith('-')) {
			input.push(word);
			continue;
		}
		if (!word.startsWith('--')) return null;
		const eq = word.indexOf('=');
		const name = word.slice(2, eq === -1 ? undefined : eq);
		const negated = eq === -1 && name.startsWith('no-') ? byName.get(name.slice(3)) : undefined;
		const flag = negated?.type === 'boolean' ? negated : byName.get(name);
		if (!flag || flag.name === 'help' || flag.name === 'version' || given.has(flag.name)) return null;
		given.add(flag.name);
		let value: string | number | boolean;
		if (flag.type === 'boolean') {
			const next = argv[i + 1];
			if (eq !== -1 || next === 'true' || next === 'false') return null;
			value = flag !== negated;
		} else {
			const text = eq === -1 ? argv[++i] : word.slice(eq + 1);
			if (text === undefined || text === '' || !yargsValue.test(text) || (eq !== -1 && /^['"]/.test(text))) return null;
			value = flag.type === 'number' ? Number(text) : text;
		}
		parsed[camelName(flag.name)] = value;
	}
	return {input, flags: parsed};
}
