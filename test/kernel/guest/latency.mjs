// Scenario d: time from the kernel's switch of active slave (seen by polling sysfs every 10 ms)
// to the TUI showing the new active slave as ACTIVE (polling tmux capture-pane), over 10
// failovers caused by taking the active slave's peer down. Runs in a guest of its own so the
// other guests' emulators don't share its CPU.
import {spawn} from 'node:child_process';
import {assert, bondAttr, note, now, say, scenario, setPeer, slaveAttr, sleep, waitFor} from './lab.mjs';
import {captureAsync, installFailureScreen, quit, roleOf, setupBond, showsActive, startTui, waitScreen} from './tui.mjs';

export async function run() {
	installFailureScreen();
	// events-slow-poll: with kernel events the screen follows a failover although bondtop polls only
	// every 20 s; polling alone would show it 0-20 s late (uniformly, the pauses below spread the
	// failovers over the interval), so six failovers all under 5 s would happen by luck 0.02 % of
	// the time ((5/20)^6; the six after a first one, see below). That is the check that events work.
	// Comparing medians of two emulated runs (the first check) depended on the machine's load; so
	// did a 5 s poll with a 3 s bound: under TCG one sample and frame after a failover take 0.3-1.5 s
	// (the first failover after start is the slowest: its code runs for the first time), and CI
	// once saw 3.3 s.
	const configs = [
		['default', []],
		['interval-250', ['--interval', '250']],
		['no-events', ['--no-events']],
		['events-slow-poll', ['--interval', '20000']],
	];
	const medians = {};
	for (const [label, args] of configs) {
		await scenario(`tui-latency-${label}`, async () => {
			await setupBond();
			await startTui([...args, 'bond0']);
			const interval = args[1] ? Number(args[1]) : 1000;
			const stats = await measureLatency(label === 'events-slow-poll' ? 7 : 11, interval);
			const fmt = (xs) => `median ${median(xs).toFixed(0)} ms, worst ${Math.max(...xs).toFixed(0)} ms`;
			const [cold, ...warm] = stats.screen;
			say(`METRIC tui-latency-${label} kernel->screen ${fmt(warm)}; peer down->kernel failover ${fmt(stats.failover)}; n=${warm.length} after the first`);
			note(`kernel->screen samples: ${stats.screen.map((x) => x.toFixed(0)).join(' ')}`);
			medians[label] = median(warm);
			// The first failover after start is the slowest in every scenario: its code (events, the
			// log's and the header's failover lines) runs for the first time, which costs little on real
			// hardware (here, natively: 33 ms of CPU for the first failover's frames against 19 ms for
			// the next) but a lot under TCG, which translates all that new code: 2.7-3.3 s alone in CI,
			// 3.7-5.2 s with the machine loaded, 10.8 s once with a second lab beside it, against
			// 0.6-3 s for the later ones. It is reported on its own and only has to come before the
			// 30 s cold refresh could have brought it; the bounds are on the failovers after it.
			say(`METRIC tui-latency-${label}-first kernel->screen of the first failover after start ${cold.toFixed(0)} ms`);
			assert(cold < 20_000, `the first failover reached the screen after ${cold.toFixed(0)} ms`);
			// Generous: under TCG emulation one sample + render of the full screen takes ~0.2-1.5 s.
			// What this catches is a screen that lags by whole refresh periods or never updates.
			const limit = interval + 5000;
			assert(Math.max(...warm) <= limit, `worst kernel->screen latency ${Math.max(...warm).toFixed(0)} ms (after the first failover) exceeds ${limit} ms`);
			// Issue 4: kernel events, not the timer, bring the failover to the screen.
			if (label === 'events-slow-poll') {
				assert(Math.max(...warm) < 5000, `with events and a 20 s poll, worst kernel->screen ${Math.max(...warm).toFixed(0)} ms: the screen waited for the timer`);
			}
			const code = await quit();
			assert(code === 0, `bondtop exited ${code} after q`);
		}, {timeout: 240_000});
	}
}

function median(xs) {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// A child process polls active_slave every 10 ms and prints "<monotonic ms> <value>" on change
// (as drill.mjs's poller: polling every 2 ms, as this one did, takes much of an emulated CPU from
// bondtop, whose latency is what is measured; 10 ms is small beside the 0.5-3 s measured).
function startPoller(bond) {
	const code = `
const fs = require('fs');
const p = '/sys/class/net/${bond}/bonding/active_slave';
let last = null;
setInterval(() => {
	let v;
	try { v = fs.readFileSync(p, 'utf8').trim(); } catch { v = '?'; }
	if (v !== last) { last = v; process.stdout.write(Number(process.hrtime.bigint() / 1000n) / 1000 + ' ' + v + '\\n'); }
}, 10);`;
	const child = spawn('/usr/bin/node', ['-e', code], {stdio: ['ignore', 'pipe', 'inherit']});
	const changes = [];
	let buf = '';
	child.stdout.on('data', (d) => {
		buf += d;
		let i;
		while ((i = buf.indexOf('\n')) >= 0) {
			const [t, v] = buf.slice(0, i).split(' ');
			buf = buf.slice(i + 1);
			changes.push({t: Number(t), v: v || ''});
		}
	});
	return {changes, stop: () => child.kill('SIGKILL')};
}

// A fixed-seed generator, so the run is repeatable.
function lcg(seed) {
	let x = seed >>> 0;
	return () => {
		x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
		return x / 2 ** 32;
	};
}

// Each failover is preceded by a pause spread evenly over one refresh interval, so the kernel's
// switch does not always land just after one of bondtop's samples.
export async function measureLatency(n, intervalMs = 1000) {
	const random = lcg(12345);
	const poller = startPoller('bond0');
	const out = {screen: [], failover: []};
	try {
		await waitFor('poller started', () => poller.changes.length > 0, {timeout: 10_000});
		for (let i = 0; i < n; i++) {
			const a = bondAttr('bond0', 'active_slave');
			const b = a === 'eth0' ? 'eth1' : 'eth0';
			await waitScreen(`${a} ACTIVE, ${b} BACKUP before failover ${i + 1}`,
				(s) => showsActive(s, 'bond0', a) && roleOf(s, b) === 'BACKUP');
			await sleep(Math.floor(((i + random()) / n) * intervalMs) % intervalMs);
			const seen = poller.changes.length;
			const tDown = now();
			setPeer(a, 'down');
			const change = await waitFor(`kernel failover ${i + 1}`, () => poller.changes.slice(seen).find((c) => c.v === b), {timeout: 10_000, every: 5});
			// Poll the screen about every 50 ms (one capture-pane costs ~100 ms of emulated CPU;
			// polling flat out would starve bondtop of the second vCPU).
			let tScreen = null;
			const t0 = now();
			while (now() - t0 < 15_000) {
				const s = await captureAsync();
				if (showsActive(s, 'bond0', b)) {
					tScreen = now();
					break;
				}
				await sleep(50);
			}
			if (tScreen === null) throw new Error(`failover ${i + 1}: screen never showed ${b} ACTIVE; screen:\n${await captureAsync()}`);
			out.failover.push(change.t - tDown);
			out.screen.push(tScreen - change.t);
			note(`failover ${i + 1}: ${a} -> ${b}: kernel after ${(change.t - tDown).toFixed(0)} ms, screen after +${(tScreen - change.t).toFixed(0)} ms`);
			setPeer(a, 'up');
			await waitFor(`${a} MII up again`, () => slaveAttr(a, 'mii_status') === 'up', {timeout: 10_000});
		}
	} finally {
		poller.stop();
	}
	return out;
}
