/**
 * The simulated MII link monitor and active-slave selection, after the kernel's
 * `bond_miimon_inspect` / `bond_miimon_commit` / `bond_select_active_slave`
 * (drivers/net/bonding/bond_main.c):
 *
 * - Links are polled every `miimon` ms, so a change is noticed at the first tick *after* it.
 * - A lost link (carrier loss or `ip link set … down`) reads `going down` for downdelay, then
 *   `down` (link failure count +1); a failover follows if it was the current active slave.
 * - A returning link reads `going back` for updelay, then `up`. With no usable slave left the
 *   kernel skips updelay (`ignore_updelay`), so the first slave to come back is up at once.
 * - The active slave is chosen like `bond_find_best_slave`: the primary when `primary_reselect`
 *   allows it, else the current one while it is up, else the first up slave.
 * - Delays are whole miimon ticks, truncated like the kernel (`downdelay / miimon`).
 */
import {joinAggregator, leaveAggregator} from './lacp.js';
import {Link, carrierOk, miimonMs, type SimBond, type SimSlave} from './model.js';

/** `ignore_updelay`: with no usable slave the first one back skips updelay. */
function ignoresUpdelay(bond: SimBond): boolean {
	if (bond.mode === 'active-backup') return bond.active === null;
	return !bond.slaves.some(slave => slave.link === Link.Up); // usable_slaves->count == 0
}

/** One run of bond_mii_monitor: inspect every slave, then commit UP/DOWN transitions. */
export function runMiiTick(bond: SimBond): void {
	let ignoreUpdelay = ignoresUpdelay(bond);
	let doFailover = false;
	for (const slave of bond.slaves) {
		const ok = carrierOk(slave.iface);
		let commit: typeof Link.Up | typeof Link.Down | null = null;
		switch (slave.link) {
			case Link.Up:
			case Link.Fail: {
				if (slave.link === Link.Up) {
					if (ok) break;
					slave.link = Link.Fail;
					slave.delayTicks = bond.downdelayTicks;
				}

				if (ok) commit = Link.Up; // recovered before downdelay expired
				else if (slave.delayTicks <= 0) commit = Link.Down;
				else slave.delayTicks--;
				break;
			}

			case Link.Down:
			case Link.Back: {
				if (slave.link === Link.Down) {
					if (!ok) break;
					slave.link = Link.Back;
					slave.delayTicks = bond.updelayTicks;
				}

				if (!ok) {
					commit = Link.Down; // down again; the kernel counts it as another failure
				} else {
					if (ignoreUpdelay) slave.delayTicks = 0;
					if (slave.delayTicks <= 0) {
						commit = Link.Up;
						ignoreUpdelay = false;
					} else {
						slave.delayTicks--;
					}
				}

				break;
			}
		}

		if (commit === Link.Up) {
			slave.link = Link.Up;
			if (bond.mode === '802.3ad') joinAggregator(bond, slave);
			if (!bond.active || slave === bond.primary) doFailover = true;
		} else if (commit === Link.Down) {
			slave.linkFailureCount++;
			slave.link = Link.Down;
			if (bond.mode === '802.3ad') leaveAggregator(bond, slave);
			if (slave === bond.active) doFailover = true;
		}
	}

	if (doFailover) selectActiveSlave(bond);
	updateCarrier(bond);
}

/** Whether the next miimon tick of this bond would change anything. */
export function hasPendingWork(bond: SimBond): boolean {
	if (!bond.iface.adminUp) return false; // bond_close stops the monitor.
	for (const slave of bond.slaves) {
		const ok = carrierOk(slave.iface);
		if (slave.link === Link.Fail || slave.link === Link.Back) return true;
		if ((slave.link === Link.Up) !== ok) return true;
	}

	return false;
}

/** The earliest time (ms) at which the monitor changes this bond by itself, or null. */
export function nextBondChange(bond: SimBond): number | null {
	if (!bond.iface.adminUp) return null;
	const tick = bond.nextTickMs;
	const ignoreUpdelay = ignoresUpdelay(bond);
	let earliest: number | null = null;
	for (const slave of bond.slaves) {
		const ok = carrierOk(slave.iface);
		let at: number | null = null;
		switch (slave.link) {
			case Link.Up: {
				if (!ok) at = tick;
				break;
			}

			case Link.Fail: {
				at = ok ? tick : tick + Math.max(0, slave.delayTicks) * miimonMs;
				break;
			}

			case Link.Down: {
				if (ok) at = tick;
				break;
			}

			case Link.Back: {
				at = !ok || ignoreUpdelay ? tick : tick + Math.max(0, slave.delayTicks) * miimonMs;
				break;
			}
		}

		if (at !== null && (earliest === null || at < earliest)) earliest = at;
	}

	return earliest;
}

/** `bond_select_active_slave`: change to the best slave if it is not the current one. */
export function selectActiveSlave(bond: SimBond): void {
	const best = findBestSlave(bond);
	if (best !== bond.active) changeActive(bond, best);
}

function findBestSlave(bond: SimBond): SimSlave | null {
	const chosen = choosePrimaryOrCurrent(bond);
	if (chosen) return chosen;
	let best: SimSlave | null = null;
	let minDelay = bond.updelayTicks;
	for (const slave of bond.slaves) {
		if (slave.link === Link.Up) return slave;
		if (slave.link === Link.Back && carrierOk(slave.iface) && slave.delayTicks < minDelay) {
			minDelay = slave.delayTicks;
			best = slave;
		}
	}

	return best;
}

function choosePrimaryOrCurrent(bond: SimBond): SimSlave | null {
	const primary = bond.primary;
	const current = bond.active;
	const currentUp = current !== null && current.link === Link.Up;
	if (!primary || primary.link !== Link.Up) return currentUp ? current : null;
	if (!currentUp) return primary;
	switch (bond.primaryReselect) {
		case 'always': {
			return primary;
		}

		case 'better': {
			const primarySpeed = primary.iface.nominalSpeedMbps ?? 0;
			const currentSpeed = current.iface.nominalSpeedMbps ?? 0;
			return primarySpeed > currentSpeed ? primary : current;
		}

		case 'failure': {
			return current;
		}
	}
}

/** `bond_change_active_slave`. */
export function changeActive(bond: SimBond, slave: SimSlave | null): void {
	// "making interface the new active one %d ms earlier": a slave still in updelay is taken now.
	if (slave && slave.link === Link.Back) slave.link = Link.Up;
	bond.active = slave;
	updateCarrier(bond);
}

/** The bond's carrier: any slave up, or (802.3ad) an active aggregator. */
export function updateCarrier(bond: SimBond): void {
	bond.carrier = bond.mode === '802.3ad' ? bond.activeAggregatorId !== null : bond.slaves.some(slave => slave.link === Link.Up);
}
