import React from 'react';
import type {CollectWarning} from '../../model/types.js';
import type {HelpLine} from '../help-lines.js';
import type {ConfigState} from '../hooks/use-config.js';
import type {Theme} from '../theme.js';
import {ConfigOverlay} from './config-overlay.js';
import {Help} from './help.js';
import {WarningsOverlay} from './warnings-overlay.js';

/** Which overlay covers the panels, if any: help wins over warnings, warnings over the configuration. */
export type OverlayKind = 'help' | 'warnings' | 'config' | null;

export function overlayKind(help: boolean, warningsOpen: boolean, configOpen: boolean): OverlayKind {
	return help ? 'help' : warningsOpen ? 'warnings' : configOpen ? 'config' : null;
}

export type OverlayProps = {
	kind: Exclude<OverlayKind, null>;
	theme: Theme;
	/** The help lines, the first one shown, the rows of its window, and the terminal's width. */
	help: {lines: readonly HelpLine[]; top: number; rows: number; columns: number};
	/** The snapshot's warnings, and the rows their list may use, its title included. */
	warnings: {list: readonly CollectWarning[]; rows: number};
	/** The bond whose configuration `c` shows, and the comparison (see use-config.ts). */
	config: {bond: string | null; state: Pick<ConfigState, 'comparison' | 'host'>};
};

/** Help (`?`/F1), the snapshot's warnings (`w`) or a bond's configuration (`c`), in place of the panels. */
export function Overlay({kind, theme, help, warnings, config}: OverlayProps) {
	if (kind === 'help') return <Help lines={help.lines} top={help.top} rows={help.rows} columns={help.columns} theme={theme} />;
	if (kind === 'warnings') return <WarningsOverlay warnings={warnings.list} rows={warnings.rows} theme={theme} />;
	return <ConfigOverlay bond={config.bond} comparison={config.state.comparison} host={config.state.host} theme={theme} />;
}
