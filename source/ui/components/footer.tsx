import React from 'react';
import {keyBindings} from '../keys.js';
import type {Theme} from '../theme.js';
import {Line} from './line.js';

const keyLabels = keyBindings.map((b) => b.label).join('  ');

/** Key labels from the binding table, and the last action's outcome. */
export function Footer({status, theme}: {status: {text: string; isError: boolean} | null; theme: Theme}) {
	return (
		<>
			{status ? <Line text={status.text} color={status.isError ? theme.down : theme.active} /> : null}
			<Line text={keyLabels} dim={theme.dim} />
		</>
	);
}
