/**
 * Which names bondtop may act on. The kernel allows any byte in an interface name but `/`, `:`,
 * whitespace and NUL (at most 15 bytes), and `.`/`..` are refused by dev_valid_name(); a name
 * read from a --root tree or a hostile host may break any of those. Such a name can be shown
 * (through sanitizeText) but never joined into a path or handed to `ip`.
 */

import {t, type Translate} from '../i18n/i18n.js';

/** Longest interface name the kernel accepts, in bytes (IFNAMSIZ - 1). */
export const maxInterfaceNameBytes = 15;

/**
 * Why `name` must not be used as an interface name in a path or a command, or null when it may.
 * A U+FFFD in the name usually means bytes that were not valid UTF-8 were replaced while
 * decoding: the string no longer names the kernel's interface, so it is refused too. In the
 * screen's language unless `say` says otherwise.
 */
export function interfaceNameProblem(name: string, say: Translate = t): string | null {
	if (name.length === 0) return say('name.empty');
	if (name === '.' || name === '..') return say('name.dots', {name});
	for (let i = 0; i < name.length; i++) {
		const code = name.charCodeAt(i);
		if (code === 0x2f) return say('name.contains', {what: '/'});
		if (code === 0x3a) return say('name.contains', {what: ':'});
		if (code === 0) return say('name.contains', {what: 'NUL'});
		if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0b || code === 0x0c || code === 0x0d) return say('name.whiteSpace');
		if (code === 0xfffd) return say('name.notUtf8');
	}
	if (Buffer.byteLength(name, 'utf8') > maxInterfaceNameBytes) return say('name.tooLong', {max: maxInterfaceNameBytes});
	return null;
}
