/**
 * Opens the data source the command line asked for, checking it first: an unreadable root or an
 * unknown bond name is a {@link UsageError} (one line, exit 2), found before any screen is drawn.
 */
import {statSync} from 'node:fs';
import {createDemoActions, SimulatedHost, type DemoOptions} from '../demo/simulated-host.js';
import type {LinkActions} from '../actions/types.js';
import {UsageError, usageError} from '../errors.js';
import {tEnglish, tError} from '../i18n/i18n.js';
import {captureDate} from './capture-date.js';
import {createHostFs, safePathName} from './host-fs.js';
import {collectHostConfig} from './config-files.js';
import {demoHostConfig} from '../demo/demo-config.js';
import {loadLiveInventory, type Inventory} from './inventory.js';
import {followLiveKernelLog, readCaptureKernelLog, readLiveKernelLog, staticFollower, type KernelLogFollower, type KernelLogResult} from './kernel-log.js';
import {followLinkEvents} from './link-events.js';
import {LinkChangeTracker} from './link-times.js';
import type {ChildGuard} from '../watchdog/watchdog.js';
import {readIpLinkJson} from './rtnetlink.js';
import {SnapshotCollector, liveAddresses} from './snapshot.js';
import type {DataSource} from './source.js';
import {parseBondingStatus} from '../kernel/bonding-status.js';
import {miiSettleAtMs, notificationHoldMs} from '../model/mii-settle.js';
import type {Bond, Snapshot} from '../model/types.js';

export type OpenedSource = {
	source: DataSource;
	/** A fresh, cheap read of one bond (one proc file), for the drill's fast polling. */
	readBond(name: string): Bond | null;
	/** Whether this is the `--demo` host. */
	simulated: boolean;
	/** When an offline capture (`--root` other than /) was taken, as text; null live or unknown. */
	capturedAt: string | null;
	/** The source's own actions (the demo's simulated driver); null means the real `ip`. */
	actions: LinkActions | null;
	/** Reads the kernel log's bonding history of these bonds (start-up only); null where there is none (the demo). */
	kernelLog: ((bonds: ReadonlySet<string>) => Promise<KernelLogResult>) | null;
	/** Follows the kernel log (the TUI and the stream): history at start, new records after link changes. */
	followKernelLog: ((bonds: ReadonlySet<string>) => KernelLogFollower) | null;
	/** True when reading the live host (not --root, not --demo). */
	live: boolean;
	close(): void;
};

export function createLiveSource(options: {root: string; bondFilter: string[]; childGuard?: ChildGuard | null}): OpenedSource {
	const {root} = options;
	let isDirectory = false;
	try {
		isDirectory = statSync(root).isDirectory();
	} catch (error) {
		throw usageError('error.rootUnreadable', {root, code: (error as NodeJS.ErrnoException).code ?? 'error'});
	}
	if (!isDirectory) throw usageError('error.rootNotDirectory', {root});
	const fs = createHostFs(root);
	if (fs.listDir('proc') === null && fs.listDir('sys') === null) {
		throw usageError('error.rootEmpty', {root});
	}
	const live = root === '/';
	const collector = new SnapshotCollector({fs, bondFilter: options.bondFilter, addresses: live ? liveAddresses : null, ipLinkJson: live ? () => readIpLinkJson() : null});
	if (options.bondFilter.length > 0) {
		const known = collector.bondNames();
		const unknown = options.bondFilter.filter((name) => !known.includes(name));
		if (unknown.length > 0) {
			const here = known.length > 0 ? tEnglish('error.bondsHere', {names: known.join(', ')}) : tEnglish('error.noBondsHere');
			const shown = known.length > 0 ? tError('error.bondsHere', {names: known.join(', ')}) : tError('error.noBondsHere');
			throw new UsageError(tEnglish('error.noBond', {names: unknown.join(', '), known: here}), tError('error.noBond', {names: unknown.join(', '), known: shown}));
		}
	}
	// The last sample and the last link notification (or action), for following a slave's MII
	// through its intermediate states (model/mii-settle.ts): a few extra reads of the same files.
	let last: Snapshot | null = null;
	let notifiedAtMs: number | null = null;
	// When the notifications said admin states and carriers changed (collect/link-times.ts).
	const linkChanges = new LinkChangeTracker();
	let following = false;
	return {
		source: {
			sample(nowMs) {
				last = collector.collect(nowMs);
				if (following) last.linkChanges = linkChanges.seen(last);
				return last;
			},
			watch: {
				dueAtMs: (nowMs) => (last === null ? null : miiSettleAtMs(last, notifiedAtMs, nowMs)),
				moved: () => collector.bondsMoved(),
			},
			// A fresh HostFs: its refused-read warnings belong to the configuration, not to a sample.
			config: () => collectHostConfig(createHostFs(root), {live: root === '/'}),
			invalidate() {
				notifiedAtMs = Date.now();
				collector.invalidate();
			},
			// Notifications and systeminformation describe the live host only: nothing of them
			// applies to another root.
			...(root === '/'
				? {
						inventory: loadLiveInventory,
						subscribe(onChange: (holdMs?: number) => void) {
							const stream = followLinkEvents(
								(notification) => {
									notifiedAtMs = Date.now();
									linkChanges.note(notification);
									onChange(last === null ? 0 : notificationHoldMs(last, notification.name, notification.event));
								},
								undefined,
								options.childGuard ?? null,
							);
							following = stream !== null;
							return stream
								? () => {
										following = false;
										stream.stop();
									}
								: null;
						},
					}
				: {}),
		},
		readBond(name) {
			if (safePathName(name) !== null) return null;
			const text = fs.readText(`proc/net/bonding/${name}`);
			return text === null ? null : parseBondingStatus(name, text).bond;
		},
		simulated: false,
		capturedAt: root === '/' ? null : captureDate(fs),
		actions: null,
		kernelLog: root === '/' ? readLiveKernelLog : async (bonds) => readCaptureKernelLog(fs, bonds),
		followKernelLog: root === '/' ? (bonds) => followLiveKernelLog(bonds) : (bonds) => staticFollower(Promise.resolve(readCaptureKernelLog(fs, bonds))),
		live: root === '/',
		close() {},
	};
}

export function createDemoSource(options: DemoOptions): OpenedSource {
	const host = new SimulatedHost(options, Date.now());
	return {
		source: {
			sample: (nowMs) => host.snapshot(nowMs),
			nextChangeAtMs: (nowMs) => host.nextChangeAtMs(nowMs),
			config: async () => demoHostConfig(),
			inventory: async (): Promise<Inventory> => ({
				// The origin's gateway (its /etc/network/interfaces); a Pi 2 has no Wi-Fi.
				defaultInterface: 'bond0',
				defaultGateway: '192.168.176.1',
				byName: new Map([
					['eth0', {type: 'wired', dhcp: false}],
					['eth1', {type: 'wired', dhcp: false}],
				]),
			}),
		},
		readBond: (name) => host.snapshot(Date.now()).bonds.find((b) => b.name === name) ?? null,
		simulated: true,
		capturedAt: null,
		actions: createDemoActions(host, Date.now),
		kernelLog: null,
		followKernelLog: null,
		live: false,
		close() {},
	};
}
