/** `--json`, schema 1: a direct serialisation of the snapshot plus current rates. */
import type {InterfaceRates} from '../model/rates.js';
import type {JsonSnapshot, Snapshot} from '../model/types.js';

export function toJsonSnapshot(snapshot: Snapshot, rates: Map<string, InterfaceRates> | null): JsonSnapshot {
	const json: JsonSnapshot = {
		schema: 1,
		hostname: snapshot.hostname,
		takenAt: new Date(snapshot.takenAtMs).toISOString(),
		...(snapshot.simulated ? {simulated: true as const} : {}),
		bonds: snapshot.bonds,
		interfaces: snapshot.interfaces.map((iface) => ({
			...iface,
			rxBytesPerSecond: rates?.get(iface.name)?.rxBytesPerSecond ?? null,
			txBytesPerSecond: rates?.get(iface.name)?.txBytesPerSecond ?? null,
		})),
	};
	if (snapshot.warnings.length > 0) json.warnings = snapshot.warnings;
	return json;
}
