/**
 * The `p` key: a failover drill on the selected slave (drill/run-drill.ts does the work). One drill
 * at a time; a drill that could cut the session off or the bond's last working slave asks first.
 * The result is a short block (failover, outage, recovery) in the status and one log line each.
 */
import {t} from '../../i18n/i18n.js';
import {ShownError} from '../../errors.js';
import {useCallback, useRef} from 'react';
import type {DataSource} from '../../collect/source.js';
import {drillBlock, type DrillResult} from '../../drill/run-drill.js';
import type {LayoutItem} from '../../model/layout.js';
import {actionEvent, type Confirmation, type LinkActions} from './use-link-actions.js';
import type {Sampler} from './use-sampler.js';

/** Runs a failover drill on a slave; absent where drills are impossible (--root). */
export type DrillRunner = {forSeconds: number; run(bond: string, slave: string, onProgress: (text: string) => void): Promise<DrillResult>};

export type DrillOptions = {
	drill: DrillRunner | undefined;
	source: DataSource;
	sampler: Sampler;
	now: () => number;
	say: (text: string, isError: boolean) => void;
	ask: (confirmation: Confirmation) => void;
	risk: LinkActions['risk'];
};

/** Returns the function `p` calls with the selected interface. */
export function useDrill({drill, source, sampler, now, say, ask, risk}: DrillOptions): (item: LayoutItem) => void {
	const running = useRef(false);
	return useCallback(
		(item: LayoutItem) => {
			if (!drill) {
				say(t('status.drillNeedsLive'), true);
				return;
			}
			if (!item.slave || !item.bond) {
				say(t('status.drillNotSlave', {name: item.name}), true);
				return;
			}
			if (running.current) {
				say(t('status.drillRunning'), true);
				return;
			}
			const bond = item.bond;
			const go = () => {
				running.current = true;
				say(t('status.drillStart', {name: item.name, seconds: drill.forSeconds}), false);
				drill
					.run(bond.name, item.name, (text) => say(text, false))
					.then(
						(result) => {
							// A short block (failover, outage, recovery): wrapped in the status, one log line each.
							const block = drillBlock(result);
							say(drillBlock(result, t).map((l) => l.trim()).join('  ·  '), false);
							sampler.addEvents(block.map((line) => ({...actionEvent(now(), line, item.name, bond.name), kind: 'drill' as const, detail: result})));
						},
						(error: unknown) => say(t('status.drillFailed', {message: error instanceof ShownError ? (error.shown ?? error.message) : error instanceof Error ? error.message : String(error)}), true),
					)
					.finally(() => {
						running.current = false;
						source.invalidate?.();
						sampler.sampleNow();
					});
			};
			const lockout = risk(item);
			const lastUp = bond.slaves.filter((s) => s.name !== item.name && s.miiStatus === 'up').length === 0;
			if (lockout.risky || lastUp) {
				const reason = lockout.risky ? t('confirm.drillLockout', {reason: lockout.reason}) : t('confirm.drillLast', {name: item.name, bond: bond.name});
				ask({
					prompt: t('confirm.drill', {reason, seconds: drill.forSeconds}),
					run: go,
				});
				return;
			}
			go();
		},
		[drill, risk, sampler, now, source, say, ask],
	);
}
