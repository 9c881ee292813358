import {Box, Text} from 'ink';
import React, {memo} from 'react';
import type {LayoutItem} from '../../model/layout.js';
import {slaveRole, type SlaveRole} from '../../model/roles.js';
import {bareSlaveLines, humanRate, interfaceBodyLines, interfaceTitleParts, slaveBadge} from '../../output/format.js';
import {sanitizeText} from '../../text/sanitize.js';
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

/** Height in rows of a panel at a given detail, for the layout. */
export function panelHeight(item: LayoutItem, detail: PanelDetail): number {
	if (detail === 'line') return 1;
	if (detail === 'compact') return 2;
	if (!item.iface) return 3;
	const slaveContext = item.bond && item.slave ? {bond: item.bond, slave: item.slave} : null;
	return 1 + interfaceBodyLines(item.iface, slaveContext).length + 2;
}

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

const CompactCharts = memo(function CompactCharts({rxChart, txChart, rx, tx}: {rxChart: string; txChart: string; rx?: string; tx?: string}) {
	return (
		<Text wrap="truncate-end">
			{'    '}
			<Text color={rx}>{rxChart}</Text> <Text color={tx}>{txChart}</Text>
		</Text>
	);
});

/** `RX   2.4 Mbit/s`: a direction and its rate, padded so rates line up. */
function rateText(direction: 'RX' | 'TX', bytesPerSecond: number | null): string {
	return `${direction} ${humanRate(bytesPerSecond).padStart(11)}`;
}

/** `          RX   2.4 Mbit/s ⣀⣤⣶…`: the rate and its sparkline, one row in one colour. */
export function chartRow(direction: 'RX' | 'TX', bytesPerSecond: number | null, chart: string): string {
	return `          ${rateText(direction, bytesPerSecond)} ${chart}`;
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
	const title = item.iface ? interfaceTitleParts(item.iface, slaveContext) : {name: item.name, rest: '(no interface data)', badge};
	const rates = `${rateText('RX', props.rxBytesPerSecond)}  ${rateText('TX', props.txBytesPerSecond)}`;
	const titleLine = (
		<TitleLine
			name={item.name}
			selected={selected}
			inverseSelection={theme.accent !== undefined}
			badge={badge}
			badgeColour={colour}
			badgeInverse={role === 'active' && colour !== undefined}
			flagsWord={item.iface && !item.iface.flags.includes('UP') ? ' (admin down)' : ''}
			rest={detail === 'full' ? `${title.rest}${props.note ? `  (${props.note})` : ''}` : rates}
			dim={theme.dim}
		/>
	);

	if (detail === 'line') return titleLine;
	if (detail === 'compact') {
		return (
			<Box flexDirection="column">
				{titleLine}
				<CompactCharts rxChart={props.rxChart} txChart={props.txChart} rx={theme.rx} tx={theme.tx} />
			</Box>
		);
	}
	const body = item.iface ? interfaceBodyLines(item.iface, slaveContext) : item.bond && item.slave ? bareSlaveLines(item.bond, item.slave).slice(1) : [];
	return (
		<Box flexDirection="column">
			{titleLine}
			{body.map((line, index) => (
				<Line key={index} text={line} />
			))}
			<Line text={chartRow('RX', props.rxBytesPerSecond, props.rxChart)} color={theme.rx} />
			<Line text={chartRow('TX', props.txBytesPerSecond, props.txChart)} color={theme.tx} />
		</Box>
	);
});
