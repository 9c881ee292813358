/**
 * Charts that compare: one scale per bond (the bond and its slaves share it, RX and TX too), a
 * round maximum (1, 2 or 5 times a power of ten, in the unit shown) that the charts are labelled
 * with, and the rate unit (bits or bytes per second, `b`). Pure.
 */
import {decimal} from '../i18n/i18n.js';
import type {LayoutGroup} from '../model/layout.js';

export type RateUnit = 'bits' | 'bytes';

/** The smallest 1, 2 or 5 x 10^k at or above `value` (0 stays 0). */
export function niceCeiling(value: number): number {
	if (!(value > 0) || !Number.isFinite(value)) return 0;
	const power = 10 ** Math.floor(Math.log10(value));
	for (const step of [1, 2, 5, 10]) if (step * power >= value * (1 - 1e-9)) return step * power;
	return 10 * power;
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

/** Anything that has the newest values of an interface's RX and TX histories. */
export type HistoryLookup = (name: string) => {rx: {peak(n: number): number}; tx: {peak(n: number): number}} | undefined;

/**
 * The shared scale of each interface, in bytes per second: for a bond, the round ceiling of the
 * largest RX or TX rate of the bond and its slaves over the last `samples` samples (in the unit
 * shown, so the label is round); an interface outside a bond gets its own. A scale is never 0,
 * so an idle bond still has a label.
 */
export function sharedScales(groups: readonly LayoutGroup[], history: HistoryLookup, samples: number, unit: RateUnit): Map<string, number> {
	const scales = new Map<string, number>();
	const peak = (name: string) => {
		const h = history(name);
		if (!h) return 0;
		return Math.max(h.rx.peak(samples), h.tx.peak(samples));
	};
	const toScale = (bytesPerSecond: number) => {
		const perUnit = unit === 'bits' ? 8 : 1;
		return Math.max(niceCeiling(bytesPerSecond * perUnit), 1000) / perUnit;
	};
	for (const group of groups) {
		if (group.bond) {
			const names = group.items.map((i) => i.name);
			const scale = toScale(Math.max(0, ...names.map(peak)));
			for (const name of names) scales.set(name, scale);
		} else {
			for (const item of group.items) scales.set(item.name, toScale(peak(item.name)));
		}
	}
	return scales;
}
