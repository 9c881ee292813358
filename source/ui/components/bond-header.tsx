import {Box} from 'ink';
import React, {memo} from 'react';
import type {Judgement} from '../../judge/judge.js';
import type {VerdictStatus} from '../../judge/types.js';
import {bondHeaderLines} from '../../output/format.js';
import type {Bond} from '../../model/types.js';
import type {Theme} from '../theme.js';
import {Line} from './line.js';
import {sanitizeText} from '../../text/sanitize.js';
import {t} from '../../i18n/i18n.js';

/**
 * Findings the header shows at most on a terminal of `rows` rows; the rest are counted. The verdict
 * line already names them, and rows are scarce: the panels and the event log come first.
 */
export function headerFindings(rows: number): number {
	return rows >= 50 ? 3 : rows > 40 ? 1 : 0;
}

export type BondHeaderProps = {
	bond: Bond;
	simulated: boolean;
	theme: Theme;
	/** Verdict and findings (model/monitor.ts judges every sample). */
	judgement?: Judgement;
	/** How many findings to list under the header ({@link headerFindings}). */
	maxFindings?: number;
	/** The failover summary line (source/history/failover-summary.ts), or null. */
	history?: string | null;
};

export function verdictColour(status: VerdictStatus, theme: Theme): string | undefined {
	return status === 'OK' ? theme.active : status === 'WARNING' ? theme.warning : status === 'CRITICAL' ? theme.down : theme.unknown;
}

/** The verdict (colour plus the word), then what the bonding driver is doing: mode, timers, primary, active slave, LACP; then the findings. Rows are {@link Line}s: a new snapshot re-renders this, unchanged rows cost nothing. */
export const BondHeader = memo(function BondHeader({bond, simulated, theme, judgement, maxFindings = 3, history}: BondHeaderProps) {
	const lines = bondHeaderLines(bond, {simulated, judgement, maxFindings});
	const verdict = judgement ? lines.shift() : undefined;
	const [first, ...rest] = lines;
	return (
		<Box flexDirection="column">
			{verdict && judgement ? <Line text={verdict} bold color={verdictColour(judgement.verdict.status, theme)} /> : null}
			<Line text={first ?? ''} bold color={theme.accent} />
			{rest.map((line, index) => (
				<Line key={index} text={line} color={line.startsWith('  !') ? theme.warning : undefined} />
			))}
			{history ? <Line text={`  ${sanitizeText(history)}`} color={history.includes(t('failover.notOnPrimary')) ? theme.warning : undefined} /> : null}
		</Box>
	);
});
