import assert from 'node:assert/strict';
import {test} from 'node:test';
import {asciiForErrors, chooseLanguage, languageFromEnv, languageOfLocale} from '../../source/i18n/locale.js';
import {shownError, UsageError, usageError} from '../../source/errors.js';
import {setErrorLanguage, tError} from '../../source/i18n/i18n.js';
import {errorText} from '../../source/cli/process-guard.js';

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

test('asciiForErrors: --ascii before any --, or a locale that is not UTF-8', () => {
	assert.equal(asciiForErrors(['--demo'], {LANG: 'de_DE.UTF-8'}), false);
	assert.equal(asciiForErrors(['--demo', '--ascii'], {LANG: 'de_DE.UTF-8'}), true);
	assert.equal(asciiForErrors(['drill', '--', '--ascii'], {LANG: 'de_DE.UTF-8'}), false, 'after -- it is a name');
	assert.equal(asciiForErrors([], {LANG: 'C'}), true);
	assert.equal(asciiForErrors([], {LANG: 'de_DE.ISO-8859-1'}), true);
	assert.equal(asciiForErrors([], {LC_ALL: 'de_DE.UTF-8', LANG: 'C'}), false);
});

test('tError: the error language, German without umlauts and ASCII only under ascii; English never changed', () => {
	try {
		setErrorLanguage('de');
		assert.equal(tError('error.logOpen', {path: '/x', code: 'ENOENT'}), '--log /x lässt sich nicht öffnen: ENOENT');
		setErrorLanguage('de', {ascii: true});
		assert.equal(tError('error.logOpen', {path: '/x', code: 'ENOENT'}), '--log /x laesst sich nicht oeffnen: ENOENT');
		assert.equal(tError('message.warning', {message: 'eth…0'}), 'bondtop: Warnung: eth~0', 'the rest made ASCII as on the screen');
		setErrorLanguage('en', {ascii: true});
		assert.equal(tError('message.warning', {message: 'eth…0'}), 'bondtop: warning: eth…0', 'English stays byte for byte');
	} finally {
		setErrorLanguage('en');
	}
});

test('usageError and shownError: the English message for check and debugging, the error language for the line shown', () => {
	try {
		setErrorLanguage('de');
		const usage = usageError('error.labRoot');
		assert.ok(usage instanceof UsageError);
		assert.equal(usage.message, 'bondtop lab needs root (it creates network namespaces): run sudo bondtop lab');
		assert.equal(errorText(usage, false), 'bondtop: bondtop lab braucht root-Rechte (es legt Network Namespaces an): sudo bondtop lab ausführen\n');
		const failed = shownError('error.labSetup', {command: 'ip link add', message: 'File exists'});
		assert.ok(!(failed instanceof UsageError), 'exit 1, not 2');
		assert.equal(errorText(failed, false), 'bondtop: bondtop lab konnte die Sandbox nicht aufbauen: ip link add: File exists\n');
		assert.equal(failed.message, 'bondtop lab could not build the sandbox: ip link add: File exists');
	} finally {
		setErrorLanguage('en');
	}
});
