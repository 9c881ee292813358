/**
 * The simulated 802.3ad side: which aggregator a port sits on, and the LACP details and port
 * states /proc/net/bonding shows. Slow LACP with a partner that answers, so a port that is up is
 * in sync, collecting and distributing; a port that is down is detached and on partner defaults.
 */
import {decodePortState} from '../kernel/bonding-status.js';
import type {LacpInfo, LacpPortState} from '../model/types.js';
import {Link, type SimBond, type SimSlave} from './model.js';

/** Port states with slow LACP: in sync and distributing, or a disabled port on defaults. */
const portStateDistributing = 0x3d;
const portStateDisabled = 0x45;
const partnerStateDefaulted = 0x01;

/** A port coming up joins the active aggregator, or becomes it when there is none. */
export function joinAggregator(bond: SimBond, slave: SimSlave): void {
	if (bond.activeAggregatorId === null) bond.activeAggregatorId = slave.aggregatorId;
	else slave.aggregatorId = bond.activeAggregatorId;
}

/** A port going down is detached onto the lowest free aggregator. */
export function leaveAggregator(bond: SimBond, slave: SimSlave): void {
	const wasActive = slave.aggregatorId === bond.activeAggregatorId;
	for (let id = 1; id <= bond.slaves.length; id++) {
		if (!bond.slaves.some(other => other !== slave && other.aggregatorId === id)) {
			slave.aggregatorId = id;
			break;
		}
	}

	if (wasActive && !bond.slaves.some(other => other !== slave && other.aggregatorId === bond.activeAggregatorId)) {
		bond.activeAggregatorId = null;
	}
}

/** Whether a port is up and on the active aggregator: it carries traffic. */
export function isDistributing(bond: SimBond, slave: SimSlave): boolean {
	return slave.link === Link.Up && slave.aggregatorId === bond.activeAggregatorId;
}

/** The bond's `802.3ad info` block. */
export function describeLacp(bond: SimBond): LacpInfo {
	const id = bond.activeAggregatorId;
	if (id === null) {
		return {rate: 'slow', aggregatorId: null, numberOfPorts: null, actorKey: null, partnerKey: null, partnerMac: null};
	}

	let ports = 0;
	let speed = 0;
	for (const slave of bond.slaves) {
		if (slave.aggregatorId === id && slave.link === Link.Up) {
			ports++;
			speed = slave.iface.nominalSpeedMbps ?? 0;
		}
	}

	// Actor key: duplex bit plus the kernel's speed code (100 Mbps 3, 1 Gbps 4) shifted by one.
	const actorKey = ((speed >= 1000 ? 4 : 3) << 1) | 1;
	return {rate: 'slow', aggregatorId: id, numberOfPorts: ports, actorKey, partnerKey: bond.partnerKey, partnerMac: bond.partnerMac};
}

/** The decoded actor and partner port states of a slave. */
export function portStates(bond: SimBond, slave: SimSlave): {actor: LacpPortState; partner: LacpPortState} {
	const distributing = isDistributing(bond, slave);
	return {
		actor: decodePortState(distributing ? portStateDistributing : portStateDisabled),
		partner: decodePortState(distributing ? portStateDistributing : partnerStateDefaulted),
	};
}
