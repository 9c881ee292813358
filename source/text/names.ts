/**
 * Which names bondtop may act on. The kernel allows any byte in an interface name but `/`, `:`,
 * whitespace and NUL (at most 15 bytes), and `.`/`..` are refused by dev_valid_name(); a name
 * read from a --root tree or a hostile host may break any of those. Such a name can be shown
 * (through sanitizeText) but never joined into a path or handed to `ip`.
 */

/** Longest interface name the kernel accepts, in bytes (IFNAMSIZ - 1). */
export const maxInterfaceNameBytes = 15;

/**
 * Why `name` must not be used as an interface name in a path or a command, or null when it may.
 * A U+FFFD in the name usually means bytes that were not valid UTF-8 were replaced while
 * decoding: the string no longer names the kernel's interface, so it is refused too.
 */
export function interfaceNameProblem(name: string): string | null {
	if (name.length === 0) return 'the name is empty';
	if (name === '.' || name === '..') return `the name is ${name}`;
	for (let i = 0; i < name.length; i++) {
		const code = name.charCodeAt(i);
		if (code === 0x2f) return 'the name contains /';
		if (code === 0x3a) return 'the name contains :';
		if (code === 0) return 'the name contains NUL';
		if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0b || code === 0x0c || code === 0x0d) return 'the name contains white space';
		if (code === 0xfffd) return 'the name is not valid UTF-8 (it could not be decoded exactly)';
	}
	if (Buffer.byteLength(name, 'utf8') > maxInterfaceNameBytes) return `the name is longer than ${maxInterfaceNameBytes} bytes`;
	return null;
}
