/**
 * Who gets the rows below the bond headers: the panels (planned by {@link planPanels}), a taller
 * chart for the selected panel when rows are free (bmon's graph of the selected interface), and
 * the event log, which takes every row the panels leave. Pure.
 */
import type {LayoutItem} from '../model/layout.js';
import {panelHeight} from './components/interface-panel.js';
import {planPanels, type PlannedPanel} from './plan.js';

export type ScreenLayout = {
	plan: PlannedPanel[];
	/** Chart rows of the selected full panel (1: the one-row charts). */
	chartRows: number;
	/** Event rows of the log (its title row not counted). */
	logRows: number;
};

/** Events the log keeps in view before panels are shrunk for it. */
export const logMinimum = 7;
/** Events the log keeps in view before the selected chart grows taller. */
export const logComfort = 8;
/** The tallest chart, in rows (bmon's is six). */
export const maxChartRows = 6;

/**
 * @param rows rows for the panels, the log and its title
 * @param events how many events the log holds
 */
export function screenLayout(items: LayoutItem[], selected: string | null, rows: number, othersCollapsed: boolean, events: number): ScreenLayout {
	const logRowsWanted = (limit: number) => Math.min(events, limit);
	const height = (plan: PlannedPanel[]) => plan.reduce((sum, p) => sum + panelHeight(p.item, p.detail), 0);
	// The planner may keep a panel that does not quite fit (the selection's): plan again with less
	// room until the log keeps its minimum.
	let budget = Math.max(3, rows - 1 - logRowsWanted(logMinimum));
	let plan = planPanels(items, selected, budget, othersCollapsed);
	for (let attempt = 0; attempt < 4; attempt++) {
		const short = logRowsWanted(logMinimum) - (rows - 1 - height(plan));
		if (short <= 0 || budget <= 3) break;
		budget = Math.max(3, budget - short);
		plan = planPanels(items, selected, budget, othersCollapsed);
	}
	let free = rows - 1 - height(plan);
	let chartRows = 1;
	const chosen = plan.find((p) => p.item.name === selected && p.detail === 'full');
	if (chosen) {
		const base = panelHeight(chosen.item, 'full', 1);
		for (let h = maxChartRows; h >= 2; h--) {
			const extra = panelHeight(chosen.item, 'full', h) - base;
			if (free - extra >= logRowsWanted(logComfort)) {
				chartRows = h;
				free -= extra;
				break;
			}
		}
	}
	return {plan, chartRows, logRows: Math.max(0, free)};
}
