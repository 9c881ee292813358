// The bin's V8 code cache (scripts/launcher.cjs): where it goes, when it is written, and that a
// missing, bad or foreign cache changes nothing but speed. Runs the built dist/bondtop.js
// (`npm run build`) with a private XDG_CACHE_HOME. Only the interactive TUI writes the cache (the
// kind of run decides, not its length): it runs here in a pseudo-terminal (util-linux `script`)
// and quits with `q` once it has drawn a frame; a drill on the demo (--for 1, longer than any
// --json) is the long run that must not write one.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, test} from 'node:test';
import {bundleBin as bin, bundleCommand, runInPty} from '../helpers/pty.js';

const homes: string[] = [];
after(() => {
	for (const home of homes) rmSync(home, {recursive: true, force: true});
});

function cacheHome() {
	const home = mkdtempSync(join(tmpdir(), 'bondtop-cache-test-'));
	homes.push(home);
	return home;
}

function run(home: string, args: string[], env: Record<string, string> = {}) {
	const result = spawnSync(process.execPath, [bin, ...args], {
		encoding: 'utf8',
		input: '',
		timeout: 30_000,
		env: {...process.env, NO_COLOR: '1', XDG_CACHE_HOME: home, BONDTOP_NO_CACHE: '', BONDTOP_CODE_CACHE: '1', ...env},
	});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

const drill = ['drill', 'eth0', '--demo', '--for', '1', '--json'];
const cacheFiles = (home: string) => {
	const dir = join(home, 'bondtop');
	return existsSync(dir) ? readdirSync(dir).map((name) => join(dir, name)) : [];
};

function drillOk(home: string, env: Record<string, string> = {}) {
	const r = run(home, drill, env);
	assert.equal(r.code, 0, r.stderr);
	assert.equal(JSON.parse(r.stdout).newActive, 'eth1');
	assert.equal(r.stderr, '');
}

/**
 * The TUI (`--demo`) in a pseudo-terminal: quits with `q` after its first frame (or `holdMs`
 * later); exit code 0.
 */
async function tuiOk(home: string, env: Record<string, string> = {}, holdMs = 0) {
	const {out, code, drawn} = await runInPty(bundleCommand(['--demo']), {
		env: {...process.env, NO_COLOR: '1', XDG_CACHE_HOME: home, BONDTOP_NO_CACHE: '', BONDTOP_CODE_CACHE: '1', CI: '', ...env},
		holdMs,
		timeoutMs: 30_000,
	});
	assert.ok(drawn, `no frame: ${JSON.stringify(out.slice(0, 300))}`);
	assert.equal(code, 0, out.slice(-300));
}

test('the TUI writes one cache file when it quits (0600, directory 0700); the next run uses it as it is', async () => {
	const home = cacheHome();
	// Past the launcher's v8FlagsAfterMs (3 s): the cache is written after its V8 flags were set,
	// and must still match the next start-up, which compiles before they are.
	await tuiOk(home, {}, 3500);
	const files = cacheFiles(home);
	assert.equal(files.length, 1, files.join(', '));
	assert.match(files[0]!, /[/]0\.\d+\.\d+-[0-9a-f]{16}-node[^/]+\.v8cache$/);
	assert.equal(statSync(files[0]!).mode & 0o777, 0o600);
	assert.equal(statSync(join(home, 'bondtop')).mode & 0o777, 0o700);
	const before = statSync(files[0]!);
	await tuiOk(home);
	drillOk(home); // reads it too
	const again = statSync(files[0]!);
	// Rewritten only when there was none or V8 rejected it.
	assert.equal(again.mtimeMs, before.mtimeMs);
	assert.equal(again.ino, before.ino);
});

test('--json, --once, a drill (a second and more), --version, --help and a usage error write no cache', () => {
	const home = cacheHome();
	assert.equal(run(home, ['--json', '--demo']).code, 0);
	assert.equal(run(home, ['--once', '--demo']).code, 0);
	drillOk(home);
	assert.equal(run(home, ['--version']).code, 0);
	assert.equal(run(home, ['--help']).code, 0);
	assert.equal(run(home, ['--interval', '1']).code, 2);
	assert.deepEqual(cacheFiles(home), []);
});

test('a corrupt or truncated cache changes nothing but is replaced by a good one', async () => {
	const home = cacheHome();
	await tuiOk(home);
	const [file] = cacheFiles(home);
	const good = readFileSync(file!);
	// Damage past V8's header: only the checksum (--verify-snapshot-checksum) notices it.
	const damaged = Buffer.from(good);
	for (let i = good.length >> 1; i < (good.length >> 1) + 64; i++) damaged[i]! ^= 0xff;
	for (const bad of [Buffer.from('not a code cache'), good.subarray(0, good.length >> 1), Buffer.alloc(good.length, 0xa5), damaged]) {
		writeFileSync(file!, bad);
		const json = run(home, ['--json', '--demo']);
		assert.equal(json.code, 0, json.stderr);
		assert.equal(JSON.parse(json.stdout).bonds[0].name, 'bond0');
		await tuiOk(home);
		assert.ok(!readFileSync(file!).equals(bad), 'replaced');
	}
	assert.equal(cacheFiles(home).length, 1);
});

test('off by default: without BONDTOP_CODE_CACHE=1 no cache is written', async () => {
	const home = cacheHome();
	await tuiOk(home, {BONDTOP_CODE_CACHE: ''});
	assert.deepEqual(cacheFiles(home), []);
});

test('BONDTOP_NO_CACHE=1: no cache read or written', async () => {
	const home = cacheHome();
	await tuiOk(home, {BONDTOP_NO_CACHE: '1'});
	assert.deepEqual(cacheFiles(home), []);
});

test('a cache file that belongs to someone else is not read, and is replaced by one of ours', {skip: process.getuid?.() !== 0 && 'needs root to chown'}, async () => {
	const home = cacheHome();
	await tuiOk(home);
	const [file] = cacheFiles(home);
	chownSync(file!, 65534, 65534);
	await tuiOk(home);
	assert.equal(statSync(file!).uid, 0);
});

test('an unusable cache place (a file where the directory should be) changes nothing', async () => {
	const home = cacheHome();
	writeFileSync(join(home, 'bondtop'), 'in the way');
	await tuiOk(home);
	assert.equal(readFileSync(join(home, 'bondtop'), 'utf8'), 'in the way');
});
