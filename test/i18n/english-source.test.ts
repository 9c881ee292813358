// The English catalogue is the source of truth, and the tables that also feed --help, the man page
// and the README (keys, modes, rule titles) must say exactly what it says: a change in one place
// without the other fails here.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {en} from '../../source/i18n/en.js';
import {de} from '../../source/i18n/de.js';
import {fill, setLanguage, tEnglish} from '../../source/i18n/i18n.js';
import {helpText} from '../../source/cli/usage.js';
import {rules} from '../../source/judge/rules.js';
import {modeDescriptions} from '../../source/model/roles.js';
import {bondModes} from '../../source/model/types.js';
import {keyBindings} from '../../source/ui/keys.js';

const messages: Record<string, string> = en;

test('every key binding has its footer label and help description in the catalogue, the same words as the table', () => {
	for (const binding of keyBindings) {
		assert.equal(messages[`key.${binding.command}`], binding.label, binding.command);
		assert.equal(messages[`keyHelp.${binding.command}`], binding.description, binding.command);
		if (binding.helpPair) assert.equal(messages[`keyPair.${binding.command}`], binding.helpPair, `${binding.command}'s help pair`);
	}
});

test('every bonding mode has its title, summary and switch support in the catalogue, as in modeDescriptions', () => {
	for (const mode of bondModes) {
		assert.equal(messages[`mode.${mode}.title`], modeDescriptions[mode].title, mode);
		assert.equal(messages[`mode.${mode}.summary`], modeDescriptions[mode].summary, mode);
		assert.equal(messages[`mode.${mode}.switch`], modeDescriptions[mode].switchSupport, mode);
	}
});

test("every rule's title is in the catalogue, as in the rule table", () => {
	for (const rule of rules) assert.equal(messages[`rule.${rule.id}`], rule.title, rule.id);
});

test('--help from the English catalogue is the tables\' own text, and the catalogue has every row (cli.*, scenario.*, keyHelp.*)', () => {
	const missing: string[] = [];
	assert.equal(helpText(keyBindings, tEnglish, missing), helpText(keyBindings));
	assert.deepEqual(missing, [], 'a row of usage.ts without its catalogue entry');
});

test('--help in German: every heading and row from the German catalogue, the flags, values and exit codes as typed', () => {
	setLanguage('en');
	const german = helpText(keyBindings, (key, params) => fill(de[key], params));
	assert.match(german, /^Aufruf$/m);
	assert.match(german, /^ {2}--interval MS {2}Aktualisierungsintervall in Millisekunden \(Vorgabe 1000, mindestens 50\)$/m);
	assert.match(german, /^ {2}--demo-scenario NAME {2}was mit bond0 des simulierten Pi 2 geschieht \(Vorgabe origin\):$/m);
	assert.match(german, /^ {2}Pos1 +erste Schnittstelle wählen/m, 'German key names');
	assert.match(german, /^Exit-Codes$/m);
	assert.match(german, /^ {2}3 {2}der Aussperrschutz hat einen Failover-Test abgelehnt \(--force verwenden\)$/m);
	assert.match(german, /^d u a p ändern Links: /m);
	for (const english of ['Usage', 'Options', 'Keys in the TUI', 'Exit codes', 'Environment', 'refresh interval', 'select the next interface', 'print the version']) {
		assert.doesNotMatch(german, new RegExp(`\\b${english}\\b`), english);
	}
});
