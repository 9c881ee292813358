/**
 * Every finding id bondtop can emit: the rule table's, and those made elsewhere (configuration
 * drift) that `bondtop check --ignore/--warning/--critical` must accept. Ids are a contract.
 */
import {rules} from './rules.js';

/** Ids of findings made outside the rule table (the config reader adds its drift ids here). */
export const otherFindingIds: readonly string[] = [];

export function knownFindingIds(): string[] {
	return [...rules.map((r) => r.id), ...otherFindingIds];
}
