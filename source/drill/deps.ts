/** Wires a drill to a data source: the real kernel (ip, ping, the watchdog) or the demo's simulation. */
import {readFileSync} from 'node:fs';
import {interfaceNameProblem} from '../text/names.js';
import type {LinkActions} from '../actions/types.js';
import type {OpenedSource} from '../collect/open-source.js';
import {startPingProbe} from './ping.js';
import type {DeadMan, DrillDeps} from './run-drill.js';
import type {LinkCover} from '../watchdog/guarded-actions.js';
import {startSimulatedProbe} from './simulated-probe.js';
import {t} from '../i18n/i18n.js';

/** IFF_UP from /sys/class/net/NAME/flags (e.g. "0x1003"); null when it cannot be read. */
export function linkAdminUp(name: string): boolean | null {
	if (interfaceNameProblem(name) !== null) return null;
	try {
		const flags = Number.parseInt(readFileSync(`/sys/class/net/${name}/flags`, 'utf8').trim(), 16);
		return Number.isNaN(flags) ? null : (flags & 1) === 1;
	} catch {
		return null;
	}
}

/** `cover` is the watchdog (null only for the demo, whose links come back by themselves). */
export function createDrillDeps(opened: OpenedSource, actions: LinkActions, cover: LinkCover | null, onProgress?: (text: string) => void): DrillDeps {
	const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
	if (opened.simulated) {
		return {
			readBond: opened.readBond,
			actions,
			now: Date.now,
			sleep,
			startProbe: (target, bond) => startSimulatedProbe(target, () => opened.readBond(bond), Date.now),
			armDeadMan: (name, afterMs): DeadMan => ({description: `simulated: ${name} comes back in ${Math.ceil(afterMs / 1000)} s even if bondtop dies`, cancel() {}}),
			onProgress,
			simulated: true,
		};
	}
	return {
		readBond: opened.readBond,
		actions,
		now: Date.now,
		sleep,
		startProbe: (target) => startPingProbe(target),
		armDeadMan: (name, afterMs) => (cover ? cover.arm(name, afterMs) : {error: t('error.noWatchdog')}),
		linkAdminUp,
		onProgress,
	};
}
