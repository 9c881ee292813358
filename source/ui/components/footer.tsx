import React from 'react';
import {footerLabels, type KeyBinding} from '../keys.js';
import type {Theme} from '../theme.js';
import {Line} from './line.js';
import {WrappedLines, wrappedRows} from './wrapped-lines.js';

export type Status = {text: string; isError: boolean};

/** Rows the footer takes: the status, wrapped whole, and the key labels. */
export function footerRows(status: Status | null, columns: number): number {
	return (status ? wrappedRows(status.text, columns) : 0) + 1;
}

/**
 * The last action's outcome (wrapped, so an error keeps its fix in view), and the key labels from
 * the bindings of this view (see keys.ts bindingsFor), as many as fit, `? help  q quit` last to go.
 */
export function Footer({status, columns, bindings, theme}: {status: Status | null; columns: number; bindings: readonly KeyBinding[]; theme: Theme}) {
	return (
		<>
			{status ? <WrappedLines text={status.text} columns={columns} color={status.isError ? theme.down : theme.active} /> : null}
			<Line text={footerLabels(columns, bindings)} dim={theme.dim} />
		</>
	);
}
