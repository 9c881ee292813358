/**
 * What the screen shows, apart from the data: help open and where it is scrolled, how far the
 * event log is scrolled back, whether other interfaces are collapsed, paused sampling, the
 * interval. Pure: a command and the screen's measurements in, the next view out; the App holds
 * it in one state and the sampler reads `paused` and `intervalMs`.
 */
import type {RateUnit, ScaleMode} from './chart-scale.js';
import type {Command} from './keys.js';

export type ViewState = {
	help: boolean;
	/** First help line shown. */
	helpTop: number;
	/** Events scrolled back from the newest (0: the log follows new events). */
	logBack: number;
	othersCollapsed: boolean;
	paused: boolean;
	intervalMs: number;
	/** Rates in bits (link speeds) or bytes per second (`b`). */
	unit: RateUnit;
	/** Charts on the shared rate scale, or in percent of each link's speed (`%`). */
	scale: ScaleMode;
};

/** What the commands need to know about the screen as it is drawn now. */
export type ViewMeasure = {
	/** Rows the help window shows, and its line count. */
	helpRows: number;
	helpLines: number;
	/** Rows of events the log shows, and how many events it holds. */
	logRows: number;
	events: number;
};

export function initialView(intervalMs: number, scale: ScaleMode = 'rate'): ViewState {
	return {help: false, helpTop: 0, logBack: 0, othersCollapsed: true, paused: false, intervalMs, unit: 'bits', scale};
}

/** Interval steps of `+` and `-`, in ms. */
export const intervalSteps = [100, 250, 500, 1000, 2000, 5000, 10_000, 30_000, 60_000] as const;

/** The next shorter (`faster`) or longer interval; an interval between steps goes to the nearest step that way. */
export function nextIntervalMs(current: number, way: 'faster' | 'slower'): number {
	if (way === 'faster') {
		const shorter = intervalSteps.filter((s) => s < current);
		return shorter.length > 0 ? shorter[shorter.length - 1]! : current;
	}
	return intervalSteps.find((s) => s > current) ?? current;
}

/**
 * The view after a command, or null when the command is not about the view (selection, actions,
 * quit). With help open, the scrolling keys scroll the help.
 */
export function viewAfter(view: ViewState, command: Command, measure: ViewMeasure): ViewState | null {
	const helpMax = Math.max(0, measure.helpLines - measure.helpRows);
	const helpAt = (top: number) => ({...view, helpTop: Math.max(0, Math.min(helpMax, top))});
	const logMax = Math.max(0, measure.events - measure.logRows);
	const logAt = (back: number) => ({...view, logBack: Math.max(0, Math.min(logMax, back))});
	const page = Math.max(1, measure.helpRows - 1);
	if (view.help) {
		switch (command) {
			case 'next':
				return helpAt(view.helpTop + 1);
			case 'previous':
				return helpAt(view.helpTop - 1);
			case 'pageDown':
				return helpAt(view.helpTop + page);
			case 'pageUp':
				return helpAt(view.helpTop - page);
			case 'first':
				return helpAt(0);
			case 'last':
				return helpAt(helpMax);
			case 'help':
			case 'close':
				return {...view, help: false};
			default:
				break;
		}
	}
	const logPage = Math.max(1, measure.logRows - 1);
	switch (command) {
		case 'help':
			return {...view, help: true, helpTop: 0};
		case 'close':
			return view.logBack > 0 ? {...view, logBack: 0} : view;
		case 'pageUp':
			return logAt(view.logBack + logPage);
		case 'pageDown':
			return logAt(view.logBack - logPage);
		case 'toggleOthers':
			return {...view, othersCollapsed: !view.othersCollapsed};
		case 'pause':
			return {...view, paused: !view.paused};
		case 'units':
			return {...view, unit: view.unit === 'bits' ? 'bytes' : 'bits'};
		case 'scale':
			return {...view, scale: view.scale === 'rate' ? 'percent' : 'rate'};
		case 'faster':
		case 'slower':
			return {...view, intervalMs: nextIntervalMs(view.intervalMs, command)};
		default:
			return null;
	}
}
