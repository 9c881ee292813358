#!/usr/bin/env node
// Kernel-to-screen latency of link changes on this host, events on vs --no-events (root; makes a
// veth pair vt0/vt1 and removes it): the TUI runs in tmux at the default interval, `ip link set vt1
// down|up` is timed until the vt1 panel shows it. `node scripts/bench-events.mjs`
import {execFileSync} from 'node:child_process';
const sh = (c, a) => execFileSync(c, a, {encoding: 'utf8'});
function measure(extra) {
	sh('tmux', ['new-session', '-d', '-s', 'evl', '-x', '160', '-y', '60', `exec ${process.cwd()}/dist/bondtop.js ${extra}`]);
	execFileSync('sleep', ['2.5']);
	const results = [];
	for (let i = 0; i < 10; i++) {
		const down = i % 2 === 0;
		const shows = () => {
			const line = sh('tmux', ['capture-pane', '-p', '-t', 'evl']).split('\n').find((l) => /^[> ] vt1 /.test(l)) ?? '';
			return line.includes('(admin down)') === down;
		};
		const t0 = performance.now();
		sh('ip', ['link', 'set', 'vt1', down ? 'down' : 'up']);
		while (true) {
			if (shows()) break;
			if (performance.now() - t0 > 5000) break;
		}
		results.push(performance.now() - t0);
		execFileSync('sleep', [String(0.3 + Math.random() * 0.7)]);
	}
	sh('tmux', ['send-keys', '-t', 'evl', 'q']);
	execFileSync('sleep', ['0.5']);
	try { sh('tmux', ['kill-session', '-t', 'evl']); } catch {}
	results.sort((a, b) => a - b);
	return `median ${results[5].toFixed(0)} ms, worst ${results[9].toFixed(0)} ms`;
}
sh('ip', ['link', 'add', 'vt0', 'type', 'veth', 'peer', 'name', 'vt1']);
sh('ip', ['link', 'set', 'vt0', 'up']); sh('ip', ['link', 'set', 'vt1', 'up']);
try {
	console.log('events on :', measure(''));
	console.log('events off:', measure('--no-events'));
} finally { sh('ip', ['link', 'del', 'vt0']); }
