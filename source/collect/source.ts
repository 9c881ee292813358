/**
 * Where snapshots come from: the live kernel (procfs/sysfs, plus link notifications) or the
 * simulated host of `--demo`. The sampler hook only sees this interface.
 */
import type {Snapshot} from '../model/types.js';
import type {Inventory} from './inventory.js';
import type {HostConfig} from '../config/types.js';

export type DataSource = {
	/** Takes one snapshot now. Synchronous and cheap: it runs on every tick. */
	sample(nowMs: number): Snapshot;
	/**
	 * A cheap look between samples for a change the kernel does not notify (a slave's MII state in
	 * its down/up delay, see model/mii-settle.ts): when the next look is due (epoch ms, or null), and
	 * whether the bonds moved since the last sample (then the sampler takes one).
	 */
	watch?: {dueAtMs(nowMs: number): number | null; moved(): boolean};
	/** The next time (epoch ms) the source knows its state will change by itself, or null. */
	nextChangeAtMs?(nowMs: number): number | null;
	/**
	 * Calls `onChange` when the kernel reports a link change, so the sampler can re-read at once,
	 * or after `holdMs` when more of the same change is due within it (model/mii-settle.ts
	 * notificationHoldMs). Returns an unsubscribe function, or null when no event source is
	 * available (polling only).
	 */
	subscribe?(onChange: (holdMs?: number) => void): (() => void) | null;
	/** Called after bondtop changed something itself (an action), so cached attributes are re-read. */
	invalidate?(): void;
	/** The slow inventory (interface types, DHCP, default route and gateway); see inventory.ts. */
	inventory?(): Promise<Inventory>;
	/** The bonds' configuration files (collect/config-files.ts): cold path, at start and on request. */
	config?(): Promise<HostConfig>;
};
