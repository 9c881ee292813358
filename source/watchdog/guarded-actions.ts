/**
 * The live kernel's actions with the watchdog in front: no link goes down before the watchdog
 * covers it (with the privilege `ip` will use), and a link bondtop brings back up is disarmed at
 * once, so the watchdog never brings it up again after the user took it down outside bondtop.
 */
import type {ActionResult, LinkActions} from '../actions/types.js';
import type {Armed} from './watchdog.js';
import {actionFailure} from '../actions/ip-link.js';

/** What GuardedActions needs of the watchdog (WatchdogKeeper; tests pass fakes). */
export type LinkCover = {
	arm(name: string, afterMs: number | null): Promise<Armed | {error: string}>;
	disarm(name: string): void;
};

export function guardedActions(inner: LinkActions, cover: LinkCover): LinkActions {
	return {
		async setLinkDown(name) {
			const armed = await cover.arm(name, null);
			if ('error' in armed) return actionFailure('action.notTakingDown', {name, error: armed.error});
			const result = await inner.setLinkDown(name);
			// Nothing went down (ip refused): nothing to cover. A drill's own timed cover is
			// cancelled by the drill.
			if (!result.ok) cover.disarm(name);
			return result;
		},
		async setLinkUp(name): Promise<ActionResult> {
			const result = await inner.setLinkUp(name);
			if (result.ok) cover.disarm(name);
			return result;
		},
		setActiveSlave: (bond, slave) => inner.setActiveSlave(bond, slave),
	};
}

/** The synchronous `ip link set NAME up` of the exit paths, disarming what it brought back. */
export function guardedUpSync(upSync: (name: string) => boolean, cover: LinkCover): (name: string) => boolean {
	return (name) => {
		const ok = upSync(name);
		if (ok) cover.disarm(name);
		return ok;
	};
}
