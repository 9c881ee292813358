import {Box} from 'ink';
import React from 'react';
import {helpHint, type HelpLine} from '../help-lines.js';
import type {Theme} from '../theme.js';
import {Line} from './line.js';
import {t} from '../../i18n/i18n.js';

export type HelpProps = {
	lines: readonly HelpLine[];
	/**
	 * First line shown, and how many rows the window of lines has (see helpWindowRows: one row
	 * under it says what is below when not everything fits).
	 */
	top: number;
	rows: number;
	columns: number;
	theme: Theme;
};

/**
 * `?`/F1: a scrolled window over the help lines (keys first, then the bonding modes), under a
 * title that says how to close it and, when there is more, over a row that says what is below.
 */
export function Help({lines, top, rows, columns, theme}: HelpProps) {
	const shown = lines.slice(top, top + Math.max(1, rows));
	const title = t('help.title');
	const scroll = lines.length > rows ? t('help.scroll') : '';
	const hint = helpHint(lines, top, rows, columns);
	return (
		<Box flexDirection="column">
			<Line text={title.length + scroll.length <= columns ? title + scroll : title} bold color={theme.accent} />
			{/* An empty Text has no height in Ink: a blank line between sections is one space. */}
			{shown.map((line, index) => (
				<Line key={top + index} text={line.text || ' '} bold={line.bold} />
			))}
			{hint ? <Line text={hint} color={theme.accent} /> : null}
		</Box>
	);
}
