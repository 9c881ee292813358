// Remember and report, against the real driver: a failover made before bondtop starts is in its
// event log (TUI and --json) with the kernel's time, within a second of the `ip` that caused it;
// --log records a drill; `bondtop export` run before and after a failover counts it.
import {mkdirSync, readFileSync} from 'node:fs';
import {
	assert, bondAttr, exec, makeBond, note, say, scenario, setPeer, slaveAttr, sleep, waitFor, waitSlavesUp,
} from './lab.mjs';
import {capture, installFailureScreen, quit, startTui, waitScreen} from './tui.mjs';

async function bondUp() {
	makeBond('bond0', {options: ['mode', 'active-backup', 'miimon', '100'], addr: '192.0.2.1/24'});
	await waitSlavesUp('bond0');
	await waitFor('an active slave', () => bondAttr('bond0', 'active_slave'));
	return bondAttr('bond0', 'active_slave');
}

/**
 * Takes the active slave's peer down; returns {from, to, ipAtMs, ipDoneMs}: wall times just before
 * the ip command started and after it exited (under TCG starting ip alone takes a few hundred ms;
 * its netlink request, the link going down, is at its end).
 */
async function failOver() {
	const from = bondAttr('bond0', 'active_slave');
	const ipAtMs = Date.now();
	setPeer(from, 'down');
	const ipDoneMs = Date.now();
	const to = await waitFor('failover', () => {
		const a = bondAttr('bond0', 'active_slave');
		return a && a !== from ? a : null;
	});
	note(`failover ${from} -> ${to}, ip from ${new Date(ipAtMs).toISOString()} to +${ipDoneMs - ipAtMs} ms, seen in sysfs ${Date.now() - ipAtMs} ms after its start`);
	return {from, to, ipAtMs, ipDoneMs};
}

/** The kernel's time of a failover against the ip that caused it: after ip started, within 1 s of its end. */
function checkKernelTime(what, atMs, ip) {
	const afterStart = Math.round(atMs - ip.ipAtMs);
	const afterEnd = Math.round(atMs - ip.ipDoneMs);
	say(`METRIC history-${what} kernel time ${afterStart} ms after ip started, ${afterEnd} ms after it exited`);
	assert(afterStart >= 0 && afterEnd < 1000, `${what}: the kernel's time is ${afterStart} ms after ip started and ${afterEnd} ms after it exited (expected after the start, within 1000 ms of the end)`);
}

/** hh:mm:ss.mmm (UTC, the guest's time zone) to epoch ms of today. */
function clockToMs(text) {
	const [h, m, s] = text.split(':');
	const d = new Date();
	return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), Number(h), Number(m), 0) + Number(s) * 1000;
}

export async function run() {
	installFailureScreen();
	await scenario('history-failover-before-start', async () => {
		await bondUp();
		// How big the kernel log is, and how long reading it takes here (diagnostics).
		const probe = exec('/usr/bin/node', ['-e', `
			const fs = require('fs'); const t0 = Date.now(); let n = 0, bytes = 0, errs = {};
			const fd = fs.openSync('/dev/kmsg', fs.constants.O_RDONLY | fs.constants.O_NONBLOCK); const b = Buffer.alloc(16384);
			for (let i = 0; i < 200000; i++) { try { const k = fs.readSync(fd, b, 0, b.length, null); if (k <= 0) break; n++; bytes += k; } catch (e) { errs[e.code] = (errs[e.code] || 0) + 1; if (e.code !== 'EPIPE') break; } }
			console.log(JSON.stringify({records: n, bytes, errs, ms: Date.now() - t0}));`], {timeout: 60_000});
		note(`kmsg read by a bare node: ${probe.stdout.trim()}`);
		const first = await failOver();
		const {from, to} = first;
		await sleep(300);
		for (const args of [['--version'], ['--json', '--demo'], ['--once', 'bond0']]) {
			const t = Date.now();
			exec('bondtop', args, {timeout: 60_000});
			note(`bondtop ${args.join(' ')} took ${Date.now() - t} ms`);
		}
		const t0 = Date.now();
		const r = exec('bondtop', ['--json', 'bond0'], {timeout: 60_000});
		note(`bondtop --json took ${Date.now() - t0} ms; kernelLog ${JSON.stringify(JSON.parse(r.stdout).kernelLog)}`);
		const json = JSON.parse(r.stdout);
		assert(json.kernelLog && json.kernelLog.source === 'kmsg', `kernel log read from /dev/kmsg: ${JSON.stringify(json.kernelLog)}`);
		const failover = json.events.find((e) => e.kind === 'active-slave' && e.origin === 'kernel-log' && e.from === from && e.to === to);
		assert(failover, `--json events have the kernel's failover ${from} -> ${to}: ${JSON.stringify(json.events.map((e) => e.message))}`);
		checkKernelTime('json', Date.parse(failover.at), first);
		const summary = json.failovers.find((f) => f.bond === 'bond0');
		assert(summary && summary.failovers === 1 && summary.lastFailover.from === from && summary.lastFailover.to === to && summary.countedSince === 'boot',
			`failover summary: ${JSON.stringify(summary)}`);

		const t1 = Date.now();
		await startTui(['bond0']);
		const line = await waitScreen('the kernel log\'s failover in the event log', (s) =>
			s.split('\n').find((l) => l.includes(`kernel: bond0 active slave ${from} -> ${to}`)), {timeout: 60_000});
		note(`TUI start to the kernel's history on screen: ${Date.now() - t1} ms`);
		checkKernelTime('tui', clockToMs(line.trim().split(/\s+/)[0]), first);
		const header = capture().split('\n').find((l) => l.includes('last failover'));
		assert(header && header.includes(`last failover ${from} -> ${to}`) && header.includes('1 failover since boot'), `header line: ${header}`);
		// A failover while it runs: seen, and the kernel's own record of it read after the change.
		setPeer(from, 'up');
		await waitFor(`${from} back up`, () => slaveAttr(from, 'mii_status') === 'up');
		const again = await failOver();
		const kernelLine = await waitScreen('the kernel\'s record of a failover while running', (s) =>
			s.split('\n').find((l) => l.includes(`kernel: bond0 active slave ${again.from} -> ${again.to}`)), {timeout: 30_000});
		checkKernelTime('tui-running', clockToMs(kernelLine.trim().split(/\s+/)[0]), again);
		await waitScreen('2 failovers in the header', (s) => s.includes('2 failovers since boot'), {timeout: 15_000});
		assert((await quit()) === 0, 'bondtop exits 0');
	}, {timeout: 240_000});

	await scenario('history-log-records-a-drill', async () => {
		const active = await bondUp();
		const r = exec('bondtop', ['drill', active, '--for', '2', '--target', '192.0.2.254', '--json', '--log', '/tmp/events.ndjson', '--report', '/tmp/drill.md', '--state-dir', '/tmp/state-drill'], {timeout: 90_000});
		const result = JSON.parse(r.stdout);
		const lines = readFileSync('/tmp/events.ndjson', 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
		const drill = lines.find((l) => l.kind === 'drill');
		assert(drill && drill.detail && drill.detail.failoverMs === result.failoverMs && drill.interface === active, `--log has the drill: ${JSON.stringify(lines)}`);
		const report = readFileSync('/tmp/drill.md', 'utf8');
		assert(report.includes('**Verdict: PASS**') && report.includes(`| failover time | ${result.failoverMs} ms |`), `report:\n${report}`);
		const state = JSON.parse(readFileSync('/tmp/state-drill/state.json', 'utf8'));
		assert(state.drills[0].slave === active && state.drills[0].probesSent === result.probes.sent, `state: ${JSON.stringify(state)}`);
		note(`drill ${active}: failover ${result.failoverMs} ms, probes ${result.probes.lost}/${result.probes.sent} lost`);
	});

	await scenario('history-export-counts-a-failover', async () => {
		await bondUp();
		mkdirSync('/tmp/textfile', {recursive: true});
		const metric = (name) => {
			const text = readFileSync('/tmp/textfile/bondtop.prom', 'utf8');
			const m = new RegExp(`^${name}\\{master="bond0"\\} (\\S+)$`, 'm').exec(text);
			return m ? Number(m[1]) : null;
		};
		const exportOnce = () => exec('bondtop', ['export', '--textfile', '/tmp/textfile', '--state-dir', '/tmp/state-export'], {timeout: 60_000});
		exportOnce();
		assert(metric('bondtop_active_slave_changes_total') === 0, `first run: 0 changes, got ${metric('bondtop_active_slave_changes_total')}`);
		const ip = await failOver();
		exportOnce();
		assert(metric('bondtop_active_slave_changes_total') === 1, `after the failover: 1, got ${metric('bondtop_active_slave_changes_total')}`);
		checkKernelTime('export', metric('bondtop_last_failover_timestamp_seconds') * 1000, ip);
		exportOnce();
		assert(metric('bondtop_active_slave_changes_total') === 1, 'a run without a failover counts nothing');
	}, {timeout: 180_000});
}
