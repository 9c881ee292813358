// Used by scripts/ink-output-get.js through scripts/esbuild-plugins.mjs (its source is spliced into
// Ink's output.js, so it must stay one self-contained function) and by test/build/ink-output.test.ts.
/**
 * Whether a line Ink writes can be copied into a row as it is instead of through Ink's cell grid:
 * every escape sequence is SGR (colours, bold, inverse, …), every style it opens it also closes,
 * and every character takes exactly one column of `width` (no wide, zero-width or combining
 * characters, no surrogates, no control characters), so its columns are its characters.
 */
export function plainRun(line, width) {
	let escapes = 0;
	let escapeLength = 0;
	if (line.includes('\x1b')) {
		// Open attributes: foreground, background, intensity, italic, underline, blink, inverse,
		// hidden, strikethrough, overline.
		let fg = false, bg = false, intensity = false, italic = false, underline = false, blink = false, inverse = false, hidden = false, strike = false, overline = false;
		const sgr = /\x1b\[([0-9;]*)m/g;
		let match;
		while ((match = sgr.exec(line)) !== null) {
			escapes++;
			escapeLength += match[0].length;
			const codes = match[1] === '' ? [0] : match[1].split(';').map(Number);
			for (let i = 0; i < codes.length; i++) {
				const code = codes[i];
				if (code === 0) fg = bg = intensity = italic = underline = blink = inverse = hidden = strike = overline = false;
				else if (code === 1 || code === 2) intensity = true;
				else if (code === 22) intensity = false;
				else if (code === 3) italic = true;
				else if (code === 23) italic = false;
				else if (code === 4) underline = true;
				else if (code === 24) underline = false;
				else if (code === 5 || code === 6) blink = true;
				else if (code === 25) blink = false;
				else if (code === 7) inverse = true;
				else if (code === 27) inverse = false;
				else if (code === 8) hidden = true;
				else if (code === 28) hidden = false;
				else if (code === 9) strike = true;
				else if (code === 29) strike = false;
				else if (code === 53) overline = true;
				else if (code === 55) overline = false;
				else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) fg = true;
				else if (code === 39) fg = false;
				else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) bg = true;
				else if (code === 49) bg = false;
				else if (code === 38 || code === 48) {
					if (code === 38) fg = true;
					else bg = true;
					if (codes[i + 1] === 5) i += 2;
					else if (codes[i + 1] === 2) i += 4;
					else return false;
				} else return false;
			}
		}
		if (fg || bg || intensity || italic || underline || blink || inverse || hidden || strike || overline) return false;
		let count = 0;
		for (let at = line.indexOf('\x1b'); at !== -1; at = line.indexOf('\x1b', at + 1)) count++;
		if (count !== escapes) return false;
	}
	if (line.length - escapeLength !== width) return false;
	// With the escapes removed, no control, combining, zero-width or surrogate code unit.
	const visible = escapes === 0 ? line : line.replace(/\x1b\[[0-9;]*m/g, '');
	return !/[\x00-\x1f\x7f-\x9f\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u1ab0-\u1aff\u1dc0-\u1dff\u200b-\u200f\u2028-\u202e\u2060-\u206f\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f\ufeff\ud800-\udfff]/.test(visible);
}
