// Build-time wrapper for `string-width` (see scripts/build.mjs): the same function, memoised.
// Ink measures and truncates every line of every frame; most lines repeat from frame to frame.
let cache = new Map();

/**
 * Printable ASCII, printable Latin-1 but the soft hyphen (no column) and © ® (two: emoji), general
 * punctuation U+2010-U+2027 (– — … ·), the arrows ← ↑ → ↓, box drawing and block elements
 * U+2500-U+259F (the charts' axis ┤ │) and braille patterns (the sparklines) are one column each:
 * no lookup needed. SGR escape sequences (colours) take no column. Every chart row has an axis
 * character and its braille changes every refresh, so without the box-drawing range each of
 * them went through string-width's grapheme segmenter every frame (a quarter of the TUI's
 * allocations, see README, Performance).
 * test/build/string-width-memo.test.ts checks every character of these ranges against string-width.
 */
const singleWidth = /^[\x20-\x7E\xA0-\xA8\xAA-\xAC\xAF-\xFF\u2010-\u2027\u2190-\u2193\u2500-\u259F\u2800-\u28FF]*$/;
const sgr = /\x1b\[[0-9;]*m/g;

export function memoise(stringWidth) {
	return function memoisedStringWidth(text, options) {
		if (options !== undefined || typeof text !== 'string' || text.length > 512) return stringWidth(text, options);
		if (singleWidth.test(text)) return text.length;
		let width = cache.get(text);
		if (width === undefined) {
			if (text.includes('\x1b')) {
				const visible = text.replace(sgr, '');
				width = !visible.includes('\x1b') && singleWidth.test(visible) ? visible.length : stringWidth(text);
			} else {
				width = stringWidth(text);
			}
			if (cache.size >= 5000) cache = new Map();
			cache.set(text, width);
		}
		return width;
	};
}
