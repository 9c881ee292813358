/**
 * Loads the slow inventory after the first frame and again when links or their addresses change
 * (at most once per {@link minimumGapMs}). It starts no timer of its own: the sampler's snapshots
 * drive it.
 */
import {useEffect, useRef, useState} from 'react';
import {emptyInventory, type Inventory} from '../../collect/inventory.js';
import type {DataSource} from '../../collect/source.js';
import type {Snapshot} from '../../model/types.js';

export const minimumGapMs = 10_000;

export function useInventory(source: DataSource, snapshot: Snapshot | null, now: () => number): Inventory {
	const [inventory, setInventory] = useState<Inventory>(emptyInventory);
	const lastLoadMs = useRef(Number.NEGATIVE_INFINITY);
	const mounted = useRef(true);
	useEffect(
		() => () => {
			mounted.current = false;
		},
		[],
	);
	// Interfaces appearing or going away, or addresses changing: not every flag change, because the
	// inventory spawns processes and must not compete with drawing a failover.
	const linkSignature = snapshot ? snapshot.interfaces.map((i) => `${i.name}:${i.ipv4.length}:${i.ipv6.length}`).join(' ') : '';
	useEffect(() => {
		if (!source.inventory || !snapshot) return;
		if (now() - lastLoadMs.current < minimumGapMs) return;
		lastLoadMs.current = now();
		void source.inventory().then((loaded) => {
			if (mounted.current) setInventory(loaded);
		});
	}, [source, linkSignature]);
	return inventory;
}
