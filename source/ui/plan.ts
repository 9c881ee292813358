/**
 * Which panels get how much room. Pure: the bond rows and the selection get full panels while they
 * fit, the rest shrink to two-line summaries and then to one line; when even then the selection's
 * full panel would push the others off screen (an 80x24 terminal), it shrinks to its two-line
 * summary, because seeing every slave's role beats one panel's counters; a window around the
 * selection is kept when even that is too tall.
 */
import type {LayoutItem} from '../model/layout.js';
import {panelHeight, type PanelDetail} from './components/interface-panel.js';

export type PlannedPanel = {item: LayoutItem; detail: PanelDetail};

export function planPanels(items: LayoutItem[], selected: string | null, rows: number, othersCollapsed: boolean): PlannedPanel[] {
	const plan: PlannedPanel[] = items.map((item) => ({
		item,
		detail: item.bond === null && othersCollapsed && item.name !== selected ? 'line' : 'full',
	}));
	const height = () => plan.reduce((sum, p) => sum + panelHeight(p.item, p.detail), 0);
	// Shrink from the bottom up, never the selected panel: others first, then bond rows.
	const order = [...plan.keys()].reverse().sort((a, b) => Number(plan[a]!.item.bond !== null) - Number(plan[b]!.item.bond !== null));
	for (const step of ['compact', 'line'] as const) {
		for (const index of order) {
			if (height() <= rows) return plan;
			const p = plan[index]!;
			if (p.item.name === selected) continue;
			if (step === 'compact' && p.detail === 'full') p.detail = 'compact';
			if (step === 'line' && p.detail !== 'line') p.detail = 'line';
		}
	}
	if (height() <= rows) return plan;
	const chosen = plan.find((p) => p.item.name === selected);
	if (chosen && chosen.detail === 'full') {
		chosen.detail = 'compact';
		if (height() <= rows) {
			// The rows the selection gave up: bond rows that went to one line get their chart row back.
			for (const p of plan) {
				if (p.detail !== 'line' || p.item.bond === null) continue;
				p.detail = 'compact';
				if (height() > rows) {
					p.detail = 'line';
					break;
				}
			}
			return plan;
		}
		// The window below keeps the full panel if it fits by itself.
		if (panelHeight(chosen.item, 'full') <= rows) chosen.detail = 'full';
	}
	// Still too tall: a window of rows around the selection.
	const at = Math.max(0, plan.findIndex((p) => p.item.name === selected));
	let start = at;
	let end = at + 1;
	let used = panelHeight(plan[at]!.item, plan[at]!.detail);
	while (true) {
		const grewDown = end < plan.length && used + panelHeight(plan[end]!.item, plan[end]!.detail) <= rows;
		if (grewDown) used += panelHeight(plan[end]!.item, plan[end++]!.detail);
		const grewUp = start > 0 && used + panelHeight(plan[start - 1]!.item, plan[start - 1]!.detail) <= rows;
		if (grewUp) used += panelHeight(plan[--start]!.item, plan[start]!.detail);
		if (!grewDown && !grewUp) break;
	}
	return plan.slice(start, end);
}
