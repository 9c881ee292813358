import React from 'react';
import type {KeyBinding} from '../keys.js';
import type {Theme} from '../theme.js';
import {Line} from './line.js';

/** Key labels from the bindings of this view (see keys.ts bindingsFor), and the last action's outcome. */
export function Footer({status, bindings, theme}: {status: {text: string; isError: boolean} | null; bindings: readonly KeyBinding[]; theme: Theme}) {
	const keyLabels = bindings.map((b) => b.label).join('  ');
	return (
		<>
			{status ? <Line text={status.text} color={status.isError ? theme.down : theme.active} /> : null}
			<Line text={keyLabels} dim={theme.dim} />
		</>
	);
}
