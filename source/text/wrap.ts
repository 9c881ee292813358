/**
 * Word wrapping with a hanging indent, for help text and long messages: continuation lines start
 * under the first line's text instead of at column 0. Pure; widths are counted in UTF-16 units,
 * which is right for the ASCII/Latin/arrow text it is used on (no wide characters).
 */

/**
 * Wraps `text` (after `indent` on the first line) to `width` columns; continuation lines are
 * indented by `hang` spaces (default: the first line's indent). Words longer than a line are cut.
 */
export function wrapHanging(text: string, width: number, indent = '', hang = indent.length): string[] {
	const room = Math.max(8, width);
	const lines: string[] = [];
	let line = indent;
	let lineHasWord = false;
	const continuation = ' '.repeat(Math.min(hang, room - 8));
	for (let word of text.split(/ +/)) {
		if (word === '') continue;
		while (true) {
			const candidate = lineHasWord ? `${line} ${word}` : `${line}${word}`;
			if (candidate.length <= room) {
				line = candidate;
				lineHasWord = true;
				break;
			}
			if (lineHasWord) {
				lines.push(line);
				line = continuation;
				lineHasWord = false;
				continue;
			}
			// One word wider than the line: cut it.
			const fits = room - line.length;
			lines.push(line + word.slice(0, fits));
			word = word.slice(fits);
			line = continuation;
			if (word === '') break;
		}
	}
	if (lineHasWord || lines.length === 0) lines.push(line);
	return lines;
}

/** How many rows `text` takes when a terminal `columns` wide wraps it with {@link wrapHanging}. */
export function wrappedRowCount(text: string, columns: number, hang = 0): number {
	return wrapHanging(text, columns, '', hang).length;
}
