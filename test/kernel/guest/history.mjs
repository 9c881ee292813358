// Remember and report, against the real driver: a failover made before bondtop starts is in its
// event log (TUI and --json) with the kernel's time, within a second of the `ip` that caused it;
// --log records a drill; `bondtop export` run before and after a failover counts it.
import {mkdirSync, readFileSync} from 'node:fs';
import {
	assert, bondAttr, exec, makeBond, note, say, scenario, setPeer, sleep, waitFor, waitSlavesUp,
} from './lab.mjs';
import {capture, installFailureScreen, quit, startTui, waitScreen} from './tui.mjs';

async function bondUp() {
	makeBond('bond0', {options: ['mode', 'active-backup', 'miimon', '100'], addr: '192.0.2.1/24'});
	await waitSlavesUp('bond0');
	await waitFor('an active slave', () => bondAttr('bond0', 'active_slave'));
	return bondAttr('bond0', 'active_slave');
}

/** Takes the active slave's peer down; returns {from, to, ipAtMs} (wall time just before the ip command). */
async function failOver() {
	const from = bondAttr('bond0', 'active_slave');
	const ipAtMs = Date.now();
	setPeer(from, 'down');
	const to = await waitFor('failover', () => {
		const a = bondAttr('bond0', 'active_slave');
		return a && a !== from ? a : null;
	});
	note(`failover ${from} -> ${to}, ip at ${new Date(ipAtMs).toISOString()}, seen ${Date.now() - ipAtMs} ms later`);
	return {from, to, ipAtMs};
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
		const {from, to, ipAtMs} = await failOver();
		await sleep(300);
		const r = exec('bondtop', ['--json', 'bond0'], {timeout: 60_000});
		const json = JSON.parse(r.stdout);
		assert(json.kernelLog && json.kernelLog.source === 'kmsg', `kernel log read from /dev/kmsg: ${JSON.stringify(json.kernelLog)}`);
		const failover = json.events.find((e) => e.kind === 'active-slave' && e.origin === 'kernel-log' && e.from === from && e.to === to);
		assert(failover, `--json events have the kernel's failover ${from} -> ${to}: ${JSON.stringify(json.events.map((e) => e.message))}`);
		const late = Date.parse(failover.at) - ipAtMs;
		say(`METRIC history-kernel-time-after-ip-json ${late} ms`);
		assert(late >= 0 && late < 1000, `the kernel's time is ${late} ms after the ip command (expected 0-1000)`);
		const summary = json.failovers.find((f) => f.bond === 'bond0');
		assert(summary && summary.failovers === 1 && summary.lastFailover.from === from && summary.lastFailover.to === to && summary.countedSince === 'boot',
			`failover summary: ${JSON.stringify(summary)}`);

		await startTui(['bond0']);
		const line = await waitScreen('the kernel log\'s failover in the event log', (s) =>
			s.split('\n').find((l) => l.includes(`kernel: bond0 active slave ${from} -> ${to}`)), {timeout: 30_000});
		const at = clockToMs(line.trim().split(/\s+/)[0]);
		const lateTui = at - ipAtMs;
		say(`METRIC history-kernel-time-after-ip-tui ${lateTui} ms`);
		assert(lateTui >= 0 && lateTui < 1000, `event log time ${line.trim().split(/\s+/)[0]} is ${lateTui} ms after the ip command: ${line}`);
		const header = capture().split('\n').find((l) => l.includes('last failover'));
		assert(header && header.includes(`last failover ${from} -> ${to}`) && header.includes('1 failover since boot'), `header line: ${header}`);
		assert((await quit()) === 0, 'bondtop exits 0');
	});

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
		const {ipAtMs} = await failOver();
		exportOnce();
		assert(metric('bondtop_active_slave_changes_total') === 1, `after the failover: 1, got ${metric('bondtop_active_slave_changes_total')}`);
		const last = metric('bondtop_last_failover_timestamp_seconds') * 1000;
		const late = last - ipAtMs;
		say(`METRIC history-export-last-failover-after-ip ${Math.round(late)} ms`);
		assert(late >= 0 && late < 1000, `last failover time ${late} ms after the ip command (the kernel log's time)`);
		exportOnce();
		assert(metric('bondtop_active_slave_changes_total') === 1, 'a run without a failover counts nothing');
	});
}
