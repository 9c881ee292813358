/**
 * What bondtop concludes about a bond. A finding is a row produced by one rule of a rule table
 * (id, severity, message, reference), not a branch in a renderer: the TUI, `--once`, `--json`,
 * `bondtop check` and `bondtop export` all read the same findings and the same verdict.
 * Findings are only derived from fields that were actually read: an unknown stays unknown.
 */

/** How bad a finding is. `info` never changes the verdict. */
export type FindingSeverity = 'info' | 'warning' | 'critical';

/** Monitoring-plugin status of a bond (Nagios conventions: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN). */
export type VerdictStatus = 'OK' | 'WARNING' | 'CRITICAL' | 'UNKNOWN';

export type Finding = {
	/** Stable id, kebab-case (`no-link-monitoring`): a contract, like JSON field names. */
	id: string;
	severity: FindingSeverity;
	/** The bond it is about. */
	bond: string;
	/** The slave (or other interface) it is about, when it is about one. */
	subject: string | null;
	/** One sentence: what is wrong and what to do. Plain text; renderers sanitise it. */
	message: string;
	/** Where it is explained, e.g. `bonding.rst: Bonding Driver Options (miimon)`. */
	reference: string;
};

export type Verdict = {
	status: VerdictStatus;
	/** One line: `2/2 slaves up, active eth0 is the primary, failover ready`. */
	reason: string;
};

/** Exit code of a monitoring plugin for a status. */
export const verdictExitCode: Record<VerdictStatus, number> = {OK: 0, WARNING: 1, CRITICAL: 2, UNKNOWN: 3};
