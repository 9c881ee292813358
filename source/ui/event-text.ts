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
import {t} from '../i18n/i18n.js';
import {drillBlock, type DrillResult} from '../drill/run-drill.js';

export function eventText(event: BondEvent): string {
	return event.origin === 'kernel-log' ? kernelText(event) : seenText(event);
}

/** What bondtop saw change between two samples, or did itself. */
function seenText(event: BondEvent): string {
	const {bond, interfaceName: name} = event;
	switch (event.kind) {
		case 'active-slave':
			if (event.from === undefined || event.to === undefined) break;
			return t('event.activeSlave', {bond: bond ?? name, from: event.from ?? t('event.none'), to: event.to ?? t('event.none')});
		case 'bond-mii':
			if (event.fromState === undefined || event.toState === undefined) break;
			return t('event.bondMii', {bond: name, from: miiText(event.fromState), to: miiText(event.toState)});
		case 'mii':
			if (event.fromState === undefined || event.toState === undefined) break;
			return t('event.mii', {bond: String(bond), slave: name, from: miiText(event.fromState), to: miiText(event.toState)});
		case 'link-failure':
			if (event.countBefore === undefined || event.countAfter === undefined) break;
			return t('event.linkFailure', {bond: String(bond), slave: name, from: event.countBefore, to: event.countAfter});
		case 'slave-added':
			if (bond === null) break;
			return t('event.slaveAdded', {bond, slave: name});
		case 'slave-removed':
			if (bond === null) break;
			return t('event.slaveRemoved', {bond, slave: name});
		case 'admin':
			if (event.up === undefined) break;
			return t(event.up ? 'event.adminUp' : 'event.adminDown', {name});
		case 'carrier':
			if (event.up === undefined) break;
			return t(event.up ? 'event.carrierBack' : 'event.carrierLost', {name});
		case 'drill': {
			// One line of the drill's block: the same line worded again in the screen's language.
			const result = event.detail as DrillResult | undefined;
			if (!result || typeof result !== 'object' || !('probes' in result)) break;
			const index = drillBlock(result).indexOf(event.message);
			if (index === -1) break;
			return drillBlock(result, t)[index]!;
		}
		case 'action':
			if (!event.action) break;
			return t('event.action', {text: actionText(event.action, name, bond)});
		default:
			break;
	}
	return event.message;
}

/** An MII status as the kernel words it; null (no `MII Status` line) is unknown. */
function miiText(status: MiiStatus | null): string {
	return status ?? t('word.unknown');
}

function actionText(action: NonNullable<BondEvent['action']>, name: string, bond: string | null): string {
	switch (action.type) {
		case 'ip-link':
			return `ip link set ${name} ${action.state}`;
		case 'make-active':
			return t('event.makeActive', {slave: name, bond: bond ?? '?'});
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
					? t('event.kernelAfter', {ms: Math.round(event.atMs - event.linkDownAtMs), slave: from})
					: '';
			text = `${t('event.activeSlave', {bond, from: from ?? t('event.none'), to: event.to ?? '?'})}${after}`;
			break;
		}
		case 'no-active':
			text = t('event.kernelNoActive', {bond});
			break;
		case 'active-up':
			text = t('event.kernelActiveUp', {bond});
			break;
		case 'link-going-down':
			text = t('event.kernelGoingDown', {bond, slave, detail: String(detail)});
			break;
		case 'link-down':
			text = t('event.kernelDown', {bond, slave});
			break;
		case 'link-going-back':
			text = t('event.kernelGoingBack', {bond, slave, detail: String(detail)});
			break;
		case 'link-back-again':
			text = t('event.kernelBackAgain', {bond, slave, detail: String(detail)});
			break;
		case 'link-up':
			text = t('event.kernelUp', {bond, slave, detail: detail ? `, ${detail}` : ''});
			break;
		case 'enslave':
			text = t('event.kernelEnslave', {bond, slave, detail: String(detail)});
			break;
		case 'release':
			text = t('event.kernelRelease', {bond, slave, detail: String(detail)});
			break;
		case 'released-all':
			text = t('event.kernelReleasedAll', {bond});
			break;
		default:
			// 802.3ad: the driver's own text, kept as it came.
			return event.message;
	}
	return t('event.kernel', {text});
}
