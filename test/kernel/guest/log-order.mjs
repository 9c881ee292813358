// The event log and the header after `d` on the active slave of an active-backup bond with
// miimon 100 and up/down delay 200 (the origin story's bond), in the real TUI against the real
// driver: the failover's lines cause first, with the driver's real intermediate state (going down,
// from its own kernel log and from what bondtop read), and the header naming the last failover
// with how long it took. Run from tui.mjs (same guest, no extra boot).
import {readFileSync, writeFileSync} from 'node:fs';
import {assert, bondAttr, exec, makeBond, note, onFailure, say, scenario, sleep, waitFor, waitSlavesUp} from './lab.mjs';
import {capture, key, pressDown, select, startTui, waitScreen, quit, showsActive} from './tui.mjs';

const TIME = /^(\d\d:\d\d:\d\d\.\d{3}) (.*)$/;

/** The event rows on screen, oldest first, with PgUp pages stitched on until `enough` holds (or 4 pages). */
async function eventRows(enough) {
	let rows = parse(capture());
	for (let page = 0; page < 4 && !enough(rows); page++) {
		await key('PPage');
		await sleep(400);
		const older = parse(capture());
		// Stitch: the older page ends where the newer one began (or overlaps it).
		const overlap = older.findIndex((r) => r.line === rows[0]?.line);
		rows = [...(overlap >= 0 ? older.slice(0, overlap) : older), ...rows];
	}
	await key('Escape');
	return rows;
}

function parse(screen) {
	const lines = screen.split('\n');
	const title = lines.findIndex((l) => l.startsWith('Events'));
	const rows = [];
	for (const line of lines.slice(title + 1)) {
		const m = TIME.exec(line);
		if (m) rows.push({line, at: m[1], text: m[2]});
	}
	return rows;
}

/** The kernel log's messages after the line `marker` was written to it (dmesg, as root). */
function kernelMessagesSince(marker) {
	const messages = exec('dmesg', []).stdout.split('\n').map((l) => l.replace(/^\[\s*\d+\.\d+\] /, ''));
	return messages.slice(messages.lastIndexOf(marker) + 1);
}

/** Every event bondtop logged (`--log`), in the order it logged them: what the screen was built from. */
const logFile = '/tmp/log-order.ndjson';
function dumpLog() {
	try {
		const lines = readFileSync(logFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
		note(`--log (in the order logged):\n${lines.map((e) => `  ${e.at.slice(11, 23)} ${e.origin ? 'K' : ' '} ${e.message}`).join('\n')}`);
	} catch (error) {
		note(`--log: ${error.message}`);
	}
}

export async function logOrderScenarios() {
	onFailure(dumpLog);
	await scenario('tui-log-order-and-last-failover', async () => {
		makeBond('bond0', {options: ['mode', 'active-backup', 'miimon', '100', 'updelay', '200', 'downdelay', '200']});
		await waitSlavesUp('bond0');
		const a = await waitFor('an active slave', () => bondAttr('bond0', 'active_slave'));
		const b = a === 'eth0' ? 'eth1' : 'eth0';
		const marker = `bondtop-lab: log-order ${Date.now()}`;
		writeFileSync('/dev/kmsg', `${marker}\n`);
		await startTui(['--log', logFile, 'bond0']);
		await waitScreen(`${a} as ACTIVE`, (s) => showsActive(s, 'bond0', a));
		await select(a);
		await pressDown(a);
		await waitFor(`kernel fails over ${a} -> ${b}`, () => bondAttr('bond0', 'active_slave') === b, {timeout: 10_000, every: 5});
		// bondtop's own failover line (marked) and the kernel's record of it, read after the change.
		await waitScreen('the failover in the log', (s) => s.includes(`⇄ bond0 active slave ${a} -> ${b}`) && s.includes(`⇄ kernel: bond0 active slave ${a} -> ${b}`), {timeout: 20_000});
		const find = (rows, what, re) => {
			const i = rows.findIndex((r) => re.test(r.text));
			assert(i >= 0, `no "${what}" in the event log:\n${rows.map((r) => r.line).join('\n')}`);
			return i;
		};
		const rows = await eventRows((r) => r.some((x) => x.text === `bondtop: ip link set ${a} down`));
		note(`event log:\n${rows.map((r) => `  ${r.line}`).join('\n')}`);
		const action = find(rows, 'the action', new RegExp(`^bondtop: ip link set ${a} down$`));
		const block = rows.slice(action);
		const i = (what, re) => find(block, what, re);
		// What bondtop saw, cause first.
		const seen = [
			i('admin down', new RegExp(`^${a} admin down$`)),
			i(`${a}'s MII down`, new RegExp(`^bond0 ${a} MII (up|going down) -> down$`)),
			i('the link failure count', new RegExp(`^bond0 ${a} link failure count \\d+ -> \\d+$`)),
			i('the failover, marked', new RegExp(`^⇄ bond0 active slave ${a} -> ${b}$`)),
		];
		assert(seen.every((x, k) => k === 0 || x > seen[k - 1]), `bondtop's lines out of cause-first order: ${seen.join(' ')}`);
		// The kernel's own record, in its order, with the driver's intermediate state.
		const kernel = [
			i('the driver going down', new RegExp(`^kernel: bond0 ${a} link down, disabling it in 200 ms$`)),
			i('the driver definitely down', new RegExp(`^kernel: bond0 ${a} link definitely down$`)),
			i("the driver's failover, marked", new RegExp(`^⇄ kernel: bond0 active slave ${a} -> ${b} \\((\\d+) ms after the driver saw ${a}'s link go down\\)$`)),
		];
		assert(kernel.every((x, k) => k === 0 || x > kernel[k - 1]), `the kernel's lines out of order: ${kernel.join(' ')}`);
		// The driver may write its going-down line more than once (its MII monitor retries when it
		// cannot take the RTNL lock, which the ip of d holds): one change, shown once, on screen and
		// in --log.
		const written = kernelMessagesSince(marker).filter((m) => m === `bond0: (slave ${a}): link status down for active interface, disabling it in 200 ms`).length;
		const goingDown = `kernel: bond0 ${a} link down, disabling it in 200 ms`;
		const onScreen = block.filter((r) => r.text === goingDown).length;
		const logged = readFileSync(logFile, 'utf8').trim().split('\n').filter((l) => JSON.parse(l).message === goingDown).length;
		say(`METRIC log-order-driver-going-down ${written} line(s) written by the driver, ${onScreen} on screen, ${logged} in --log`);
		assert(written >= 1 && onScreen === 1 && logged === 1, `the driver's going down: ${written} written, ${onScreen} on screen, ${logged} in --log (want each change once)`);
		// The admin down is stamped with the kernel's link notification: before the driver noticed it
		// at its next MII poll (measured, not asserted: the notification's time is ip's, which under
		// emulation may wake late).
		const adminFirst = seen[0] < kernel[0];
		say(`METRIC log-order-admin-before-driver ${adminFirst ? 1 : 0} (the admin down logged before the driver's going down)`);
		const took = Number(/\((\d+) ms after/.exec(block[kernel[2]].text)[1]);
		say(`METRIC log-order-kernel-failover ${took} ms from the driver's going down to its failover (downdelay 200, miimon 100)`);
		assert(took >= 150 && took <= 600, `the driver's failover ${took} ms after going down (downdelay 200 with miimon 100: 200-300 expected)`);
		// bondtop's own view of the intermediate state: read from /proc while it lasted, or (when its
		// samples missed the 200 ms) the transition it saw, never an invented one.
		const sawGoingDown = block.some((r) => r.text === `bond0 ${a} MII up -> going down`);
		const seenDown = block[seen[1]].text;
		assert(sawGoingDown === seenDown.includes('going down -> down'), `seen MII lines disagree: going down seen ${sawGoingDown}, then "${seenDown}"`);
		say(`METRIC log-order-seen-going-down ${sawGoingDown ? 1 : 0} (bondtop's own samples caught the going down state)`);
		// The header: the last failover, from -> to, when and how long.
		const header = await waitScreen('the last failover in the header', (s) => s.split('\n').find((l) => l.includes(`failover ${a} -> ${b} `)), {timeout: 10_000});
		note(`header: ${header.trim()}`);
		assert(/failover \S+ -> \S+ \d\d:\d\d:\d\d\.\d{3} \((\d+ (s|min) ago, )?\d+ ms/.test(header), `the header does not say when and how long: ${header}`);
		await key('u');
		await waitSlavesUp('bond0', {timeout: 15_000});
		assert((await quit()) === 0, 'bondtop exits 0');
	}, {timeout: 180_000});
}
