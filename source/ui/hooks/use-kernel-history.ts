/**
 * The kernel log's bonding history in the event log: read once after the first frame and merged by
 * time; then, when bondtop sees a link change (an active-slave, MII, slave or bond change), the
 * records the kernel wrote since are read (only those: the /dev/kmsg fd reads on), so the event log
 * also has the kernel's own time of the change. Returns what the failover summaries count from, and
 * the one-time note when the log could not be read (how to see it). No timer, no polling per tick.
 */
import {useEffect, useRef, useState} from 'react';
import type {KernelLogFollower} from '../../collect/kernel-log.js';
import type {SummaryBase} from '../../history/failover-summary.js';
import type {Sampler} from './use-sampler.js';

export type KernelHistoryState = {base: SummaryBase; note: string | null};

/** How long after mounting the log is read (the first frame goes out first). */
export const firstFrameDelayMs = 50;

const initial: KernelHistoryState = {base: {kernelFailovers: new Map(), kernelLog: 'none'}, note: null};


export function useKernelHistory(follow: ((bonds: ReadonlySet<string>) => KernelLogFollower) | null | undefined, bonds: readonly string[], sampler: Sampler): KernelHistoryState {
	const [state, setState] = useState<KernelHistoryState>(initial);
	const follower = useRef<KernelLogFollower | null>(null);
	const key = bonds.join('\0');
	useEffect(() => {
		if (!follow || bonds.length === 0) return;
		let live = true;
		let opened: KernelLogFollower | null = null;
		// After the first frame is on the screen: reading the log is start-up work, not first-frame work.
		const later = setTimeout(() => {
			opened = follow(new Set(bonds));
			void opened.initial.then((result) => {
				if (!live || !opened) return;
				follower.current = opened;
				if (result.history) {
					sampler.mergeEvents(result.history.events);
					setState({base: {kernelFailovers: result.history.failovers, kernelLog: result.history.fromBoot ? 'boot' : 'log'}, note: null});
				} else {
					setState({...initial, note: result.note});
				}
			});
		}, firstFrameDelayMs);
		return () => {
			live = false;
			clearTimeout(later);
			follower.current = null;
			opened?.close();
		};
		// Once per set of bonds: a bond appearing later reads its history then.
	}, [follow, key]);
	// After samples that saw the bond change (counted: two samples drawn in one frame count twice).
	const {bondChanges} = sampler.state;
	useEffect(() => {
		if (!follower.current || bondChanges === 0) return;
		const events = follower.current.poll();
		if (events.length > 0) sampler.mergeEvents(events);
	}, [bondChanges]);
	return state;
}
