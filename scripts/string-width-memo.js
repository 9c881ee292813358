// Build-time wrapper for `string-width` (see scripts/build.mjs): the same function, memoised.
// Ink measures and truncates every line of every frame; most lines repeat from frame to frame.
let cache = new Map();

/** Printable ASCII and braille patterns (the sparklines) are one column each: no lookup needed. */
const singleWidth = /^[\x20-\x7E\u2800-\u28FF]*$/;

export function memoise(stringWidth) {
	return function memoisedStringWidth(text, options) {
		if (options !== undefined || typeof text !== 'string' || text.length > 512) return stringWidth(text, options);
		if (singleWidth.test(text)) return text.length;
		let width = cache.get(text);
		if (width === undefined) {
			width = stringWidth(text);
			if (cache.size >= 5000) cache = new Map();
			cache.set(text, width);
		}
		return width;
	};
}
