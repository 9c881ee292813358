import {Box} from 'ink';
import React, {memo} from 'react';
import {bondHeaderLines} from '../../output/format.js';
import type {Bond} from '../../model/types.js';
import type {Theme} from '../theme.js';
import {Line} from './line.js';

export type BondHeaderProps = {
	bond: Bond;
	simulated: boolean;
	theme: Theme;
};

/** What the bonding driver is doing: mode, timers, primary, active slave, LACP. Rows are {@link Line}s: a new snapshot re-renders this, unchanged rows cost nothing. */
export const BondHeader = memo(function BondHeader({bond, simulated, theme}: BondHeaderProps) {
	const [first, ...rest] = bondHeaderLines(bond, {simulated});
	return (
		<Box flexDirection="column">
			<Line text={first ?? ''} bold color={theme.accent} />
			{rest.map((line, index) => (
				<Line key={index} text={line} color={line.startsWith('  !') ? theme.warning : undefined} />
			))}
		</Box>
	);
});
