/**
 * The one place that words an event for the screen: from the event's structured facts (kind, the
 * interface and bond, the MII states, the counts, the driver's message kind, bondtop's action), at
 * display time, so a translation (the German catalogue) words the same facts in its language. In
 * English the words are those of the event's stored `message` (the `--log` file's and the JSON's
 * text, a contract that never changes); a test holds the two equal. An event without the facts
 * (one read back from elsewhere, a drill line, an LACP text of the driver) shows its message.
 * Names are raw here: the screen's Line sanitises the whole row.
 */
import type {BondEvent} from '../model/events.js';
import type {MiiStatus} from '../model/types.js';

export function eventText(event: BondEvent): string {
	return event.origin === 'kernel-log' ? kernelText(event) : seenText(event);
}

/** What bondtop saw change between two samples, or did itself. */
function seenText(event: BondEvent): string {
	const {bond, interfaceName: name} = event;
	switch (event.kind) {
		case 'active-slave':
			if (event.from === undefined || event.to === undefined) break;
			return `${bond ?? name} active slave ${event.from ?? 'none'} -> ${event.to ?? 'none'}`;
		case 'bond-mii':
			if (event.fromState === undefined || event.toState === undefined) break;
			return `${name} MII ${miiText(event.fromState)} -> ${miiText(event.toState)}`;
		case 'mii':
			if (event.fromState === undefined || event.toState === undefined) break;
			return `${bond} ${name} MII ${miiText(event.fromState)} -> ${miiText(event.toState)}`;
		case 'link-failure':
			if (event.countBefore === undefined || event.countAfter === undefined) break;
			return `${bond} ${name} link failure count ${event.countBefore} -> ${event.countAfter}`;
		case 'slave-added':
			if (bond === null) break;
			return `${bond} slave ${name} added`;
		case 'slave-removed':
			if (bond === null) break;
			return `${bond} slave ${name} removed`;
		case 'admin':
			if (event.up === undefined) break;
			return `${name} admin ${event.up ? 'up' : 'down'}`;
		case 'carrier':
			if (event.up === undefined) break;
			return `${name} carrier ${event.up ? 'back' : 'lost'}`;
		case 'action':
			if (!event.action) break;
			return `bondtop: ${actionText(event.action, name, bond)}`;
		default:
			break;
	}
	return event.message;
}

/** An MII status as the kernel words it; null (no `MII Status` line) is unknown. */
function miiText(status: MiiStatus | null): string {
	return status ?? 'unknown';
}

function actionText(action: NonNullable<BondEvent['action']>, name: string, bond: string | null): string {
	switch (action.type) {
		case 'ip-link':
			return `ip link set ${name} ${action.state}`;
		case 'make-active':
			return `make ${name} the active slave of ${bond ?? '?'}`;
		case 'watchdog':
			return action.description;
	}
}

/** The bonding driver's own record (history/kernel-log.ts), prefixed `kernel:`. */
function kernelText(event: BondEvent): string {
	const {driver, bond, interfaceName: slave} = event;
	if (!driver || bond === null) return event.message;
	const {detail} = driver;
	let text: string;
	switch (driver.kind) {
		case 'new-active': {
			if (event.from === undefined) return event.message;
			const from = event.from;
			const after =
				event.linkDownAtMs !== undefined && event.linkDownAtMs !== null && from !== null
					? ` (${Math.round(event.atMs - event.linkDownAtMs)} ms after the driver saw ${from}'s link go down)`
					: '';
			text = `${bond} active slave ${from ?? 'none'} -> ${event.to ?? '?'}${after}`;
			break;
		}
		case 'no-active':
			text = `${bond} now running without any active slave`;
			break;
		case 'active-up':
			text = `${bond} has an active slave again`;
			break;
		case 'link-going-down':
			text = `${bond} ${slave} link down, disabling it in ${detail}`;
			break;
		case 'link-down':
			text = `${bond} ${slave} link definitely down`;
			break;
		case 'link-going-back':
			text = `${bond} ${slave} link up, enabling it in ${detail}`;
			break;
		case 'link-back-again':
			text = `${bond} ${slave} link state back again after ${detail}`;
			break;
		case 'link-up':
			text = `${bond} ${slave} link definitely up${detail ? `, ${detail}` : ''}`;
			break;
		case 'enslave':
			text = `${bond} enslaved ${slave} as ${detail}`;
			break;
		case 'release':
			text = `${bond} released ${slave} (${detail})`;
			break;
		case 'released-all':
			text = `${bond} released all slaves`;
			break;
		default:
			// 802.3ad: the driver's own text, kept as it came.
			return event.message;
	}
	return `kernel: ${text}`;
}
