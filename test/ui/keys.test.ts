import assert from 'node:assert/strict';
import {test} from 'node:test';
import {localeIsUtf8, toAscii} from '../../source/text/ascii.js';
import {wrapHanging} from '../../source/text/wrap.js';
import {commandForKey, footerLabels, functionKeyOf, keyBindings, type KeyPress} from '../../source/ui/keys.js';
import {intervalSteps, nextIntervalMs} from '../../source/ui/view.js';

test('every key of the table maps back to its own command (no key is shadowed by another binding)', () => {
	for (const binding of keyBindings) {
		for (const spec of binding.keys) {
			const [input, key]: [string, KeyPress] =
				'input' in spec ? [spec.input, {}] : spec.special === 'ctrlC' ? ['c', {ctrl: true}] : spec.special === 'shiftTab' ? ['', {tab: true, shift: true}] : ['', {[spec.special]: true}];
			assert.equal(commandForKey(input, key), binding.command, `${JSON.stringify(spec)} -> ${binding.command}`);
		}
	}
	assert.equal(commandForKey('x', {}), null);
	assert.equal(commandForKey('d', {ctrl: true}), null, 'Ctrl-d is not d');
});

test('F1 and F10 as xterm, VT220 and the Linux console send them', () => {
	assert.equal(functionKeyOf('\u001BOP'), 'f1');
	assert.equal(functionKeyOf('\u001B[11~'), 'f1');
	assert.equal(functionKeyOf('\u001B[[A'), 'f1');
	assert.equal(functionKeyOf('\u001B[21~'), 'f10');
	assert.equal(functionKeyOf('\u001B[20~'), null, 'F9 is not F10');
	assert.equal(functionKeyOf('q'), null);
});

test('help descriptions fit one row at 80 columns; the footer drops low-priority labels first, ? help  q quit last', () => {
	for (const b of keyBindings) {
		assert.ok(b.description.length <= 62, `${b.command}: ${b.description.length} characters`);
		assert.ok((b.helpPair ?? '').length <= 62, `${b.command}'s help pair: ${b.helpPair?.length} characters`);
	}
	const full = footerLabels(200);
	assert.match(full, /^↓\/j\/Tab {2}↑\/k {2}d down .* \? help {2}q quit$/);
	for (let columns = 14; columns <= 120; columns++) {
		const text = footerLabels(columns);
		assert.ok(text.length <= columns, `${columns}: ${text}`);
		assert.ok(text.endsWith('? help  q quit'), `${columns}: ${text}`);
	}
	assert.match(footerLabels(40), /d down {2}u up {2}\? help {2}q quit/, 'at 40 columns the actions outlive navigation');
});

test('toAscii: braille by bar height, arrows, ellipsis, accents; same width; ASCII untouched', () => {
	assert.equal(toAscii('plain text'), 'plain text');
	assert.equal(toAscii('\u2800\u28C0\u28E4\u28F6\u28FF'), ' .:|#');
	assert.equal(toAscii('eth0 → eth1 …'), 'eth0 > eth1 ~');
	assert.equal(toAscii('↓/j/Tab  ↑/k'), 'v/j/Tab  ^/k');
	assert.equal(toAscii('Sendewarteschlangenlänge'), 'Sendewarteschlangenlange');
	assert.equal(toAscii('漢'), '?');
	const mixed = '⣿ · – bond0';
	assert.equal(toAscii(mixed).length, [...mixed].length);
});

test('locale: UTF-8 only when the deciding variable says so (LC_ALL, then LC_CTYPE, then LANG)', () => {
	assert.equal(localeIsUtf8({LANG: 'en_US.UTF-8'}), true);
	assert.equal(localeIsUtf8({LANG: 'de_DE.utf8'}), true);
	assert.equal(localeIsUtf8({LANG: 'C.UTF-8'}), true);
	assert.equal(localeIsUtf8({LANG: 'C'}), false);
	assert.equal(localeIsUtf8({LANG: 'POSIX'}), false);
	assert.equal(localeIsUtf8({LANG: 'de_DE.ISO-8859-1'}), false);
	assert.equal(localeIsUtf8({LANG: 'de_DE@euro'}), false);
	assert.equal(localeIsUtf8({LANG: 'en_US.UTF-8', LC_ALL: 'C'}), false, 'LC_ALL wins');
	assert.equal(localeIsUtf8({LANG: 'C', LC_CTYPE: 'en_US.UTF-8'}), true, 'LC_CTYPE before LANG');
	assert.equal(localeIsUtf8({LANG: 'C', LC_ALL: ''}), false, 'an empty LC_ALL does not count');
	assert.equal(localeIsUtf8({}), true, 'nothing set: assume UTF-8');
});

test('wrapHanging: continuation lines indented, no line wider than the width, long words cut', () => {
	const lines = wrapHanging('one two three four five six seven eight nine ten', 20, '  key  ', 7);
	assert.deepEqual(lines, ['  key  one two three', '       four five six', '       seven eight', '       nine ten']);
	for (const line of wrapHanging('x'.repeat(50), 20, '', 4)) assert.ok(line.length <= 20);
	assert.deepEqual(wrapHanging('', 20), ['']);
});

test('+/- walk the interval steps and stop at the ends', () => {
	assert.equal(nextIntervalMs(1000, 'faster'), 500);
	assert.equal(nextIntervalMs(1000, 'slower'), 2000);
	assert.equal(nextIntervalMs(750, 'faster'), 500, 'between steps: the nearest step that way');
	assert.equal(nextIntervalMs(750, 'slower'), 1000);
	assert.equal(nextIntervalMs(intervalSteps[0], 'faster'), intervalSteps[0]);
	assert.equal(nextIntervalMs(60_000, 'slower'), 60_000);
	assert.equal(nextIntervalMs(50, 'faster'), 50, 'a --interval below the steps is not made slower by +');
});
