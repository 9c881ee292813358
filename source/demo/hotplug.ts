/**
 * A USB network adapter unplugged and plugged back, as the kernel and Debian's hotplug hooks see
 * it. Unplugging unregisters the netdev: the bonding driver's NETDEV_UNREGISTER handler releases
 * the slave at once (`__bond_release_one`), with no downdelay and no link failure counted; if it
 * was the active slave the other one is active by the time `ip`/the unplug returns. (In the lab,
 * test/kernel/guest/demo-facts.mjs, deleting the active slave's device closed it first, the bond
 * had already moved to the other slave and the log said "Releasing backup interface".) The interface is then gone from /proc/net/dev and sysfs.
 *
 * Plugging it back registers a new netdev (a new ifindex, so `ip link` lists it last; counters
 * from zero) whose link is still training. udev's hotplug hook runs `ifup` (ifupdown's
 * `allow-hotplug` stanza; the origin file's `auto eth1` alone would need a manual `ifup eth1`),
 * and ifenslave enslaves it: `bond_enslave` appends it to the slave list with a down link
 * ("Enslaving as a backup interface with a down link"), and the MII monitor brings it up when its
 * carrier comes (updelay applies, as a current active slave exists).
 */
import {leaveAggregator} from './lacp.js';
import {changeActive, selectActiveSlave, updateCarrier} from './mii-monitor.js';
import {Link, type SimHostState, type SimInterface} from './model.js';

/** The device disappears: released from its bond, gone from the host's lists. */
export function unplug(host: SimHostState, iface: SimInterface): void {
	if (!iface.present) return;
	iface.present = false;
	const index = host.interfaces.indexOf(iface);
	if (index >= 0) host.interfaces.splice(index, 1);
	host.byName.delete(iface.name);
	const bond = iface.bond;
	if (!bond) return;
	const slaveIndex = bond.slaves.findIndex(slave => slave.iface === iface);
	const slave = bond.slaves[slaveIndex]!;
	// Released: from here on the driver no longer counts or selects it.
	if (bond.mode === '802.3ad') leaveAggregator(bond, slave);
	bond.slaves.splice(slaveIndex, 1);
	// The bond's statistics keep what the slave carried.
	bond.released.rxBytes += Math.floor(iface.rxBytes);
	bond.released.rxPackets += Math.floor(iface.rxPackets);
	bond.released.txBytes += Math.floor(iface.txBytes);
	bond.released.txPackets += Math.floor(iface.txPackets);
	iface.bond = null;
	// The kernel forgets the primary slave but keeps the `primary` name: re-enslaved, it is primary again.
	if (slave === bond.active) {
		changeActive(bond, null);
		selectActiveSlave(bond);
	}

	updateCarrier(bond);
	// The record is kept for the re-plug, so the state stays fixed in size.
	slave.link = Link.Down;
	iface.homeBond = bond;
	iface.releasedSlave = slave;
}

/** The device is back: a new netdev with zeroed counters and no carrier yet, enslaved again. */
export function plug(host: SimHostState, iface: SimInterface): void {
	if (iface.present) return;
	iface.present = true;
	iface.adminUp = true;
	iface.cablePlugged = false; // the PHY is still negotiating
	iface.rxBytes = iface.rxPackets = iface.txBytes = iface.txPackets = 0;
	// A new ifindex: after every interface that exists.
	host.interfaces.push(iface);
	host.byName.set(iface.name, iface);
	const bond = iface.homeBond;
	const slave = iface.releasedSlave;
	if (!bond || !slave) return;
	iface.releasedSlave = null;
	slave.link = Link.Down;
	slave.delayTicks = 0;
	slave.linkFailureCount = 0;
	slave.lastRxMs = Number.NEGATIVE_INFINITY;
	iface.bond = bond;
	bond.slaves.push(slave);
	if (bond.mode === '802.3ad') leaveAggregator(bond, slave);
	updateCarrier(bond);
}
