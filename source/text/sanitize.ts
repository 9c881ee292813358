/**
 * The one sanitiser for everything bondtop shows a person: interface and bond names, hostnames,
 * file text from a capture, kernel values, error messages. Untrusted text may hold terminal
 * controls (ESC starts sequences that set the window title or write the clipboard), C1 controls
 * (U+0080-009F, which some terminals obey as 8-bit CSI/OSC), bidirectional overrides that reorder
 * what is seen, and lone surrogates. Each such character becomes a visible escape, so the text
 * stays readable and cannot act on the terminal. Backslash is doubled, so an escape seen is never
 * ambiguous (a name that literally holds `\x1b` shows as `\\x1b`).
 *
 * Only for display: names that an action uses are passed on unchanged (as argv), never this text.
 * Linear time: one pass, no regular expression backtracking.
 */

/** True for a UTF-16 code unit that must not reach a terminal as is. */
function needsEscape(code: number): boolean {
	return (
		code < 0x20 || // C0, including TAB, LF and CR: one shown string is one line
		code === 0x5c || // backslash, so escapes are unambiguous
		(code >= 0x7f && code <= 0x9f) || // DEL and C1
		code === 0x061c || // Arabic letter mark
		code === 0x200e ||
		code === 0x200f || // LRM, RLM
		(code >= 0x202a && code <= 0x202e) || // bidi embeddings and overrides
		(code >= 0x2066 && code <= 0x2069) || // bidi isolates
		code === 0x2028 ||
		code === 0x2029 || // line and paragraph separators
		code === 0xfeff // zero-width no-break space / BOM
	);
}

function hex(code: number, width: number): string {
	return code.toString(16).padStart(width, '0');
}

/**
 * Makes untrusted text safe and visible on a terminal: `"eth\u001b]0;x\u0007"` -> `eth\x1b]0;x\x07`.
 * Returns the input itself when nothing needs escaping (the common case costs one scan).
 */
export function sanitizeText(text: string): string {
	// Parts joined once at the end: repeated concatenation made a million escapes take a second.
	let parts: string[] | null = null;
	let from = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		let escaped: string | null = null;
		if (code >= 0xd800 && code <= 0xdfff) {
			const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
			if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
				i++; // a valid pair: keep it
				continue;
			}
			escaped = `\\u{${hex(code, 4)}}`; // lone surrogate
		} else if (needsEscape(code)) {
			escaped = code === 0x5c ? '\\\\' : code <= 0xff ? `\\x${hex(code, 2)}` : `\\u{${hex(code, 4)}}`;
		}
		if (escaped === null) continue;
		parts ??= [];
		if (i > from) parts.push(text.slice(from, i));
		parts.push(escaped);
		from = i + 1;
	}
	if (parts === null) return text;
	parts.push(text.slice(from));
	return parts.join('');
}

/** True when {@link sanitizeText} would change nothing. */
export function isPlainText(text: string): boolean {
	return sanitizeText(text) === text;
}

/**
 * JSON for machines: `JSON.stringify` escapes C0 and lone surrogates but passes DEL, C1, bidi
 * controls and U+2028/2029 raw, which a terminal showing `bondtop --json` would obey. This escapes
 * them as `\uXXXX` too. The parsed value is unchanged (names stay exact for scripts).
 */
export function safeJsonStringify(value: unknown, space?: number): string {
	const json = JSON.stringify(value, null, space);
	let parts: string[] | null = null;
	let from = 0;
	for (let i = 0; i < json.length; i++) {
		const code = json.charCodeAt(i);
		if (code < 0x7f || code === 0x5c || !needsEscape(code)) continue;
		parts ??= [];
		parts.push(json.slice(from, i), `\\u${hex(code, 4)}`);
		from = i + 1;
	}
	if (parts === null) return json;
	parts.push(json.slice(from));
	return parts.join('');
}
