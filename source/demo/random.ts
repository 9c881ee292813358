/** The demo's seeded randomness and the addresses made from it. */

/** A PRNG state; bonds carry their own (`rng` field). */
export type Rng = {rng: number};

/** mulberry32: small, fast, good enough for plausible traffic. */
export function nextRandom(state: Rng): number {
	let t = (state.rng = (state.rng + 0x6d_2b_79_f5) | 0);
	t = Math.imul(t ^ (t >>> 15), t | 1);
	t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
	return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}

function hexByte(value: number): string {
	return (value & 0xff).toString(16).padStart(2, '0');
}

/** A MAC with the given vendor prefix (`b8:27:eb`) and a random tail. */
export function macWithOui(oui: string, rng: Rng): string {
	return [oui, hexByte(nextRandom(rng) * 256), hexByte(nextRandom(rng) * 256), hexByte(nextRandom(rng) * 256)].join(':');
}

/** Modified EUI-64 link-local address of a MAC, as the kernel assigns it. */
export function linkLocalOf(mac: string): string {
	const b = mac.split(':').map(part => Number.parseInt(part, 16));
	const word = (high: number, low: number) => ((high << 8) | low).toString(16);
	return `fe80::${word((b[0] ?? 0) ^ 0x02, b[1] ?? 0)}:${word(b[2] ?? 0, 0xff)}:${word(0xfe, b[3] ?? 0)}:${word(b[4] ?? 0, b[5] ?? 0)}`;
}
