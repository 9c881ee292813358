import assert from 'node:assert/strict';
import {test} from 'node:test';
import {safeJsonStringify, sanitizeText} from '../../source/text/sanitize.js';
import {cpuMs} from '../helpers/cpu-time.js';

test('sanitizeText: every C0, DEL and C1 control becomes a visible \\xNN escape', () => {
	for (let code = 0; code < 0xa0; code++) {
		const shown = sanitizeText(`a${String.fromCharCode(code)}b`);
		const isControl = code < 0x20 || (code >= 0x7f && code <= 0x9f);
		if (isControl) assert.equal(shown, `a\\x${code.toString(16).padStart(2, '0')}b`, `U+${code.toString(16)}`);
		else if (code === 0x5c) assert.equal(shown, 'a\\\\b');
		else assert.equal(shown, `a${String.fromCharCode(code)}b`);
		for (let i = 0; i < shown.length; i++) {
			const c = shown.charCodeAt(i);
			assert.ok(!(c < 0x20 || (c >= 0x7f && c <= 0x9f)), `raw control left for U+${code.toString(16)}`);
		}
	}
});

test('sanitizeText: OSC title and clipboard sequences are shown, not obeyed', () => {
	assert.equal(sanitizeText('eth\u001b]0;pwned\u0007'), 'eth\\x1b]0;pwned\\x07');
	assert.equal(sanitizeText('x\u001b]52;c;aGk=\u001b\\'), 'x\\x1b]52;c;aGk=\\x1b\\\\');
	assert.equal(sanitizeText('\u009b31m'), '\\x9b31m');
});

test('sanitizeText: lone surrogates and bidi overrides escaped, valid pairs and plain Unicode kept', () => {
	assert.equal(sanitizeText('a\ud800b'), 'a\\u{d800}b');
	assert.equal(sanitizeText('a\udc00'), 'a\\u{dc00}');
	assert.equal(sanitizeText('😀 Größe ⠿'), '😀 Größe ⠿');
	assert.equal(sanitizeText('eth\u202e0'), 'eth\\u{202e}0');
	const plain = 'bond0';
	assert.equal(sanitizeText(plain), plain);
});

test('sanitizeText: linear on a multi-MiB string', () => {
	const big = '\u001b'.repeat(1 << 20) + 'x'.repeat(1 << 21);
	const {value: shown, ms} = cpuMs(() => sanitizeText(big));
	assert.equal(shown.length, 4 * (1 << 20) + (1 << 21));
	assert.ok(ms < 2000, `${ms} ms of CPU`);
});

test('safeJsonStringify: escapes DEL, C1 and bidi as \\u, and parses back to the same value', () => {
	const value = {name: 'eth\u0085\u007f\u202e\u2028x', n: 1};
	const json = safeJsonStringify(value);
	assert.ok(!/[\u007f-\u009f\u202e\u2028]/.test(json), json);
	assert.ok(json.includes('\\u0085') && json.includes('\\u007f'));
	assert.deepEqual(JSON.parse(json), value);
	assert.deepEqual(JSON.parse(safeJsonStringify(value, 2)), value);
});
