/**
 * The bundle wraps every `string-width` import with scripts/string-width-memo.js, which answers
 * some strings without calling string-width at all. Its answers must be string-width's.
 */
import {strict as assert} from 'node:assert';
import {join} from 'node:path';
import {test} from 'node:test';
import {pathToFileURL} from 'node:url';
import chalk from 'chalk';
// @ts-expect-error: plain JS build helper without types
import {memoise} from '../../scripts/string-width-memo.js';

// The string-width the bundle really wraps (Ink's own copy, pinned to 7.x by package.json overrides).
const {default: stringWidth} = (await import(pathToFileURL(join(process.cwd(), 'node_modules/ink/node_modules/string-width/index.js')).href)) as {default: (text: string) => number};
const memoised = memoise(stringWidth) as (text: string) => number;

test('every character of the fast ranges has string-width 1, alone and coloured', () => {
	const ranges: Array<[number, number]> = [
		[0x20, 0x7e],
		[0xa0, 0xa8],
		[0xaa, 0xac],
		[0xaf, 0xff],
		[0x2010, 0x2027],
		[0x2190, 0x2193],
		[0x2500, 0x259f],
		[0x2800, 0x28ff],
	];
	for (const [from, to] of ranges) {
		for (let code = from; code <= to; code++) {
			const char = String.fromCharCode(code);
			assert.equal(memoised(char), stringWidth(char), `U+${code.toString(16)}`);
			assert.equal(stringWidth(char), 1, `U+${code.toString(16)} is one column`);
			assert.equal(memoised(chalk.level > 0 ? chalk.red(char) : `\x1b[31m${char}\x1b[39m`), 1);
		}
	}
});

test('the memo agrees with string-width on strings outside the fast ranges', () => {
	const samples = [
		'\xad', // soft hyphen: zero width
		'\xa9 2026', // ©: two columns in string-width 7 (an emoji)
		'\x1b[32m\xae\x1b[39m',
		'中文 bond0',
		'e\u0301',
		'👍 ok',
		'\x1b[1m\x1b[32m⣿⣷ RX\x1b[39m\x1b[22m',
		'\x1b]8;;http://x\x07link\x1b]8;;\x07',
		'↓/j/Tab  ↑/k',
		'↔ ↕ ▪ ▶ ◀', // arrows and shapes just outside the fast ranges: two columns (emoji)
		'     5Mb ┤⣀⣤⣿',
		'a\tb',
		'…',
		'',
	];
	for (const text of samples) {
		assert.equal(memoised(text), stringWidth(text), JSON.stringify(text));
		assert.equal(memoised(text), stringWidth(text), `${JSON.stringify(text)} (cached)`);
	}
});

test('chart rows, rates and the footer are answered without string-width (no segmenter per frame)', () => {
	let calls = 0;
	const counted = memoise((text: string) => {
		calls++;
		return stringWidth(text);
	}) as (text: string) => number;
	const rows = [
		'     5Mb ┤⠀⣀⣤⣶⣿⡇',
		'         │⣿⣿⣷⣄⠀⠀',
		'\x1b[32m       0 ┤⣿⣿⣿⣿\x1b[39m',
		'          RX           –  TX  1.2 Mbit/s',
		'↓/j/Tab  ↑/k  d down  … ? help  q quit',
	];
	for (const row of rows) assert.equal(counted(row), stringWidth(row), JSON.stringify(row));
	assert.equal(calls, 0);
});
