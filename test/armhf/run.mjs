#!/usr/bin/env node
// Runs the bundle dist/bondtop.js on the Raspberry Pi's own Node: Debian bookworm's nodejs:armhf
// (v18.20.4, 32-bit ARM) under qemu-arm-static, as installed by scripts/armhf-node.sh.
//
//   node test/armhf/run.mjs            # from the repo root; builds dist/ if it is missing
//   BONDTOP_BUNDLE=/path/bondtop.js node test/armhf/run.mjs   # another bundle
//
// Prints one line per check (pass/fail with its time under emulation) and a closing
// `N passed, N failed`; exits non-zero when any check failed or the armhf node cannot run.
// Assumes no TTY and no stdin (CI runs it with CI=true and stdin closed).
import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {basename, dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bundle = resolve(process.env.BONDTOP_BUNDLE ?? join(repo, 'dist', 'bondtop.js'));
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
// One qemu-emulated node start costs about 2 s on the dev machine; leave a wide margin.
const timeoutMs = Number(process.env.ARMHF_TIMEOUT_MS ?? 120_000);

const results = [];
const started = Date.now();

function record(name, ok, ms, detail = '') {
	results.push({name, ok, ms});
	const secs = (ms / 1000).toFixed(1).padStart(5);
	console.log(`${ok ? 'pass' : 'FAIL'} ${secs}s  ${name}${detail ? `  (${detail})` : ''}`);
}

function finish() {
	const passed = results.filter(r => r.ok).length;
	const failed = results.length - passed;
	console.log(`armhf: total ${((Date.now() - started) / 1000).toFixed(1)}s under emulation`);
	console.log(`${passed} passed, ${failed} failed`);
	process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

function fatal(name, message) {
	record(name, false, 0, 'fatal');
	console.error(`armhf: ${message}`);
	finish();
}

function clip(text, n = 1500) {
	text = String(text ?? '');
	return text.length > n ? `${text.slice(0, n)}…[${text.length - n} more chars]` : text;
}

// ---- the armhf node --------------------------------------------------------------------------
const setup = spawnSync('bash', [join(repo, 'scripts', 'armhf-node.sh')], {
	cwd: repo,
	encoding: 'utf8',
	stdio: ['ignore', 'pipe', 'pipe'],
	env: {...process.env, ARMHF_NODE_CHECK: '0'},
	timeout: 30 * 60_000,
});
if (setup.status !== 0) {
	fatal('install the armhf node (scripts/armhf-node.sh)', `scripts/armhf-node.sh failed (status ${setup.status}${setup.error ? `, ${setup.error.message}` : ''}):\n${clip(setup.stderr, 4000)}`);
}
const prefixLine = setup.stdout.trim().split('\n').pop();
// The prefix is `env K=V K=V qemu node`; split it into an environment and a command.
const tokens = prefixLine.split(/\s+/);
if (tokens[0] !== 'env') fatal('parse the armhf node prefix', `unexpected prefix: ${prefixLine}`);
const armEnv = {};
let i = 1;
for (; i < tokens.length && /^[A-Z_]+=/.test(tokens[i]); i++) {
	const eq = tokens[i].indexOf('=');
	armEnv[tokens[i].slice(0, eq)] = tokens[i].slice(eq + 1);
}
const [qemu, armNode] = tokens.slice(i);
if (!qemu || !armNode || !existsSync(qemu) || !existsSync(armNode)) {
	fatal('parse the armhf node prefix', `cannot find qemu or node in: ${prefixLine} (a path with spaces?)`);
}

// Environment for the program under test: no colours, CI as given (CI=true in CI).
const baseEnv = {...process.env, ...armEnv, FORCE_COLOR: '0', NO_COLOR: '1'};

function runArm(args, opts = {}) {
	const t0 = Date.now();
	const r = spawnSync(qemu, [armNode, ...args], {
		cwd: repo,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		env: {...baseEnv, ...opts.env},
		timeout: timeoutMs,
		maxBuffer: 64 * 1024 * 1024,
	});
	return {...r, ms: Date.now() - t0};
}

// The end of a text without the minified source lines Node quotes above an uncaught error.
function tail(text, lines = 15) {
	return String(text ?? '')
		.split('\n')
		.map(l => (l.length > 240 ? `${l.slice(0, 120)}…` : l))
		.filter(l => l.trim() !== '')
		.slice(-lines)
		.join('\n');
}

function describe(r) {
	const why = r.error ? r.error.message : r.signal ? `signal ${r.signal}` : `exit ${r.status}`;
	return `${why}\n  stderr:\n${tail(r.stderr)}\n  stdout: ${clip(r.stdout, 400)}`;
}

// Node 18 problems show up as TypeError "... is not a function" / ReferenceError; name them.
function hint(r) {
	const m = /(TypeError|ReferenceError|SyntaxError)[^\n]*/.exec(r.stderr ?? '');
	return m ? ` [Node 18 incompatibility? ${m[0]}]` : '';
}

function check(name, fn) {
	const t0 = Date.now();
	let ok = false;
	let detail = '';
	try {
		const out = fn();
		ok = true;
		detail = typeof out === 'string' ? out : '';
	} catch (error) {
		detail = error instanceof Error ? error.message : String(error);
	}
	record(name, ok, Date.now() - t0, detail);
	return ok;
}

function assert(cond, message) {
	if (!cond) throw new Error(message);
}

// 1. qemu runs the Pi's node at all: fail loudly when it does not.
const nodeOk = check('armhf node runs under qemu-arm (Node 18, arch arm)', () => {
	const r = runArm(['-p', "process.version+' '+process.arch"]);
	assert(r.status === 0, `qemu-arm could not run ${armNode}: ${describe(r)}`);
	const got = r.stdout.trim();
	assert(/^v18\.\d+\.\d+ arm$/.test(got), `expected "v18.x.y arm", got "${got}"`);
	return got;
});
if (!nodeOk) {
	console.error('armhf: qemu-arm-static cannot run the armhf node; nothing else can be checked.');
	finish();
}

// The bundle: build it when missing (the CLI may be built by an earlier CI step already).
if (!existsSync(bundle)) {
	const t0 = Date.now();
	const b = spawnSync('npm', ['run', 'build'], {cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
	const ok = b.status === 0 && existsSync(bundle);
	record('build dist/bondtop.js (npm run build)', ok, Date.now() - t0, ok ? '' : clip(b.stderr + b.stdout, 3000));
	if (!ok) finish();
}

// 2. --version
check('--version', () => {
	const r = runArm([bundle, '--version']);
	assert(r.status === 0, describe(r) + hint(r));
	assert(r.stdout.includes(pkg.version), `expected ${pkg.version} in "${r.stdout.trim()}"`);
	return r.stdout.trim();
});

/** The run's stdout as JSON of schema 1, or an error that shows the start of what was printed. */
function schemaOneJson(r) {
	let j;
	try {
		j = JSON.parse(r.stdout);
	} catch (error) {
		throw new Error(`not JSON (${error.message}): ${clip(r.stdout, 600)}`);
	}
	assert(j.schema === 1, `schema is ${JSON.stringify(j.schema)}`);
	return j;
}

// 3. --json --demo
check('--json --demo: schema 1, simulated, bond0 active-backup with eth1 active as in the origin', () => {
	const r = runArm([bundle, '--json', '--demo']);
	assert(r.status === 0, describe(r) + hint(r));
	const j = schemaOneJson(r);
	assert(j.simulated === true, `simulated is ${JSON.stringify(j.simulated)}`);
	assert(typeof j.hostname === 'string' && typeof j.takenAt === 'string', 'hostname/takenAt missing');
	assert(Array.isArray(j.bonds) && Array.isArray(j.interfaces), 'bonds/interfaces not arrays');
	const bond0 = j.bonds.find(b => b.name === 'bond0');
	assert(bond0, `no bond0 among ${j.bonds.map(b => b.name).join(', ') || 'no bonds'}`);
	assert(bond0.mode === 'active-backup', `bond0 mode is ${bond0.mode}`);
	assert(typeof bond0.activeSlave === 'string' && bond0.activeSlave.length > 0, `bond0 activeSlave is ${JSON.stringify(bond0.activeSlave)}`);
	const slaves = (bond0.slaves ?? []).map(s => s.name);
	assert(slaves.includes(bond0.activeSlave), `activeSlave ${bond0.activeSlave} not among slaves ${slaves.join(',')}`);
	// The origin story's Pi 2: eth1 (the USB adapter) active, no primary, no Wi-Fi.
	assert(bond0.activeSlave === 'eth1' && bond0.primary === null, `bond0 activeSlave ${bond0.activeSlave}, primary ${bond0.primary}: not the origin's`);
	assert(!j.interfaces.some(i => i.name === 'wlan0'), 'a wlan0 on a simulated Pi 2');
	return `activeSlave ${bond0.activeSlave}, slaves ${slaves.join(',')}, ${j.interfaces.length} interfaces`;
});

// 4. --once --demo
check('--once --demo names bond0 and ACTIVE', () => {
	const r = runArm([bundle, '--once', '--demo']);
	assert(r.status === 0, describe(r) + hint(r));
	assert(r.stdout.includes('bond0'), `no "bond0" in: ${clip(r.stdout, 800)}`);
	assert(r.stdout.includes('ACTIVE'), `no "ACTIVE" in: ${clip(r.stdout, 800)}`);
	return `${r.stdout.split('\n').length} lines`;
});

// 5. --json against this host's real /proc and /sys
check('--json on the real host: exit 0, valid JSON', () => {
	const r = runArm([bundle, '--json']);
	assert(r.status === 0, describe(r) + hint(r));
	const j = schemaOneJson(r);
	assert(j.simulated === undefined || j.simulated === false, 'real host marked simulated');
	assert(Array.isArray(j.interfaces) && j.interfaces.length > 0, 'no interfaces');
	return `${j.bonds.length} bonds, ${j.interfaces.length} interfaces`;
});

// 5b. The V8 flags the launcher sets at run time (its v8Flags line, each with V8's default): Node 18
// accepts them, they act, and with the defaults put back a code cache matches a fresh start-up.
check("the launcher's V8 flags: accepted by Node 18, acting, defaults restore the code cache's flags", () => {
	const launcherFile = join(dirname(bundle), basename(bundle).replace(/(\.[cm]?js)?$/, '-launcher.cjs'));
	const line = /^const v8Flags = (\[.*\]); \/\/ @@V8FLAGS@@/m.exec(readFileSync(launcherFile, 'utf8'));
	assert(line, `no v8Flags line in ${launcherFile}`);
	const pairs = JSON.parse(line[1].replaceAll("'", '"'));
	const set = pairs.map(([flag]) => flag);
	const run = (code, flags) => {
		const r = runArm(['-e', `const v8 = require('v8'); for (const f of ${JSON.stringify(flags)}) v8.setFlagsFromString(f);\n${code}`]);
		assert(r.status === 0, describe(r));
		assert(!/unrecognized|invalid/i.test(r.stdout + r.stderr), `Node 18 refused a flag of ${flags.join(' ')}: ${clip(r.stdout + r.stderr, 400)}`);
		return r.stdout.trim();
	};
	const space = name => `v8.getHeapSpaceStatistics().find(s => s.space_name === '${name}').space_size / 1048576`;
	const young = `let keep = []; for (let i = 0; i < 8e5; i++) { keep.push({a: i, b: 'x' + i}); if (keep.length > 200000) keep = keep.slice(100000); } console.log(${space('new_space')});`;
	const old = `let top = 0; const ring = new Array(50000); for (let i = 0; i < 6e5; i++) { ring[i % 50000] = {i, s: 'y' + i, a: [i]}; if (i % 10000 === 0) top = Math.max(top, ${space('old_space')}); } console.log(top);`;
	const youngWithout = Number(run(young, []));
	const youngWith = Number(run(young, set));
	assert(youngWithout > 2 && youngWith <= 2, `young generation ${youngWith} MB with ${set.join(' ')}, ${youngWithout} MB without`);
	const oldWithout = Number(run(old, set.filter(f => f !== '--optimize-for-size')));
	const oldWith = Number(run(old, set));
	assert(oldWith < oldWithout, `old generation ${oldWith} MB with --optimize-for-size, ${oldWithout} MB without`);
	const atStart = pairs.filter(([, d]) => d === null).map(([f]) => f);
	const restore = pairs.flatMap(([, d]) => (d === null ? [] : [d]));
	const cache = run(`const {Script} = require('vm'); const s = new Script('function f(){return 1+1}; f();'); s.runInThisContext(); for (const f of ${JSON.stringify(set)}) v8.setFlagsFromString(f); for (const f of ${JSON.stringify(restore)}) v8.setFlagsFromString(f);
process.stdout.write(s.createCachedData().toString('base64'));`, atStart);
	const accepted = run(`const {Script} = require('vm'); const s = new Script('function f(){return 1+1}; f();', {cachedData: Buffer.from(${JSON.stringify(cache)}, 'base64')}); console.log(s.cachedDataRejected ? 'rejected' : 'accepted');`, atStart);
	assert(accepted === 'accepted', `a code cache made with the defaults put back was ${accepted}`);
	return `young ${youngWith} MB (${youngWithout} without), old up to ${oldWith.toFixed(1)} MB (${oldWithout.toFixed(1)} without), cache ${accepted}`;
});

// 6. The TUI in a real terminal (tmux), under the armhf node.
function tmuxAvailable() {
	return spawnSync('tmux', ['-V'], {encoding: 'utf8'}).status === 0;
}

check('--demo TUI in tmux shows bond0 and SIMULATED, quits on q', () => {
	assert(tmuxAvailable(), 'tmux is not installed (apt-get install tmux)');
	const sock = `bondtop-armhf-${process.pid}`;
	const tmuxEnv = {...process.env, LANG: process.env.LANG || 'C.UTF-8'};
	delete tmuxEnv.TMUX;
	const tmux = (...args) => spawnSync('tmux', ['-L', sock, '-f', '/dev/null', ...args], {encoding: 'utf8', env: tmuxEnv});
	const sh = s => `'${s.replaceAll("'", "'\\''")}'`;
	const envArgs = Object.entries(armEnv).map(([k, v]) => sh(`${k}=${v}`)).join(' ');
	// A person's terminal: not CI (Ink only prints the last frame when CI is set).
	const cmd = `env -u CI -u CONTINUOUS_INTEGRATION -u NO_COLOR ${envArgs} ${sh(qemu)} ${sh(armNode)} ${sh(bundle)} --demo; echo "BONDTOP-EXIT:$?"; sleep 600`;
	const sleep = ms => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
	const capture = () => tmux('capture-pane', '-p', '-t', 'armhf').stdout ?? '';
	try {
		const s = tmux('new-session', '-d', '-s', 'armhf', '-x', '120', '-y', '40', '-c', repo, cmd);
		assert(s.status === 0, `tmux new-session failed: ${s.stderr}`);
		const t0 = Date.now();
		let screen = '';
		let firstMs = null;
		while (Date.now() - t0 < timeoutMs) {
			screen = capture();
			if (screen.includes('BONDTOP-EXIT:')) break;
			if (screen.includes('bond0') && screen.includes('SIMULATED')) {
				firstMs = Date.now() - t0;
				break;
			}
			sleep(200);
		}
		assert(firstMs !== null, `screen never showed bond0 and SIMULATED:\n${tail(screen, 25)}`);
		// Let it run ~3 s (three refreshes at the default interval), then it must still be up.
		sleep(3000);
		screen = capture();
		assert(!screen.includes('BONDTOP-EXIT:'), `the TUI exited by itself:\n${screen}`);
		assert(screen.includes('bond0') && screen.includes('SIMULATED'), `after 3 s the screen lost bond0/SIMULATED:\n${screen}`);
		tmux('send-keys', '-t', 'armhf', 'q');
		const tq = Date.now();
		let exitCode = null;
		while (Date.now() - tq < 30_000) {
			const m = /BONDTOP-EXIT:(\d+)/.exec(capture());
			if (m) {
				exitCode = Number(m[1]);
				break;
			}
			sleep(200);
		}
		assert(exitCode !== null, `still running 30 s after q:\n${capture()}`);
		assert(exitCode === 0, `exited with status ${exitCode} after q:\n${capture()}`);
		return `first frame after ${(firstMs / 1000).toFixed(1)}s, exit 0 ${((Date.now() - tq) / 1000).toFixed(1)}s after q`;
	} finally {
		tmux('kill-server');
	}
});

finish();
