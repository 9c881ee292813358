/** `--json`, schema 1: a direct serialisation of the snapshot plus current rates. */
import type {Judgement} from '../judge/judge.js';
import type {InterfaceRates} from '../model/rates.js';
import type {JsonSnapshot, Snapshot} from '../model/types.js';

/** The snapshot as schema 1; with judgements each bond gains `verdict` and `findings` (extensions). */
export function toJsonSnapshot(snapshot: Snapshot, rates: Map<string, InterfaceRates> | null, judgements?: Map<string, Judgement>): JsonSnapshot {
	const json: JsonSnapshot = {
		schema: 1,
		hostname: snapshot.hostname,
		takenAt: new Date(snapshot.takenAtMs).toISOString(),
		...(snapshot.simulated ? {simulated: true as const} : {}),
		bonds: snapshot.bonds.map((bond) => {
			const judgement = judgements?.get(bond.name);
			return judgement ? {...bond, verdict: judgement.verdict, findings: judgement.findings} : bond;
		}),
		interfaces: snapshot.interfaces.map((iface) => ({
			...iface,
			rxBytesPerSecond: rates?.get(iface.name)?.rxBytesPerSecond ?? null,
			txBytesPerSecond: rates?.get(iface.name)?.txBytesPerSecond ?? null,
		})),
	};
	if (snapshot.warnings.length > 0) json.warnings = snapshot.warnings;
	return json;
}
