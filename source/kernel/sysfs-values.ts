/**
 * Pure helpers for the values of sysfs attribute files (`/sys/class/net/<if>/…`,
 * `<bond>/bonding/…`, `<slave>/bonding_slave/…`). Each takes the file's text.
 */
import {boundedInt} from './numbers.js';

/** Interface flag bits (include/uapi/linux/if.h), in the order ifconfig prints them. */
const flagBits: ReadonlyArray<[number, string]> = [
	[0x1, 'UP'],
	[0x2, 'BROADCAST'],
	[0x4, 'DEBUG'],
	[0x8, 'LOOPBACK'],
	[0x10, 'POINTOPOINT'],
	[0x20, 'NOTRAILERS'],
	[0x40, 'RUNNING'],
	[0x80, 'NOARP'],
	[0x100, 'PROMISC'],
	[0x200, 'ALLMULTI'],
	[0x400, 'MASTER'],
	[0x800, 'SLAVE'],
	[0x1000, 'MULTICAST'],
	[0x2000, 'PORTSEL'],
	[0x4000, 'AUTOMEDIA'],
	[0x8000, 'DYNAMIC'],
];

/**
 * Names of the flags in sysfs `flags` (e.g. `0x1003`). sysfs shows `dev->flags`, which never has
 * RUNNING; ifconfig adds it when the operational state is up (or unknown, as for lo), and so do we.
 */
export function decodeInterfaceFlags(flagsText: string, operState: string | null): string[] {
	let bits = Number.parseInt(flagsText.trim(), 16);
	if (!Number.isFinite(bits)) return [];
	if ((bits & 0x1) !== 0 && (operState === 'up' || operState === 'unknown')) bits |= 0x40;
	return flagBits.filter(([bit]) => (bits & bit) !== 0).map(([, name]) => name);
}

/** `active-backup 1` -> `active-backup`: sysfs prints enumerations as `name number`. */
export function enumName(text: string): string | null {
	const first = text.trim().split(/\s+/)[0];
	return first === undefined || first === '' ? null : first;
}

/**
 * A decimal attribute, or null when empty, `N/A`, negative (`-1` speed is the kernel's unknown),
 * not a safe integer (hundreds of digits) or unreadable. {@link boundedInt} says why as well.
 */
export function intValue(text: string | null | undefined): number | null {
	if (text === null || text === undefined) return null;
	return boundedInt(text, Number.MAX_SAFE_INTEGER, '', null, {whole: true});
}

/** {@link intValue} within `0..max`; a number outside is null plus a problem (see kernel/numbers.ts). */
export function boundedIntValue(text: string | null | undefined, max: number, what: string, problems: string[], minusOneIsUnknown = false): number | null {
	if (text === null || text === undefined) return null;
	return boundedInt(text, max, what, problems, {whole: true, minusOneIsUnknown});
}

/** A string attribute, trimmed; null when empty. */
export function textValue(text: string | null | undefined): string | null {
	if (text === null || text === undefined) return null;
	const trimmed = text.trim();
	return trimmed === '' ? null : trimmed;
}

/** Space-separated list (`bonding/slaves`, `bonding_masters`, `arp_ip_target`). */
export function listValue(text: string | null | undefined): string[] {
	if (!text) return [];
	return text.trim().split(/\s+/).filter((item) => item !== '');
}

/** Prefix length of a dotted IPv4 netmask (`255.255.255.0` -> 24), or null when not contiguous. */
export function prefixLengthOfMask(mask: string): number | null {
	const parts = mask.split('.').map(Number);
	if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return null;
	const bits = ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
	const ones = bits.toString(2).replace(/0+$/, '');
	if (ones.includes('0')) return null;
	return bits === 0 ? 0 : ones.length;
}

/** Broadcast address of an IPv4 address with a prefix length. */
export function ipv4Broadcast(address: string, prefixLength: number): string | null {
	const parts = address.split('.').map(Number);
	if (parts.length !== 4 || prefixLength < 0 || prefixLength > 32) return null;
	if (prefixLength >= 31) return null;
	const ip = ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
	const host = prefixLength === 0 ? 0xffffffff : (2 ** (32 - prefixLength) - 1) >>> 0;
	const broadcast = (ip | host) >>> 0;
	return [broadcast >>> 24, (broadcast >>> 16) & 255, (broadcast >>> 8) & 255, broadcast & 255].join('.');
}
