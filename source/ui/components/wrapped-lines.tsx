import {Box, Text} from 'ink';
import React from 'react';
import {sanitizeText} from '../../text/sanitize.js';
import {wrapHanging} from '../../text/wrap.js';

function wrapped(text: string, columns: number): string[] {
	// Sanitised before wrapping, so the rows counted are the rows shown (an escape is wider than
	// the character it stands for); the rows are then not passed through Line, which would escape
	// the escapes' backslashes a second time.
	return wrapHanging(sanitizeText(text), columns, '', 2);
}

/**
 * A message that must be read whole (an error with its fix, a question): wrapped over as many
 * rows as it needs, continuation rows indented. {@link wrappedRows} counts them for the layout.
 */
export function WrappedLines({text, columns, color, bold}: {text: string; columns: number; color?: string; bold?: boolean}) {
	return (
		<Box flexDirection="column">
			{wrapped(text, columns).map((line, index) => (
				<Text key={index} wrap="truncate-end" color={color} bold={bold}>
					{line}
				</Text>
			))}
		</Box>
	);
}

export function wrappedRows(text: string, columns: number): number {
	return wrapped(text, columns).length;
}
