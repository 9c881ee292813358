import assert from 'node:assert/strict';
import {test} from 'node:test';
import {chooseLanguage, languageFromEnv, languageOfLocale} from '../../source/i18n/locale.js';
import {UsageError} from '../../source/errors.js';

test('a de or de_* locale is German, anything else English', () => {
	for (const locale of ['de_DE.UTF-8', 'de_AT.utf8', 'de_CH', 'de', 'de_DE@euro', 'de.UTF-8']) assert.equal(languageOfLocale(locale), 'de', locale);
	for (const locale of ['C', 'POSIX', 'en_US.UTF-8', 'C.UTF-8', 'fr_FR.UTF-8', 'dek', 'nl_DE.UTF-8', 'DE_de']) assert.equal(languageOfLocale(locale), 'en', locale);
});

test('POSIX precedence: LC_ALL, then LC_MESSAGES, then LANG; empty counts as unset; LC_CTYPE does not choose the language', () => {
	const cases: Array<[Record<string, string>, 'en' | 'de']> = [
		[{}, 'en'],
		[{LANG: 'de_DE.UTF-8'}, 'de'],
		[{LANG: 'de_DE.UTF-8', LC_MESSAGES: 'C'}, 'en'],
		[{LANG: 'en_US.UTF-8', LC_MESSAGES: 'de_DE.UTF-8'}, 'de'],
		[{LANG: 'de_DE.UTF-8', LC_MESSAGES: 'de_DE.UTF-8', LC_ALL: 'C'}, 'en'],
		[{LANG: 'C', LC_ALL: 'de_DE.UTF-8'}, 'de'],
		[{LANG: 'de_DE.UTF-8', LC_ALL: ''}, 'de'],
		[{LANG: 'de_DE.UTF-8', LC_MESSAGES: ''}, 'de'],
		[{LC_CTYPE: 'de_DE.UTF-8'}, 'en'],
	];
	for (const [env, expected] of cases) assert.equal(languageFromEnv(env), expected, JSON.stringify(env));
});

test('--lang overrides the locale; a bad value is a usage error naming the choices', () => {
	assert.equal(chooseLanguage('en', {LANG: 'de_DE.UTF-8'}), 'en');
	assert.equal(chooseLanguage('de', {LANG: 'C'}), 'de');
	assert.equal(chooseLanguage(undefined, {LANG: 'de_DE.UTF-8'}), 'de');
	for (const bad of ['fr', 'DE', 'de_DE', '']) {
		assert.throws(() => chooseLanguage(bad, {}), (error: unknown) => error instanceof UsageError && /--lang must be one of en, de, not /.test(error.message), bad);
	}
});

test('the language of error messages: --lang as typed when it is a language, else the locale; never after --', async () => {
	const {languageForErrors} = await import('../../source/i18n/locale.js');
	assert.equal(languageForErrors(['--intervall', '5'], {LANG: 'de_DE.UTF-8'}), 'de');
	assert.equal(languageForErrors(['--lang', 'en', '--intervall'], {LANG: 'de_DE.UTF-8'}), 'en');
	assert.equal(languageForErrors(['--lang=de', '--intervall'], {}), 'de');
	assert.equal(languageForErrors(['--lang', 'fr'], {LANG: 'de_DE.UTF-8'}), 'de', 'a bad value: the locale (the bad value itself is refused later)');
	assert.equal(languageForErrors(['drill', '--', '--lang', 'de'], {}), 'en', 'after -- it is a name, not a flag');
});
