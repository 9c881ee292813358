import {t} from '../../i18n/i18n.js';
import {Box, Text} from 'ink';
import React from 'react';
import {inventoryNote, type Inventory} from '../../collect/inventory.js';
import type {Judgement} from '../../judge/judge.js';
import type {HistoryStore} from '../../model/history.js';
import type {LayoutGroup} from '../../model/layout.js';
import type {InterfaceRates} from '../../model/rates.js';
import {brailleChart} from '../braille-chart.js';
import {chartScales, percentLabelWidth, type RateUnit, type ScaleMode} from '../chart-scale.js';

import type {Theme} from '../theme.js';
import {BondHeader, headerFindings} from './bond-header.js';
import {InterfacePanel, type PanelDetail} from './interface-panel.js';

export type InterfaceGroupsProps = {
	groups: readonly LayoutGroup[];
	/** How much each shown interface gets (screen-layout.ts); an interface not in it is not drawn. */
	planned: ReadonlyMap<string, PanelDetail>;
	selectedName: string | null;
	/** Rows of the selected panel's tall charts (below 2: one-row charts). */
	chartRows: number;
	columns: number;
	/** Terminal rows (how many findings a header lists). */
	rows: number;
	history: HistoryStore;
	rates: ReadonlyMap<string, InterfaceRates>;
	judgements: ReadonlyMap<string, Judgement>;
	/** Each bond's failover summary line (history/failover-summary.ts). */
	failoverLines: ReadonlyMap<string, string>;
	/** An offline capture: no rates, no charts. */
	offline: boolean;
	simulated: boolean;
	collapseOthers: boolean;
	unit: RateUnit;
	/** The shared rate scale, or percent of each link's speed (`%`). */
	scale: ScaleMode;
	inventory: Inventory;
	theme: Theme;
};

/**
 * Each bond's header and its interfaces' panels, then the other interfaces. Charts are as wide as
 * the panel allows; one scale per bond (its slaves share it), labelled; or percent of each link's
 * speed (`%`), whose labels are longer and shown on the two-line rows too.
 */
export function InterfaceGroups(props: InterfaceGroupsProps) {
	const {groups, planned, selectedName, chartRows, columns, rows, history, rates, offline, unit, theme} = props;
	const percent = props.scale === 'percent';
	const scaleLabelWidth = percent ? percentLabelWidth + 2 : 8;
	const chartColumns = Math.max(8, columns - 25 - scaleLabelWidth);
	const compactColumns = Math.max(4, Math.floor((columns - 8 - (percent ? scaleLabelWidth : 0)) / 2) - 1);
	const tallColumns = Math.max(8, columns - 11);
	const scales = chartScales(groups, (name) => history.get(name), chartColumns * 2, unit, props.scale);
	const chart = (name: string, direction: 'rx' | 'tx', width: number, height: number): string[] => {
		const ring = history.get(name)?.[direction];
		if (!ring || offline) return [];
		return brailleChart(ring.last(width * 2), width, height, scales.get(name)?.max);
	};
	return (
		<>
			{groups.map((group, groupIndex) => (
				<Box key={group.bond?.name ?? `others-${groupIndex}`} flexDirection="column">
					{group.bond ? (
						<BondHeader
							bond={group.bond}
							simulated={props.simulated}
							theme={theme}
							judgement={props.judgements.get(group.bond.name)}
							maxFindings={headerFindings(rows)}
							history={props.failoverLines.get(group.bond.name) ?? null}
						/>
					) : (
						<Text bold>{t('groups.others')}{props.collapseOthers ? t('groups.expand') : ''}</Text>
					)}
					{group.items.map((item) => {
						const detail = planned.get(item.name);
						if (!detail) return null;
						const rate = rates.get(item.name);
						const tall = detail === 'full' && item.name === selectedName && chartRows >= 2;
						const oneRow = (direction: 'rx' | 'tx') =>
							detail === 'line' || tall ? '' : (chart(item.name, direction, detail === 'compact' ? compactColumns : chartColumns, 1)[0] ?? '');
						return (
							<InterfacePanel
								key={item.name}
								item={item}
								selected={item.name === selectedName}
								detail={detail}
								rxBytesPerSecond={offline ? null : (rate?.rxBytesPerSecond ?? null)}
								txBytesPerSecond={offline ? null : (rate?.txBytesPerSecond ?? null)}
								rxChart={oneRow('rx')}
								txChart={oneRow('tx')}
								rxChartRows={tall ? chart(item.name, 'rx', tallColumns, chartRows) : undefined}
								txChartRows={tall ? chart(item.name, 'tx', tallColumns, chartRows) : undefined}
								unit={unit}
								scale={scales.get(item.name)?.label}
								scaleAxis={scales.get(item.name)?.axis}
								scaleNote={scales.get(item.name)?.note}
								compactScale={percent}
								note={inventoryNote(props.inventory, item.name)}
								theme={theme}
							/>
						);
					})}
				</Box>
			))}
		</>
	);
}
