// The facts the --demo simulation (source/demo/) relies on, checked on the real bonding driver:
// - a slave whose device disappears (a USB adapter unplugged; here a veth deleted) is released at
//   once: no downdelay, no link failure counted, the bond fails over in the same call; enslaved
//   again with its link down it comes up after updelay and, with no primary, stays backup;
// - an ARP-monitored slave whose link stays up but whose upstream is gone (its switch port cut off
//   the bridge) goes down on the ARP monitor alone, around the third interval without a reply;
// - 802.3ad with xmit_hash_policy layer2: everything to one peer leaves on one slave.
// Numbers are printed as METRIC lines.
import {closeSync, constants, openSync, readFileSync} from 'node:fs';
import {spawnSync} from 'node:child_process';
import {SWITCH_IP, assert, bondAttr, bondSlaves, ip, ipns, kmsgRecords, makeBond, makeVeth, now, say, scenario, slaveAttr, sleep, sys, waitFor, waitLacp, waitSlavesUp} from './lab.mjs';

const metric = (name, text) => say(`METRIC ${name} ${text}`);

/** The messages of the kernel log records written since the last call (non-blocking read of /dev/kmsg). */
const kmsgSince = (fd) => kmsgRecords(fd).map((record) => record.split(';').slice(1).join(';').split('\n')[0]);

const failures = (bond, slave) => {
	const text = readFileSync(`/proc/net/bonding/${bond}`, 'utf8');
	const block = text.split('\n\n').find((b) => b.startsWith(`Slave Interface: ${slave}\n`));
	return block ? Number(/Link Failure Count: (\d+)/.exec(block)?.[1]) : null;
};

export async function run() {
	await scenario('demo-facts-unplug-releases-at-once', async () => {
		makeBond('bond0', {options: ['mode', 'active-backup', 'miimon', '100', 'updelay', '200', 'downdelay', '200']});
		await waitSlavesUp('bond0');
		const active = bondAttr('bond0', 'active_slave');
		const other = active === 'eth0' ? 'eth1' : 'eth0';
		const fd = openSync('/dev/kmsg', constants.O_RDONLY | constants.O_NONBLOCK);
		try {
			kmsgSince(fd);
			const t0 = now();
			ip('link', 'del', active); // unregistered, as a USB adapter pulled out
			const afterMs = now() - t0;
			assert(bondAttr('bond0', 'active_slave') === other, `active is ${bondAttr('bond0', 'active_slave')} right after the delete, not ${other}`);
			assert(bondSlaves('bond0').join(' ') === other, `slaves ${bondSlaves('bond0').join(' ')}`);
			assert(failures('bond0', other) === 0, 'no failure counted on the survivor');
			const log = kmsgSince(fd);
			// Closing the device first drops its carrier, so the MII monitor may already have begun
			// (or finished) the failover when the release comes: active or backup, it is released.
			const released = log.find((l) => new RegExp(`\\(slave ${active}\\): Releasing (active|backup) interface`).test(l));
			assert(released, `no "Releasing … interface" in: ${log.join(' | ').slice(-600)}`);
			metric('demo-facts-release', `active ${active} deleted: ${other} active when ip returned (${afterMs.toFixed(0)} ms); kernel: ${released}`);

			// Back, with its link still down (peer down), then the link comes: updelay, and no primary keeps the bond where it is.
			makeVeth(active, active.replace(/^eth/, 'sw'), 'sw', {peerUp: false});
			ip('link', 'set', active, 'master', 'bond0');
			ip('link', 'set', active, 'up');
			assert(slaveAttr(active, 'mii_status') === 'down', `re-enslaved ${active} is ${slaveAttr(active, 'mii_status')}`);
			const enslaved = kmsgSince(fd);
			assert(enslaved.some((l) => l.includes(`(slave ${active}): Enslaving as a backup interface with a down link`)), `no down-link enslave in: ${enslaved.join(' | ')}`);
			const t1 = now();
			ipns('sw', 'link', 'set', active.replace(/^eth/, 'sw'), 'up');
			await waitFor(`${active} up again`, () => slaveAttr(active, 'mii_status') === 'up', {every: 10});
			const upMs = now() - t1;
			assert(upMs >= 200, `up after ${upMs.toFixed(0)} ms: updelay 200 should apply`);
			assert(bondAttr('bond0', 'active_slave') === other, `no primary: ${other} stays active, not ${bondAttr('bond0', 'active_slave')}`);
			assert(failures('bond0', active) === 0, 'a new slave starts with no failures');
			metric('demo-facts-replug', `${active} up ${upMs.toFixed(0)} ms after its carrier, ${other} stays active`);
		} finally {
			closeSync(fd);
		}
	});

	await scenario('demo-facts-upstream-dead-arp', async () => {
		makeBond('bond1', {
			options: ['mode', 'active-backup', 'arp_interval', '200', 'arp_ip_target', SWITCH_IP, 'arp_validate', 'all'],
			slaves: ['eth2', 'eth3'],
			addr: '192.0.2.1/24',
		});
		await waitSlavesUp('bond1', {timeout: 20_000});
		const active = await waitFor('an active slave', () => bondAttr('bond1', 'active_slave'));
		const other = active === 'eth2' ? 'eth3' : 'eth2';
		const port = active.replace(/^eth/, 'sw');
		const t0 = now();
		// The switch port stays up (eth2 keeps its carrier) but leaves the bridge and stops answering
		// ARP itself (Linux would answer for the namespace's 192.0.2.254 on any interface): its uplink is gone.
		ipns('sw', 'link', 'set', port, 'nomaster');
		ipns('sw', 'link', 'set', port, 'arp', 'off');
		await waitFor(`${active} failed by the ARP monitor`, () => slaveAttr(active, 'mii_status') === 'down', {every: 10, timeout: 10_000});
		const downMs = now() - t0;
		assert(sys(active, 'carrier') === '1' && sys(active, 'operstate') === 'up', `${active}'s link is no longer up: carrier ${sys(active, 'carrier')}, ${sys(active, 'operstate')}`);
		assert(failures('bond1', active) === 1, `link failure count ${failures('bond1', active)}`);
		assert(bondAttr('bond1', 'active_slave') === other, `failed over to ${bondAttr('bond1', 'active_slave')}`);
		assert(downMs >= 2 * 200 && downMs <= 6 * 200, `down after ${downMs.toFixed(0)} ms: expected about 3 intervals of 200`);
		metric('demo-facts-arp-down', `${active} down ${downMs.toFixed(0)} ms after its upstream went (arp_interval 200), link still up`);
		const t1 = now();
		ipns('sw', 'link', 'set', port, 'arp', 'on');
		ipns('sw', 'link', 'set', port, 'master', 'br0');
		await waitFor(`${active} back`, () => slaveAttr(active, 'mii_status') === 'up', {every: 10, timeout: 10_000});
		metric('demo-facts-arp-up', `${active} up ${(now() - t1).toFixed(0)} ms after the upstream returned; active ${bondAttr('bond1', 'active_slave')}`);
		assert(bondAttr('bond1', 'active_slave') === other, 'no primary: the bond stays on the other slave');
	});

	await scenario('demo-facts-layer2-one-peer-one-slave', async () => {
		const slaves = ['eth4', 'eth5', 'eth6', 'eth7'];
		const options = ['mode', '802.3ad', 'miimon', '100', 'lacp_rate', 'fast', 'xmit_hash_policy', 'layer2'];
		makeBond('bond2', {options, slaves, lacpPartner: true, addr: '198.51.100.1/24'});
		ipns('peer', 'addr', 'add', '198.51.100.2/24', 'dev', 'pbond0');
		await waitLacp('bond2', 4, {timeout: 30_000});
		assert(bondAttr('bond2', 'xmit_hash_policy').startsWith('layer2 '), bondAttr('bond2', 'xmit_hash_policy'));
		const tx = () => slaves.map((s) => Number(sys(s, 'statistics/tx_bytes')));
		const before = tx();
		const ping = spawnSync('/usr/bin/ping', ['-n', '-q', '-c', '200', '-i', '0.01', '-s', '1000', '-W', '1', '198.51.100.2'], {encoding: 'utf8', timeout: 30_000});
		assert(ping.status === 0, `ping: ${ping.stdout} ${ping.stderr}`);
		const sent = tx().map((v, i) => v - before[i]);
		const total = sent.reduce((a, b) => a + b, 0);
		const shares = sent.map((v) => v / total);
		metric('demo-facts-layer2', `tx shares over 4 slaves to one peer: ${shares.map((s) => `${(s * 100).toFixed(1)} %`).join(', ')}`);
		assert(Math.max(...shares) >= 0.9, `layer2 to one peer spread: ${shares.join(', ')}`);
		await sleep(10);
	});
}
