/**
 * When the kernel said each interface's admin state and carrier changed: the timestamps of the
 * link notifications (`ip -timestamp monitor link`, see link-events.ts). The sampler reads the
 * bond a little later (a few ms on a real machine, more under load), so an admin down or a lost
 * carrier stamped with the sample's time could come after the driver's reaction to it in the
 * kernel log; stamped with the notification's time it comes first, as it happened. Bounded by
 * the interfaces that exist (a deleted interface is forgotten; at most {@link maxInterfaces}).
 */
import type {LinkNotification} from '../kernel/ip-monitor.js';
import type {LinkChangeTimes, Snapshot} from '../model/types.js';

const maxInterfaces = 4096;

export class LinkChangeTracker {
	private readonly byName = new Map<string, LinkChangeTimes>();

	/** A notification: a change of UP or of the carrier (LOWER_UP) is stamped with its time. */
	note(notification: LinkNotification): void {
		if (notification.deleted) {
			this.byName.delete(notification.name);
			return;
		}
		const up = notification.flags.includes('UP');
		const carrier = notification.flags.includes('LOWER_UP') && !notification.flags.includes('NO-CARRIER');
		const old = this.byName.get(notification.name);
		if (!old && this.byName.size >= maxInterfaces) return;
		const at = notification.atMs;
		this.byName.set(notification.name, {
			up,
			carrier,
			upChangedAtMs: old && old.up !== up ? at : (old?.upChangedAtMs ?? null),
			carrierChangedAtMs: old && old.carrier !== carrier ? at : (old?.carrierChangedAtMs ?? null),
		});
	}

	/**
	 * Starts following the interfaces of a sample not heard of yet, from their flags (a change is
	 * only stamped from a notification that differs from what was known), and returns what is known.
	 */
	seen(snapshot: Snapshot): ReadonlyMap<string, LinkChangeTimes> {
		for (const iface of snapshot.interfaces) {
			if (this.byName.has(iface.name) || iface.flags.length === 0 || this.byName.size >= maxInterfaces) continue;
			this.byName.set(iface.name, {up: iface.flags.includes('UP'), carrier: iface.carrier ?? iface.flags.includes('RUNNING'), upChangedAtMs: null, carrierChangedAtMs: null});
		}
		return new Map(this.byName);
	}
}
