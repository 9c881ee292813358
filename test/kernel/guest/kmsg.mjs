// Captures what the bonding driver writes to the kernel log (/dev/kmsg, read as root) while bonds
// of every mode are built, failed over, emptied and released, for the kernel-log recogniser's
// fixtures (scripts/regenerate-kmsg-fixtures.mjs). Each case gives /tmp/kmsg/<case>.kmsg (the
// records exactly as /dev/kmsg returned them: `prio,seq,usec,flags;message` plus any
// continuation lines) and <case>.commands.txt (each ip command with the CLOCK_MONOTONIC time, in
// microseconds, just before it ran: the clock the records' usec field counts).
import {spawnSync} from 'node:child_process';
import {closeSync, mkdirSync, openSync, readFileSync, writeFileSync, constants} from 'node:fs';
import {
	bondAttr, exportDir, ip, ipLog, kmsgRecords, makeBond, note, resetNet, say, setPeer, slaveAttr, sleep, waitFor,
	waitLacp, waitSlavesUp, SWITCH_IP,
} from './lab.mjs';

const OUT = '/tmp/kmsg';
const MII = ['miimon', '100'];
const monoUs = () => Number(process.hrtime.bigint() / 1000n);

/** Every record /dev/kmsg has now, read without blocking. */
function readKmsg() {
	const fd = openSync('/dev/kmsg', constants.O_RDONLY | constants.O_NONBLOCK);
	try {
		return kmsgRecords(fd);
	} finally {
		closeSync(fd);
	}
}

const seqOf = (record) => Number(record.split(',')[1]);

// ip() with the monotonic time of each command, for the commands file.
const origPush = Array.prototype.push;
function stamp() {
	ipLog.lines = new Proxy([], {
		get(target, prop) {
			if (prop === 'push') return (...items) => origPush.apply(target, items.map((l) => `${monoUs()} ${l}`));
			return Reflect.get(target, prop);
		},
	});
}

async function failOverAndBack(bond, {primaryBack = true} = {}) {
	await waitFor(`${bond} active slave`, () => bondAttr(bond, 'active_slave'));
	const first = bondAttr(bond, 'active_slave');
	setPeer(first, 'down');
	await waitFor('failover', () => bondAttr(bond, 'active_slave') && bondAttr(bond, 'active_slave') !== first);
	await sleep(300);
	setPeer(first, 'up');
	await waitFor(`${first} back up`, () => slaveAttr(first, 'mii_status') === 'up');
	if (primaryBack) await sleep(500);
}

async function allDownAndBack(bond, slaves) {
	for (const s of slaves) setPeer(s, 'down');
	await waitFor('all slaves down', () => slaves.every((s) => slaveAttr(s, 'mii_status') === 'down'));
	await sleep(300);
	for (const s of slaves) setPeer(s, 'up');
	await waitFor('slaves up again', () => slaves.every((s) => slaveAttr(s, 'mii_status') === 'up'), {timeout: 20_000});
	await sleep(300);
}

function releaseAndDelete(bond, slave) {
	ip('link', 'set', slave, 'nomaster');
	ip('link', 'del', bond);
}

async function simpleMode(mode, extra = []) {
	makeBond('bond0', {options: ['mode', mode, ...MII, ...extra]});
	await waitSlavesUp('bond0');
	setPeer('eth0', 'down');
	await waitFor('eth0 down', () => slaveAttr('eth0', 'mii_status') === 'down');
	await sleep(200);
	setPeer('eth0', 'up');
	await waitSlavesUp('bond0');
	ip('link', 'set', 'eth1', 'down');
	await waitFor('eth1 down', () => slaveAttr('eth1', 'mii_status') === 'down');
	ip('link', 'set', 'eth1', 'up');
	await waitSlavesUp('bond0');
	await allDownAndBack('bond0', ['eth0', 'eth1']);
	releaseAndDelete('bond0', 'eth1');
}

const CASES = [
	['active-backup', 'active-backup, miimon 100, updelay/downdelay 200, primary eth0 (set after enslaving): the active slave\'s peer down and up (failover and back to the primary), eth1 taken down and up with ip, active_slave forced to eth1, both peers down and up, eth1 released, the bond deleted', async () => {
		makeBond('bond0', {options: ['mode', 'active-backup', ...MII, 'updelay', '200', 'downdelay', '200'], after: ['primary', 'eth0']});
		await waitSlavesUp('bond0');
		await failOverAndBack('bond0');
		await waitFor('back on eth0', () => bondAttr('bond0', 'active_slave') === 'eth0');
		ip('link', 'set', 'eth1', 'down');
		await waitFor('eth1 down', () => slaveAttr('eth1', 'mii_status') === 'down');
		ip('link', 'set', 'eth1', 'up');
		await waitSlavesUp('bond0');
		ip('link', 'set', 'bond0', 'type', 'bond', 'active_slave', 'eth1');
		await waitFor('eth1 active', () => bondAttr('bond0', 'active_slave') === 'eth1');
		await sleep(300);
		await allDownAndBack('bond0', ['eth0', 'eth1']);
		releaseAndDelete('bond0', 'eth1');
	}],
	['active-backup-no-delays', 'active-backup, miimon 100, no delays, no primary, three slaves: the active slave taken down with ip (failover), brought back, the new active one\'s peer down and up, all three down and up, eth2 released, the bond deleted', async () => {
		makeBond('bond0', {options: ['mode', 'active-backup', ...MII], slaves: ['eth0', 'eth1', 'eth2']});
		await waitSlavesUp('bond0');
		const first = bondAttr('bond0', 'active_slave');
		ip('link', 'set', first, 'down');
		await waitFor('failover', () => bondAttr('bond0', 'active_slave') && bondAttr('bond0', 'active_slave') !== first);
		ip('link', 'set', first, 'up');
		await waitSlavesUp('bond0');
		await failOverAndBack('bond0');
		await allDownAndBack('bond0', ['eth0', 'eth1', 'eth2']);
		releaseAndDelete('bond0', 'eth2');
	}],
	['active-backup-arp', `active-backup with ARP monitoring (arp_interval 200, arp_ip_target ${SWITCH_IP}), primary eth1, primary_reselect better: the active slave's peer down and up, eth0 released, the bond deleted`, async () => {
		makeBond('bond0', {
			options: ['mode', 'active-backup', 'arp_interval', '200', 'arp_ip_target', SWITCH_IP, 'primary_reselect', 'better'],
			after: ['primary', 'eth1'],
			addr: '192.0.2.1/24',
		});
		await waitSlavesUp('bond0', {timeout: 20_000});
		await waitFor('eth1 active', () => bondAttr('bond0', 'active_slave') === 'eth1');
		setPeer('eth1', 'down');
		await waitFor('failover', () => bondAttr('bond0', 'active_slave') === 'eth0', {timeout: 20_000});
		await sleep(300);
		setPeer('eth1', 'up');
		await waitFor('eth1 up', () => slaveAttr('eth1', 'mii_status') === 'up', {timeout: 20_000});
		await sleep(1000);
		releaseAndDelete('bond0', 'eth0');
	}],
	['active-backup-fail-over-mac', 'active-backup, fail_over_mac active, miimon 100: a failover and back, eth1 released, the bond deleted', async () => {
		makeBond('bond0', {options: ['mode', 'active-backup', 'fail_over_mac', 'active', ...MII]});
		await waitSlavesUp('bond0');
		await failOverAndBack('bond0');
		releaseAndDelete('bond0', 'eth1');
	}],
	['balance-rr', 'balance-rr, miimon 100: eth0\'s peer down and up, eth1 down and up with ip, both peers down and up, eth1 released, the bond deleted', () => simpleMode('balance-rr')],
	['balance-xor', 'balance-xor layer3+4, miimon 100: as balance-rr', () => simpleMode('balance-xor', ['xmit_hash_policy', 'layer3+4'])],
	['broadcast', 'broadcast, miimon 100: as balance-rr', () => simpleMode('broadcast')],
	['balance-tlb', 'balance-tlb, miimon 100: as balance-rr', () => simpleMode('balance-tlb')],
	['balance-alb', 'balance-alb, miimon 100: as balance-rr', () => simpleMode('balance-alb')],
	['802.3ad', '802.3ad, lacp_rate fast, miimon 100, two slaves with a real LACP partner (a second 802.3ad bond in netns peer): aggregation, eth0\'s peer down and up, both down and up, eth1 released, the bond deleted', async () => {
		makeBond('bond0', {options: ['mode', '802.3ad', 'lacp_rate', 'fast', 'xmit_hash_policy', 'layer3+4', ...MII], lacpPartner: true});
		await waitSlavesUp('bond0');
		await waitLacp('bond0', 2);
		setPeer('eth0', 'down');
		await waitFor('eth0 down', () => slaveAttr('eth0', 'mii_status') === 'down');
		await sleep(300);
		setPeer('eth0', 'up');
		await waitLacp('bond0', 2);
		await allDownAndBack('bond0', ['eth0', 'eth1']);
		await waitLacp('bond0', 2);
		releaseAndDelete('bond0', 'eth1');
	}],
	['802.3ad-no-partner', '802.3ad, lacp_rate fast, miimon 100, slaves on a plain bridge (no LACP partner): waits 5 s for the partner, then eth0\'s peer down and up, the bond deleted', async () => {
		makeBond('bond0', {options: ['mode', '802.3ad', 'lacp_rate', 'fast', ...MII]});
		await waitSlavesUp('bond0');
		await sleep(5000);
		setPeer('eth0', 'down');
		await waitFor('eth0 down', () => slaveAttr('eth0', 'mii_status') === 'down');
		setPeer('eth0', 'up');
		await waitSlavesUp('bond0');
		await sleep(2000);
		ip('link', 'del', 'bond0');
	}],
];

export async function run() {
	mkdirSync(OUT, {recursive: true});
	writeFileSync(`${OUT}/uname.txt`, spawnSync('/bb/uname', ['-a'], {encoding: 'utf8'}).stdout);
	const descriptions = {};
	let failed = 0;
	for (const [name, description, build] of CASES) {
		say(`BEGIN ${name}`);
		descriptions[name] = description;
		const before = readKmsg();
		const lastSeq = before.length ? seqOf(before[before.length - 1]) : -1;
		stamp();
		try {
			await build();
			await sleep(300);
			const records = readKmsg().filter((r) => seqOf(r) > lastSeq);
			writeFileSync(`${OUT}/${name}.kmsg`, records.map((r) => (r.endsWith('\n') ? r : `${r}\n`)).join(''));
			writeFileSync(`${OUT}/${name}.commands.txt`, `# CLOCK_MONOTONIC microseconds just before each command, then the command (in the guest, as root).\n${ipLog.lines.join('\n')}\n`);
			note(`saved ${name}: ${records.length} records, ${records.filter((r) => r.includes('bond0')).length} about bond0`);
			say(`PASS ${name}`);
		} catch (e) {
			failed++;
			note(e.stack);
			say(`FAIL ${name} ${e.message.split('\n')[0]}`);
		}
		ipLog.lines = null;
		resetNet();
		await sleep(200);
	}
	writeFileSync(`${OUT}/descriptions.json`, JSON.stringify(descriptions, null, 1));
	exportDir(OUT, 'kmsg');
	if (failed) throw new Error(`${failed} kmsg case(s) failed`);
}
