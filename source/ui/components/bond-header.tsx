import {Box, Text} from 'ink';
import React, {memo} from 'react';
import {bondHeaderLines} from '../../output/format.js';
import type {Bond} from '../../model/types.js';
import type {Theme} from '../theme.js';

export type BondHeaderProps = {
	bond: Bond;
	simulated: boolean;
	theme: Theme;
};

/** What the bonding driver is doing: mode, timers, primary, active slave, LACP. */
export const BondHeader = memo(function BondHeader({bond, simulated, theme}: BondHeaderProps) {
	const [first, ...rest] = bondHeaderLines(bond, {simulated});
	return (
		<Box flexDirection="column">
			<Text bold color={theme.accent} wrap="truncate-end">
				{first}
			</Text>
			{rest.map((line, index) => (
				<Text key={index} color={line.startsWith('  !') ? theme.warning : undefined} wrap="truncate-end">
					{line}
				</Text>
			))}
		</Box>
	);
});
