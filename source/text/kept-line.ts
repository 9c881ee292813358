/**
 * Bounds on what is kept of untrusted text for messages: a 1 MiB line of a hostile file is not
 * repeated in a warning on every tick.
 */

/** Longest text kept of one line. */
export const maxKeptLineChars = 200;

/** `text`, cut to {@link maxKeptLineChars} characters with a note of its length. */
export function keptLine(text: string): string {
	return text.length <= maxKeptLineChars ? text : `${text.slice(0, maxKeptLineChars)}… (${text.length} characters)`;
}
