/**
 * Bonding option values as every configuration format writes them, normalised to what the kernel
 * prints: `mode=1` and `Mode=active-backup` are both `active-backup`, `MIIMonitorSec=1s` is 1000 ms.
 * Pure and linear: no regular expression here can backtrack.
 */
import {bondModes, type BondMode} from '../model/types.js';
import type {BondSettingName, SettingValue} from './types.js';

const enumerations: Partial<Record<BondSettingName, readonly string[]>> = {
	mode: bondModes,
	lacp_rate: ['slow', 'fast'],
	xmit_hash_policy: ['layer2', 'layer3+4', 'layer2+3', 'encap2+3', 'encap3+4', 'vlan+srcmac'],
	primary_reselect: ['always', 'better', 'failure'],
	fail_over_mac: ['none', 'active', 'follow'],
};

const timeSettings = new Set<BondSettingName>(['miimon', 'updelay', 'downdelay', 'arp_interval']);

/** Milliseconds per unit, systemd.time(7) spellings. */
const unitMs = new Map<string, number>([
	['us', 0.001], ['usec', 0.001], ['μs', 0.001],
	['ms', 1], ['msec', 1],
	['s', 1000], ['sec', 1000], ['second', 1000], ['seconds', 1000],
	['m', 60_000], ['min', 60_000], ['minute', 60_000], ['minutes', 60_000],
	['h', 3_600_000], ['hr', 3_600_000], ['hour', 3_600_000], ['hours', 3_600_000],
]);

/**
 * A time span: `100`, `100ms`, `1s`, `1.5s`, `1s 500ms` (systemd.time(7)). A bare number is in
 * `bareUnit` (seconds for systemd-networkd's `…Sec=`, milliseconds for netplan and the kernel's own
 * options). Null when it is not a time span.
 */
export function parseTimeSpanMs(text: string, bareUnit: 'ms' | 's'): number | null {
	const s = text.trim();
	if (s === '') return null;
	let total = 0;
	let i = 0;
	let parts = 0;
	while (i < s.length) {
		while (i < s.length && s[i] === ' ') i++;
		if (i >= s.length) break;
		const numberStart = i;
		while (i < s.length && ((s[i]! >= '0' && s[i]! <= '9') || s[i] === '.')) i++;
		const numberText = s.slice(numberStart, i);
		if (numberText === '' || numberText === '.' || numberText.indexOf('.') !== numberText.lastIndexOf('.')) return null;
		while (i < s.length && s[i] === ' ') i++;
		const unitStart = i;
		while (i < s.length && s[i] !== ' ' && !(s[i]! >= '0' && s[i]! <= '9')) i++;
		const unit = s.slice(unitStart, i);
		const factor = unit === '' ? (bareUnit === 's' ? 1000 : 1) : unitMs.get(unit);
		if (factor === undefined) return null;
		total += Number(numberText) * factor;
		parts++;
	}
	return parts > 0 && Number.isFinite(total) ? Math.round(total) : null;
}

/** A whole number of milliseconds as the kernel's options take it (`100`). */
function parseWholeMs(text: string): number | null {
	const s = text.trim();
	if (s.length === 0 || s.length > 10) return null;
	for (const c of s) if (c < '0' || c > '9') return null;
	return Number(s);
}

/**
 * Normalises one setting. `timeUnit` says how a time is written: `kernel` (whole milliseconds, as
 * in `bond-miimon 100`, `miimon=100`), `ms` (a span whose bare numbers are ms: netplan) or `s`
 * (a span whose bare numbers are seconds: systemd-networkd).
 */
export function normaliseSetting(
	name: BondSettingName,
	raw: string,
	timeUnit: 'kernel' | 'ms' | 's',
): {value: SettingValue} | {error: string} {
	const text = raw.trim();
	if (timeSettings.has(name)) {
		const ms = timeUnit === 'kernel' ? parseWholeMs(text) : parseTimeSpanMs(text, timeUnit);
		return ms === null ? {error: `${name}: "${text}" is not a time${timeUnit === 'kernel' ? ' in whole milliseconds' : ''}`} : {value: ms};
	}
	const names = enumerations[name];
	if (names) {
		// The kernel takes the name or its number (`mode=1`, `lacp_rate=1`); names are lower case.
		const lower = text.toLowerCase();
		if (names.includes(lower)) return {value: lower};
		const n = parseWholeMs(lower);
		if (n !== null && n < names.length) return {value: names[n]!};
		return {error: `${name}: "${text}" is not one of ${names.join(', ')}`};
	}
	if (name === 'arp_ip_target') {
		const targets: string[] = [];
		for (const part of text.split(/[\s,]+/)) {
			const t = part.startsWith('+') ? part.slice(1) : part;
			if (t !== '' && !targets.includes(t)) targets.push(t);
		}
		return {value: targets};
	}
	// primary: an interface name (the first, when a list was given).
	const first = text.split(/\s+/)[0] ?? '';
	return first === '' ? {error: `${name}: empty`} : {value: first};
}

/** Kernel option names (`miimon`, `lacp_rate`) as written in `key=value` lists, mapped to the settings compared. */
export function kernelOptionName(key: string): BondSettingName | null {
	const k = key.trim().toLowerCase().replaceAll('-', '_');
	switch (k) {
		case 'mode':
		case 'miimon':
		case 'updelay':
		case 'downdelay':
		case 'primary':
		case 'primary_reselect':
		case 'lacp_rate':
		case 'xmit_hash_policy':
		case 'arp_interval':
		case 'arp_ip_target':
		case 'fail_over_mac':
			return k;
		default:
			return null;
	}
}

/** Splits `mode=1 miimon=100` (BONDING_OPTS, modprobe options) or `mode=1,miimon=100` (nmcli) into pairs, in order. */
export function splitOptionList(text: string, separator: 'space' | 'comma'): Array<{key: string; value: string}> {
	const out: Array<{key: string; value: string}> = [];
	const parts = separator === 'space' ? text.split(/\s+/) : text.split(',');
	for (const part of parts) {
		const p = part.trim();
		if (p === '') continue;
		const eq = p.indexOf('=');
		if (eq <= 0) {
			out.push({key: p, value: ''});
			continue;
		}
		out.push({key: p.slice(0, eq), value: p.slice(eq + 1)});
	}
	return out;
}

export function isBondMode(value: unknown): value is BondMode {
	return typeof value === 'string' && (bondModes as readonly string[]).includes(value);
}
