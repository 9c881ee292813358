import {Box} from 'ink';
import React from 'react';
import {wrapHanging} from '../../text/wrap.js';
import {Line} from './line.js';

/**
 * A message that must be read whole (an error with its fix, a question): wrapped over as many
 * rows as it needs, continuation rows indented. {@link wrappedRows} counts them for the layout.
 */
export function WrappedLines({text, columns, color, bold}: {text: string; columns: number; color?: string; bold?: boolean}) {
	return (
		<Box flexDirection="column">
			{wrapHanging(text, columns, '', 2).map((line, index) => (
				<Line key={index} text={line} color={color} bold={bold} />
			))}
		</Box>
	);
}

export function wrappedRows(text: string, columns: number): number {
	return wrapHanging(text, columns, '', 2).length;
}
