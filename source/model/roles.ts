/**
 * What each slave is doing, derived from the bond's mode and state. Pure; the UI colours and
 * labels follow from this.
 */
import {hasActiveSlave} from '../kernel/bonding-status.js';
import type {Bond, BondMode, BondSlave} from './types.js';
import {t, type MessageKey} from '../i18n/i18n.js';

/**
 * - `active`: the one slave that carries the traffic (active-backup) or receives it (tlb/alb);
 * - `carrying`: one of several slaves that carry traffic at once (rr, xor, broadcast, 802.3ad in
 *   the active aggregator, tlb/alb transmitting);
 * - `backup`: up, standing by (or in another 802.3ad aggregator);
 * - `down`: MII down;
 * - `unknown`: the bond's status file was not understood (mode unknown): nothing it says about
 *   the slave is trusted.
 */
export type SlaveRole = 'active' | 'carrying' | 'backup' | 'down' | 'unknown';

export function slaveRole(bond: Bond, slave: BondSlave): SlaveRole {
	if (bond.mode === null) return 'unknown';
	if (hasActiveSlave(bond.mode) && bond.activeSlave === slave.name) return 'active';
	if (slave.miiStatus === 'down') return 'down';
	if (slave.miiStatus === null) return 'unknown';
	switch (bond.mode) {
		case 'active-backup':
			return 'backup';
		case 'balance-tlb':
		case 'balance-alb':
			return slave.miiStatus === 'up' ? 'carrying' : 'backup';
		case '802.3ad': {
			const active = bond.lacp?.aggregatorId ?? null;
			if (active !== null && slave.aggregatorId !== null) return slave.aggregatorId === active ? 'carrying' : 'backup';
			// Without root the active aggregator is hidden; sysfs state says who is in it.
			return slave.state === 'active' && slave.miiStatus === 'up' ? 'carrying' : 'backup';
		}
		default:
			return slave.miiStatus === 'up' ? 'carrying' : 'backup';
	}
}

/** The word shown on the slave's own line: it must read right without colour (NO_COLOR). */
export function roleLabel(role: SlaveRole): string {
	return t(roleKeys[role]);
}

const roleKeys: Readonly<Record<SlaveRole, MessageKey>> = {active: 'badge.active', carrying: 'badge.carrying', backup: 'badge.backup', down: 'badge.down', unknown: 'badge.unknown'};

/** A mode's description in the screen's language (English: {@link modeDescriptions}). */
export function modeText(mode: BondMode): {title: string; summary: string; switchSupport: string; loadBalancing: boolean} {
	return {
		title: t(`mode.${mode}.title`),
		summary: t(`mode.${mode}.summary`),
		switchSupport: t(`mode.${mode}.switch`),
		loadBalancing: modeDescriptions[mode].loadBalancing,
	};
}

/** Plain-language description of each mode, for the header and the help screen. */
export const modeDescriptions: Record<BondMode, {title: string; summary: string; switchSupport: string; loadBalancing: boolean}> = {
	'balance-rr': {
		title: 'round-robin (mode 0)',
		summary: 'Packets go out over each slave in turn. Both fault tolerance and load balancing; one flow can arrive out of order.',
		switchSupport: 'needs a static EtherChannel/trunk on the switch',
		loadBalancing: true,
	},
	'active-backup': {
		title: 'active-backup (mode 1)',
		summary: 'One slave carries everything; another takes over when it fails. Fault tolerance only.',
		switchSupport: 'needs no switch support',
		loadBalancing: false,
	},
	'balance-xor': {
		title: 'XOR hash (mode 2)',
		summary: 'Each flow sticks to one slave chosen by the transmit hash policy. Fault tolerance and load balancing.',
		switchSupport: 'needs a static EtherChannel/trunk on the switch',
		loadBalancing: true,
	},
	broadcast: {
		title: 'broadcast (mode 3)',
		summary: 'Every packet goes out on every slave. Fault tolerance only, at twice the traffic.',
		switchSupport: 'usually slaves go to separate switches',
		loadBalancing: false,
	},
	'802.3ad': {
		title: 'IEEE 802.3ad / LACP (mode 4)',
		summary: 'Slaves negotiate an aggregator with the switch over LACP; flows are hashed over the active aggregator.',
		switchSupport: 'needs LACP configured on the switch',
		loadBalancing: true,
	},
	'balance-tlb': {
		title: 'adaptive transmit load balancing (mode 5)',
		summary: 'Outgoing traffic is spread by load over all slaves; the active slave receives.',
		switchSupport: 'needs no switch support',
		loadBalancing: true,
	},
	'balance-alb': {
		title: 'adaptive load balancing (mode 6)',
		summary: 'Like tlb, and incoming IPv4 traffic is balanced too by ARP negotiation.',
		switchSupport: 'needs no switch support',
		loadBalancing: true,
	},
};
