/**
 * The slow path: what kind each interface is (wired, wireless, virtual), whether it holds a leased
 * (DHCP) address, which one holds the default route, and the default gateway. It runs after the
 * first frame and again only when links change, never on the per-tick path, and never blocks the
 * UI: file reads through the safe HostFs, one `ip -o addr show` (argv, no shell, no names, a
 * timeout) and systeminformation's `networkGatewayDefault()` (a fixed command, asynchronous, a
 * timeout).
 *
 * systeminformation's `networkInterfaces()` is not used: on Linux it runs, synchronously and per
 * interface, a shell script with the interface name in it (`cat /proc/net/wireless | grep NAME`,
 * `iw dev NAME link`); its sanitiser keeps `-` and `.`, so a name like `-rle.` made grep search
 * the working directory recursively and froze the TUI for a minute, and it builds its result with
 * os.networkInterfaces(), which an interface named `__proto__` or `constructor` breaks (see
 * liveAddresses in snapshot.ts).
 */
import {hasMessage, t, type MessageKey} from '../i18n/i18n.js';
import {execFile} from 'node:child_process';
// Only systeminformation's network module: the package's index pulls in every collector it has
// (300 KB of bundle to parse at every start-up on a Pi's SD card).
import si from 'systeminformation/lib/network.js';
import {dynamicInterfaces, parseDefaultRoute} from '../kernel/inventory-text.js';
import {createHostFs, safePathName, type HostFs} from './host-fs.js';

export type InventoryEntry = {type: string | null; dhcp: boolean | null};

export type Inventory = {
	defaultInterface: string | null;
	defaultGateway: string | null;
	byName: Map<string, InventoryEntry>;
};

export const emptyInventory: Inventory = {defaultInterface: null, defaultGateway: null, byName: new Map()};

/** Longest a process of the inventory may run. */
export const inventoryTimeoutMs = 3000;

/** `ip -o addr show`'s output, or null (no ip, timeout, error). */
function ipAddrText(): Promise<string | null> {
	return new Promise((resolve) => {
		try {
			execFile('ip', ['-o', 'addr', 'show'], {timeout: inventoryTimeoutMs, maxBuffer: 4 * 1024 * 1024, env: {...process.env, LC_ALL: 'C'}}, (error, stdout) =>
				resolve(error ? null : stdout),
			);
		} catch {
			resolve(null);
		}
	});
}

/** The promise's value, or `fallback` after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve(fallback), ms);
		timer.unref?.();
		promise.then(
			(value) => {
				clearTimeout(timer);
				resolve(value);
			},
			() => {
				clearTimeout(timer);
				resolve(fallback);
			},
		);
	});
}

/**
 * wireless: a `wireless` directory or `phy80211` link (cfg80211 drivers); virtual: no `device`
 * link (lo, bonds, bridges, veths, dummies); otherwise wired. Names that may not be joined into a
 * path are not looked up.
 */
export function interfaceType(fs: HostFs, name: string): string | null {
	if (safePathName(name) !== null) return null;
	const base = `sys/class/net/${name}`;
	if (fs.listDir(`${base}/wireless`) !== null || fs.readLink(`${base}/phy80211`) !== null) return 'wireless';
	return fs.readLink(`${base}/device`) === null ? 'virtual' : 'wired';
}

/** Reads the live host's inventory; never throws (an empty inventory on failure). */
export async function loadLiveInventory(fs: HostFs = createHostFs('/')): Promise<Inventory> {
	try {
		const [addrText, siGateway] = await Promise.all([
			ipAddrText(),
			withTimeout(
				si.networkGatewayDefault().catch(() => ''),
				inventoryTimeoutMs,
				'',
			),
		]);
		const dynamic = addrText === null ? null : dynamicInterfaces(addrText);
		const route = parseDefaultRoute(fs.readText('proc/net/route') ?? '');
		const byName = new Map<string, InventoryEntry>();
		for (const name of fs.listDir('sys/class/net') ?? []) {
			if (name === 'bonding_masters') continue;
			byName.set(name, {type: interfaceType(fs, name), dhcp: dynamic === null ? null : dynamic.has(name)});
		}
		fs.takeWarnings();
		return {defaultInterface: route?.interfaceName ?? null, defaultGateway: route?.gateway ?? (siGateway || null), byName};
	} catch {
		return emptyInventory;
	}
}

/** A short note for an interface's panel: `wired · DHCP · default route`. */
export function inventoryNote(inventory: Inventory, name: string): string | null {
	const entry = inventory.byName.get(name);
	const parts: string[] = [];
	if (entry?.type) parts.push(hasMessage(`inventory.${entry.type}`) ? t(`inventory.${entry.type}` as MessageKey) : entry.type);
	if (entry?.dhcp) parts.push('DHCP');
	if (inventory.defaultInterface === name) parts.push(t('inventory.defaultRoute', {via: inventory.defaultGateway ? t('inventory.via', {gateway: inventory.defaultGateway}) : ''}));
	return parts.length > 0 ? parts.join(' · ') : null;
}
