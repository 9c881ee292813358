/**
 * Pure parsers for the slow inventory: `/proc/net/route` (the IPv4 default route) and the one-line
 * output of `ip -o addr show` (which addresses are `dynamic`, i.e. leased, as DHCP leases are).
 * Linear, no backtracking; names are only ever used as Map keys.
 */

/** Default IPv4 route of `/proc/net/route`: the interface and gateway of the lowest metric, or null. */
export function parseDefaultRoute(text: string): {interfaceName: string; gateway: string | null} | null {
	let best: {interfaceName: string; gateway: string | null; metric: number} | null = null;
	for (const line of text.split('\n').slice(1)) {
		const fields = line.trim().split(/\s+/);
		if (fields.length < 8) continue;
		const [name, destination, gateway, flags, , , metric, mask] = fields as [string, string, string, string, string, string, string, string];
		// RTF_UP (0x1); destination and mask 0: the default route.
		if (destination !== '00000000' || mask !== '00000000' || (Number.parseInt(flags, 16) & 0x1) === 0) continue;
		const m = Number(metric);
		if (!Number.isSafeInteger(m)) continue;
		if (best === null || m < best.metric) best = {interfaceName: name, gateway: ipv4FromHex(gateway), metric: m};
	}
	return best ? {interfaceName: best.interfaceName, gateway: best.gateway} : null;
}

/** `010200C0` (little-endian, as the kernel prints it) -> `192.0.2.1`; null for 0 or not 8 hex digits. */
export function ipv4FromHex(hex: string): string | null {
	if (hex.length !== 8) return null;
	const value = Number.parseInt(hex, 16);
	if (!Number.isFinite(value) || value === 0 || !/^[0-9A-Fa-f]{8}$/.test(hex)) return null;
	return [value & 255, (value >>> 8) & 255, (value >>> 16) & 255, value >>> 24].join('.');
}

/**
 * Interfaces with a `dynamic` global address in `ip -o addr show` (`2: eth0    inet 10.0.2.15/24
 * … scope global dynamic eth0\ valid_lft …`): the kernel marks an address dynamic when it has a
 * finite lifetime, which is how DHCP clients install their leases.
 */
export function dynamicInterfaces(text: string): Set<string> {
	const found = new Set<string>();
	for (const line of text.split('\n')) {
		const fields = line.trim().split(/\s+/);
		// index: name family address … flags
		if (fields.length < 4 || !fields[0]!.endsWith(':')) continue;
		if (!fields.includes('dynamic') || !fields.includes('global')) continue;
		found.add(fields[1]!);
	}
	return found;
}
