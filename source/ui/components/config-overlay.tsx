import {t} from '../../i18n/i18n.js';
import {Box} from 'ink';
import React from 'react';
import type {HostConfig} from '../../config/types.js';
import type {ConfigComparison} from '../../judge/drift.js';
import {configTableLines, configTrailerLines} from '../../output/config-view.js';
import type {Theme} from '../theme.js';
import {Line} from './line.js';

export type ConfigOverlayProps = {
	/** The bond whose configuration is shown (the selected one), or null when there is none. */
	bond: string | null;
	comparison: ConfigComparison | null;
	host: HostConfig | null;
	theme: Theme;
};

/**
 * `c`: one bond's configuration beside what the kernel runs, setting by setting, with the file and
 * line each came from; differing settings are marked and coloured. Rows are Lines: the file text
 * in them goes through the one sanitiser.
 */
export function ConfigOverlay({bond, comparison, host, theme}: ConfigOverlayProps) {
	const lines = bond ? configTableLines(bond, comparison, host) : [t('config.none')];
	const trailer = comparison ? configTrailerLines(comparison) : [];
	return (
		<Box flexDirection="column">
			<Line text={t('config.title', {bond: bond ? t('config.of', {bond}) : ''})} bold color={theme.accent} />
			<Line text=" " />
			{lines.map((text, i) => (
				<Line key={i} text={text === '' ? ' ' : text} color={text.startsWith('≠') ? theme.warning : undefined} bold={i === 0} />
			))}
			{trailer.length > 0 ? <Line text=" " /> : null}
			{trailer.map((text, i) => (
				<Line key={`t${i}`} text={text} color={theme.warning} />
			))}
		</Box>
	);
}
