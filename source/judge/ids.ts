/**
 * Every finding id bondtop can emit: the rule table's, and those made elsewhere (configuration
 * drift) that `bondtop check --ignore/--warning/--critical` must accept. Ids are a contract.
 */
import {configFindingTable} from './drift.js';
import {rules} from './rules.js';

/** Ids of findings made outside the rule table: judge/drift.ts's table (configuration vs running). */
export const otherFindingIds: readonly string[] = configFindingTable.map((r) => r.id);

export function knownFindingIds(): string[] {
	return [...rules.map((r) => r.id), ...otherFindingIds];
}
