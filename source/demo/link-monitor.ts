/** Each bond's link monitor: the MII monitor, or the ARP monitor when `arp_interval` is set. */
import {arpHasPendingWork, nextArpChange, runArpTick} from './arp-monitor.js';
import {hasPendingWork, nextBondChange, runMiiTick} from './mii-monitor.js';
import type {SimBond} from './model.js';

/** Whether the bond's next monitor tick could change anything (ticks that cannot are skipped). */
export function monitorHasPendingWork(bond: SimBond): boolean {
	return bond.arpIntervalMs > 0 ? arpHasPendingWork(bond) : hasPendingWork(bond);
}

/** One tick of the bond's monitor at nowMs. */
export function runMonitorTick(bond: SimBond, nowMs: number): void {
	if (bond.arpIntervalMs > 0) runArpTick(bond, nowMs);
	else runMiiTick(bond);
}

/** The earliest time (ms) the monitor changes the bond by itself, or null. */
export function nextMonitorChange(bond: SimBond): number | null {
	return bond.arpIntervalMs > 0 ? nextArpChange(bond) : nextBondChange(bond);
}
