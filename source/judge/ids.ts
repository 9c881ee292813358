/**
 * Every finding id bondtop can emit: the rule table's, and those made elsewhere (configuration
 * drift) that `bondtop check --ignore/--warning/--critical` must accept. Ids are a contract.
 */
import {rules} from './rules.js';

/** Ids of findings made outside the rule table (the config reader adds its drift ids here). */
export const otherFindingIds: readonly string[] = [
	// judge/drift.ts (configuration vs running)
	'config-drift',
	'configured-not-running',
	'configured-twice',
	'config-slave-missing',
	'config-slave-extra',
	'running-not-configured',
];

export function knownFindingIds(): string[] {
	return [...rules.map((r) => r.id), ...otherFindingIds];
}
