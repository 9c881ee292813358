import {t} from '../../i18n/i18n.js';
import {Box} from 'ink';
import React, {memo} from 'react';
import type {BondEvent} from '../../model/events.js';
import {eventTime} from '../../output/format.js';
import {eventText} from '../event-text.js';
import type {Theme} from '../theme.js';
import {Line} from './line.js';

export type EventLogProps = {
	events: readonly BondEvent[];
	rows: number;
	/** Events scrolled back from the newest (PgUp); 0 follows new events. */
	back?: number;
	theme: Theme;
	/** Now (epoch ms): events of another day show their date. */
	now?: number;
};

/** The newest events (or older ones, scrolled back), timestamped to the millisecond. */
export const EventLog = memo(function EventLog({events, rows, back = 0, theme, now}: EventLogProps) {
	const end = Math.max(0, events.length - back);
	const shown = rows > 0 ? events.slice(Math.max(0, end - rows), end) : [];
	const title =
		events.length === 0
			? t('log.empty')
			: back > 0
				? t('log.newer', {count: back})
				: events.length > rows
					? t('log.older', {count: events.length - rows})
					: t('log.title');
	return (
		<Box flexDirection="column">
			<Line text={title} bold />
			{shown.map((event, index) => (
				<Line key={`${event.atMs}-${index}`} text={`${eventTime(event.atMs, now ?? event.atMs)} ${eventText(event)}`} color={event.severity === 'warning' ? theme.warning : undefined} />
			))}
		</Box>
	);
});
