/**
 * Reads the kernel log's bonding history once, after the first frame, and merges it into the
 * sampler's event log by time. Returns what the failover summaries count from, and the one-time
 * note when the log could not be read (how to see it). No timer, no polling: start-up only.
 */
import {useEffect, useState} from 'react';
import type {KernelLogResult} from '../../collect/kernel-log.js';
import type {SummaryBase} from '../../history/failover-summary.js';
import type {Sampler} from './use-sampler.js';

export type KernelHistoryState = {base: SummaryBase; note: string | null};

const initial: KernelHistoryState = {base: {kernelFailovers: new Map(), kernelLog: 'none'}, note: null};

export function useKernelHistory(read: ((bonds: ReadonlySet<string>) => Promise<KernelLogResult>) | null | undefined, bonds: readonly string[], sampler: Sampler): KernelHistoryState {
	const [state, setState] = useState<KernelHistoryState>(initial);
	const key = bonds.join('\0');
	useEffect(() => {
		if (!read) return;
		let live = true;
		void read(new Set(bonds)).then((result) => {
			if (!live) return;
			if (result.history) {
				sampler.mergeEvents(result.history.events);
				setState({base: {kernelFailovers: result.history.failovers, kernelLog: result.history.fromBoot ? 'boot' : 'log'}, note: null});
			} else {
				setState({...initial, note: result.note});
			}
		});
		return () => {
			live = false;
		};
		// Once per set of bonds: a bond appearing later reads its history then.
	}, [read, key]);
	return state;
}
