import {Text} from 'ink';
import React from 'react';
import {keyBindings} from '../keys.js';
import type {Theme} from '../theme.js';

/** Key labels from the binding table, and the last action's outcome. */
export function Footer({status, theme}: {status: {text: string; isError: boolean} | null; theme: Theme}) {
	return (
		<>
			{status ? (
				<Text color={status.isError ? theme.down : theme.active} wrap="truncate-end">
					{status.text}
				</Text>
			) : null}
			<Text dimColor={theme.dim} wrap="truncate-end">
				{keyBindings.map((b) => b.label).join('  ')}
			</Text>
		</>
	);
}
