// The English catalogue is the source of truth, and the tables that also feed --help, the man page
// and the README (keys, modes, rule titles) must say exactly what it says: a change in one place
// without the other fails here.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {en} from '../../source/i18n/en.js';
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
