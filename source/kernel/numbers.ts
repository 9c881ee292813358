/**
 * Numbers read from kernel text, the same way on the proc and the sysfs paths: a value that is not
 * a sane number (negative, larger than the field can hold, hundreds of digits that make Infinity)
 * is null plus a problem, never shown as `miimon Infinity ms` or `Speed:-1000Mb/s`. One pass over
 * the text, no regular expression.
 */

/** Largest value of the kernel's `int` fields (miimon, updelay, mtu …): INT_MAX. */
export const maxKernelInt = 2_147_483_647;
/** Largest value of a `u32` counter (link failure count, tx_queue_len). */
export const maxKernelU32 = 4_294_967_295;
/** Largest sane link speed, in Mb/s (10 Tb/s). */
export const maxSpeedMbps = 10_000_000;

/** The leading decimal integer of `value` (`1000 Mbps` -> `1000`, `-5` -> `-5`), as text, or null. */
export function leadingInt(value: string): string | null {
	let end = value.charCodeAt(0) === 0x2d ? 1 : 0;
	const digitsFrom = end;
	while (end < value.length && value.charCodeAt(end) >= 0x30 && value.charCodeAt(end) <= 0x39) end++;
	return end === digitsFrom ? null : value.slice(0, end);
}

export type BoundedIntOptions = {
	/** `-1` is the kernel's "unknown" (SPEED_UNKNOWN): null without a problem. */
	minusOneIsUnknown?: boolean;
	/** The whole (trimmed) text must be the integer, as in sysfs; else a leading integer is enough. */
	whole?: boolean;
};

/**
 * A number field of `value`, when it is an integer within `0..max`. Null when there is no number
 * (`N/A`, `Unknown`, empty); null plus a problem pushed onto `problems` when the number is
 * negative, too large or not finite.
 */
export function boundedInt(value: string, max: number, what: string, problems: string[] | null, options: BoundedIntOptions = {}): number | null {
	const trimmed = value.trim();
	const text = leadingInt(trimmed);
	if (text === null || (options.whole && text.length !== trimmed.length)) return null;
	if (options.minusOneIsUnknown && text === '-1') return null;
	const n = Number(text);
	if (!Number.isSafeInteger(n) || n < 0 || n > max) {
		const shown = text.length > 24 ? `${text.slice(0, 24)}… (${text.length} digits)` : text;
		problems?.push(`${what} ${shown} is out of range (0 to ${max}): shown as unknown`);
		return null;
	}
	return n;
}
