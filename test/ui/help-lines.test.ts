// The help screen's lines and the row under them: the key table is one row a key at 80 columns in
// both languages (so it fits 80x24 whole), and the hint of more says what is below, or how to go
// back, without being cut.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {setLanguage} from '../../source/i18n/i18n.js';
import {helpHint, helpLines, helpWindowRows} from '../../source/ui/help-lines.js';
import {bindingsFor} from '../../source/ui/keys.js';

/** The rows from the key table's heading to the blank line after it. */
function keyTable(lines: ReadonlyArray<{text: string}>): string[] {
	const end = lines.findIndex((line) => line.text === '');
	return lines.slice(0, end).map((line) => line.text);
}

for (const language of ['en', 'de'] as const) {
	test(`${language}: at 80 columns every key row is one row and the key table fits the 20 rows 80x24 leaves`, () => {
		setLanguage(language);
		try {
			for (const readOnly of [false, true]) {
				const bindings = bindingsFor({readOnly});
				const lines = helpLines(80, bindings, readOnly ? 'test' : null);
				const table = keyTable(lines);
				const keyRows = table.slice(1).filter((text) => /^ {2}\S/.test(text));
				const continuations = table.slice(1).filter((text) => /^ {3,}\S/.test(text));
				assert.deepEqual(continuations, [], `${language}: a key description wraps`);
				assert.ok(table.length <= helpWindowRows(lines.length, 21), `${language}${readOnly ? ' read-only' : ''}: key table ${table.length} rows`);
				for (const text of table) assert.ok(text.length <= 80, text);
				// 14 rows read-only (d, u, a and p are not bound there) and its sentence why; 18 else.
				assert.equal(keyRows.length, readOnly ? 15 : 18, `${keyRows.length} key rows`);
			}
		} finally {
			setLanguage('en');
		}
	});
}

test('helpWindowRows: all rows when everything fits, else one fewer for the hint', () => {
	assert.equal(helpWindowRows(10, 21), 21);
	assert.equal(helpWindowRows(21, 21), 21);
	assert.equal(helpWindowRows(22, 21), 20);
	assert.equal(helpWindowRows(50, 1), 1, 'never an empty window');
	assert.equal(helpWindowRows(50, 0), 1);
});

test('helpHint: the sections below, the position when it fits, the way back at the end, nothing when all fits', () => {
	setLanguage('en');
	const lines = helpLines(80);
	const total = lines.length;
	assert.equal(helpHint(lines, 0, total, 80), '', 'everything shown: no hint');
	assert.equal(helpHint(lines, 0, 20, 80), `↓ PgDn more: Bonding modes, Slave words  (lines 1-20 of ${total})`);
	const modes = lines.findIndex((line) => line.text === 'Bonding modes');
	assert.equal(helpHint(lines, modes, 5, 80), `↓ PgDn more: Slave words  (lines ${modes + 1}-${modes + 5} of ${total})`, 'a section on screen is not named');
	assert.equal(helpHint(lines, total - 20, 20, 80), `↑ PgUp Home: back to the top  (lines ${total - 19}-${total} of ${total})`);
	// Narrow: the position goes first, then the section names; what is left is whole.
	assert.equal(helpHint(lines, 0, 20, 45), '↓ PgDn more: Bonding modes, Slave words');
	assert.equal(helpHint(lines, 0, 20, 30), '↓ PgDn more');
	assert.equal(helpHint(lines, 0, 20, 5), '', 'nothing rather than a cut word');
	const slaveWords = lines.findIndex((line) => line.text === 'Slave words');
	assert.equal(helpHint(lines, slaveWords - 3, 3, 80), `↓ PgDn more: Slave words  (lines ${slaveWords - 2}-${slaveWords} of ${total})`, 'a heading just below the window is named');
});
