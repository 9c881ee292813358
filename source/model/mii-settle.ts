/**
 * When to look at the bond again so that no MII state the driver commits goes unseen. With miimon
 * and a down delay the driver moves a failing slave to `going down` at its next MII poll and to
 * `down` a downdelay later (`going back`/updelay on the way up), but the kernel sends no link
 * notification for the intermediate state (checked in the lab on 6.1: RTM_NEWLINK comes for the
 * carrier or admin change and for the committed `down`, none for BOND_LINK_FAIL). Sampling at the
 * timer alone (1 s) would see `up -> down` most of the time. So while a slave is between states,
 * or its link no longer matches its MII state (carrier or admin changed, the driver not yet
 * caught up), the sampler looks again every half miimon (collect/snapshot.ts bondsMoved: the
 * bonds' status files only, compared with the last sample's) and takes a sample when they moved:
 * the intermediate state, which lasts a whole down/up delay, is read from /proc/net/bonding as
 * the kernel reports it, and nothing is drawn for a look that found no change. Nothing is inferred. Bounded: only within a window after the last link notification (a slave stuck in
 * between does not keep the sampler fast), and only for bonds with miimon. Pure.
 */
import type {Snapshot} from './types.js';

/** Earliest re-read, so a burst of changes cannot make the sampler spin. */
const minimumStepMs = 10;

/**
 * The time (epoch ms) of the next look to follow a slave's MII through its states (from `nowMs`),
 * or null when every slave of the last sample is settled or the window after the last
 * notification (`notifiedAtMs`) has passed.
 */
export function miiSettleAtMs(snapshot: Snapshot, notifiedAtMs: number | null, nowMs: number): number | null {
	if (notifiedAtMs === null) return null;
	const flags = new Map(snapshot.interfaces.map((i) => [i.name, i.flags]));
	let step: number | null = null;
	for (const bond of snapshot.bonds) {
		if (bond.miimonMs === null || bond.miimonMs <= 0) continue;
		const window = Math.max(bond.downdelayMs ?? 0, bond.updelayMs ?? 0) + 3 * bond.miimonMs + 200;
		if (nowMs > notifiedAtMs + window) continue;
		const unsettled = bond.slaves.some((slave) => {
			if (slave.miiStatus === 'going down' || slave.miiStatus === 'going back') return true;
			const linkFlags = flags.get(slave.name);
			if (!linkFlags || linkFlags.length === 0) return false;
			const linkUp = linkFlags.includes('UP') && linkFlags.includes('RUNNING');
			return (slave.miiStatus === 'up' && !linkUp) || (slave.miiStatus === 'down' && linkUp);
		});
		if (unsettled) step = Math.min(step ?? Number.POSITIVE_INFINITY, Math.max(minimumStepMs, Math.floor(bond.miimonMs / 2)));
	}
	return step === null ? null : nowMs + step;
}

/** Bonds polled more slowly than this are not waited for: their carrier change is shown at once. */
export const holdMiimonLimitMs = 200;
/** Margin after the bond's next MII poll, for the driver to commit and notify. */
const holdMarginMs = 20;

/**
 * How long the sampler may hold its read after a link notification for `name` (with iproute2's
 * `event`, or null), so that one sample shows a whole change. A slave's own notification (its
 * carrier or admin state) comes first; its bond reacts at its next MII poll, at most miimon later
 * (failover, MII down: in the lab under emulation the bond's notifications came 8-60 ms after the
 * slave's), and a read at once would draw the bond before it reacted and, on a slow machine, keep
 * the failover off the screen for the whole of that frame. So: miimon + 20 ms for a slave of a
 * bond with miimon up to 200 ms, 0 for everything else (the bond's own notification brings the
 * read forward). The pending down/up delay is left to the looks of {@link miiSettleAtMs}.
 */
export function notificationHoldMs(snapshot: Snapshot, name: string, event: string | null): number {
	if (event !== null) return 0;
	const bond = snapshot.bonds.find((b) => b.slaves.some((slave) => slave.name === name));
	const miimon = bond?.miimonMs ?? 0;
	return miimon > 0 && miimon <= holdMiimonLimitMs ? miimon + holdMarginMs : 0;
}
