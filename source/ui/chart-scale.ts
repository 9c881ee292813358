/**
 * Charts that compare: one scale per bond (the bond and its slaves share it, RX and TX too), a
 * round maximum (1, 2 or 5 times a power of ten, in the unit shown) that the charts are labelled
 * with, and the rate unit (bits or bytes per second, `b`); or, with `%`, each chart as a percentage
 * of its own interface's link speed. Pure.
 */
import {decimal, t} from '../i18n/i18n.js';
import type {LayoutGroup, LayoutItem} from '../model/layout.js';

export type RateUnit = 'bits' | 'bytes';

/** The smallest 1, 2 or 5 x 10^k at or above `value` (0 stays 0). */
export function niceCeiling(value: number): number {
	const index = ladderIndex(value);
	return index === -Infinity ? 0 : ladderValue(index);
}

/**
 * Where the nice ceiling of `value` stands on the 1-2-5 ladder (1 is 0, 2 is 1, 5 is 2, 10 is 3,
 * 0.5 is -1, …), so a scale can move one step at a time; -Infinity for 0 and for what is not a number.
 */
export function ladderIndex(value: number): number {
	if (!(value > 0) || !Number.isFinite(value)) return -Infinity;
	const decade = 3 * Math.floor(Math.log10(value));
	for (let index = decade; index < decade + 3; index++) if (ladderValue(index) >= value * (1 - 1e-9)) return index;
	return decade + 3;
}

/** The value at a place of the 1-2-5 ladder ({@link ladderIndex}). */
export function ladderValue(index: number): number {
	const decade = Math.floor(index / 3);
	const step = index - 3 * decade;
	return (step === 0 ? 1 : step === 1 ? 2 : 5) * 10 ** decade;
}

/** Bytes per second in the unit shown: bits (link speeds are sold in them) or bytes. */
export function inUnit(bytesPerSecond: number, unit: RateUnit): number {
	return unit === 'bits' ? bytesPerSecond * 8 : bytesPerSecond;
}

const decimalPrefixes = ['', 'k', 'M', 'G', 'T'];

/** `value` divided down by 1000 until below 1000 (or at T), with its SI prefix. */
function decimalPrefix(value: number): {value: number; prefix: string} {
	let v = value;
	let p = 0;
	while (v >= 1000 && p < decimalPrefixes.length - 1) {
		v /= 1000;
		p++;
	}
	return {value: v, prefix: decimalPrefixes[p]!};
}

/** `1.2 Mbit/s` (German `1,2 Mbit/s`) or `150 kB/s`: a rate in the unit shown (decimal prefixes, as link speeds). */
export function rateText(bytesPerSecond: number | null, unit: RateUnit): string {
	if (bytesPerSecond === null || !Number.isFinite(bytesPerSecond)) return '–';
	const suffix = unit === 'bits' ? 'bit/s' : 'B/s';
	const {value: v, prefix} = decimalPrefix(inUnit(bytesPerSecond, unit));
	if (prefix === '') return `${Math.round(v)} ${suffix}`;
	return `${decimal(v, v >= 100 ? 0 : 1)} ${prefix}${suffix}`;
}

/** A scale's maximum as a short axis label: `10M`, `500k`, `2G`, `0` (unit letter after: `b`/`B`). */
export function scaleLabel(bytesPerSecond: number, unit: RateUnit): string {
	const {value: v, prefix} = decimalPrefix(inUnit(bytesPerSecond, unit));
	const number = Number.isInteger(v) ? String(v) : decimal(v, 1);
	return `${number}${prefix}${unit === 'bits' ? 'b' : 'B'}`;
}

/** One direction of an interface's rate history: `at(0)` is the newest sample (NaN: none). */
export type RateRing = {readonly length: number; at(age: number): number};

/** Anything that has the newest values of an interface's RX and TX histories. */
export type HistoryLookup = (name: string) => {rx: RateRing; tx: RateRing} | undefined;

/**
 * How a scale moves, so that a user can follow it. Up at once, but only for traffic that lasted:
 * a chart's level is the highest rate it held for {@link sustainedSamples} samples in a row, so a
 * shorter spike is drawn clipped at full height (its rate is printed beside the chart) instead of
 * flattening the whole window (btop, too, waits five samples before it rescales). Down one 1-2-5
 * step at a time: a run that has begun to scroll off the chart's left edge still holds the scale,
 * one step lower at once and one more every {@link stepDownSamples} samples after that.
 */
export const sustainedSamples = 5;
/** Samples between two steps down of a scale whose traffic has left the chart. */
export const stepDownSamples = 5;
/** Steps down after which a run that left the chart no longer counts (10^-4 of its level). */
const maxStepsDown = 12;

/** A ladder place's value; 0 below the ladder (an idle sample's place). */
const valueAt = (place: number) => (place === -Infinity ? 0 : ladderValue(place));

/**
 * A ring's level for a chart of `samples` (a ladder place, -Infinity when idle): the highest
 * rate held for {@link sustainedSamples} samples in a row (while the ring is younger, for all it
 * has), stepped down for runs that are no longer wholly on the chart. A gap (NaN) breaks a run.
 * Runs stop at the first sample that could not beat the best so far, so most cost one comparison;
 * it makes no arrays (it runs every refresh).
 */
function ringLevel(ring: RateRing, samples: number, perUnit: number): number {
	const run = Math.min(sustainedSamples, ring.length);
	if (run === 0) return -Infinity;
	let best = -Infinity;
	const newestOfLastRun = Math.min(ring.length, samples + maxStepsDown * stepDownSamples) - run;
	// The value a run must beat, worked out again only when the best or the steps down change.
	let floor = 0;
	let floorFor = Number.NaN;
	for (let age = 0; age <= newestOfLastRun; age++) {
		const oldest = age + run - 1;
		const stepsDown = oldest < samples ? 0 : 1 + Math.floor((oldest - samples) / stepDownSamples);
		if (best + stepsDown !== floorFor) {
			floorFor = best + stepsDown;
			floor = valueAt(floorFor);
		}
		let low = Infinity;
		for (let i = age; i <= oldest; i++) {
			const v = ring.at(i) * perUnit;
			if (!(v > floor)) {
				low = 0;
				break;
			}
			if (v < low) low = v;
		}
		if (low > 0) best = ladderIndex(low) - stepsDown;
	}
	return best;
}

/**
 * The shared scale of each interface, in bytes per second: for a bond, the highest level (see
 * {@link sustainedSamples}) of the RX and TX charts of the bond and its slaves over the last
 * `samples` samples, a round 1, 2 or 5 x 10^k in the unit shown, so the label is round; an
 * interface outside a bond gets its own. A scale is never below 1 kbit/s (1 kB/s), so an idle
 * bond still has a label.
 */
export function sharedScales(groups: readonly LayoutGroup[], history: HistoryLookup, samples: number, unit: RateUnit): Map<string, number> {
	const scales = new Map<string, number>();
	const perUnit = unit === 'bits' ? 8 : 1;
	const level = (name: string) => {
		const h = history(name);
		if (!h) return -Infinity;
		return Math.max(ringLevel(h.rx, samples, perUnit), ringLevel(h.tx, samples, perUnit));
	};
	const toScale = (place: number) => Math.max(place === -Infinity ? 0 : ladderValue(place), 1000) / perUnit;
	for (const group of groups) {
		if (group.bond) {
			let place = -Infinity;
			for (const item of group.items) place = Math.max(place, level(item.name));
			const scale = toScale(place);
			for (const item of group.items) scales.set(item.name, scale);
		} else {
			for (const item of group.items) scales.set(item.name, toScale(level(item.name)));
		}
	}
	return scales;
}

/** What the charts are scaled to: the shared round rate scale, or percent of each link's speed (`%`). */
export type ScaleMode = 'rate' | 'percent';

/** A chart's scale: what is drawn at full height, and how the chart says so. */
export type ChartScale = {
	/** Bytes per second drawn at full height. */
	max: number;
	/** After a one-row chart: `5Mb`, `% of 100Mb/s`, or `5Mb, no speed` (percent asked, speed unknown). */
	label: string;
	/** The top of a tall chart's y axis: `5Mb` or `100%`. */
	axis: string;
	/** Said on a tall chart's rate row: `% of 100Mb/s`, `link speed unknown: rate scale`, or ''. */
	note: string;
	/** The link speed (Mbit/s) the chart is a percentage of; null on the rate scale. */
	percentOfMbps: number | null;
};

/**
 * The words of the percent scale, in one place (for the message catalogues): what a chart is a
 * percentage of, and the note on a chart that stays on the rate scale because its link speed is unknown.
 */
export const percentScaleText = {
	percentOf: (speed: string) => t('scale.percentOf', {speed}),
	fullScale: '100%',
	noSpeedLabel: (rateLabel: string) => t('scale.noSpeedLabel', {rate: rateLabel}),
	get noSpeedNote() {
		return t('scale.noSpeedNote');
	},
};

/** Width of the longest label {@link chartScales} gives in percent mode (`500Mb, no speed`). */
export const percentLabelWidth = 15;

/** A link speed as link speeds are written: `100Mb/s`, `1Gb/s`, `2.5Gb/s`. */
export function speedText(mbps: number): string {
	const {value, prefix} = decimalPrefix(mbps * 1e6);
	return `${Number.isInteger(value) ? String(value) : decimal(value, 1)}${prefix}b/s`;
}

/**
 * An interface's link speed in Mbit/s as the snapshot has it, null when unknown: for a slave the
 * bonding file's `Speed:` line (what the driver uses), else sysfs `speed`; the panel's `Speed:` says the same.
 */
export function linkSpeedMbps(item: LayoutItem): number | null {
	const speed = item.slave?.speedMbps ?? item.iface?.speedMbps ?? null;
	return speed !== null && Number.isFinite(speed) && speed > 0 ? speed : null;
}

/**
 * Every interface's chart scale. On the rate scale, {@link sharedScales} labelled with its round
 * maximum. In percent mode, each interface's own link speed (a bond's is the kernel's: the sum of
 * the slaves that can transmit) is 100 %; an interface whose speed is unknown (a veth, a link
 * that is down) keeps the rate scale and says so, never a made-up percentage.
 */
export function chartScales(groups: readonly LayoutGroup[], history: HistoryLookup, samples: number, unit: RateUnit, mode: ScaleMode): Map<string, ChartScale> {
	const rates = sharedScales(groups, history, samples, unit);
	const out = new Map<string, ChartScale>();
	for (const group of groups) {
		for (const item of group.items) {
			const max = rates.get(item.name) ?? 0;
			const label = scaleLabel(max, unit);
			const speed = mode === 'percent' ? linkSpeedMbps(item) : null;
			if (mode === 'rate') out.set(item.name, {max, label, axis: label, note: '', percentOfMbps: null});
			else if (speed === null) out.set(item.name, {max, label: percentScaleText.noSpeedLabel(label), axis: label, note: percentScaleText.noSpeedNote, percentOfMbps: null});
			else {
				const of = percentScaleText.percentOf(speedText(speed));
				out.set(item.name, {max: (speed * 1e6) / 8, label: of, axis: percentScaleText.fullScale, note: of, percentOfMbps: speed});
			}
		}
	}
	return out;
}
