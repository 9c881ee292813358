/**
 * The slow path: systeminformation's view of the interfaces (wired/wireless/virtual, DHCP, which
 * one holds the default route) and the default gateway. It spawns processes and takes ~0.2 s here
 * (seconds on a Pi), so it runs after the first frame and again only when links change, never on
 * the per-tick path.
 */
// Only systeminformation's network module: the package's index pulls in every collector it has
// (300 KB of bundle to parse at every start-up on a Pi's SD card).
import si from 'systeminformation/lib/network.js';

export type InventoryEntry = {type: string | null; dhcp: boolean | null};

export type Inventory = {
	defaultInterface: string | null;
	defaultGateway: string | null;
	byName: Map<string, InventoryEntry>;
};

export const emptyInventory: Inventory = {defaultInterface: null, defaultGateway: null, byName: new Map()};

/** Reads the live host's inventory; never throws (an empty inventory on failure). */
export async function loadLiveInventory(): Promise<Inventory> {
	try {
		const [interfaces, gateway] = await Promise.all([si.networkInterfaces(), si.networkGatewayDefault()]);
		const list = Array.isArray(interfaces) ? interfaces : [interfaces];
		const byName = new Map<string, InventoryEntry>();
		let defaultInterface: string | null = null;
		for (const entry of list) {
			byName.set(entry.iface, {type: entry.type || null, dhcp: typeof entry.dhcp === 'boolean' ? entry.dhcp : null});
			if (entry.default) defaultInterface = entry.iface;
		}
		return {defaultInterface, defaultGateway: gateway || null, byName};
	} catch {
		return emptyInventory;
	}
}

/** A short note for an interface's panel: `wired · DHCP · default route`. */
export function inventoryNote(inventory: Inventory, name: string): string | null {
	const entry = inventory.byName.get(name);
	const parts: string[] = [];
	if (entry?.type) parts.push(entry.type);
	if (entry?.dhcp) parts.push('DHCP');
	if (inventory.defaultInterface === name) parts.push(`default route${inventory.defaultGateway ? ` via ${inventory.defaultGateway}` : ''}`);
	return parts.length > 0 ? parts.join(' · ') : null;
}
