import {Box} from 'ink';
import React, {memo} from 'react';
import type {Judgement} from '../../judge/judge.js';
import type {VerdictStatus} from '../../judge/types.js';
import {bondHeaderLines} from '../../output/format.js';
import type {Bond} from '../../model/types.js';
import type {Theme} from '../theme.js';
import {Line} from './line.js';
import {sanitizeText} from '../../text/sanitize.js';

/** Findings the header shows at most; the rest are counted (rows are scarce on 80x24). */
export const headerFindings = 3;

export type BondHeaderProps = {
	bond: Bond;
	simulated: boolean;
	theme: Theme;
	/** Verdict and findings (model/monitor.ts judges every sample). */
	judgement?: Judgement;
	/** The failover summary line (source/history/failover-summary.ts), or null. */
	history?: string | null;
};

export function verdictColour(status: VerdictStatus, theme: Theme): string | undefined {
	return status === 'OK' ? theme.active : status === 'WARNING' ? theme.warning : status === 'CRITICAL' ? theme.down : theme.unknown;
}

/** The verdict (colour plus the word), then what the bonding driver is doing: mode, timers, primary, active slave, LACP; then the findings. Rows are {@link Line}s: a new snapshot re-renders this, unchanged rows cost nothing. */
export const BondHeader = memo(function BondHeader({bond, simulated, theme, judgement, history}: BondHeaderProps) {
	const lines = bondHeaderLines(bond, {simulated, judgement, maxFindings: headerFindings});
	const verdict = judgement ? lines.shift() : undefined;
	const [first, ...rest] = lines;
	return (
		<Box flexDirection="column">
			{verdict && judgement ? <Line text={verdict} bold color={verdictColour(judgement.verdict.status, theme)} /> : null}
			<Line text={first ?? ''} bold color={theme.accent} />
			{rest.map((line, index) => (
				<Line key={index} text={line} color={line.startsWith('  !') ? theme.warning : undefined} />
			))}
			{history ? <Line text={`  ${sanitizeText(history)}`} color={history.includes('NOT on primary') ? theme.warning : undefined} /> : null}
		</Box>
	);
});
