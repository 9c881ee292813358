import {Text} from 'ink';
import React, {memo} from 'react';
import {sanitizeText} from '../../text/sanitize.js';

export type LineProps = {
	text: string;
	color?: string;
	bold?: boolean;
	dim?: boolean;
};

/**
 * One screen row of one style, cut at the right edge. The text is untrusted (names, file text,
 * kernel values, error messages) and goes through the one sanitiser here, at the last step, so no
 * caller can forget it and nothing is escaped twice. Memoised on its primitive props: a row whose
 * text did not change since the last refresh costs React nothing and Ink no update, which on a
 * screen where only counters and charts move is most rows (see README, Performance).
 */
export const Line = memo(function Line({text, color, bold, dim}: LineProps) {
	return (
		<Text wrap="truncate-end" color={color} bold={bold} dimColor={dim}>
			{sanitizeText(text)}
		</Text>
	);
});
