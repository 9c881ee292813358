/**
 * Which language the screen speaks: `--lang en|de`, else the locale's messages category in POSIX
 * order (the first non-empty of LC_ALL, LC_MESSAGES, LANG): `de` or `de_*` is German, anything
 * else (unset, `C`, `POSIX`, `en_US.UTF-8`, `fr_FR`) English. Pure.
 */
import {usageError} from '../errors.js';
import {languages, type Language} from './i18n.js';
import {localeIsUtf8} from '../text/ascii.js';

/** The language a locale name stands for: `de_DE.UTF-8`, `de_AT@euro`, `de` -> `de`; everything else `en`. */
export function languageOfLocale(locale: string): Language {
	return /^de([_.@]|$)/.test(locale) ? 'de' : 'en';
}

/** The language of the environment: LC_ALL, then LC_MESSAGES, then LANG, the first that is set and not empty. */
export function languageFromEnv(env: Readonly<Record<string, string | undefined>>): Language {
	const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
	return locale === undefined ? 'en' : languageOfLocale(locale);
}

/** `--lang`'s value checked (a usage error otherwise), else the environment's language. */
export function chooseLanguage(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): Language {
	if (flag === undefined) return languageFromEnv(env);
	if ((languages as readonly string[]).includes(flag)) return flag as Language;
	throw usageError('error.lang', {names: languages.join(', '), value: JSON.stringify(flag)});
}

/**
 * The language of error messages, before the command line is parsed: `--lang`'s value as typed
 * (`--lang de`, `--lang=de`, before any `--`) when it is a language, else the environment's.
 */
export function languageForErrors(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Language {
	for (let i = 0; i < argv.length; i++) {
		const word = argv[i]!;
		if (word === '--') break;
		const value = word === '--lang' ? argv[i + 1] : word.startsWith('--lang=') ? word.slice('--lang='.length) : undefined;
		if (value !== undefined && (languages as readonly string[]).includes(value)) return value as Language;
	}
	return languageFromEnv(env);
}

/** Whether messages outside the screen must be ASCII: `--ascii` given (before any `--`), or a locale that is not UTF-8. */
export function asciiForErrors(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
	const end = argv.indexOf('--');
	return (end === -1 ? argv : argv.slice(0, end)).includes('--ascii') || !localeIsUtf8(env);
}
