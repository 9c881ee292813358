/**
 * The bonds' configuration for the TUI: read once after the first frame and again on request (the
 * `c` key), never per tick (it reads many files and may ask nmcli). It starts no timer; the
 * comparison with the running bond is the caller's, from the current snapshot.
 */
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import type {DataSource} from '../../collect/source.js';
import type {HostConfig} from '../../config/types.js';
import {compareConfig, type ConfigComparison} from '../../judge/drift.js';
import type {Snapshot} from '../../model/types.js';

/** `compare`: whether the comparison is wanted now (the overlay is open); it is not computed otherwise. */
export function useConfig(source: DataSource, snapshot: Snapshot | null, compare: boolean): {host: HostConfig | null; comparison: ConfigComparison | null; reload: () => void} {
	const [host, setHost] = useState<HostConfig | null>(null);
	const mounted = useRef(true);
	const loading = useRef(false);
	const reload = useCallback(() => {
		if (!source.config || loading.current) return;
		loading.current = true;
		void source.config().then(
			(loaded) => {
				loading.current = false;
				if (mounted.current) setHost(loaded);
			},
			() => {
				loading.current = false;
			},
		);
	}, [source]);
	useEffect(() => {
		reload();
		return () => {
			mounted.current = false;
		};
	}, [reload]);
	const comparison = useMemo(() => (compare && host && snapshot ? compareConfig(snapshot, host) : null), [compare, host, snapshot]);
	return {host, comparison, reload};
}
