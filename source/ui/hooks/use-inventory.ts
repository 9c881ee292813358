/**
 * Loads the slow inventory after the first frame and again when the set of links or their flags
 * change (at most once per {@link minimumGapMs}). It starts no timer of its own: the sampler's
 * snapshots drive it.
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
	const linkSignature = snapshot ? snapshot.interfaces.map((i) => `${i.name}:${i.flags.join(',')}`).join(' ') : '';
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
