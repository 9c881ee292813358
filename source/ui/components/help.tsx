import {Box, Text} from 'ink';
import React from 'react';
import {modeDescriptions} from '../../model/roles.js';
import {bondModes} from '../../model/types.js';
import type {KeyBinding} from '../keys.js';
import type {Theme} from '../theme.js';

/** `?`: the keys of this view (from the binding table) and the seven bonding modes in plain words. */
export function Help({bindings, readOnlyReason, theme}: {bindings: readonly KeyBinding[]; readOnlyReason?: string | null; theme: Theme}) {
	return (
		<Box flexDirection="column">
			<Text bold color={theme.accent}>
				bondtop help (press ? or h to close)
			</Text>
			<Text> </Text>
			<Text bold>Keys</Text>
			{bindings.map((binding) => (
				<Text key={binding.command} wrap="truncate-end">
					{'  '}
					{binding.label.padEnd(16)} {binding.description}
				</Text>
			))}
			{readOnlyReason ? <Text wrap="wrap">{`  Read-only (${readOnlyReason}): no key changes a link here.`}</Text> : null}
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
