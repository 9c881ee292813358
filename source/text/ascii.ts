/**
 * The ASCII fallback: for a terminal whose locale is not UTF-8 (`LANG=C`, a Latin-1 charset) or
 * `--ascii`. Braille, arrows, `…` and other non-ASCII characters would turn into mojibake there;
 * this turns each into one ASCII character of the same width, so Ink's layout (measured on the
 * original text) stays right. Pure and linear; text that is already ASCII is returned as is.
 */

/** Chart cell by bar height (0-4 dots): a braille cell becomes its taller bar. */
const barChars = [' ', '.', ':', '|', '#'];

const replacements: Record<string, string> = {
	'…': '~',
	'→': '>',
	'←': '<',
	'↑': '^',
	'↓': 'v',
	'·': '.',
	'•': '*',
	'⇄': '*',
	'–': '-',
	'—': '-',
	'‘': "'",
	'’': "'",
	'“': '"',
	'”': '"',
	'×': 'x',
	'ß': 's',
	'µ': 'u',
	'°': 'o',
	' ': ' ',
};

/** Dots in one column of a braille cell, counted from the bottom (bars are drawn from the bottom). */
function barHeight(bits: number, column: 0 | 1): number {
	const rows = column === 0 ? [0x40, 0x04, 0x02, 0x01] : [0x80, 0x20, 0x10, 0x08];
	let height = 0;
	for (const bit of rows) if (bits & bit) height++;
	return height;
}

function asciiOf(char: string): string {
	const code = char.codePointAt(0)!;
	if (code >= 0x2800 && code <= 0x28ff) {
		const bits = code - 0x2800;
		return barChars[Math.max(barHeight(bits, 0), barHeight(bits, 1))]!;
	}
	const known = replacements[char];
	if (known !== undefined) return known;
	// Latin letters with diacritics: the base letter (ä -> a, é -> e).
	const base = char.normalize('NFD').charAt(0);
	if (base.charCodeAt(0) < 0x80) return base;
	return '?';
}

/** `⣀⣤ eth0 → eth1 …` -> `.: eth0 > eth1 ~`. */
export function toAscii(text: string): string {
	// eslint-disable-next-line no-control-regex
	if (!/[^\u0000-\u007F]/.test(text)) return text;
	let out = '';
	for (const char of text) out += char.charCodeAt(0) < 0x80 ? char : asciiOf(char);
	return out;
}

/**
 * Whether the terminal should get Unicode (braille charts, arrows): the locale's charset is UTF-8.
 * The first set of LC_ALL, LC_CTYPE, LANG decides (POSIX order); `C`/`POSIX` or another charset
 * means ASCII. With none of them set bondtop assumes UTF-8 (what ssh sessions without a forwarded
 * locale usually have).
 */
export function localeIsUtf8(env: NodeJS.ProcessEnv): boolean {
	const locale = [env.LC_ALL, env.LC_CTYPE, env.LANG].find((v) => v !== undefined && v !== '');
	if (locale === undefined) return true;
	return /\.utf-?8(@|$)/i.test(locale);
}
