import {t} from '../../i18n/i18n.js';
import {Box} from 'ink';
import React from 'react';
import type {CollectWarning} from '../../model/types.js';
import type {Theme} from '../theme.js';
import {Line} from './line.js';

export type WarningsOverlayProps = {
	warnings: readonly CollectWarning[];
	/** Rows the overlay may use, title included. */
	rows: number;
	theme: Theme;
};

/**
 * The rows of the warnings list for a given height: one warning per row (Line cuts it at the
 * right edge), and when they do not all fit, a last row that says how many more there are.
 */
export function warningRows(warnings: readonly CollectWarning[], rows: number): string[] {
	const lines = warnings.map((w) => `${w.source}: ${w.message}`);
	const room = Math.max(1, rows);
	if (lines.length <= room) return lines;
	const shown = lines.slice(0, room - 1);
	return [...shown, t('warnings.more', {count: lines.length - shown.length})];
}

/**
 * `w`: what could not be read or understood in the last snapshot (refused reads under --root,
 * lines the parsers did not know, numbers out of range). The text comes from files and names, so
 * every row is a {@link Line}, which sanitises it.
 */
export function WarningsOverlay({warnings, rows, theme}: WarningsOverlayProps) {
	const body = warnings.length === 0 ? [t('warnings.none')] : warningRows(warnings, rows - 2);
	return (
		<Box flexDirection="column">
			<Line text={t('warnings.title', {count: warnings.length})} bold color={theme.accent} />
			<Line text=" " />
			{body.map((text, i) => (
				<Line key={i} text={text} color={warnings.length > 0 ? theme.warning : undefined} />
			))}
		</Box>
	);
}
