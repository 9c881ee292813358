/**
 * The screen's language: one message catalogue per language (`en.ts` is the source of truth,
 * `de.ts` must have every key, which `tsc` checks), `t(key, params)` to look a message up, and
 * `decimal()`, the one number formatter for what is shown (`10,8 MiB` in German).
 *
 * The language is chosen once at start (`--lang`, else the locale, see locale.ts) and only for
 * what a human reads: the TUI and `--once`. Machine-readable outputs (`--json`, the NDJSON
 * stream, `--log`, Prometheus, `check`) never call {@link setLanguage} and stay English, so a
 * parser never sees a translated word. A lookup is a property read plus, for messages with
 * `{name}` placeholders, one linear replace: nothing is rebuilt per frame.
 */
import {de} from './de.js';
import {en, type MessageKey} from './en.js';
import {toAscii} from '../text/ascii.js';

export type {MessageKey} from './en.js';

/** The languages bondtop speaks. */
export const languages = ['en', 'de'] as const;
export type Language = (typeof languages)[number];

/** Values a message's `{name}` placeholders are filled with. Names from the kernel are passed raw; the renderers sanitise the whole line. */
export type MessageParams = Readonly<Record<string, string | number>>;

const catalogues: Record<Language, Readonly<Record<MessageKey, string>>> = {en, de};

let current: Language = 'en';
let catalogue: Readonly<Record<MessageKey, string>> = en;

/**
 * Chooses the language of everything {@link t} and {@link decimal} return from now on. With
 * `ascii` (a terminal that is not UTF-8, or `--ascii`) umlauts are written as German does without
 * them (ä -> ae, ß -> ss), once here, before Ink measures any text: the ASCII stream (text/ascii.ts)
 * maps the rest one character for one.
 */
export function setLanguage(language: Language, options: {ascii?: boolean} = {}): void {
	current = language;
	catalogue = options.ascii ? transliterated(catalogues[language]) : catalogues[language];
}

// Escaped: the bundle must stay ASCII (scripts/build.mjs), and esbuild keeps regex literals as written.
const umlauts: Readonly<Record<string, string>> = {'\u00e4': 'ae', '\u00f6': 'oe', '\u00fc': 'ue', '\u00c4': 'Ae', '\u00d6': 'Oe', '\u00dc': 'Ue', '\u00df': 'ss'};

/** German without umlauts: `Sendewarteschlangenlänge` -> `Sendewarteschlangenlaenge`. */
export function withoutUmlauts(text: string): string {
	return text.replace(/[\u00e4\u00f6\u00fc\u00c4\u00d6\u00dc\u00df]/g, (c) => umlauts[c]!);
}

function transliterated(messages: Readonly<Record<MessageKey, string>>): Record<MessageKey, string> {
	const out = {} as Record<MessageKey, string>;
	for (const key of Object.keys(messages) as MessageKey[]) out[key] = withoutUmlauts(messages[key]);
	return out;
}

/** The language chosen (English unless {@link setLanguage} said otherwise). */
export function currentLanguage(): Language {
	return current;
}

/** `{name}`, or `{name|one|other}`: the word for one or for any other number (`{count|slave|slaves}`). */
const placeholder = /\{([a-zA-Z]+)(?:\|([^|{}]*)\|([^|{}]*))?\}/g;

/**
 * Fills `{name}` placeholders (numbers in the language's decimals) and `{name|one|other}` plural
 * choices (the word only: write `{count} {count|slave|slaves}`). An unknown name is left as
 * written, so a mistake shows instead of vanishing.
 */
export function fill(template: string, params: MessageParams | undefined): string {
	if (params === undefined || !template.includes('{')) return template;
	return template.replace(placeholder, (whole, name: string, one: string | undefined, other: string | undefined) => {
		const value = params[name];
		if (value === undefined) return whole;
		if (one !== undefined) return Number(value) === 1 ? one : other!;
		return typeof value === 'number' ? decimal(value) : value;
	});
}

/** The message `key` in the chosen language, placeholders filled (numbers in the language's decimals). */
export function t(key: MessageKey, params?: MessageParams): string {
	return fill(catalogue[key], params);
}

/** Whether `key` is a message of the catalogue (for keys made from data, such as a rule's id). */
export function hasMessage(key: string): key is MessageKey {
	return Object.hasOwn(en, key);
}

/** {@link t} or {@link tEnglish}: for text that is shown and also stored (a drill's block). */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** The message `key` in English whatever the language: for machine-readable text (`--log`, JSON, check). */
export function tEnglish(key: MessageKey, params?: MessageParams): string {
	return fill(en[key], params);
}

/**
 * The one number formatter for display: `digits` decimals (as `toFixed`), or for whole numbers
 * with no `digits` the number as it is; German decimal comma (`10,8`). No thousands separators:
 * counters stay as ifconfig prints them.
 */
export function decimal(value: number, digits?: number): string {
	const text = digits === undefined ? String(value) : value.toFixed(digits);
	return current === 'de' ? text.replace('.', ',') : text;
}

let errorLanguage: Language = 'en';
let errorCatalogue: Readonly<Record<MessageKey, string>> = en;
let errorAscii = false;

/**
 * The language of messages outside the screen (stderr, and the lines printed after the screen is
 * gone), chosen before the command line is parsed (from `--lang` as typed, else the locale);
 * `bondtop check` keeps English (its errors are UNKNOWN status lines for Nagios). Separate from
 * {@link setLanguage}: choosing it translates nothing else. With `ascii` (the locale is not UTF-8,
 * or `--ascii`) German is written without umlauts and made ASCII, as on the screen.
 */
export function setErrorLanguage(language: Language, options: {ascii?: boolean} = {}): void {
	errorLanguage = language;
	// English stays as it always was (byte for byte); German is what gains non-ASCII letters.
	errorAscii = options.ascii === true && language !== 'en';
	errorCatalogue = errorAscii ? transliterated(catalogues[language]) : catalogues[language];
}

/** The language of messages outside the screen. */
export function currentErrorLanguage(): Language {
	return errorLanguage;
}

/** The message `key` in the error language (ASCII only when {@link setErrorLanguage} said so). */
export function tError(key: MessageKey, params?: MessageParams): string {
	const text = fill(errorCatalogue[key], params);
	return errorAscii ? toAscii(text) : text;
}
