/**
 * Turns the simulated host's state into the {@link Bond} and {@link NetInterface} records a real
 * collector would read from /proc/net/bonding, /proc/net/dev and sysfs, with the kernel's quirks.
 */
import type {Bond, BondSlave, MiiStatus, NetInterface} from '../model/types.js';
import {describeLacp, isDistributing, portStates} from './lacp.js';
import {Link, carrierOk, miimonMs, usesPrimary, type SimBond, type SimInterface, type SimSlave} from './model.js';
import {linkLocalOf} from './random.js';

const miiNames: readonly MiiStatus[] = ['up', 'going down', 'down', 'going back'];

export function describeBond(bond: SimBond): Bond {
	const primaryModes = usesPrimary(bond.mode);
	const lacp = bond.mode === '802.3ad';
	// While the primary is unplugged the kernel's primary_slave is NULL ("Primary Slave: None").
	const primary = bond.primary?.iface.present ? bond.primary : null;
	return {
		name: bond.iface.name,
		mode: bond.mode,
		activeSlave: primaryModes ? (bond.active?.iface.name ?? null) : null,
		primary: primary?.iface.name ?? null,
		primaryReselect: primary ? bond.primaryReselect : null,
		failOverMac: 'none',
		miiStatus: bond.carrier ? 'up' : 'down',
		miimonMs: bond.arpIntervalMs > 0 ? 0 : miimonMs,
		updelayMs: bond.updelayTicks * miimonMs,
		downdelayMs: bond.downdelayTicks * miimonMs,
		arpIntervalMs: bond.arpIntervalMs,
		arpIpTargets: [...bond.arpTargets],
		xmitHashPolicy: bond.xmitHashPolicy,
		lacp: lacp ? describeLacp(bond) : null,
		slaves: bond.slaves.map(slave => describeSlave(bond, slave)),
	};
}

function describeSlave(bond: SimBond, slave: SimSlave): BondSlave {
	const ok = carrierOk(slave.iface);
	const described: BondSlave = {
		name: slave.iface.name,
		state: slaveState(bond, slave),
		miiStatus: miiNames[slave.link]!,
		linkFailureCount: slave.linkFailureCount,
		permHwAddr: slave.iface.permMac,
		speedMbps: ok ? slave.iface.nominalSpeedMbps : null,
		duplex: ok ? 'full' : null,
		aggregatorId: bond.mode === '802.3ad' ? slave.aggregatorId : null,
	};
	if (bond.mode === '802.3ad') {
		const states = portStates(bond, slave);
		described.actorPortState = states.actor;
		described.partnerPortState = states.partner;
	}

	return described;
}

/**
 * The sysfs `bonding_slave/state`, with the kernel's quirks: only active-backup and 802.3ad
 * ever mark a slave backup; balance-rr, balance-xor, broadcast, balance-tlb and balance-alb
 * read `active` for every slave, even one whose link is down.
 */
function slaveState(bond: SimBond, slave: SimSlave): 'active' | 'backup' {
	if (bond.mode === 'active-backup') return slave === bond.active ? 'active' : 'backup';
	if (bond.mode === '802.3ad') return isDistributing(bond, slave) ? 'active' : 'backup';
	return 'active';
}

function currentMac(iface: SimInterface): string {
	const bond = iface.bond;
	if (!bond) return iface.permMac;
	const bondMac = bond.iface.permMac;
	if (bond.mode !== 'balance-tlb' && bond.mode !== 'balance-alb') return bondMac; // fail_over_mac none
	// tlb/alb keep a unique MAC per slave; the bond's MAC is swapped onto the active slave.
	const active = bond.active?.iface;
	if (!active) return iface.permMac;
	if (iface === active) return bondMac;
	if (iface.permMac === bondMac) return active.permMac;
	return iface.permMac;
}

/** `bond_ethtool_get_link_ksettings`: the sum over slaves that can transmit. */
function bondSpeedMbps(bond: SimBond): number | null {
	let sum = 0;
	for (const slave of bond.slaves) {
		const canTx = slave.link === Link.Up && carrierOk(slave.iface);
		if (canTx && (bond.mode !== 'active-backup' || slave === bond.active)) sum += slave.iface.nominalSpeedMbps ?? 0;
	}

	return sum > 0 ? sum : null;
}

function flagsOf(iface: SimInterface, carrier: boolean): string[] {
	const flags: string[] = [];
	if (iface.adminUp) flags.push('UP');
	if (iface.kind === 'loopback') flags.push('LOOPBACK');
	else flags.push('BROADCAST');
	if (carrier) flags.push('RUNNING');
	if (iface.kind === 'dummy') flags.push('NOARP');
	if (iface.self) flags.push('MASTER');
	if (iface.bond) flags.push('SLAVE');
	if (iface.kind !== 'loopback' && iface.kind !== 'dummy') flags.push('MULTICAST');
	return flags;
}

/** The bond's address in a /24, with its broadcast address. */
function bondIpv4(bond: SimBond): {address: string; prefixLength: number; broadcast: string} {
	const address = bond.ipv4Address;
	return {address, prefixLength: 24, broadcast: `${address.slice(0, address.lastIndexOf('.'))}.255`};
}

export function describeInterface(iface: SimInterface): NetInterface {
	const bond = iface.self;
	const carrier = bond ? iface.adminUp && bond.carrier : carrierOk(iface);
	const speedMbps = !carrier ? null : bond ? bondSpeedMbps(bond) : iface.nominalSpeedMbps;

	const rx = {bytes: 0, packets: 0, errors: 0, dropped: 0, overruns: 0, frame: 0};
	const tx = {bytes: 0, packets: 0, errors: 0, dropped: 0, overruns: 0, carrier: 0, collisions: 0};
	if (bond) {
		// The kernel's bond statistics are the sum of what its slaves carried while enslaved,
		// including slaves released since.
		rx.bytes = bond.released.rxBytes;
		rx.packets = bond.released.rxPackets;
		tx.bytes = bond.released.txBytes;
		tx.packets = bond.released.txPackets;
		for (const slave of bond.slaves) {
			rx.bytes += Math.floor(slave.iface.rxBytes);
			rx.packets += Math.floor(slave.iface.rxPackets);
			tx.bytes += Math.floor(slave.iface.txBytes);
			tx.packets += Math.floor(slave.iface.txPackets);
		}
	} else {
		rx.bytes = Math.floor(iface.rxBytes);
		rx.packets = Math.floor(iface.rxPackets);
		tx.bytes = Math.floor(iface.txBytes);
		tx.packets = Math.floor(iface.txPackets);
	}

	const loopback = iface.kind === 'loopback';
	return {
		name: iface.name,
		flags: flagsOf(iface, carrier),
		mtu: loopback ? 65_536 : 1500,
		macAddress: currentMac(iface),
		master: iface.bond?.iface.name ?? null,
		driver: iface.driver,
		ipv4: loopback ? [{address: '127.0.0.1', prefixLength: 8, broadcast: null}] : bond ? [bondIpv4(bond)] : [],
		// IPv6 addresses go away while the device is down (no keep_addr_on_down).
		ipv6: !iface.adminUp
			? []
			: loopback
				? [{address: '::1', prefixLength: 128, scope: 'host'}]
				: bond
					? [
							{address: linkLocalOf(iface.permMac), prefixLength: 64, scope: 'link'},
							// The origin had a global address from its router's prefix; the demo uses the documentation prefix.
							{address: `2001:db8:${(176 + bond.index).toString(16)}::20`, prefixLength: 64, scope: 'global'},
						]
					: [],
		rx,
		tx,
		txQueueLen: 1000,
		operState: loopback ? 'unknown' : iface.kind === 'dummy' && iface.adminUp ? 'unknown' : carrier ? 'up' : 'down',
		speedMbps,
		duplex: speedMbps === null ? null : 'full',
		carrier,
	};
}
