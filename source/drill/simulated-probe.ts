/**
 * Probes for a drill on the `--demo` host: every 50 ms, a probe gets through when the simulated
 * bond has a slave that is up and carrying traffic. Labelled simulated wherever it is shown.
 */
import {slaveRole} from '../model/roles.js';
import type {Bond} from '../model/types.js';
import type {Prober} from './ping.js';

export function startSimulatedProbe(target: string, readBond: () => Bond | null, now: () => number, intervalMs = 50): Prober {
	let sent = 0;
	let lost = 0;
	let lastArrival: number | null = null;
	let longestGapMs: number | null = null;
	const timer = setInterval(() => {
		sent++;
		const bond = readBond();
		const through = bond?.slaves.some((s) => s.miiStatus === 'up' && ['active', 'carrying'].includes(slaveRole(bond, s))) ?? false;
		if (!through) {
			lost++;
			return;
		}
		const at = now();
		if (lastArrival !== null) longestGapMs = Math.max(longestGapMs ?? 0, at - lastArrival);
		lastArrival = at;
	}, intervalMs);
	return {
		async stop() {
			clearInterval(timer);
			return {target, sent, lost, longestGapMs: longestGapMs === null ? null : Math.round(longestGapMs)};
		},
	};
}
