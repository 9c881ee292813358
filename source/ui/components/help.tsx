import {Box, Text} from 'ink';
import React from 'react';
import {modeDescriptions} from '../../model/roles.js';
import {bondModes} from '../../model/types.js';
import {keyBindings} from '../keys.js';
import type {Theme} from '../theme.js';

/** `?`: the keys (from the binding table) and the seven bonding modes in plain words. */
export function Help({theme}: {theme: Theme}) {
	return (
		<Box flexDirection="column">
			<Text bold color={theme.accent}>
				bondtop help (press ? or h to close)
			</Text>
			<Text> </Text>
			<Text bold>Keys</Text>
			{keyBindings.map((binding) => (
				<Text key={binding.command} wrap="truncate-end">
					{'  '}
					{binding.label.padEnd(16)} {binding.description}
				</Text>
			))}
			<Text> </Text>
			<Text bold>Bonding modes</Text>
			{bondModes.map((mode) => {
				const description = modeDescriptions[mode];
				return (
					<Text key={mode} wrap="wrap">
						{'  '}
						<Text bold>{mode.padEnd(14)}</Text> {description.title}: {description.summary} {description.switchSupport}.
					</Text>
				);
			})}
			<Text> </Text>
			<Text wrap="wrap">
				Slave words: ACTIVE carries (or, in tlb/alb, receives) the traffic; CARRYING is one of several slaves carrying traffic at once;
				BACKUP stands by; DOWN has lost its link (MII down); GOING DOWN / GOING BACK are inside the down/up delay.
			</Text>
		</Box>
	);
}
