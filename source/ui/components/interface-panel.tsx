import {Box, Text} from 'ink';
import React, {memo} from 'react';
import type {LayoutItem} from '../../model/layout.js';
import type {Bond, BondSlave, NetInterface} from '../../model/types.js';
import {slaveRole, type SlaveRole} from '../../model/roles.js';
import {bareSlaveLines, interfaceBodyLines, interfaceTitleParts, slaveBadge} from '../../output/format.js';
import {rateText as unitRateText, type RateUnit} from '../chart-scale.js';
import {sanitizeText} from '../../text/sanitize.js';
import {t} from '../../i18n/i18n.js';
import type {Theme} from '../theme.js';
import {Line} from './line.js';

/** How much of a panel to show: everything, a two-line summary, or one line. */
export type PanelDetail = 'full' | 'compact' | 'line';

export type InterfacePanelProps = {
	item: LayoutItem;
	selected: boolean;
	detail: PanelDetail;
	rxBytesPerSecond: number | null;
	txBytesPerSecond: number | null;
	/** Braille chart rows for RX and TX, already drawn to fit `width`. */
	rxChart: string;
	txChart: string;
	/** Taller charts (two or more rows each, bmon-like), drawn instead of the one-row ones. */
	rxChartRows?: readonly string[];
	txChartRows?: readonly string[];
	/** Bits or bytes per second. */
	unit?: RateUnit;
	/** The shared scale's maximum as a label (`10Mb`): the bond and its slaves have the same; in percent mode `% of 100Mb/s`. */
	scale?: string;
	/** The top of a tall chart's y axis (`10Mb`, `100%`); `scale` when absent. */
	scaleAxis?: string;
	/** Said after a tall chart's rate (`% of 100Mb/s`, `link speed unknown: rate scale`). */
	scaleNote?: string;
	/** Two-line summaries label their charts too (percent mode only: the rate scale's label is in the full panels). */
	compactScale?: boolean;
	/** Inventory note (`wired · default route via 192.168.176.1`), shown on the title line. */
	note?: string | null;
	theme: Theme;
};

function roleColour(role: SlaveRole | null, theme: Theme): string | undefined {
	switch (role) {
		case 'active':
			return theme.active;
		case 'carrying':
			return theme.carrying;
		case 'down':
			return theme.down;
		default:
			return undefined;
	}
}

/**
 * The colour of a slave's badge: its role's, except that an active slave whose MII has left `up`
 * (going down, or down with no other slave to take over) is no longer healthy green but the
 * warning colour, from the first sample that shows it.
 */
export function slaveBadgeColour(bond: Bond, slave: BondSlave, theme: Theme): string | undefined {
	const role = slaveRole(bond, slave);
	if (role === 'active' && slave.miiStatus !== 'up') return theme.warning;
	return roleColour(role, theme);
}

/**
 * The ifconfig-like lines of a panel, made once per interface per sample: the layout asks for
 * every panel's height several times a refresh (plan, screen layout, the panel itself), and
 * making the lines each time was a tenth of the TUI's allocations. A snapshot's interface, bond
 * and slave objects are new every sample and never changed afterwards, so their identity is the
 * key; the WeakMap lets old samples go.
 */
const bodyLinesMemo = new WeakMap<NetInterface, {bond: Bond | null; slave: BondSlave | null; lines: readonly string[]}>();
export function panelBodyLines(iface: NetInterface, bond: Bond | null, slave: BondSlave | null): readonly string[] {
	const known = bodyLinesMemo.get(iface);
	if (known && known.bond === bond && known.slave === slave) return known.lines;
	const lines = interfaceBodyLines(iface, bond && slave ? {bond, slave} : null);
	bodyLinesMemo.set(iface, {bond, slave, lines});
	return lines;
}

/**
 * Height in rows of a panel at a given detail, for the layout. A full panel's charts are one row
 * each, or with `chartRows` of 2 or more a rate row plus that many chart rows each.
 */
export function panelHeight(item: LayoutItem, detail: PanelDetail, chartRows = 1): number {
	if (detail === 'line') return 1;
	if (detail === 'compact') return 2;
	const charts = chartRows >= 2 ? 2 * (chartRows + 1) : 2;
	if (!item.iface) return 1 + charts;
	return 1 + panelBodyLines(item.iface, item.bond ?? null, item.slave ?? null).length + charts;
}

/** Width of the badge column in one-line and compact rows, so their rates line up: ` ACTIVE GOING DOWN ` and ` (admin down)`. */
export const badgeColumn = 20;

/** Width of a chart's y-axis label (the shared scale's maximum, `100Mb`), after the chart on one-row charts. */
export const scaleLabelColumn = 7;

type TitleLineProps = {
	name: string;
	selected: boolean;
	/** The selection is shown inverse as well as bold (colour themes). */
	inverseSelection: boolean;
	badge: string | null;
	badgeColour: string | undefined;
	/** The badge is inverse (the active slave, colour themes). */
	badgeInverse: boolean;
	flagsWord: string;
	rest: string;
	dim: boolean;
};

/**
 * The panel's first row; its texts go through the one sanitiser like a {@link Line}'s. Its nested <Text> children are always the same four, only their content
 * changes: mounting and unmounting nested Text nodes between frames is where Ink/yoga
 * use-after-free crashes have been reported (see the README's notes).
 */
const TitleLine = memo(function TitleLine(props: TitleLineProps) {
	return (
		<Text wrap="truncate-end">
			<Text bold={props.selected} inverse={props.selected && props.inverseSelection}>
				{props.selected ? '>' : ' '} {sanitizeText(props.name).padEnd(9)}
			</Text>
			<Text bold color={props.badgeColour} inverse={props.badgeInverse}>
				{props.badge ? ` ${sanitizeText(props.badge)} ` : ''}
			</Text>
			<Text>{props.flagsWord}</Text>
			<Text dimColor={props.dim}>
				{'  '}
				{sanitizeText(props.rest)}
			</Text>
		</Text>
	);
});

/** A two-line summary's RX and TX charts side by side; `label` (percent mode: what they are a percentage of) after them. */
const CompactCharts = memo(function CompactCharts({rxChart, txChart, rx, tx, label}: {rxChart: string; txChart: string; rx?: string; tx?: string; label?: string}) {
	return (
		<Text wrap="truncate-end">
			{'    '}
			<Text color={rx}>{rxChart}</Text> <Text color={tx}>{txChart}</Text>
			{label ? ` ┤${label}` : ''}
		</Text>
	);
});

/** `RX   2.4 Mbit/s`: a direction and its rate, padded so rates line up. */
function rateText(direction: 'RX' | 'TX', bytesPerSecond: number | null, unit: RateUnit = 'bits'): string {
	return `${direction} ${unitRateText(bytesPerSecond, unit).padStart(11)}`;
}

/** `          RX   2.4 Mbit/s ⣀⣤⣶… ┤10Mb`: the rate, its sparkline and the shared scale's maximum, one row in one colour. */
export function chartRow(direction: 'RX' | 'TX', bytesPerSecond: number | null, chart: string, unit: RateUnit = 'bits', scale = ''): string {
	return `          ${rateText(direction, bytesPerSecond, unit)} ${chart}${scale ? ` ┤${scale}` : ''}`;
}

/**
 * A taller chart, bmon-like: the rate on its own row (with the scale's note, if any), then the
 * chart rows with a y axis whose top is labelled with the scale's maximum and whose bottom is 0.
 */
export function tallChartRows(direction: 'RX' | 'TX', bytesPerSecond: number | null, chart: readonly string[], unit: RateUnit, scale: string, note = ''): string[] {
	const rows = [`          ${rateText(direction, bytesPerSecond, unit)}${note ? `  ${note}` : ''}`];
	chart.forEach((line, index) => {
		const label = index === 0 ? scale : index === chart.length - 1 ? '0' : '';
		rows.push(`${label.padStart(8)} ${index === 0 || index === chart.length - 1 ? '┤' : '│'}${line}`);
	});
	return rows;
}

/**
 * One interface, ifconfig-like, with RX/TX rate sparklines; the active slave stands out. Every row
 * is a memoised component of primitive props, so on a refresh only the rows whose text changed
 * (counters, rates, charts) are rendered again.
 */
export const InterfacePanel = memo(function InterfacePanel(props: InterfacePanelProps) {
	const {item, selected, detail, theme} = props;
	const slaveContext = item.bond && item.slave ? {bond: item.bond, slave: item.slave} : null;
	const role = slaveContext ? slaveRole(slaveContext.bond, slaveContext.slave) : null;
	const colour = roleColour(role, theme);
	const badge = slaveContext ? slaveBadge(slaveContext.bond, slaveContext.slave) : null;
	const title = item.iface ? interfaceTitleParts(item.iface, slaveContext) : {name: item.name, rest: t('panel.noInterfaceData'), badge};
	const unit = props.unit ?? 'bits';
	const rates = `${rateText('RX', props.rxBytesPerSecond, unit)}  ${rateText('TX', props.txBytesPerSecond, unit)}`;
	const badgeColour = slaveContext ? slaveBadgeColour(slaveContext.bond, slaveContext.slave, theme) : colour;
	const flagsWord = item.iface && !item.iface.flags.includes('UP') ? ` ${t('panel.adminDown')}` : '';
	const badgeWidth = badge ? badge.length + 2 : 0;
	const titleLine = (
		<TitleLine
			name={item.name}
			selected={selected}
			inverseSelection={theme.accent !== undefined}
			badge={badge}
			badgeColour={badgeColour}
			badgeInverse={role === 'active' && badgeColour !== undefined}
			flagsWord={detail === 'full' ? flagsWord : flagsWord.padEnd(Math.max(0, badgeColumn - badgeWidth))}
			rest={detail === 'full' ? `${title.rest}${props.note ? `  (${props.note})` : ''}` : rates}
			dim={theme.dim}
		/>
	);

	if (detail === 'line') return titleLine;
	if (detail === 'compact') {
		return (
			<Box flexDirection="column">
				{titleLine}
				<CompactCharts rxChart={props.rxChart} txChart={props.txChart} rx={theme.rx} tx={theme.tx} label={props.compactScale ? props.scale : undefined} />
			</Box>
		);
	}
	const body = item.iface ? panelBodyLines(item.iface, item.bond ?? null, item.slave ?? null) : item.bond && item.slave ? bareSlaveLines(item.bond, item.slave).slice(1) : [];
	return (
		<Box flexDirection="column">
			{titleLine}
			{body.map((line, index) => (
				<Line key={index} text={line} />
			))}
			{props.rxChartRows && props.txChartRows ? (
				<>
					{tallChartRows('RX', props.rxBytesPerSecond, props.rxChartRows, unit, props.scaleAxis ?? props.scale ?? '', props.scaleNote).map((line, index) => (
						<Line key={`rx${index}`} text={line} color={theme.rx} />
					))}
					{tallChartRows('TX', props.txBytesPerSecond, props.txChartRows, unit, props.scaleAxis ?? props.scale ?? '', props.scaleNote).map((line, index) => (
						<Line key={`tx${index}`} text={line} color={theme.tx} />
					))}
				</>
			) : (
				<>
					<Line text={chartRow('RX', props.rxBytesPerSecond, props.rxChart, unit, props.scale)} color={theme.rx} />
					<Line text={chartRow('TX', props.txBytesPerSecond, props.txChart, unit, props.scale)} color={theme.tx} />
				</>
			)}
		</Box>
	);
});
