/**
 * The bonds' configuration for the TUI: read once after the first frame and again on request (the
 * `c` key), never per tick (it reads many files and may ask nmcli). It starts no timer; the
 * comparison with the running bond is the caller's, from the current snapshot.
 */
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import type {DataSource} from '../../collect/source.js';
import type {HostConfig} from '../../config/types.js';
import {compareConfig, type ConfigComparison} from '../../judge/drift.js';
import {configContext} from '../../judge/config-context.js';
import type {JudgeContext} from '../../judge/context.js';
import type {Snapshot} from '../../model/types.js';

export type ConfigState = {
	host: HostConfig | null;
	/** The comparison with the current snapshot while `compare` is true (the overlay is open), else null. */
	comparison: ConfigComparison | null;
	reload: () => void;
	/** For the sampler: the configuration's findings for a snapshot, so the verdicts count drift (pure, cheap). */
	judgeContext: (snapshot: Snapshot) => JudgeContext;
};

/** `onLoaded`: called when a (re)read finished, so the caller can judge again at once. */
export function useConfig(source: DataSource, snapshot: Snapshot | null, compare: boolean, onLoaded?: () => void): ConfigState {
	const [host, setHost] = useState<HostConfig | null>(null);
	const mounted = useRef(true);
	const loading = useRef(false);
	const loadedCallback = useRef(onLoaded);
	loadedCallback.current = onLoaded;
	const reload = useCallback(() => {
		if (!source.config || loading.current) return;
		loading.current = true;
		void source.config().then(
			(loaded) => {
				loading.current = false;
				if (mounted.current) setHost(loaded);
				loadedCallback.current?.();
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
	const judgeContext = useCallback((s: Snapshot): JudgeContext => (host ? configContext(compareConfig(s, host)) : {}), [host]);
	return {host, comparison, reload, judgeContext};
}
