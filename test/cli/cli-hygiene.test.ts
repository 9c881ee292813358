// Command-line and pipe hygiene of the built bundle (dist/bondtop.js, `npm run build`): every
// mistake is one line and exit 2, a closed stdout ends quietly, no stack trace from any input.
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {bundleBin as bin, bundleCommand, ptyArgs, runInPty} from '../helpers/pty.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/kernel/${name}`, import.meta.url));

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
	const result = spawnSync(process.execPath, [bin, ...args], {encoding: 'utf8', input: '', timeout: 20_000, env: {...process.env, NO_COLOR: '1', ...env}});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

const oneLineErrors: Array<[string[], string]> = [
	[['--intervall', '5'], 'bondtop: unknown flag --intervall (did you mean --interval?)\n'],
	[['--no-colour', '--json'], 'bondtop: unknown flag --no-colour (did you mean --no-color?)\n'],
	[['--frobnicate'], 'bondtop: unknown flag --frobnicate\n'],
	[['--interval'], 'bondtop: --interval needs a value (MS)\n'],
	[['--interval', '--once'], 'bondtop: --interval needs a value (MS)\n'],
	[['--interval='], 'bondtop: --interval needs a value (MS)\n'],
	[['--json', '--root'], 'bondtop: --root needs a value (DIR)\n'],
	[['--once=yes'], 'bondtop: --once takes no value\n'],
	[['-x'], 'bondtop: unknown flag -x (interface names that start with - go after --, e.g. bondtop drill -- -x)\n'],
	[['--demo', 'nobond'], 'bondtop: no bond named nobond (bonds here: bond0)\n'],
	[['--demo', '--json', 'bond0', 'bond7'], 'bondtop: no bond named bond7 (bonds here: bond0)\n'],
	[['--root', fixture('active-backup'), 'drill', 'eth0'], 'bondtop: bondtop drill changes links: not with --root (a capture is read-only)\n'],
	[['--read-only', 'drill', 'eth0'], 'bondtop: bondtop drill changes links: not with --read-only\n'],
	[['--read-only', 'lab'], 'bondtop: bondtop lab changes links: not with --read-only\n'],
	[['--root', fixture('active-backup'), 'lab'], 'bondtop: bondtop lab changes links: not with --root (a capture is read-only)\n'],
	[['--once', '--root', fixture('active-backup'), 'bond\u001b]0;x\u0007'], 'bondtop: no bond named bond\\x1b]0;x\\x07 (bonds here: bond0)\n'],
];
for (const [args, expected] of oneLineErrors) {
	test(`${JSON.stringify(args.join(' '))}: exactly one line, exit 2`, () => {
		const {code, stdout, stderr} = run(args);
		assert.equal(stderr, expected);
		assert.equal(code, 2);
		assert.equal(stdout, '');
	});
}

test('-- ends the flags: a name starting with - is a word (drill then says it is no slave here)', () => {
	const {code, stderr} = run(['--demo', 'drill', '--', '-a']);
	assert.equal(code, 2);
	assert.equal(stderr, 'bondtop: -a is not a bond slave here (slaves: eth0, eth1)\n');
});

test('-h and -v work; --help names --read-only and BONDTOP_DEBUG, and which keys change links', () => {
	const help = run(['-h']);
	assert.equal(help.code, 0);
	assert.match(help.stdout, /--read-only\s+change nothing/);
	assert.match(help.stdout, /BONDTOP_DEBUG/);
	assert.match(help.stdout, /\n\s*d u a p change links: with --root or --read-only they are not bound\.\n/);
	assert.match(run(['-v']).stdout, /^\d+\.\d+\.\d+/);
});

test('a closed stdout (bondtop --json | head -1) ends quietly: exit 0, nothing on stderr', async () => {
	for (const args of [['--json', '--demo'], ['--once', '--demo']]) {
		const child = spawn(process.execPath, [bin, ...args, '--demo-bonds', '16', '--demo-slaves', '8', '--demo-extra', '16'], {stdio: ['ignore', 'pipe', 'pipe']});
		// The reader goes away before bondtop writes: its write must fail with EPIPE.
		child.stdout.destroy();
		let stderr = '';
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
		assert.equal(stderr, '', args.join(' '));
		assert.equal(code, 0, args.join(' '));
	}
});

test('stdin not a terminal and no controlling terminal: one line, exit 2, not a stack', () => {
	// script(1) gives bondtop a terminal for stdout; setsid takes away the controlling terminal, so
	// /dev/tty cannot be opened either.
	const result = spawnSync('script', ptyArgs(`setsid ${bundleCommand(['--demo'])} </dev/null`), {encoding: 'utf8', timeout: 20_000});
	assert.equal(result.stdout.replace(/\r/g, ''), 'bondtop: stdin is not a terminal and there is no terminal to read keys from (/dev/tty: ENXIO); use --once or --json\n');
	assert.equal(result.status, 2);
});

test('stdin not a terminal but a controlling terminal: the TUI reads its keys from /dev/tty (q quits)', async () => {
	const {out, code, drawn} = await runInPty(`${bundleCommand(['--demo'])} </dev/null`, {env: {...process.env, NO_COLOR: '1'}});
	assert.ok(drawn, 'the TUI drew its footer');
	assert.equal(code, 0, out.slice(-500));
	assert.doesNotMatch(out, /Raw mode is not supported|\n\s+at /);
});

/** Runs the TUI of the bundle at 160x50 in a pseudo-terminal until its footer shows, then sends `keys`. */
function tuiFrames(args: string[], keys: string) {
	return runInPty(bundleCommand(args), {env: {...process.env, NO_COLOR: '1'}, size: {columns: 160, rows: 50}, keys});
}

test('the bundle under --root: OFFLINE and the capture time in the title, no d/u/a/p; d does nothing', async () => {
	const {out, code} = await tuiFrames(['--root', fixture('active-backup')], 'jdq');
	assert.equal(code, 0, out.slice(-400));
	assert.match(out, /OFFLINE capture, taken \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(newest file time\)  ·  read-only  ·  rates unknown/);
	assert.doesNotMatch(out, /every 1000 ms|d down|u up|a make active|p drill|ip link set/);
});

test('the bundle with --read-only --demo: READ-ONLY in the title, no d/u/a/p', async () => {
	const {out, code} = await tuiFrames(['--read-only', '--demo'], 'jdq');
	assert.equal(code, 0, out.slice(-400));
	assert.match(out, /READ-ONLY \(--read-only\)/);
	assert.doesNotMatch(out, /d down|u up|a make active|p drill|ip link set/);
});
