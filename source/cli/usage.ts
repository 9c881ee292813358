/**
 * The command line as data: subcommands, flags, exit codes and environment. `--help` is generated
 * from this table, meow's flag options too, and so are the man page, the shell completion and the
 * README's flag table (checked by a test), so none of them can disagree with what the parser takes.
 * To add a flag: add a row here. Nothing else should spell out a flag list.
 */
import {scenarioNames, scenarios} from '../demo/scenarios.js';
import {keyList, keyName, type KeySpec} from '../ui/keys.js';
import {hasMessage, type MessageParams, type Translate} from '../i18n/i18n.js';

/** Where a flag belongs, for grouping in --help and the man page. */
export type FlagGroup = 'general' | 'check' | 'drill' | 'export' | 'lab' | 'demo';

/** One command-line flag. Names are kebab-case as typed (`demo-bonds`); meow gets camelCase. */
export type FlagSpec = {
	name: string;
	type: 'string' | 'number' | 'boolean';
	/** Default value; booleans that default to true are shown as `--no-NAME`. */
	default?: string | number | boolean;
	/** Placeholder of the value in help text (`MS`, `DIR`); absent for booleans. */
	value?: string;
	/** One short line for --help. */
	description: string;
	group: FlagGroup;
	/** Single-letter alias (`-h`). */
	short?: string;
	/** Shell completion: what the value is (a file, a directory, a bond, a slave). */
	complete?: 'file' | 'directory' | 'bond' | 'slave' | 'mode';
	/** More for the man page, after the description (plain sentences; optional). */
	details?: string;
	/** The only values the flag takes, each with a line for --help (completed as they are; anything else is a usage error). */
	choices?: ReadonlyArray<{value: string; description: string}>;
};

export const flagTable = [
	{name: 'interval', type: 'number', default: 1000, value: 'MS', description: 'refresh interval in milliseconds (default 1000, at least 50)', group: 'general'},
	{name: 'once', type: 'boolean', default: false, description: 'print one plain-text snapshot and exit', group: 'general'},
	{name: 'json', type: 'boolean', default: false, description: 'print one JSON snapshot (schema 1) and exit; with an explicit --interval (or bondtop watch): one line per interval (NDJSON)', group: 'general'},
	{name: 'root', type: 'string', value: 'DIR', description: 'read /proc and /sys under DIR (an unpacked sosreport); read-only', group: 'general', complete: 'directory'},
	{name: 'read-only', type: 'boolean', default: false, description: 'change nothing: the keys that take links down or up (d u a p) are not bound', group: 'general'},
	{name: 'demo', type: 'boolean', default: false, description: 'a simulated host with a bond: no root, no bond needed', group: 'general'},
	{name: 'color', type: 'boolean', default: true, description: 'no colours (also when NO_COLOR is set)', group: 'general'},
	{name: 'ascii', type: 'boolean', default: false, description: 'ASCII only: no braille charts, arrows or … (automatic when the locale is not UTF-8)', group: 'general'},
	{
		name: 'lang',
		type: 'string',
		value: 'LANG',
		description: 'language of the screen, --once and messages (default: LC_ALL, LC_MESSAGES, LANG; de_* is German); --json, --log, check and export stay English:',
		group: 'general',
		choices: [
			{value: 'en', description: 'English'},
			{value: 'de', description: 'Deutsch (German; ifconfig labels as net-tools prints them)'},
		],
	},
	{name: 'percent', type: 'boolean', default: false, description: "charts start in percent of each link's speed instead of the shared rate scale (% toggles)", group: 'general'},
	{name: 'events', type: 'boolean', default: true, description: "poll only; do not follow the kernel's link notifications", group: 'general'},
	{name: 'log', type: 'string', value: 'FILE', description: 'append every event (kernel log, changes seen, actions, drills) to FILE, one JSON object a line', group: 'general', complete: 'file'},
	{name: 'help', type: 'boolean', default: false, description: 'show this help', group: 'general', short: 'h'},
	{name: 'version', type: 'boolean', default: false, description: 'print the version', group: 'general', short: 'v'},
	{name: 'expect-active', type: 'string', value: 'SLAVE', description: 'warn unless SLAVE is the active one (primary: the bond\'s primary)', group: 'check', complete: 'slave'},
	{name: 'min-slaves', type: 'number', value: 'N', description: 'critical when fewer than N slaves are up', group: 'check'},
	{name: 'ignore', type: 'string', value: 'ID[,ID]', description: 'leave out these findings (ids as in the README)', group: 'check'},
	{name: 'warning', type: 'string', value: 'ID[,ID]', description: 'count these findings as warning', group: 'check'},
	{name: 'critical', type: 'string', value: 'ID[,ID]', description: 'count these findings as critical', group: 'check'},
	{name: 'checkmk', type: 'boolean', default: false, description: 'Checkmk local check lines instead of the Nagios plugin format', group: 'check'},
	{name: 'for', type: 'number', default: 10, value: 'SECONDS', description: 'how long the slave stays down (default 10)', group: 'drill'},
	{name: 'target', type: 'string', value: 'IP', description: "probe this address (default: the bond's ARP target, else the gateway)", group: 'drill'},
	{name: 'force', type: 'boolean', default: false, description: 'go ahead even when the lockout guard says it would cut you off', group: 'drill'},
	{name: 'report', type: 'string', value: 'FILE', description: "write the drill's result to FILE as a Markdown report (for a change ticket)", group: 'drill', complete: 'file'},
	{name: 'textfile', type: 'string', value: 'DIR', description: "write DIR/bondtop.prom for node_exporter's textfile collector (once, or every --interval)", group: 'export', complete: 'directory'},
	{name: 'state-dir', type: 'string', value: 'DIR', description: 'where bondtop remembers counters and the last drill (default /var/lib/bondtop as root, else $XDG_STATE_HOME/bondtop)', group: 'export', complete: 'directory'},
	{name: 'mode', type: 'string', value: 'MODE', description: 'bonding mode (default active-backup; 802.3ad gets a LACP partner)', group: 'lab', complete: 'mode'},
	{name: 'slaves', type: 'number', value: 'N', description: 'number of slaves, 1 to 8 (default 2)', group: 'lab'},
	{
		name: 'demo-scenario',
		type: 'string',
		value: 'NAME',
		description: `what happens to bond0 of the simulated Pi 2 (default ${scenarioNames[0]}):`,
		group: 'demo',
		choices: scenarios.map((scenario) => ({value: scenario.name, description: scenario.summary})),
	},
	{name: 'demo-bonds', type: 'number', default: 1, value: 'N', description: 'simulated bonds (0 to 16)', group: 'demo'},
	{name: 'demo-slaves', type: 'number', default: 2, value: 'N', description: 'slaves per simulated bond (1 to 8)', group: 'demo'},
	{name: 'demo-extra', type: 'number', default: 0, value: 'N', description: 'simulated dummy interfaces outside bonds (0 to 16)', group: 'demo'},
] as const satisfies readonly FlagSpec[];

type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;
type ValueOf<T extends 'string' | 'number' | 'boolean'> = T extends 'string' ? string : T extends 'number' ? number : boolean;

/** The parsed flags, typed from {@link flagTable}: a flag without a default may be undefined. */
export type ParsedFlags = {
	[F in (typeof flagTable)[number] as CamelCase<F['name']>]: F extends {default: unknown} ? ValueOf<F['type']> : ValueOf<F['type']> | undefined;
};

/**
 * A subcommand (the first non-flag word). `usage` is how it is typed: `bondtop WORD ARG...`, with
 * the arguments in capitals (`SLAVE`, `[BOND...]`); shell completion offers bond names for BOND
 * and slave names for SLAVE.
 */
export type CommandSpec = {
	usage: string;
	description: string;
	/** More for the man page, after the description (plain sentences; optional). */
	details?: string;
	/** The only values the flag takes, each with a line for --help (completed as they are; anything else is a usage error). */
	choices?: ReadonlyArray<{value: string; description: string}>;
};

export const commandTable: readonly CommandSpec[] = [
	{usage: 'bondtop [BOND...]', description: 'live view of the bonds (all, or only the named ones)'},
	{usage: 'bondtop check [BOND...]', description: 'monitoring plugin (Nagios, Icinga, NRPE, Checkmk): verdict, findings, perfdata; exit 0-3'},
	{usage: 'bondtop drill SLAVE', description: 'take SLAVE down for a while, time the failover and the outage, bring it back'},
	{usage: 'bondtop watch --json', description: 'one JSON snapshot a line (NDJSON) every --interval, with rates and the events since the line before'},
	{usage: 'bondtop export --textfile DIR', description: "Prometheus metrics for node_exporter's textfile collector; with --interval, again every interval"},
	{usage: 'sudo bondtop lab', description: 'a sandbox bond over veths in its own network namespaces, with the live view inside; removed on exit'},
];

/** Exit codes: a contract, like the JSON schema. */
export const exitCodeTable: ReadonlyArray<{code: number; meaning: string}> = [
	{code: 0, meaning: 'success (a drill ran; a closed output pipe also ends quietly with 0)'},
	{code: 1, meaning: 'the system refused (no root, a link could not be brought back, a Node.js older than 18)'},
	{code: 2, meaning: 'bad input: unknown flag, bad value, unknown bond, unreadable --root'},
	{code: 3, meaning: 'the lockout guard refused a drill (use --force)'},
];

/** Exit codes of `bondtop check`: the monitoring plugin convention, also a contract. */
export const checkExitCodeTable: ReadonlyArray<{code: number; meaning: string}> = [
	{code: 0, meaning: 'OK: every checked bond is healthy'},
	{code: 1, meaning: 'WARNING: the worst bond has a warning finding (e.g. a slave down, no failover left)'},
	{code: 2, meaning: 'CRITICAL: the worst bond is down or has a critical finding (no slave up)'},
	{code: 3, meaning: 'UNKNOWN: could not check (bad option, unknown bond, unreadable root); never 2 for bad input'},
];

/** Environment variables bondtop reads. */
export const environmentTable: ReadonlyArray<{name: string; meaning: string}> = [
	{name: 'NO_COLOR', meaning: 'no colours, like --no-color'},
	{name: 'LC_ALL, LC_CTYPE, LANG', meaning: 'a locale that is not UTF-8 (C, POSIX, ISO-8859-1) gets the ASCII screen of --ascii'},
	{name: 'LC_ALL, LC_MESSAGES, LANG', meaning: 'de or de_* (the first set, in this order): the screen, --once and messages in German, unless --lang says otherwise'},
	{name: 'TERM', meaning: 'dumb: no cursor movement; the --once snapshot is printed every interval instead'},
	{name: 'BONDTOP_CODE_CACHE', meaning: '1 turns on the start-up code cache (off by default)'},
	{name: 'BONDTOP_NO_CACHE', meaning: '1 turns the code cache off whatever else is set'},
	{name: 'BONDTOP_DEBUG', meaning: '1 adds the stack trace to an unexpected error (otherwise one line)'},
	{name: 'XDG_CACHE_HOME', meaning: 'where the code cache lives (default ~/.cache/bondtop)'},
	{name: 'XDG_STATE_HOME', meaning: 'where bondtop export remembers counters when not root (default ~/.local/state/bondtop)'},
];

/** Section titles of the flag groups in --help and the man page. */
export const groupTitles: Record<FlagGroup, string> = {
	general: 'Options',
	check: 'Check options (bondtop check [BOND...]; also --json, --root, --demo)',
	drill: 'Drill options (bondtop drill SLAVE)',
	export: 'Export options (bondtop export)',
	lab: 'Lab options (sudo bondtop lab)',
	demo: 'Demo scenario and size (size for benchmarks)',
};

/** How a flag is written in help text: `--interval MS`, `--no-color`, `-h, --help`. */
export function flagSynopsis(flag: FlagSpec): string {
	const long = flag.type === 'boolean' && flag.default === true ? `--no-${flag.name}` : `--${flag.name}`;
	const withValue = flag.value ? `${long} ${flag.value}` : long;
	return flag.short ? `-${flag.short}, ${withValue}` : withValue;
}

/**
 * The first word of the command line that is not a flag or a flag's value (`check` in
 * `bondtop --root DIR check bond0`), so the CLI can know the subcommand before meow runs.
 */
export function firstCommandWord(argv: readonly string[]): string | null {
	const takesValue = new Set((flagTable as readonly FlagSpec[]).filter((f) => f.type !== 'boolean').map((f) => `--${f.name}`));
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (arg === '--') return argv[i + 1] ?? null;
		if (arg.startsWith('-')) {
			if (takesValue.has(arg)) i++;
			continue;
		}
		return arg;
	}
	return null;
}

/** Whether `--name` was given on the command line (a flag with a default cannot tell by its value). */
export function flagGiven(argv: readonly string[], name: string): boolean {
	for (const arg of argv) {
		if (arg === '--') return false;
		if (arg === `--${name}` || arg.startsWith(`--${name}=`)) return true;
	}
	return false;
}

/** The subcommand word of a usage line (`drill` of `bondtop drill SLAVE`), or null for the plain `bondtop [BOND...]`. */
export function commandWord(command: CommandSpec): string | null {
	const words = command.usage.split(/\s+/).filter((w) => w !== 'sudo');
	const word = words[1];
	return word !== undefined && /^[a-z][a-z0-9-]*$/.test(word) ? word : null;
}

/** The argument placeholders of a usage line after the subcommand word: `SLAVE`, `BOND`. */
export function commandArguments(command: CommandSpec): string[] {
	const words = command.usage.split(/\s+/).filter((w) => w !== 'sudo').slice(commandWord(command) === null ? 1 : 2);
	const args: string[] = [];
	for (let i = 0; i < words.length; i++) {
		// A flag and its value (`--textfile DIR`) are not positional arguments.
		if (words[i]!.replace(/^\[/, '').startsWith('-')) {
			if (/^[A-Z][A-Z0-9_-]*\]?$/.test(words[i + 1] ?? '') && !words[i]!.endsWith(']')) i++;
			continue;
		}
		const name = words[i]!.replace(/[[\].]/g, '');
		if (/^[A-Z][A-Z0-9_-]*$/.test(name)) args.push(name);
	}
	return args;
}

/** camelCase key meow uses for a kebab-case flag name. */
export function camelName(name: string): string {
	return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** meow's `flags` option, derived from {@link flagTable}. */
export function meowFlags(): Record<string, {type: 'string' | 'number' | 'boolean'; default?: string | number | boolean; shortFlag?: string}> {
	const flags: Record<string, {type: 'string' | 'number' | 'boolean'; default?: string | number | boolean; shortFlag?: string}> = {};
	for (const flag of flagTable as readonly FlagSpec[]) {
		flags[camelName(flag.name)] = {
			type: flag.type,
			...(flag.default === undefined ? {} : {default: flag.default}),
			...(flag.short ? {shortFlag: flag.short} : {}),
		};
	}
	return flags;
}

/** A key binding as --help lists it (`command` names its catalogue text, `keyHelp.COMMAND`). */
export type HelpKey = {command?: string; keys: readonly KeySpec[]; description: string; changesLinks?: true};

/** The catalogue key of an environment row: `cli.env.LC_ALL_LC_CTYPE_LANG`. */
function environmentKey(name: string): string {
	return `cli.env.${name.replace(/[^A-Z0-9_]+/g, '_')}`;
}

/**
 * The text of `--help`, from the tables above and the key table. In English (no `say`) it is the
 * tables' own words; with `say` (the error language, German under a German locale) each row comes
 * from the catalogue (`cli.*`, `scenario.*`, `keyHelp.*`, `keyName.*`), or stays English when the
 * catalogue has no such key, which `missing` then collects (a unit test keeps it empty).
 */
export function helpText(keys: ReadonlyArray<HelpKey>, say?: Translate, missing?: string[]): string {
	const tr = (key: string, english: string, params?: MessageParams): string => {
		if (!say) return english;
		if (hasMessage(key)) return say(key, params);
		missing?.push(key);
		return english;
	};
	const keyCell = (binding: HelpKey): string =>
		say
			? binding.keys.map((spec) => ('special' in spec ? tr(`keyName.${spec.special}`, keyName(spec)) : spec.input === ' ' ? tr('keyName.space', keyName(spec)) : spec.input)).join(', ')
			: keyList(binding);
	const lines: string[] = [tr('cli.usage', 'Usage')];
	const usageWidth = Math.max(...commandTable.map((c) => c.usage.length)) + 2;
	for (const command of commandTable) lines.push(`  $ ${command.usage.padEnd(usageWidth)}${tr(`cli.command.${commandWord(command) ?? 'live'}`, command.description)}`);
	for (const group of Object.keys(groupTitles) as FlagGroup[]) {
		const flags = (flagTable as readonly FlagSpec[]).filter((f) => f.group === group);
		if (flags.length === 0) continue;
		lines.push('', tr(`cli.group.${group}`, groupTitles[group]));
		const width = Math.max(...flags.map((f) => flagSynopsis(f).length)) + 2;
		for (const flag of flags) {
			lines.push(`  ${flagSynopsis(flag).padEnd(width)}${tr(`cli.flag.${flag.name}`, flag.description, {name: scenarioNames[0]!})}`);
			const choiceWidth = Math.max(0, ...(flag.choices ?? []).map((c) => c.value.length)) + 2;
			for (const choice of flag.choices ?? []) {
				const key = flag.name === 'demo-scenario' ? `scenario.${choice.value}` : `cli.choice.${flag.name}.${choice.value}`;
				lines.push(`    ${choice.value.padEnd(choiceWidth)}${tr(key, choice.description)}`);
			}
		}
	}
	lines.push('', tr('cli.keys', 'Keys in the TUI'));
	const keyWidth = Math.max(...keys.map((k) => keyCell(k).length)) + 2;
	for (const key of keys) lines.push(`  ${keyCell(key).padEnd(keyWidth)}${key.command ? tr(`keyHelp.${key.command}`, key.description) : key.description}`);
	const changing = keys.filter((k) => k.changesLinks).map(keyCell);
	if (changing.length > 0) lines.push('', tr('cli.changesLinks', `${changing.join(' ')} change links: with --root or --read-only they are not bound.`, {keys: changing.join(' ')}));
	lines.push('', tr('cli.exitCodes', 'Exit codes'));
	for (const {code, meaning} of exitCodeTable) lines.push(`  ${code}  ${tr(`cli.exit.${code}`, meaning)}`);
	lines.push('', tr('cli.checkExitCodes', 'Exit codes of bondtop check'));
	for (const {code, meaning} of checkExitCodeTable) lines.push(`  ${code}  ${tr(`cli.checkExit.${code}`, meaning)}`);
	lines.push('', tr('cli.environment', 'Environment'));
	const envWidth = Math.max(...environmentTable.map((e) => e.name.length)) + 2;
	for (const {name, meaning} of environmentTable) lines.push(`  ${name.padEnd(envWidth)}${tr(environmentKey(name), meaning)}`);
	lines.push('', tr('cli.notTerminal', 'When stdout is not a terminal, bondtop prints the --once snapshot.'));
	return lines.join('\n');
}
