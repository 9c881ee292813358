/**
 * The simulated ARP monitor of an active-backup bond (`bond_activebackup_arp_mon`,
 * `bond_ab_arp_inspect` / `bond_ab_arp_commit` in drivers/net/bonding/bond_main.c), with
 * `arp_validate all`: every `arp_interval` the bond sends ARP requests for its `arp_ip_target`,
 * and a slave counts as alive only while validated ARP traffic arrives on it.
 *
 * - A slave hears that traffic while it has a carrier, is up, and the path behind its switch
 *   reaches the target (`upstreamAlive`); a dead upstream with the link up is what only the ARP
 *   monitor can see: the MII monitor would keep the slave up.
 * - `bond_time_in_interval(last_rx, n)`: the current slave goes down once nothing arrived for more
 *   than `missed_max` (2) intervals and a half, a backup after `missed_max + 1`; with ticks on the
 *   interval that is the 3rd (active) or 4th (backup) tick after the last arrival.
 * - A slave comes up at the first tick that hears it (no updelay: the delays belong to miimon).
 * - Going down counts a link failure and fails over from the active slave; coming up selects an
 *   active slave when there is none (or when it is the primary).
 */
import {selectActiveSlave, updateCarrier} from './mii-monitor.js';
import {Link, carrierOk, type SimBond, type SimSlave} from './model.js';

/** `arp_missed_max`, default 2. */
export const arpMissedMax = 2;

/** Whether validated ARP traffic reaches this slave now. */
function hears(slave: SimSlave): boolean {
	return carrierOk(slave.iface) && slave.iface.upstreamAlive;
}

/** Ticks after the last arrival at which a silent slave goes down. */
function ticksToDown(bond: SimBond, slave: SimSlave): number {
	return slave === bond.active ? arpMissedMax + 1 : arpMissedMax + 2;
}

/** The last tick strictly before nowMs (ticks lie on the bond's phase, every arpIntervalMs). */
function lastTickBefore(bond: SimBond, nowMs: number): number {
	const interval = bond.arpIntervalMs;
	let tick = bond.nextTickMs + Math.floor((nowMs - bond.nextTickMs) / interval) * interval;
	if (tick >= nowMs) tick -= interval;
	return tick;
}

/**
 * Record arrivals of the ticks that were skipped while nothing could change: every slave that
 * hears was refreshed at the last tick. Call before changing what a slave hears.
 */
export function syncArp(bond: SimBond, nowMs: number): void {
	if (bond.arpIntervalMs <= 0) return;
	const last = lastTickBefore(bond, nowMs);
	for (const slave of bond.slaves) if (hears(slave) && slave.link === Link.Up && slave.lastRxMs < last) slave.lastRxMs = last;
}

/** One run of the ARP monitor at nowMs (a tick). */
export function runArpTick(bond: SimBond, nowMs: number): void {
	let doFailover = false;
	const interval = bond.arpIntervalMs;
	for (const slave of bond.slaves) {
		if (hears(slave)) slave.lastRxMs = nowMs;
		if (slave.link !== Link.Up) {
			if (nowMs - slave.lastRxMs <= interval / 2) {
				slave.link = Link.Up;
				if (!bond.active || slave === bond.primary) doFailover = true;
			}
		} else if (nowMs - slave.lastRxMs > (ticksToDown(bond, slave) - 0.5) * interval) {
			slave.link = Link.Down;
			slave.linkFailureCount++;
			if (slave === bond.active) doFailover = true;
		}
	}

	if (doFailover) selectActiveSlave(bond);
	updateCarrier(bond);
}

/** Whether a tick of this ARP monitor could change anything. */
export function arpHasPendingWork(bond: SimBond): boolean {
	if (!bond.iface.adminUp) return false;
	for (const slave of bond.slaves) if (hears(slave) !== (slave.link === Link.Up)) return true;
	return false;
}

/** The earliest time (ms) the ARP monitor changes this bond by itself, or null. */
export function nextArpChange(bond: SimBond): number | null {
	if (!bond.iface.adminUp) return null;
	let earliest: number | null = null;
	for (const slave of bond.slaves) {
		const heard = hears(slave);
		let at: number | null = null;
		if (heard && slave.link !== Link.Up) at = bond.nextTickMs;
		else if (!heard && slave.link === Link.Up) at = Math.max(bond.nextTickMs, slave.lastRxMs + ticksToDown(bond, slave) * bond.arpIntervalMs);
		if (at !== null && (earliest === null || at < earliest)) earliest = at;
	}

	return earliest;
}
