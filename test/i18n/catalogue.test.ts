import assert from 'node:assert/strict';
import {test} from 'node:test';
import {de} from '../../source/i18n/de.js';
import {en} from '../../source/i18n/en.js';
import {catalogueProblems} from '../../source/i18n/check.js';
import {setLanguage, tEnglish} from '../../source/i18n/i18n.js';
import {interfaceNameProblem} from '../../source/text/names.js';

test('the German catalogue has exactly the English keys, with the same placeholders', () => {
	assert.deepEqual(catalogueProblems(en, de), []);
});

test('catalogueProblems finds a missing key, an extra key and placeholders that differ', () => {
	const english = {a: 'one {name}', b: 'two', c: 'three {count} {bond}'};
	const problems = catalogueProblems(english, {a: 'eins {name}', d: 'vier', c: 'drei {count} {slave}'});
	assert.deepEqual(problems, ['missing key b', 'extra key d', 'c: placeholders {bond, count} in English, {count, slave} here']);
	assert.deepEqual(catalogueProblems(english, {a: 'eins', b: 'zwei', c: 'drei {bond} {count}'}), ['a: placeholders {name} in English, {} here']);
	// Order does not matter, and a placeholder used twice is one placeholder.
	assert.deepEqual(catalogueProblems(english, {a: '{name} {name}', b: 'zwei', c: '{bond} drei {count}'}), []);
});

test('no message is empty, and German messages are not left as the English text by mistake where words differ', () => {
	for (const [key, text] of Object.entries(de)) assert.notEqual(text.trim(), '', key);
	for (const [key, text] of Object.entries(en)) assert.notEqual(text.trim(), '', key);
	// Spot checks of words that must be German (the panel's net-tools labels).
	assert.notEqual(de['panel.mask'], en['panel.mask']);
	assert.notEqual(de['panel.collisions'], en['panel.collisions']);
});

test('why a name is refused: in the screen language, English when asked (the English message of an action beside the shown one)', () => {
	try {
		setLanguage('de');
		assert.equal(interfaceNameProblem('../x'), 'der Name enthält /');
		assert.equal(interfaceNameProblem('ethernet-too-long0'), 'der Name ist länger als 15 Bytes');
		assert.equal(interfaceNameProblem('../x', tEnglish), 'the name contains /');
		assert.equal(interfaceNameProblem('eth0'), null);
	} finally {
		setLanguage('en');
	}
	assert.equal(interfaceNameProblem('a b'), 'the name contains white space');
});
