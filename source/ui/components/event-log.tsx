import {t} from '../../i18n/i18n.js';
import {Box} from 'ink';
import React, {memo} from 'react';
import {isFailover, type BondEvent} from '../../model/events.js';
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

/** Marks a failover's line (`*` in the ASCII fallback, see text/ascii.ts). */
export const failoverMarker = '⇄';

/** One event's row: its time, a marker on a failover, and its words ({@link eventText}). */
export function eventRow(event: BondEvent, now: number): string {
	return `${eventTime(event.atMs, now)} ${isFailover(event) ? `${failoverMarker} ` : ''}${eventText(event)}`;
}

/** How a row looks: a failover bold in its own colour; a warning (a link lost, no active slave) in the warning colour. */
export function eventStyle(event: BondEvent, theme: Theme): {bold: boolean; color: string | undefined} {
	if (isFailover(event)) return {bold: true, color: theme.failover};
	return {bold: false, color: event.severity === 'warning' ? theme.warning : undefined};
}

/**
 * The newest events (or older ones, scrolled back), timestamped to the millisecond. Failovers stand
 * out: a marker, bold and their own colour; warnings (a link lost, no active slave) in the warning
 * colour.
 */
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
				<Line key={`${event.atMs}-${index}`} text={eventRow(event, now ?? event.atMs)} {...eventStyle(event, theme)} />
			))}
		</Box>
	);
});
