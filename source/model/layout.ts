/**
 * The order things are shown in: each bond, then its slaves, then every other interface. Pure, and
 * shared by `--once` and the TUI (whose selection walks the same list).
 */
import type {Bond, BondSlave, NetInterface, Snapshot} from './types.js';

/** One row of the screen: an interface panel, possibly a bond's slave. */
export type LayoutItem = {
	/** Interface name; also the selection key. */
	name: string;
	/** Interface data, or null when the kernel lists a slave that /proc/net/dev lacks (`--root`). */
	iface: NetInterface | null;
	/** The bond this row belongs to (its own bond row, or the bond of a slave). */
	bond: Bond | null;
	/** This row's slave entry when it is a slave. */
	slave: BondSlave | null;
};

export type LayoutGroup = {bond: Bond | null; items: LayoutItem[]};

export function layoutGroups(snapshot: Snapshot): LayoutGroup[] {
	const byName = new Map(snapshot.interfaces.map((i) => [i.name, i]));
	const used = new Set<string>();
	const groups: LayoutGroup[] = [];
	for (const bond of snapshot.bonds) {
		const items: LayoutItem[] = [];
		items.push({name: bond.name, iface: byName.get(bond.name) ?? null, bond, slave: null});
		used.add(bond.name);
		for (const slave of bond.slaves) {
			items.push({name: slave.name, iface: byName.get(slave.name) ?? null, bond, slave});
			used.add(slave.name);
		}
		groups.push({bond, items});
	}
	const others = snapshot.interfaces.filter((i) => !used.has(i.name)).map((iface) => ({name: iface.name, iface, bond: null, slave: null}));
	if (others.length > 0) groups.push({bond: null, items: others});
	return groups;
}

/** Every row in display order. */
export function layoutItems(snapshot: Snapshot): LayoutItem[] {
	return layoutGroups(snapshot).flatMap((g) => g.items);
}
