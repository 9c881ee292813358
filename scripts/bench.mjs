#!/usr/bin/env node
// bondtop benchmark (not a unit test): start-up, steady-state CPU and memory of the bundled TUI,
// btop side by side, scaling with the number of interfaces, and an optional leak check.
//
//   npm run bench                        # full run, about 22 minutes
//   npm run bench -- --quick             # every duration shortened, about 3 minutes
//   npm run bench -- --soak 600          # only the leak check: default demo for 10 minutes
//   npm run bench -- --help              # all options
//
// What is measured and how:
// - start-up: `node dist/bondtop.js --demo` under a pseudo-terminal (util-linux `script`), time
//   from spawn to the first output that contains the first frame's marker (`bond0`); and time
//   from spawn to exit of `node dist/bondtop.js --json --demo`. Each is a median over --runs
//   runs, with ratios to `node -e 0` (plain spawn to exit) measured in the same run and to the
//   same pty harness printing one line (`pty baseline`). bondtop's V8 code cache (see
//   scripts/launcher.cjs) lives in a private XDG_CACHE_HOME for the whole bench, written by one
//   TUI run before the start-up runs. The cache is off by default (it crashed node under QEMU), so
//   the first frame is timed without it and, beside, with BONDTOP_CODE_CACHE=1.
// - steady state: the TUI in tmux (--cols x --rows); after --warmup seconds (60: V8 spends the
//   first minute compiling the code every refresh runs), utime+stime of the process (all threads,
//   plus its children, live or reaped) is read at the start and end of the window only, so the
//   bench itself adds no load on the measured process. CPU is % of one core, for the window and,
//   separately, for the warm-up; peak RSS is VmHWM (kernel-tracked high-water mark) at the end.
//   Intervals below 1 s (250 ms) run for --long-window seconds (600) instead, with RSS read every
//   minute: the budget is RSS over 10 minutes at 250 ms, where V8's young generation used to grow.
// - btop 1.2.x the same way, with `update_ms = 1000` in a throwaway XDG_CONFIG_HOME.
// - per frame: scripts/bench-frame.mjs (the real App into an in-memory terminal) for 3 bonds x 4
//   slaves and the default demo, CPU per refresh after 300 warm-up frames.
// - scaling: the same CPU measurement with --sizes interface counts, built from
//   --demo-bonds/--demo-slaves/--demo-extra (the demo always has `lo`; the count is checked with
//   `--json --demo`).
// - budgets (issue 12): steady CPU at 1 s <= btop's in the same run, peak RSS <= 80 MB at 1 s and
//   over the long run at 250 ms, first frame <= 2.5x `node -e 0`; each printed with ok/MISSED.
// Results: a table on stdout and the same figures as JSON in --out
// (default .cache/bench/bench-results.json).
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {cpus, loadavg, tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sleep = ms => new Promise(r => setTimeout(r, ms));

// ---- options -----------------------------------------------------------------------------------
const {values: opt} = parseArgs({
	options: {
		quick: {type: 'boolean', default: false},
		runs: {type: 'string'},
		warmup: {type: 'string'},
		steady: {type: 'string'},
		'long-window': {type: 'string'},
		intervals: {type: 'string', default: '1000,250'},
		scale: {type: 'string'},
		sizes: {type: 'string', default: '1,8,32'},
		cols: {type: 'string', default: '160'},
		rows: {type: 'string', default: '50'},
		soak: {type: 'string'},
		'soak-every': {type: 'string'},
		only: {type: 'string'},
		'no-btop': {type: 'boolean', default: false},
		bundle: {type: 'string', default: 'dist/bondtop.js'},
		node: {type: 'string', default: process.execPath},
		out: {type: 'string', default: '.cache/bench/bench-results.json'},
		help: {type: 'boolean', default: false},
	},
	allowPositionals: false,
});

if (opt.help) {
	console.log(`Usage: npm run bench -- [options]
  --quick              shorten everything (runs 3, warm-up 2 s, steady 10 s, long window
                       30 s, scale 8 s)
  --runs N             start-up runs per measurement (10)
  --warmup S           seconds a TUI runs before its CPU window opens (60); its own CPU is
                       reported too (warm-up CPU %)
  --steady S           steady-state window for bondtop and btop (60)
  --intervals LIST     bondtop --interval values for the steady state (1000,250)
  --long-window S      window for intervals below 1000 ms, RSS read every minute (600)
  --scale S            window per size for the scaling runs (30)
  --sizes LIST         interface counts for scaling (1,8,32), or B:S:E triples
                       (--demo-bonds:--demo-slaves:--demo-extra), e.g. 1:2:4
  --cols N --rows N    terminal size for tmux and the pty (160x50)
  --soak S             leak check only: run the default demo S seconds, print RSS every minute
  --soak-every S       sampling period of the soak (60; 10 with --quick)
  --only LIST          run only some of: startup,frame,steady,btop,scale
  --no-btop            skip btop
  --bundle PATH        the bundle to measure (dist/bondtop.js; built when missing)
  --node PATH          the node that runs it (this one)
  --out PATH           JSON results (.cache/bench/bench-results.json)`);
	process.exit(0);
}

const num = (v, d) => (v === undefined ? d : Number(v));
const quick = opt.quick;
const cfg = {
	runs: num(opt.runs, quick ? 3 : 10),
	// V8 compiles the code that runs every refresh over the first minute or so (TurboFan, on its
	// worker threads): that minute costs up to twice the CPU of the steady state after it.
	warmupS: num(opt.warmup, quick ? 2 : 60),
	steadyS: num(opt.steady, quick ? 10 : 60),
	longS: num(opt['long-window'], quick ? 30 : 600),
	intervals: opt.intervals.split(',').map(Number),
	scaleS: num(opt.scale, quick ? 8 : 30),
	sizes: opt.sizes.split(','),
	cols: Number(opt.cols),
	rows: Number(opt.rows),
	soakS: opt.soak === undefined ? null : Number(opt.soak),
	soakEveryS: num(opt['soak-every'], quick ? 10 : 60),
	only: opt.only ? new Set(opt.only.split(',')) : null,
	btop: !opt['no-btop'],
	bundle: resolve(repo, opt.bundle),
	node: opt.node,
	out: resolve(repo, opt.out),
};
const wanted = part => (cfg.soakS === null) && (!cfg.only || cfg.only.has(part));
const clkTck = Number(spawnSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).stdout.trim()) || 100;

for (const tool of ['tmux', 'script']) {
	if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
		console.error(`bench: needs ${tool} (apt-get install ${tool === 'script' ? 'bsdutils' : tool})`);
		process.exit(2);
	}
}

if (!existsSync(cfg.bundle)) {
	console.log(`bench: ${cfg.bundle} is missing; running npm run build`);
	const b = spawnSync('npm', ['run', 'build'], {cwd: repo, stdio: 'inherit'});
	if (b.status !== 0 || !existsSync(cfg.bundle)) {
		console.error('bench: npm run build failed');
		process.exit(2);
	}
}

// bondtop's code cache: a fresh one, private to this bench (removed at exit).
const cacheHome = mkdtempSync(join(tmpdir(), 'bondtop-bench-cache-'));
process.env.XDG_CACHE_HOME = cacheHome;
delete process.env.BONDTOP_NO_CACHE;
delete process.env.BONDTOP_CODE_CACHE; // off by default (see scripts/launcher.cjs); measured beside
process.on('exit', () => rmSync(cacheHome, {recursive: true, force: true}));
const codeCaches = () => {
	try {
		return readdirSync(join(cacheHome, 'bondtop')).filter(f => f.endsWith('.v8cache')).map(f => statSync(join(cacheHome, 'bondtop', f)).size);
	} catch {
		return [];
	}
};

// The program runs as in a person's terminal: CI set (as in CI) makes Ink print only the final frame.
const tuiEnv = {...process.env, LANG: process.env.LANG || 'C.UTF-8', TERM: 'xterm-256color'};
const withCache = {...tuiEnv, BONDTOP_CODE_CACHE: '1', XDG_CACHE_HOME: cacheHome};
for (const k of ['CI', 'CONTINUOUS_INTEGRATION', 'TMUX', 'NO_COLOR', 'FORCE_COLOR']) delete tuiEnv[k];

const sh = s => `'${String(s).replaceAll("'", "'\\''")}'`;
// By default the bundle runs as installed (through its #!/usr/bin/env node line); with --node,
// that node runs the bundle.
const asInstalled = !process.argv.includes('--node');
const bondtopArgv = args => (asInstalled ? [cfg.bundle, ...args] : [cfg.node, cfg.bundle, ...args]);
const bondtopCmd = args => bondtopArgv(args).map(sh).join(' ');

// ---- /proc -------------------------------------------------------------------------------------
function readStat(pid) {
	try {
		const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
		// f[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17, ppid 4.
		return {ppid: Number(f[1]), utime: Number(f[11]), stime: Number(f[12]), cutime: Number(f[13]), cstime: Number(f[14])};
	} catch {
		return null;
	}
}

function readStatusKb(pid, key) {
	try {
		const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) : null;
	} catch {
		return null;
	}
}

function descendants(root) {
	const children = new Map();
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		const s = readStat(name);
		if (!s) continue;
		if (!children.has(s.ppid)) children.set(s.ppid, []);
		children.get(s.ppid).push(Number(name));
	}
	const out = [];
	const stack = [root];
	while (stack.length > 0) {
		const p = stack.pop();
		for (const c of children.get(p) ?? []) {
			out.push(c);
			stack.push(c);
		}
	}
	return out;
}

/** CPU ticks of a process and everything below it (live children plus reaped ones). */
function treeTicks(pid) {
	let ticks = 0;
	for (const p of [pid, ...descendants(pid)]) {
		const s = readStat(p);
		if (s) ticks += s.utime + s.stime + (p === pid ? s.cutime + s.cstime : 0);
	}
	return ticks;
}

// ---- helpers -----------------------------------------------------------------------------------
const median = xs => {
	const s = [...xs].sort((a, b) => a - b);
	const m = Math.floor(s.length / 2);
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, d = 1) => (x === null || x === undefined || Number.isNaN(x) ? null : Math.round(x * 10 ** d) / 10 ** d);
const mb = kb => (kb === null ? null : round(kb / 1024, 1));

function timeToExit(cmd, args) {
	return new Promise((resolvePromise, reject) => {
		const t0 = process.hrtime.bigint();
		const child = spawn(cmd, args, {stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, CI: 'true'}});
		let out = '';
		child.stdout.on('data', d => (out += d));
		child.stderr.on('data', () => {});
		child.on('error', reject);
		child.on('close', code => {
			const ms = Number(process.hrtime.bigint() - t0) / 1e6;
			if (code !== 0) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}`));
			else resolvePromise({ms, out});
		});
	});
}

/** Spawns a shell command on a pty of cols x rows; resolves with ms to first byte and to marker. */
function ptyTimeToMarker(command, marker, {timeoutMs = 30_000, env = tuiEnv} = {}) {
	return new Promise((resolvePromise, reject) => {
		const t0 = process.hrtime.bigint();
		const ms = () => Number(process.hrtime.bigint() - t0) / 1e6;
		const child = spawn('script', ['-qfec', `stty cols ${cfg.cols} rows ${cfg.rows}; exec ${command}`, '/dev/null'], {
			stdio: ['pipe', 'pipe', 'ignore'],
			env,
		});
		let buf = '';
		let first = null;
		let done = false;
		const finish = (err, value) => {
			if (done) return;
			done = true;
			clearTimeout(timer);
			for (const p of descendants(child.pid).reverse()) {
				try {
					process.kill(p, 'SIGKILL');
				} catch {}
			}
			try {
				child.kill('SIGKILL');
			} catch {}
			child.once('close', () => (err ? reject(err) : resolvePromise(value)));
		};
		const timer = setTimeout(() => finish(new Error(`no "${marker}" within ${timeoutMs} ms: ${buf.slice(-300)}`)), timeoutMs);
		child.stdout.on('data', d => {
			if (first === null) first = ms();
			buf += d;
			if (buf.includes(marker)) finish(null, {firstByteMs: first, markerMs: ms()});
		});
		child.on('error', e => finish(e));
	});
}

let tmuxCount = 0;
/** A program in its own tmux server, so nothing else shares the terminal. */
async function startInTmux(command, {env = tuiEnv, ready, readyTimeoutMs = 30_000} = {}) {
	const sock = `bondtop-bench-${process.pid}-${tmuxCount++}`;
	const tmux = (...args) => spawnSync('tmux', ['-L', sock, '-f', '/dev/null', ...args], {encoding: 'utf8', env});
	const t0 = Date.now();
	const r = tmux('new-session', '-d', '-s', 'b', '-x', String(cfg.cols), '-y', String(cfg.rows), '-c', repo, `exec ${command}`);
	if (r.status !== 0) throw new Error(`tmux new-session failed: ${r.stderr}`);
	const pid = Number(tmux('display-message', '-p', '-t', 'b', '#{pane_pid}').stdout.trim());
	const capture = () => tmux('capture-pane', '-p', '-t', 'b').stdout ?? '';
	let screen = '';
	while (Date.now() - t0 < readyTimeoutMs) {
		screen = capture();
		if (ready(screen)) break;
		if (!readStat(pid)) throw new Error(`${command} exited before its first frame`);
		await sleep(100);
	}
	if (!ready(screen)) throw new Error(`${command}: not ready after ${readyTimeoutMs} ms; screen:\n${screen}`);
	return {
		pid,
		capture,
		readyMs: Date.now() - t0,
		keys(...keys) {
			tmux('send-keys', '-t', 'b', ...keys);
		},
		stop() {
			tmux('kill-server');
		},
	};
}

/** Warm-up, then CPU % of one core over the window, peak and current RSS at the end. */
async function measure(label, command, {env, ready, windowS, everyS = null, onSample = null}) {
	const run = await startInTmux(command, {env, ready});
	try {
		const ticksReady = treeTicks(run.pid);
		const tReady = process.hrtime.bigint();
		await sleep(cfg.warmupS * 1000);
		const ticks0 = treeTicks(run.pid);
		const t0 = process.hrtime.bigint();
		const warmupSeconds = Number(t0 - tReady) / 1e9;
		const samples = [];
		if (everyS) {
			const steps = Math.max(1, Math.round(windowS / everyS));
			for (let i = 1; i <= steps; i++) {
				await sleep((windowS / steps) * 1000);
				if (!readStat(run.pid)) throw new Error(`${label} exited during the window`);
				const s = {t: round(Number(process.hrtime.bigint() - t0) / 1e9, 0), rssKb: readStatusKb(run.pid, 'VmRSS'), hwmKb: readStatusKb(run.pid, 'VmHWM')};
				samples.push(s);
				onSample?.(s);
			}
		} else {
			await sleep(windowS * 1000);
		}
		if (!readStat(run.pid)) throw new Error(`${label} exited during the window:\n${run.capture()}`);
		const ticks1 = treeTicks(run.pid);
		const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
		const result = {
			label,
			command,
			windowS: round(seconds, 1),
			cpuPercent: round(((ticks1 - ticks0) / clkTck / seconds) * 100, 2),
			cpuSeconds: round((ticks1 - ticks0) / clkTck, 2),
			// The warm-up itself, from the first frame: V8 is still compiling the hot code then.
			warmupCpuPercent: round(((ticks0 - ticksReady) / clkTck / warmupSeconds) * 100, 2),
			peakRssMb: mb(readStatusKb(run.pid, 'VmHWM')),
			rssMb: mb(readStatusKb(run.pid, 'VmRSS')),
			firstFrameMs: run.readyMs,
		};
		if (samples.length > 0) result.samples = samples.map(s => ({t: s.t, rssMb: mb(s.rssKb), peakRssMb: mb(s.hwmKb)}));
		return result;
	} finally {
		run.stop();
	}
}

function demoCount(args) {
	const r = spawnSync(cfg.node, [cfg.bundle, '--json', '--demo', ...args], {encoding: 'utf8', env: {...process.env, CI: 'true'}});
	if (r.status !== 0) throw new Error(`bondtop --json --demo ${args.join(' ')}: ${r.stderr.trim()}`);
	return JSON.parse(r.stdout).interfaces.length;
}

/** Demo flags for about N interfaces: lo + bonds x (1 + slaves) + extras, half of them in bonds. */
function demoArgsFor(size) {
	if (size.includes(':')) {
		const [b, s, e] = size.split(':').map(Number);
		return {bonds: b, slaves: s, extra: e};
	}
	const n = Number(size);
	if (n < 4) return {bonds: 0, slaves: 1, extra: Math.max(0, n - 1)};
	const slaves = 2;
	let bonds = Math.max(1, Math.round((n - 1) / 2 / (slaves + 1)));
	while (n - 1 - bonds * (slaves + 1) > 16) bonds++;
	bonds = Math.min(bonds, 16);
	return {bonds, slaves, extra: Math.max(0, Math.min(16, n - 1 - bonds * (slaves + 1)))};
}

const hasBond = screen => screen.includes('bond0');
const hasSimulated = screen => screen.includes('SIMULATED');

// ---- run ---------------------------------------------------------------------------------------
const gitCommit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {cwd: repo, encoding: 'utf8'}).stdout.trim();
const meta = {
	date: new Date().toISOString(),
	node: spawnSync(cfg.node, ['--version'], {encoding: 'utf8'}).stdout.trim(),
	bundle: cfg.bundle,
	// The bin and, beside it, the bundle it loads (scripts/build.mjs).
	bundleBytes: [cfg.bundle, cfg.bundle.replace(/(\.[cm]?js)?$/, '-main.js')].filter(f => existsSync(f)).reduce((a, f) => a + statSync(f).size, 0),
	gitCommit,
	cpu: cpus()[0]?.model,
	cores: cpus().length,
	loadavgStart: loadavg().map(x => round(x, 2)),
	terminal: `${cfg.cols}x${cfg.rows}`,
	argv: process.argv.slice(2),
};
const results = {meta, config: {...cfg, only: cfg.only ? [...cfg.only] : null}};
const log = (...a) => console.log(...a);
log(`bondtop bench: ${meta.node}, ${meta.cores} x ${meta.cpu}, load ${meta.loadavgStart.join(' ')}, bundle ${(meta.bundleBytes / 1024).toFixed(0)} KiB @ ${gitCommit}`);

if (cfg.soakS !== null) {
	log(`soak: default demo for ${cfg.soakS} s, RSS every ${cfg.soakEveryS} s (after ${cfg.warmupS} s warm-up)`);
	const r = await measure('soak', bondtopCmd(['--demo']), {
		ready: hasBond,
		windowS: cfg.soakS,
		everyS: cfg.soakEveryS,
		onSample: s => log(`  t=${String(s.t).padStart(5)} s  RSS ${mb(s.rssKb)} MB  peak ${mb(s.hwmKb)} MB`),
	});
	const xs = r.samples;
	const first = xs[0].rssMb;
	const last = xs.at(-1).rssMb;
	// Least-squares slope of RSS over time, MB per hour.
	const mt = xs.reduce((a, s) => a + s.t, 0) / xs.length;
	const mr = xs.reduce((a, s) => a + s.rssMb, 0) / xs.length;
	const den = xs.reduce((a, s) => a + (s.t - mt) ** 2, 0);
	const slope = den > 0 ? (xs.reduce((a, s) => a + (s.t - mt) * (s.rssMb - mr), 0) / den) * 3600 : 0;
	const grewMb = round(last - first, 1);
	// V8 heap settles slowly: call it growth only when it is both large and steady.
	const grew = xs.length >= 3 && grewMb > Math.max(5, first * 0.1) && slope > 5;
	r.verdict = {firstRssMb: first, lastRssMb: last, grewMb, slopeMbPerHour: round(slope, 1), grew};
	results.soak = r;
	log(`soak: RSS ${first} -> ${last} MB (${grewMb >= 0 ? '+' : ''}${grewMb} MB, trend ${round(slope, 1)} MB/h), CPU ${r.cpuPercent}% of one core, peak ${r.peakRssMb} MB: ${grew ? 'GREW (possible leak)' : 'no growth'}`);
}

if (wanted('startup')) {
	// Writes the (opt-in) code cache: a TUI that ran for a few seconds writes it when it quits.
	const warm = await startInTmux(bondtopCmd(['--demo']), {ready: hasBond, env: withCache});
	try {
		await sleep(3000);
		warm.keys('q');
		for (let t = 0; t < 100 && codeCaches().length === 0; t++) await sleep(100);
	} finally {
		warm.stop();
	}
	const codeCacheBytes = codeCaches()[0] ?? null;
	log(`start-up: ${cfg.runs} runs each (interleaved); code cache ${codeCacheBytes === null ? 'none written' : `${(codeCacheBytes / 1024).toFixed(0)} KiB`}`);
	const s = {nodeE0: [], ptyBaseline: [], tuiFirstByte: [], tuiFirstFrame: [], tuiFirstFrameCached: [], jsonDemo: []};
	for (let i = 0; i < cfg.runs; i++) {
		s.nodeE0.push((await timeToExit(cfg.node, ['-e', '0'])).ms);
		const [jsonFile, ...jsonArgs] = bondtopArgv(['--json', '--demo']);
		s.jsonDemo.push((await timeToExit(jsonFile, jsonArgs)).ms);
		s.ptyBaseline.push((await ptyTimeToMarker(`${sh(cfg.node)} -e ${sh('console.log("bond0")')}`, 'bond0')).markerMs);
		const t = await ptyTimeToMarker(bondtopCmd(['--demo']), 'bond0');
		s.tuiFirstByte.push(t.firstByteMs);
		s.tuiFirstFrame.push(t.markerMs);
		await sleep(100);
		s.tuiFirstFrameCached.push((await ptyTimeToMarker(bondtopCmd(['--demo']), 'bond0', {env: withCache})).markerMs);
		await sleep(100);
	}
	const m = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, round(median(v), 1)]));
	results.startup = {
		runs: cfg.runs,
		codeCacheBytes,
		medianMs: m,
		samplesMs: Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.map(x => round(x, 1))])),
		ratios: {
			tuiFirstFrameToNodeE0: round(m.tuiFirstFrame / m.nodeE0, 2),
			tuiFirstFrameToPtyBaseline: round(m.tuiFirstFrame / m.ptyBaseline, 2),
			tuiFirstFrameCachedToNodeE0: round(m.tuiFirstFrameCached / m.nodeE0, 2),
			jsonDemoToNodeE0: round(m.jsonDemo / m.nodeE0, 2),
		},
	};
}

// Per frame: scripts/bench-frame.mjs renders the real App (same esbuild plugins, production React)
// into an in-memory terminal and times refreshes after 300 warm-up frames.
if (wanted('frame')) {
	results.frame = [];
	for (const [label, args] of [['3 bonds x 4 slaves + 1', ['3', '4', '1']], ['default demo (1 x 2 + 0)', ['1', '2', '0']]]) {
		log(`frame: ${label}, 300 frames after 300 warm-up`);
		const r = spawnSync(process.execPath, [join(repo, 'scripts', 'bench-frame.mjs'), ...args, '300', String(cfg.cols), String(cfg.rows)], {cwd: repo, encoding: 'utf8', env: tuiEnv});
		if (r.status !== 0) throw new Error(`bench-frame ${args.join(' ')}: ${r.stderr.trim()}`);
		results.frame.push({label, ...JSON.parse(r.stdout.trim().split('\n').at(-1))});
	}
}

if (wanted('steady')) {
	results.steady = [];
	for (const interval of cfg.intervals) {
		const args = ['--demo', ...(interval === 1000 ? [] : ['--interval', String(interval)])];
		const long = interval < 1000;
		const windowS = long ? cfg.longS : cfg.steadyS;
		log(`steady: bondtop ${args.join(' ')} for ${windowS} s${long ? ', RSS every minute' : ''}`);
		const r = await measure(`bondtop ${args.join(' ')}`, bondtopCmd(args), {
			ready: hasBond,
			windowS,
			everyS: long ? Math.min(60, windowS) : null,
			onSample: s => log(`  t=${String(s.t).padStart(5)} s  RSS ${mb(s.rssKb)} MB  peak ${mb(s.hwmKb)} MB`),
		});
		results.steady.push({interval, ...r});
	}
}

if (wanted('btop') && cfg.btop) {
	let btop = spawnSync('sh', ['-c', 'command -v btop'], {encoding: 'utf8'}).stdout.trim();
	if (!btop && process.getuid?.() === 0) {
		log('btop: not installed; apt-get install -y btop');
		spawnSync('apt-get', ['install', '-y', '-qq', 'btop'], {stdio: ['ignore', 'ignore', 'inherit'], env: {...process.env, DEBIAN_FRONTEND: 'noninteractive'}});
		btop = spawnSync('sh', ['-c', 'command -v btop'], {encoding: 'utf8'}).stdout.trim();
	}
	if (btop) {
		const home = mkdtempSync(join(tmpdir(), 'bondtop-bench-btop-'));
		mkdirSync(join(home, 'btop'), {recursive: true});
		writeFileSync(join(home, 'btop', 'btop.conf'), 'update_ms = 1000\n');
		const version = spawnSync(btop, ['--version'], {encoding: 'utf8'}).stdout.trim();
		log(`btop: ${version}, update_ms = 1000, for ${cfg.steadyS} s`);
		try {
			results.btop = {
				version,
				...(await measure('btop update_ms=1000', sh(btop), {
					env: {...tuiEnv, XDG_CONFIG_HOME: home},
					ready: screen => /cpu/i.test(screen) && screen.replace(/\s/g, '').length > 200,
					windowS: cfg.steadyS,
				})),
			};
		} finally {
			rmSync(home, {recursive: true, force: true});
		}
	} else {
		log('btop: not installed and cannot install it (not root); skipped');
		results.btop = null;
	}
}

if (wanted('scale')) {
	results.scale = [];
	for (const size of cfg.sizes) {
		const d = demoArgsFor(size);
		const args = ['--demo', '--demo-bonds', String(d.bonds), '--demo-slaves', String(d.slaves), '--demo-extra', String(d.extra)];
		const interfaces = demoCount(args.slice(1));
		log(`scale: ${interfaces} interfaces (${args.join(' ')}) for ${cfg.scaleS} s`);
		const r = await measure(`bondtop ${args.join(' ')}`, bondtopCmd(args), {ready: hasSimulated, windowS: cfg.scaleS});
		results.scale.push({requested: size, interfaces, bonds: d.bonds, slavesPerBond: d.slaves, extra: d.extra, ...r});
	}
}

meta.loadavgEnd = loadavg().map(x => round(x, 2));

// ---- budgets (issue 12) -------------------------------------------------------------------------
const budgets = [];
const at1s = results.steady?.find(r => r.interval === 1000);
const fast = results.steady?.find(r => r.interval === 250);
if (at1s && results.btop) budgets.push({what: 'steady CPU at 1 s <= btop update_ms=1000 (same run)', value: `${at1s.cpuPercent} % vs ${results.btop.cpuPercent} %`, ok: at1s.cpuPercent <= results.btop.cpuPercent});
if (at1s) budgets.push({what: 'peak RSS at 1 s <= 80 MB', value: `${at1s.peakRssMb} MB`, ok: at1s.peakRssMb <= 80});
if (fast) budgets.push({what: `peak RSS over ${round(cfg.warmupS + fast.windowS, 0)} s at 250 ms <= 80 MB`, value: `${fast.peakRssMb} MB (RSS at the end ${fast.rssMb} MB)`, ok: fast.peakRssMb <= 80});
if (results.startup) budgets.push({what: 'first frame <= 2.5x node -e 0', value: `${results.startup.ratios.tuiFirstFrameToNodeE0}x (${results.startup.medianMs.tuiFirstFrame} / ${results.startup.medianMs.nodeE0} ms)`, ok: results.startup.ratios.tuiFirstFrameToNodeE0 <= 2.5});
results.budgets = budgets;

// ---- report ------------------------------------------------------------------------------------
function table(rows) {
	const widths = rows[0].map((_, i) => Math.max(...rows.map(r => String(r[i] ?? '').length)));
	return rows.map(r => r.map((c, i) => (i === 0 ? String(c ?? '').padEnd(widths[i]) : String(c ?? '').padStart(widths[i]))).join('  ')).join('\n');
}

log('');
if (results.startup) {
	const m = results.startup.medianMs;
	const r = results.startup.ratios;
	log(`Start-up (median of ${results.startup.runs}, ms)`);
	log(table([
		['what', 'median ms', 'x node -e 0'],
		['node -e 0 (spawn to exit)', m.nodeE0, 1],
		['pty baseline (node prints bond0 on a pty)', m.ptyBaseline, round(m.ptyBaseline / m.nodeE0, 2)],
		['TUI --demo: first byte on the pty', m.tuiFirstByte, round(m.tuiFirstByte / m.nodeE0, 2)],
		['TUI --demo: first frame (bond0 shown)', m.tuiFirstFrame, r.tuiFirstFrameToNodeE0],
		['  the same with BONDTOP_CODE_CACHE=1 (opt-in, warm)', m.tuiFirstFrameCached, r.tuiFirstFrameCachedToNodeE0],
		['--json --demo (spawn to exit)', m.jsonDemo, r.jsonDemoToNodeE0],
	]));
	log(`  first frame / pty baseline: ${r.tuiFirstFrameToPtyBaseline}`);
	log('');
}
if (results.frame) {
	log('Per frame (one refresh of the real App, in-memory terminal, after 300 warm-up frames)');
	log(table([['screen', 'CPU ms / frame', "Ink's render ms (median)", 'p95'], ...results.frame.map(f => [f.label, round(f.cpuMsPerFrame, 2), round(f.inkRenderMsMedian, 2), round(f.inkRenderMsP95, 2)])]));
	log('');
}
const cpuRows = [['process', 'window s', 'CPU % of 1 core', 'warm-up CPU %', 'peak RSS MB', 'RSS MB']];
for (const r of results.steady ?? []) cpuRows.push([r.label, r.windowS, r.cpuPercent, r.warmupCpuPercent, r.peakRssMb, r.rssMb]);
if (results.btop) cpuRows.push([`btop ${results.btop.version.replace(/^btop version:\s*/, '')} update_ms=1000`, results.btop.windowS, results.btop.cpuPercent, results.btop.warmupCpuPercent, results.btop.peakRssMb, results.btop.rssMb]);
if (cpuRows.length > 1) {
	log(`Steady state in tmux ${meta.terminal} (after ${cfg.warmupS} s warm-up)`);
	log(table(cpuRows));
	log('');
}
if (results.scale) {
	log(`Scaling (default interval, ${cfg.scaleS} s each)`);
	log(table([['interfaces', 'bonds x slaves + extra', 'CPU % of 1 core', 'warm-up CPU %', 'peak RSS MB'], ...results.scale.map(r => [r.interfaces, `${r.bonds} x ${r.slavesPerBond} + ${r.extra}`, r.cpuPercent, r.warmupCpuPercent, r.peakRssMb])]));
	log('');
}
if (budgets.length > 0) {
	log('Budgets (issue 12)');
	log(table([['budget', 'measured', ''], ...budgets.map(b => [b.what, b.value, b.ok ? 'ok' : 'MISSED'])]));
	log('');
}
log(`load average: start ${meta.loadavgStart.join(' ')}, end ${meta.loadavgEnd.join(' ')} (other load on the machine skews CPU and timings)`);
mkdirSync(dirname(cfg.out), {recursive: true});
writeFileSync(cfg.out, JSON.stringify(results, null, 2) + '\n');
log(`results: ${cfg.out}`);
log(`reproduce: npm run build && npm run bench -- ${process.argv.slice(2).join(' ')}`.trimEnd());
