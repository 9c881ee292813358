import {Box, Text} from 'ink';
import React, {memo} from 'react';
import type {LayoutItem} from '../../model/layout.js';
import {slaveRole, type SlaveRole} from '../../model/roles.js';
import {bareSlaveLines, humanRate, interfaceBodyLines, interfaceTitleParts, slaveBadge} from '../../output/format.js';
import type {Theme} from '../theme.js';

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
	/** Inventory note (`wired · default route via 192.168.1.1`), shown on the title line. */
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

/** One interface, ifconfig-like, with RX/TX rate sparklines; the active slave stands out. */
export const InterfacePanel = memo(function InterfacePanel(props: InterfacePanelProps) {
	const {item, selected, detail, theme} = props;
	const slaveContext = item.bond && item.slave ? {bond: item.bond, slave: item.slave} : null;
	const role = slaveContext ? slaveRole(slaveContext.bond, slaveContext.slave) : null;
	const colour = roleColour(role, theme);
	const badge = slaveContext ? slaveBadge(slaveContext.bond, slaveContext.slave) : null;
	const pointer = selected ? '>' : ' ';
	const title = item.iface ? interfaceTitleParts(item.iface, slaveContext) : {name: item.name, rest: '(no interface data)', badge};
	const flagsWord = item.iface && !item.iface.flags.includes('UP') ? ' (admin down)' : '';
	const rates = `RX ${humanRate(props.rxBytesPerSecond).padStart(11)}  TX ${humanRate(props.txBytesPerSecond).padStart(11)}`;
	// The nested <Text> children are always the same four, only their content changes: mounting
	// and unmounting nested Text nodes between frames is where Ink/yoga use-after-free crashes
	// have been reported (see the README's notes).
	const titleLine = (
		<Text wrap="truncate-end">
			<Text bold={selected} inverse={selected && theme.accent !== undefined}>
				{pointer} {item.name.padEnd(9)}
			</Text>
			<Text bold color={colour} inverse={role === 'active' && colour !== undefined}>
				{badge ? ` ${badge} ` : ''}
			</Text>
			<Text>{flagsWord}</Text>
			<Text dimColor={theme.dim}>
				{'  '}
				{detail === 'full' ? title.rest : rates}
				{props.note && detail === 'full' ? `  (${props.note})` : ''}
			</Text>
		</Text>
	);

	if (detail === 'line') return titleLine;
	if (detail === 'compact') {
		return (
			<Box flexDirection="column">
				{titleLine}
				<Text wrap="truncate-end">
					{'    '}
					<Text color={theme.rx}>{props.rxChart}</Text> <Text color={theme.tx}>{props.txChart}</Text>
				</Text>
			</Box>
		);
	}
	const body = item.iface ? interfaceBodyLines(item.iface, slaveContext) : item.bond && item.slave ? bareSlaveLines(item.bond, item.slave).slice(1) : [];
	return (
		<Box flexDirection="column">
			{titleLine}
			{body.map((line, index) => (
				<Text key={index} wrap="truncate-end">
					{line}
				</Text>
			))}
			<Text wrap="truncate-end">
				{'          '}
				<Text color={theme.rx}>RX {humanRate(props.rxBytesPerSecond).padStart(11)} </Text>
				<Text color={theme.rx}>{props.rxChart}</Text>
			</Text>
			<Text wrap="truncate-end">
				{'          '}
				<Text color={theme.tx}>TX {humanRate(props.txBytesPerSecond).padStart(11)} </Text>
				<Text color={theme.tx}>{props.txChart}</Text>
			</Text>
		</Box>
	);
});
