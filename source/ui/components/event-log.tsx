import {Box} from 'ink';
import React, {memo} from 'react';
import type {BondEvent} from '../../model/events.js';
import {eventTime} from '../../output/format.js';
import {sanitizeText} from '../../text/sanitize.js';
import type {Theme} from '../theme.js';
import {Line} from './line.js';

export type EventLogProps = {
	events: readonly BondEvent[];
	rows: number;
	theme: Theme;
	/** Now (epoch ms): events of another day show their date. */
	now?: number;
};

/** The newest events, timestamped to the millisecond. */
export const EventLog = memo(function EventLog({events, rows, theme, now}: EventLogProps) {
	const shown = rows > 0 ? events.slice(-rows) : [];
	return (
		<Box flexDirection="column">
			<Line text={`Events${events.length === 0 ? ' (none yet: failovers, MII changes and link failures show here)' : ''}`} bold />
			{shown.map((event, index) => (
				<Line key={`${event.atMs}-${index}`} text={`${eventTime(event.atMs, now ?? event.atMs)} ${sanitizeText(event.message)}`} color={event.severity === 'warning' ? theme.warning : undefined} />
			))}
		</Box>
	);
});
