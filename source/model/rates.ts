/**
 * Rates from two snapshots. Pure. A counter that went backwards (driver reload, interface
 * re-created, 32-bit wrap) gives no rate for that interval instead of a huge spike.
 */
import type {Snapshot} from './types.js';

export type InterfaceRates = {rxBytesPerSecond: number | null; txBytesPerSecond: number | null};

/** Per-second rate of a monotonic counter, or null when it cannot be known. */
export function ratePerSecond(previous: number, next: number, elapsedMs: number): number | null {
	if (!(elapsedMs > 0) || next < previous) return null;
	return ((next - previous) * 1000) / elapsedMs;
}

/** Rates of every interface present in both snapshots; null rates for the others. */
export function interfaceRates(previous: Snapshot | null, next: Snapshot): Map<string, InterfaceRates> {
	const rates = new Map<string, InterfaceRates>();
	const before = new Map(previous?.interfaces.map((i) => [i.name, i]));
	const elapsedMs = previous ? next.takenAtMs - previous.takenAtMs : 0;
	for (const iface of next.interfaces) {
		const old = before.get(iface.name);
		rates.set(iface.name, {
			rxBytesPerSecond: old ? ratePerSecond(old.rx.bytes, iface.rx.bytes, elapsedMs) : null,
			txBytesPerSecond: old ? ratePerSecond(old.tx.bytes, iface.tx.bytes, elapsedMs) : null,
		});
	}
	return rates;
}
