// Guest `record` (only when named; not part of the test run): the README's animation. bondtop's
// TUI at 100x30 in tmux against the real bonding driver, ping traffic of changing size on the bond,
// recorded as an asciicast (tmux pipe-pane into cast-recorder.mjs). After a warm-up (so the charts
// have history), `d` on the active slave, the failover, j to the newly active slave's chart, k, `u`,
// and the screen after. The recording
// and the moments of the keys go to the host (scripts/record-failover.mjs trims and renders them).
import {execFile, spawn} from 'node:child_process';
import {mkdirSync, rmSync, writeFileSync} from 'node:fs';
import {gzipSync} from 'node:zlib';
import {castRecorder} from './cast-recorder.mjs';
import {assert, bondAttr, exec, exportFile, ip, makeBond, note, now, onCleanup, say, scenario, sleep, SWITCH_IP, sys, waitFor, waitSlavesUp} from './lab.mjs';

const COLS = 100;
const ROWS = 30;
const WARM_UP_MS = 70_000;
const tmux = (...args) => exec('/usr/bin/tmux', ['-L', 'rec', '-f', '/dev/null', ...args], {allowFail: true});
// Asynchronous, so the recorder's reads are timestamped while a capture runs (~100 ms under TCG).
const screen = () =>
	new Promise((resolve) => execFile('/usr/bin/tmux', ['-L', 'rec', 'capture-pane', '-p', '-t', 'rec'], {encoding: 'utf8'}, (error, stdout) => resolve(error ? '' : stdout)));

async function waitScreen(what, pred, timeout = 20_000) {
	const t0 = now();
	let last = '';
	while (now() - t0 < timeout) {
		last = await screen();
		if (pred(last)) return last;
		await sleep(100);
	}
	throw new Error(`screen never showed ${what} within ${timeout} ms; screen was:\n${last}`);
}

const selectedName = (s) => s.split('\n').find((l) => l.startsWith('>'))?.slice(1).trim().split(/\s+/)[0] ?? null;

/** Pings of changing size (20 a second, 400 to 6000 bytes) to the switch, so the charts move. */
function startTraffic() {
	let stopped = false;
	let child = null;
	const sizes = [1400, 3000, 6000, 4000, 2000, 800, 400, 2500, 5000, 1000];
	const loop = async () => {
		for (let i = 0; !stopped; i++) {
			child = spawn('/usr/bin/ping', ['-q', '-i', '0.05', '-w', '4', '-s', String(sizes[i % sizes.length]), SWITCH_IP], {stdio: 'ignore'});
			await new Promise((resolve) => child.on('exit', resolve));
		}
	};
	void loop();
	return () => {
		stopped = true;
		child?.kill();
	};
}

/** j or k (one press at a time, each waited for) until `name` is selected. */
async function selectSlave(name) {
	for (let i = 0; i < 6; i++) {
		const before = selectedName(await screen());
		if (before === name) return;
		tmux('send-keys', '-t', 'rec', before === 'eth1' && name === 'eth0' ? 'k' : 'j');
		await waitScreen('the selection move', (s) => selectedName(s) !== before, 5000);
	}
	throw new Error(`could not select ${name}:\n${await screen()}`);
}

/** The bond as /etc/network/interfaces says, so the verdict is not `running-not-configured` (verdicts.mjs does the same). */
function configure() {
	mkdirSync('/etc/network', {recursive: true});
	const lines = ['bond-slaves eth0 eth1', 'bond-mode active-backup', 'bond-miimon 100', 'bond-updelay 200', 'bond-downdelay 200'];
	writeFileSync('/etc/network/interfaces', ['auto bond0', 'iface bond0 inet manual', ...lines.map((l) => `    ${l}`), ''].join('\n'));
}

export async function run() {
	await scenario('record-failover', async () => {
		configure();
		onCleanup(() => rmSync('/etc/network/interfaces', {force: true}));
		makeBond('bond0', {options: ['mode', 'active-backup', 'miimon', '100', 'updelay', '200', 'downdelay', '200'], addr: '192.0.2.1/24'});
		await waitSlavesUp('bond0');
		const first = bondAttr('bond0', 'active_slave');
		const other = first === 'eth0' ? 'eth1' : 'eth0';
		const stopTraffic = startTraffic();
		onCleanup(stopTraffic);

		const rec = castRecorder('/tmp/rec.fifo');
		exec('/bb/mkfifo', ['/tmp/rec-go']);
		const command = `read go < /tmp/rec-go; exec env TERM=xterm-256color LANG=C.UTF-8 bondtop --interval 500`;
		const started = tmux('start-server', ';', 'set-option', '-g', 'status', 'off', ';', 'set-option', '-g', 'remain-on-exit', 'on', ';',
			'new-session', '-d', '-s', 'rec', '-x', String(COLS), '-y', String(ROWS), command);
		assert(started.status === 0, `tmux new-session: ${started.stderr}`);
		onCleanup(() => tmux('kill-server'));
		assert(tmux('pipe-pane', '-t', 'rec', '-o', 'exec cat > /tmp/rec.fifo').status === 0, 'tmux pipe-pane');
		await sleep(300);
		writeFileSync('/tmp/rec-go', 'go\n');
		await waitScreen('the bond header', (s) => s.includes(`active slave: ${first}`), 90_000);
		await selectSlave(first);
		note(`warming up for ${WARM_UP_MS} ms with ${first} active`);
		await sleep(WARM_UP_MS);

		rec.mark('down');
		const tDown = now();
		tmux('send-keys', '-t', 'rec', 'd');
		await waitFor(`${other} active`, () => bondAttr('bond0', 'active_slave') === other, {timeout: 10_000});
		const kernelMs = now() - tDown;
		await waitScreen(`active slave: ${other}`, (s) => s.includes(`active slave: ${other}`));
		const screenMs = now() - tDown;
		say(`METRIC record-failover-kernel-ms ${Math.round(kernelMs)}`);
		say(`METRIC record-failover-screen-ms ${Math.round(screenMs)}`);
		// The newly active slave's own chart: flat until the failover, then the traffic.
		await sleep(3000);
		await selectSlave(other);
		await sleep(6000);
		await selectSlave(first);
		await sleep(1000);

		rec.mark('up');
		tmux('send-keys', '-t', 'rec', 'u');
		await waitScreen(`${first} back as BACKUP`, (s) => new RegExp(`^[> ]\\s*${first}\\s+BACKUP`, 'm').test(s), 20_000);
		await sleep(7000);
		const last = await screen();
		note(`last screen:\n${last}`);
		rec.mark('end');
		tmux('pipe-pane', '-t', 'rec');
		const recorded = await rec.finish();
		tmux('send-keys', '-t', 'rec', 'q');
		stopTraffic();
		const bytes = recorded.events.reduce((n, [, text]) => n + Buffer.byteLength(text), 0);
		say(`METRIC record-cast-events ${recorded.events.length}`);
		say(`METRIC record-cast-bytes ${bytes}`);
		assert(recorded.events.length > 50, `only ${recorded.events.length} events recorded`);
		const uname = exec('/bb/uname', ['-r']).stdout.trim();
		writeFileSync('/tmp/record.json.gz', gzipSync(JSON.stringify({width: COLS, height: ROWS, kernel: uname, first, other, ...recorded})));
		exportFile('/tmp/record.json.gz');
	}, {timeout: 300_000});

	// Percent of link speed against the real driver. A veth reports 10000 Mb/s, also while it is
	// admin down (its ethtool answer; the bonding file agrees), so its chart stays in percent;
	// interfaces with no speed at all (lo, a dummy) keep the rate scale and say so.
	await scenario('record-percent', async () => {
		configure();
		onCleanup(() => rmSync('/etc/network/interfaces', {force: true}));
		makeBond('bond0', {options: ['mode', 'active-backup', 'miimon', '100'], addr: '192.0.2.1/24'});
		ip('link', 'add', 'dummy0', 'type', 'dummy');
		ip('link', 'set', 'dummy0', 'up');
		await waitSlavesUp('bond0');
		const active = bondAttr('bond0', 'active_slave');
		const backup = active === 'eth0' ? 'eth1' : 'eth0';
		const started = tmux('start-server', ';', 'set-option', '-g', 'status', 'off', ';',
			'new-session', '-d', '-s', 'rec', '-x', String(COLS), '-y', String(ROWS), 'exec env TERM=xterm-256color LANG=C.UTF-8 bondtop --percent');
		assert(started.status === 0, `tmux new-session: ${started.stderr}`);
		onCleanup(() => tmux('kill-server'));
		const labels = (s) => [...s.matchAll(/┤(% of \S+|\S+, no speed)$/gm)].map((m) => m[1]);
		let s = await waitScreen('percent labels', (x) => x.includes(`active slave: ${active}`) && labels(x).length >= 2, 90_000);
		note(`--percent: ${labels(s).join(' | ')}`);
		assert(labels(s).every((l) => l === '% of 10Gb/s'), `every chart in % of the veths' 10 Gb/s: ${labels(s).join(', ')}\n${s}`);
		await selectSlave(backup);
		tmux('send-keys', '-t', 'rec', 'd');
		s = await waitScreen(`${backup} down`, (x) => new RegExp(`^[> ]\\s*${backup}\\s+DOWN`, 'm').test(x), 20_000);
		await sleep(1500);
		s = await screen();
		note(`${backup} down: ${labels(s).join(' | ')}; ${/Speed:\S+/.exec(s)?.[0]} (sysfs speed: ${sys(backup, 'speed')})`);
		assert(labels(s).every((l) => l === '% of 10Gb/s'), `a down veth still has the speed its driver gives: ${labels(s).join(', ')}\n${s}`);
		tmux('send-keys', '-t', 'rec', 'u');
		await waitScreen(`${backup} back`, (x) => new RegExp(`^[> ]\\s*${backup}\\s+BACKUP`, 'm').test(x), 20_000);
		// The other interfaces (o), the last one selected (End): no speed, so the rate scale, said.
		tmux('send-keys', '-t', 'rec', 'o');
		await sleep(1000);
		tmux('send-keys', '-t', 'rec', 'End');
		s = await waitScreen('an interface without speed', (x) => ['lo', 'dummy0'].includes(selectedName(x)) && labels(x).some((l) => l.endsWith(', no speed')), 20_000);
		note(`${selectedName(s)} selected: ${labels(s).join(' | ')}; sysfs speed ${sys(selectedName(s), 'speed')}`);
		assert(labels(s).filter((l) => l.endsWith(', no speed')).length === 2, `RX and TX of ${selectedName(s)} on the rate scale, said: ${labels(s).join(', ')}\n${s}`);
		say(`METRIC record-percent-labels ${JSON.stringify(labels(s).join(' | '))}`);
		tmux('send-keys', '-t', 'rec', 'q');
	}, {timeout: 180_000});
}
