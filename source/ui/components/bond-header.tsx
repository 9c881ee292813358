import {Box, Text} from 'ink';
import React, {memo} from 'react';
import type {Judgement} from '../../judge/judge.js';
import type {VerdictStatus} from '../../judge/types.js';
import {bondHeaderLines} from '../../output/format.js';
import type {Bond} from '../../model/types.js';
import type {Theme} from '../theme.js';
import {Line} from './line.js';
import {sanitizeText} from '../../text/sanitize.js';
import {t} from '../../i18n/i18n.js';

/**
 * Findings the header shows at most on a terminal of `rows` rows; the rest are counted. The verdict
 * line already names them, and rows are scarce: the panels and the event log come first.
 */
export function headerFindings(rows: number): number {
	return rows >= 50 ? 3 : rows > 40 ? 1 : 0;
}

export type BondHeaderProps = {
	bond: Bond;
	simulated: boolean;
	theme: Theme;
	/** Verdict and findings (model/monitor.ts judges every sample). */
	judgement?: Judgement;
	/** How many findings to list under the header ({@link headerFindings}). */
	maxFindings?: number;
	/** The failover summary line (source/history/failover-summary.ts), or null. */
	history?: string | null;
};

export function verdictColour(status: VerdictStatus, theme: Theme): string | undefined {
	return status === 'OK' ? theme.active : status === 'WARNING' ? theme.warning : status === 'CRITICAL' ? theme.down : theme.unknown;
}

/**
 * The alarm word of a bond with no link, from its judgement (the one place that decides it):
 * every slave down, no slave at all, or the bond's own MII down. Null for a bond with a link.
 */
export function headerAlarm(judgement: Judgement | undefined): string | null {
	const ids = new Set(judgement?.findings.map((f) => f.id) ?? []);
	return ids.has('no-slaves') ? t('header.alarmNoSlaves') : ids.has('no-slave-up') ? t('header.alarmNoSlaveUp') : ids.has('bond-mii-down') ? t('header.alarmBondDown') : null;
}

/** The verdict (colour plus the word), then what the bonding driver is doing: mode, timers, primary, active slave, LACP; then the findings. Rows are {@link Line}s: a new snapshot re-renders this, unchanged rows cost nothing. */
export const BondHeader = memo(function BondHeader({bond, simulated, theme, judgement, maxFindings = 3, history}: BondHeaderProps) {
	const lines = bondHeaderLines(bond, {simulated, judgement, maxFindings});
	const verdict = judgement ? lines.shift() : undefined;
	const [first, ...rest] = lines;
	const alarm = headerAlarm(judgement);
	return (
		<Box flexDirection="column">
			{verdict && judgement ? <Line text={verdict} bold color={verdictColour(judgement.verdict.status, theme)} /> : null}
			{alarm ? (
				// No link: not the calm blue line but an alarm, inverse red where there is colour, in words without.
				<Text wrap="truncate-end" bold>
					<Text color={theme.down} inverse={theme.down !== undefined}>{` ${alarm} `}</Text>
					<Text color={theme.down}>{` ${sanitizeText(first ?? '')}`}</Text>
				</Text>
			) : (
				<Line text={first ?? ''} bold color={theme.accent} />
			)}
			{rest.map((line, index) => (
				<Line key={index} text={line} color={line.startsWith('  !') ? theme.warning : undefined} />
			))}
			{history ? <Line text={`  ${sanitizeText(history)}`} color={history.includes(t('failover.notOnPrimary')) ? theme.warning : undefined} /> : null}
		</Box>
	);
});
