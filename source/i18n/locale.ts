/**
 * Which language the screen speaks: `--lang en|de`, else the locale's messages category in POSIX
 * order (the first non-empty of LC_ALL, LC_MESSAGES, LANG): `de` or `de_*` is German, anything
 * else (unset, `C`, `POSIX`, `en_US.UTF-8`, `fr_FR`) English. Pure.
 */
import {UsageError} from '../errors.js';
import {languages, type Language} from './i18n.js';

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
	throw new UsageError(`--lang must be one of ${languages.join(', ')}, not ${JSON.stringify(flag)}`);
}
