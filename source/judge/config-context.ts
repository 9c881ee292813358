/**
 * What the configuration comparison (judge/drift.ts) adds to the judgement: its findings (drift,
 * configured but not running, …) count toward the verdict, and the configured miimon/updelay/
 * downdelay let the rule about delays that are not a multiple of miimon see the value before the
 * kernel rounded it. Pure.
 */
import type {JudgeContext} from './context.js';
import type {ConfigComparison} from './drift.js';

export function configContext(config: ConfigComparison | null): JudgeContext {
	if (!config) return {};
	const configured: NonNullable<JudgeContext['configured']> = new Map();
	for (const comparison of config.bonds) {
		const value = (name: string) => {
			const row = comparison.settings.find((s) => s.name === name && !s.implicit);
			return row && typeof row.configured === 'number' ? row : null;
		};
		const [miimon, updelay, downdelay] = [value('miimon'), value('updelay'), value('downdelay')];
		if (!updelay && !downdelay) continue;
		configured.set(comparison.bond, {
			miimonMs: miimon ? (miimon.configured as number) : null,
			updelayMs: updelay ? (updelay.configured as number) : null,
			downdelayMs: downdelay ? (downdelay.configured as number) : null,
			source: (updelay ?? downdelay)!.source,
		});
	}
	return {extraFindings: config.findings, configured};
}
