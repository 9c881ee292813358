import {Box} from 'ink';
import React from 'react';
import type {HelpLine} from '../help-lines.js';
import type {Theme} from '../theme.js';
import {Line} from './line.js';
import {t} from '../../i18n/i18n.js';

export type HelpProps = {
	lines: readonly HelpLine[];
	/** First line shown, and how many rows the window has. */
	top: number;
	rows: number;
	theme: Theme;
};

/** `?`/F1: a scrolled window over the help lines (keys first, then the bonding modes). */
export function Help({lines, top, rows, theme}: HelpProps) {
	const shown = lines.slice(top, top + Math.max(1, rows));
	const more = lines.length > rows ? t('help.scroll', {from: top + 1, to: top + shown.length, total: lines.length}) : '';
	return (
		<Box flexDirection="column">
			<Line text={t('help.title', {more})} bold color={theme.accent} />
			{shown.map((line, index) => (
				<Line key={top + index} text={line.text} bold={line.bold} />
			))}
		</Box>
	);
}
