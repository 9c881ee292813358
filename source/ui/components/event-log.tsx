import {Box, Text} from 'ink';
import React, {memo} from 'react';
import type {BondEvent} from '../../model/events.js';
import {clockTime} from '../../output/format.js';
import type {Theme} from '../theme.js';

export type EventLogProps = {events: readonly BondEvent[]; rows: number; theme: Theme};

/** The newest events, timestamped to the millisecond. */
export const EventLog = memo(function EventLog({events, rows, theme}: EventLogProps) {
	const shown = rows > 0 ? events.slice(-rows) : [];
	return (
		<Box flexDirection="column">
			<Text bold>Events{events.length === 0 ? ' (none yet: failovers, MII changes and link failures show here)' : ''}</Text>
			{shown.map((event, index) => (
				<Text key={`${event.atMs}-${index}`} color={event.severity === 'warning' ? theme.warning : undefined} wrap="truncate-end">
					{clockTime(event.atMs)} {event.message}
				</Text>
			))}
		</Box>
	);
});
