/**
 * Parser of `ip -d -j link show` (iproute2's JSON of RTM_NEWLINK): the 802.3ad details that
 * `/proc/net/bonding` hides from readers without CAP_NET_ADMIN but rtnetlink gives to anyone:
 * the bond's `ad_info` (active aggregator, ports, actor/partner key, partner MAC) and each slave's
 * `ad_aggregator_id`, `ad_actor_oper_port_state`, `ad_partner_oper_port_state`. Pure; never
 * throws; a field of the wrong type is treated as absent.
 */
import type {Bond, LacpInfo} from '../model/types.js';
import {decodePortState} from './bonding-status.js';

export type RtnlBond = {
	/** `ad_info`, null when the bond has none (not 802.3ad, or no active aggregator). */
	adInfo: {aggregatorId: number | null; numberOfPorts: number | null; actorKey: number | null; partnerKey: number | null; partnerMac: string | null} | null;
};

export type RtnlSlave = {
	master: string | null;
	aggregatorId: number | null;
	actorPortState: number | null;
	partnerPortState: number | null;
};

export type ParsedIpLink = {bonds: Map<string, RtnlBond>; slaves: Map<string, RtnlSlave>};

type Json = Record<string, unknown>;

function object(value: unknown): Json | null {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

function int(value: unknown): number | null {
	return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
}

function text(value: unknown): string | null {
	return typeof value === 'string' && value !== '' ? value : null;
}

/** Parses the whole output; null when it is not the JSON array `ip -j` prints. */
export function parseIpLinkJson(output: string): ParsedIpLink | null {
	let data: unknown;
	try {
		data = JSON.parse(output);
	} catch {
		return null;
	}
	if (!Array.isArray(data)) return null;
	const result: ParsedIpLink = {bonds: new Map(), slaves: new Map()};
	for (const entry of data) {
		const link = object(entry);
		const name = text(link?.ifname);
		const info = object(link?.linkinfo);
		if (!link || !name || !info) continue;
		if (info.info_kind === 'bond') {
			const ad = object(object(info.info_data)?.ad_info);
			result.bonds.set(name, {
				adInfo: ad
					? {
							aggregatorId: int(ad.aggregator),
							numberOfPorts: int(ad.num_ports),
							actorKey: int(ad.actor_key),
							partnerKey: int(ad.partner_key),
							partnerMac: text(ad.partner_mac),
						}
					: null,
			});
		}
		if (info.info_slave_kind === 'bond') {
			const data = object(info.info_slave_data);
			result.slaves.set(name, {
				master: text(link.master),
				aggregatorId: int(data?.ad_aggregator_id),
				actorPortState: int(data?.ad_actor_oper_port_state),
				partnerPortState: int(data?.ad_partner_oper_port_state),
			});
		}
	}
	return result;
}

/**
 * Fills what the proc file left unknown (null/absent) from rtnetlink. Never overwrites a value the
 * proc file or sysfs gave, and only touches 802.3ad bonds and their own slaves.
 */
export function mergeRtnetlink(bond: Bond, parsed: ParsedIpLink): void {
	if (bond.mode !== '802.3ad' || !bond.lacp) return;
	const ad = parsed.bonds.get(bond.name)?.adInfo;
	if (ad) {
		const lacp: LacpInfo = bond.lacp;
		lacp.aggregatorId ??= ad.aggregatorId;
		lacp.numberOfPorts ??= ad.numberOfPorts;
		lacp.actorKey ??= ad.actorKey;
		lacp.partnerKey ??= ad.partnerKey;
		lacp.partnerMac ??= ad.partnerMac;
	}
	for (const slave of bond.slaves) {
		const rt = parsed.slaves.get(slave.name);
		if (!rt || rt.master !== bond.name) continue;
		slave.aggregatorId ??= rt.aggregatorId;
		if (slave.actorPortState == null && rt.actorPortState !== null) slave.actorPortState = decodePortState(rt.actorPortState);
		if (slave.partnerPortState == null && rt.partnerPortState !== null) slave.partnerPortState = decodePortState(rt.partnerPortState);
	}
}
