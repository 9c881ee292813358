import {Box} from 'ink';
import React, {memo} from 'react';
import {bondHeaderLines} from '../../output/format.js';
import type {Bond} from '../../model/types.js';
import type {Theme} from '../theme.js';
import {Line} from './line.js';
import {sanitizeText} from '../../text/sanitize.js';

export type BondHeaderProps = {
	bond: Bond;
	simulated: boolean;
	theme: Theme;
	/** The failover summary line (source/history/failover-summary.ts), or null. */
	history?: string | null;
};

/** What the bonding driver is doing: mode, timers, primary, active slave, LACP. Rows are {@link Line}s: a new snapshot re-renders this, unchanged rows cost nothing. */
export const BondHeader = memo(function BondHeader({bond, simulated, theme, history}: BondHeaderProps) {
	const [first, ...rest] = bondHeaderLines(bond, {simulated});
	return (
		<Box flexDirection="column">
			<Line text={first ?? ''} bold color={theme.accent} />
			{rest.map((line, index) => (
				<Line key={index} text={line} color={line.startsWith('  !') ? theme.warning : undefined} />
			))}
			{history ? <Line text={`  ${sanitizeText(history)}`} color={history.includes('NOT on primary') ? theme.warning : undefined} /> : null}
		</Box>
	);
});
