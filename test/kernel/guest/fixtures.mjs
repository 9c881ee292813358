// Builds one bond per case on the real kernel and saves what bondtop reads as a --root tree under
// /tmp/fx/<case>/, then sends /tmp/fx as a tar.gz to the host (scripts/regenerate-fixtures.mjs).
import {spawnSync} from 'node:child_process';
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {dirname} from 'node:path';
import {
	bondAttr, exportDir, ip, ipLog, makeBond, note, resetNet, say, setPeer, slaveAttr, sleep, waitFor,
	waitLacp, waitSlavesUp, SWITCH_IP, sys,
} from './lab.mjs';

const FX = '/tmp/fx';

function save(name, {nonroot = false, comment = ''} = {}) {
	const args = ['/lab/guest/collect.mjs'];
	if (nonroot) args.push('--nonroot');
	const r = spawnSync('/usr/bin/node', args, {encoding: 'utf8', maxBuffer: 64 * 1024 * 1024});
	if (r.status !== 0) throw new Error(`collect ${name}: ${r.stderr}`);
	const {uid, files, errors} = JSON.parse(r.stdout);
	const root = `${FX}/${name}`;
	for (const [rel, text] of Object.entries(files)) {
		mkdirSync(dirname(`${root}/${rel}`), {recursive: true});
		writeFileSync(`${root}/${rel}`, text);
	}
	const errLines = Object.entries(errors).map(([p, e]) => `${p}: ${e}`);
	writeFileSync(`${root}/read-errors.txt`,
		`# Files that exist on the live kernel but could not be read (uid ${uid}); not saved.\n${errLines.join('\n')}\n`);
	writeFileSync(`${root}/commands.txt`,
		`# How this case was built (in the guest, as root; peers sit in netns "sw" or "peer").\n${comment ? `# ${comment}\n` : ''}${(ipLog.lines || []).join('\n')}\n`);
	note(`saved ${name}: ${Object.keys(files).length} files, ${errLines.length} unreadable, read as uid ${uid}`);
}

const MII = ['miimon', '100'];

const CASES = [
	['balance-rr', async () => {
		makeBond('bond0', {options: ['mode', 'balance-rr', ...MII]});
		await waitSlavesUp('bond0');
	}],
	['active-backup', async () => {
		makeBond('bond0', {options: ['mode', 'active-backup', ...MII, 'updelay', '200', 'downdelay', '200']});
		await waitSlavesUp('bond0');
	}],
	['balance-xor', async () => {
		makeBond('bond0', {options: ['mode', 'balance-xor', 'xmit_hash_policy', 'layer3+4', ...MII]});
		await waitSlavesUp('bond0');
	}],
	['broadcast', async () => {
		makeBond('bond0', {options: ['mode', 'broadcast', ...MII]});
		await waitSlavesUp('bond0');
	}],
	['802.3ad', async () => {
		makeBond('bond0', {
			options: ['mode', '802.3ad', 'lacp_rate', 'fast', 'xmit_hash_policy', 'layer3+4', ...MII],
			lacpPartner: true,
		});
		await waitSlavesUp('bond0');
		await waitLacp('bond0', 2);
	}, [['802.3ad-nonroot', {nonroot: true, comment: 'Same bond as 802.3ad, read by uid 65534 (nobody): root-only lines and files are missing.'}]]],
	['balance-tlb', async () => {
		makeBond('bond0', {options: ['mode', 'balance-tlb', ...MII]});
		await waitSlavesUp('bond0');
	}],
	['balance-alb', async () => {
		makeBond('bond0', {options: ['mode', 'balance-alb', ...MII]});
		await waitSlavesUp('bond0');
	}],
	['active-backup-arp-primary', async () => {
		makeBond('bond0', {
			options: ['mode', 'active-backup', 'arp_interval', '200', 'arp_ip_target', SWITCH_IP, 'primary_reselect', 'better'],
			after: ['primary', 'eth1'],
			addr: '192.0.2.1/24',
		});
		await waitSlavesUp('bond0', {timeout: 20_000});
		await waitFor('eth1 active (primary)', () => bondAttr('bond0', 'active_slave') === 'eth1');
	}],
	['active-backup-fail-over-mac', async () => {
		makeBond('bond0', {options: ['mode', 'active-backup', 'fail_over_mac', 'active', ...MII]});
		await waitSlavesUp('bond0');
		// Fail over once so the bond's MAC follows the new active slave.
		const first = bondAttr('bond0', 'active_slave');
		setPeer(first, 'down');
		await waitFor('failover', () => bondAttr('bond0', 'active_slave') && bondAttr('bond0', 'active_slave') !== first);
		setPeer(first, 'up');
		await waitSlavesUp('bond0');
	}],
	['no-slaves', async () => {
		ip('link', 'add', 'bond0', 'type', 'bond', 'mode', 'active-backup', ...MII);
		ip('link', 'set', 'bond0', 'up');
		await sleep(300);
	}],
	['all-slaves-down', async () => {
		// Both slaves come up, then both peers go down: each slave counts one link failure.
		makeBond('bond0', {options: ['mode', 'active-backup', ...MII]});
		await waitSlavesUp('bond0');
		setPeer('eth0', 'down');
		setPeer('eth1', 'down');
		await waitFor('all slaves down', () => ['eth0', 'eth1'].every((s) => slaveAttr(s, 'mii_status') === 'down'));
		await sleep(300);
	}],
	['active-backup-delays', async () => {
		// eth0 and eth1 come up (after the 5 s updelay); eth2's peer stays down. Then eth0's peer
		// goes down (eth0: "going down" for 5 s) and eth2's comes up (eth2: "going back").
		makeBond('bond0', {
			options: ['mode', 'active-backup', ...MII, 'updelay', '5000', 'downdelay', '5000'],
			slaves: ['eth0', 'eth1', 'eth2'],
			downPeers: ['eth2'],
		});
		await waitFor('eth0 and eth1 up', () => ['eth0', 'eth1'].every((s) => slaveAttr(s, 'mii_status') === 'up'), {timeout: 20_000});
		await waitFor('an active slave', () => bondAttr('bond0', 'active_slave'));
		const active = bondAttr('bond0', 'active_slave');
		const other = active === 'eth0' ? 'eth1' : 'eth0';
		setPeer(active, 'down');
		setPeer('eth2', 'up');
		await waitFor('going down / going back', () =>
			slaveAttr(active, 'mii_status') === 'going down' && slaveAttr('eth2', 'mii_status') === 'going back');
		await sleep(200);
		note(`active ${active} going down, eth2 going back, ${other} up`);
	}],
];

export async function run() {
	mkdirSync(FX, {recursive: true});
	writeFileSync(`${FX}/uname.txt`, spawnSync('/bb/uname', ['-a'], {encoding: 'utf8'}).stdout);
	let only = [];
	try {
		only = readFileSync('/lab/cases.txt', 'utf8').trim().split(',').filter(Boolean);
	} catch {}
	let failed = 0;
	for (const [name, build, extra = []] of CASES) {
		if (only.length && !only.includes(name)) continue;
		say(`BEGIN ${name}`);
		ipLog.lines = [];
		try {
			await build();
			save(name);
			for (const [xname, opts] of extra) save(xname, opts);
			say(`PASS ${name}`);
		} catch (e) {
			failed++;
			note(e.stack);
			say(`FAIL ${name} ${e.message.split('\n')[0]}`);
		}
		ipLog.lines = null;
		resetNet();
	}
	exportDir(FX, 'fx');
	if (failed) throw new Error(`${failed} fixture case(s) failed`);
}

export {sys};
