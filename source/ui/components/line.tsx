import {Text} from 'ink';
import React, {memo} from 'react';

export type LineProps = {
	text: string;
	color?: string;
	bold?: boolean;
	dim?: boolean;
};

/**
 * One screen row of one style, cut at the right edge. Memoised on its primitive props: a row whose
 * text did not change since the last refresh costs React nothing and Ink no update, which on a
 * screen where only counters and charts move is most rows (see README, Performance).
 */
export const Line = memo(function Line({text, color, bold, dim}: LineProps) {
	return (
		<Text wrap="truncate-end" color={color} bold={bold} dimColor={dim}>
			{text}
		</Text>
	);
});
