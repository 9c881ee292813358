// bondtop's launcher (dist/bondtop-launcher.cjs, written by scripts/build.mjs from
// scripts/launcher.cjs), loaded by the bin, dist/bondtop.js, once it has checked the Node.js version.
// Both are CommonJS (dist/package.json says so): a start-up through them needs no ES module loader,
// which cost about 5 ms of CPU and a few asynchronous reads before the first frame.
// The program itself is dist/bondtop-main.js: the bundle as one async function. This file compiles
// it with a V8 code cache, so a start-up skips parsing and compiling most of the 800 KB bundle.
// The cache is in $XDG_CACHE_HOME/bondtop/ or ~/.cache/bondtop/, one file per bundle, node
// version, architecture and node flags; it is written when the interactive TUI ends (not --json,
// --once, a drill, --help or an error: the kind of run decides, not its length; see
// source/cli/code-cache-hint.ts), when there was none or V8 rejected it. Any failure to read or write it only means no cache.
// It is OFF unless BONDTOP_CODE_CACHE=1 (see cachePlace);
// BONDTOP_NO_CACHE=1 turns it off in any case. It is used only when the directory and the file belong to this
// user and are writable by nobody else (root does not load a cache a user could have written).
'use strict';
const {closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync} = require('node:fs');
const {createRequire} = require('node:module');
const {join} = require('node:path');
const {pathToFileURL} = require('node:url');
const {setFlagsFromString} = require('node:v8');
const {Script} = require('node:vm');

// V8 flags the launcher sets at run time, each with V8's default beside it, or null when it is set
// before the bundle is compiled and kept (test/armhf checks that Node 18 accepts them and that they
// act there; test/build/launcher-flags.test.ts here):
// - --semi-space-growth-factor=1, before the bundle runs: V8 doubles its young generation (up to
//   2 x 16 MB semi-spaces) whenever enough survives scavenges, and shrinks it back only while less
//   than about 1 MB a second is allocated. bondtop allocates ~0.3 MB a refresh: at --interval 250
//   the young generation grew to 32 MB and RSS to 106 MB in 18 minutes; with the factor 1 it stays
//   at 2 x 1 MB. Set before the bundle runs, it also keeps start-up's peak lower (VmHWM 74 MB, 78-82
//   MB when set 3 s later: start-up grew the young generation to 8 MB), for ~25 ms more CPU before
//   the first frame under load (twice the scavenges and a full GC). Given on node's command line
//   the flag does nothing (checked with node 20: it still grows to 32 MB).
// - --optimize-for-size, 3 s after start: with the small young generation more is promoted, and V8
//   lets the old generation grow at least 8 MB past what the last full GC kept before the next one
//   (2 MB when it optimises for size): it went from 9 to 16-18 MB between full GCs and RSS to 80-84
//   MB after 10 minutes at 250 ms; with it the old generation stays near 11 MB. CPU at 1 s side by
//   side with and without it: the same (0.38 % and 0.40 % of one core, btop 0.64 %). Set later so
//   that start-up compiles as usual; V8 rejects a code cache made under other flags, so its
//   default is put back before a cache is written at exit (it also sets --max-semi-space-size=1,
//   which has no effect after start-up but is among the flags V8 compares, so that goes back too).
const v8Flags = [['--semi-space-growth-factor=1', null], ['--optimize-for-size', '--no-optimize-for-size --max-semi-space-size=0']]; // @@V8FLAGS@@ (read by tests)
const v8FlagsAfterMs = 3000;
for (const [flag, byDefault] of v8Flags) if (byDefault === null) setFlagsFromString(flag);
setTimeout(() => {
	for (const [flag, byDefault] of v8Flags) if (byDefault !== null) setFlagsFromString(flag);
}, v8FlagsAfterMs).unref();

const build = {main: 'bondtop-main.js', entry: 'bondtop.js', id: 'dev'}; // @@BUILD@@ (replaced by scripts/build.mjs)
const mainPath = join(__dirname, build.main);
const keptCaches = 4;

// FNV-1a, 32 bits: names the cache after the node flags and the bundle's size and mtime.
function fnv(text) {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
	return (h >>> 0).toString(16).padStart(8, '0');
}

function ours(stat, uid) {
	return stat.uid === uid && (stat.mode & 0o022) === 0;
}

// V8 checks a code cache's header (its version, its flags, the source's length) but, in release
// builds since V8 10.x, not the contents unless --verify-snapshot-checksum is set: then it writes a
// checksum into the caches it makes and rejects one whose contents do not match (a cache damaged on
// disk would otherwise crash node). The flag is in the V8 of Node 18 to 25 (10 to 14; on by default
// in Node 18's); with another V8 there is no cache rather than an "unrecognized flag" message.
const v8Major = Number(process.versions.v8.split('.')[0]);

function cachePlace(mainStat) {
	const env = process.env;
	// Opt-in: it was turned off while chasing node crashes in the kernel lab (SIGSEGV at start,
	// mid-run and at exit); they went on without it and stopped with single-threaded TCG, so it is
	// probably innocent, but it has had no clean series of lab runs of its own: BONDTOP_CODE_CACHE=1.
	if (env.BONDTOP_CODE_CACHE !== '1' || env.BONDTOP_NO_CACHE || typeof process.geteuid !== 'function' || !(v8Major >= 10 && v8Major <= 14)) return null;
	const xdg = env.XDG_CACHE_HOME?.startsWith('/') ? env.XDG_CACHE_HOME : null;
	const home = env.HOME?.startsWith('/') ? env.HOME : null;
	if (!xdg && !home) return null;
	const dir = xdg ? `${xdg}/bondtop` : `${home}/.cache/bondtop`;
	// V8 rejects a cache made under other flags: one file per set of flags.
	const variant = fnv([process.execArgv.join(' '), env.NODE_OPTIONS ?? '', mainStat.size, mainStat.mtimeMs].join('\0'));
	return {owner: xdg ?? home, xdg: xdg !== null, dir, file: `${dir}/${build.id}-node${process.version}-${process.arch}-${variant}.v8cache`, uid: process.geteuid()};
}

function readCache(place) {
	let fd = -1;
	try {
		const dir = lstatSync(place.dir);
		if (!dir.isDirectory() || !ours(dir, place.uid)) return undefined;
		fd = openSync(place.file, constants.O_RDONLY | constants.O_NOFOLLOW);
		const stat = fstatSync(fd);
		if (!stat.isFile() || !ours(stat, place.uid)) return undefined;
		return readFileSync(fd);
	} catch {
		return undefined;
	} finally {
		if (fd >= 0) closeSync(fd);
	}
}

function writeCache(place, script) {
	let temporary = null;
	try {
		// Not in someone else's home (sudo keeping HOME, for one). XDG_CACHE_HOME may not exist yet.
		const owner = statSync(place.owner, {throwIfNoEntry: !place.xdg});
		if (owner !== undefined && owner.uid !== place.uid) return;
		mkdirSync(place.dir, {recursive: true, mode: 0o700});
		const dir = lstatSync(place.dir);
		if (!dir.isDirectory() || !ours(dir, place.uid)) return;
		const data = script.createCachedData();
		temporary = `${place.file}.${process.pid}.tmp`;
		writeFileSync(temporary, data, {mode: 0o600, flag: 'wx'});
		renameSync(temporary, place.file);
		temporary = null;
		// Keep the newest few (other versions, other nodes); drop leftovers of interrupted writes.
		const now = Date.now();
		const others = [];
		for (const name of readdirSync(place.dir)) {
			const path = `${place.dir}/${name}`;
			if (path === place.file || !/\.v8cache(\.\d+\.tmp)?$/.test(name)) continue;
			const stat = lstatSync(path);
			if (name.endsWith('.tmp')) {
				if (now - stat.mtimeMs > 3_600_000) unlinkSync(path);
			} else {
				others.push({path, mtime: stat.mtimeMs});
			}
		}
		others.sort((a, b) => b.mtime - a.mtime);
		for (const {path} of others.slice(keptCaches - 1)) unlinkSync(path);
	} catch {
		// No cache this time.
	} finally {
		if (temporary) {
			try {
				unlinkSync(temporary);
			} catch {}
		}
	}
}

const fd = openSync(mainPath, 'r');
const mainStat = fstatSync(fd);
const source = readFileSync(fd, 'latin1'); // ASCII (scripts/build.mjs checks)
closeSync(fd);
let place = null;
try {
	place = cachePlace(mainStat);
} catch {}
if (place) setFlagsFromString('--verify-snapshot-checksum');
let cachedData = place ? readCache(place) : undefined;
const script = new Script(source, {filename: mainPath, cachedData});
const writeCacheLater = place !== null && (cachedData === undefined || script.cachedDataRejected === true);
cachedData = undefined; // V8 has what it needed of it
const main = script.runInThisContext();
// The bundle's import.meta.url is the bin's, dist/bondtop.js: what runs bondtop (bondtop lab starts
// it again inside its namespace). (url is all it reads.) Its promise settles when the bundle's
// modules are loaded; a failure there is an unhandled rejection: node prints it and exits 1.
main(createRequire(__filename), {url: pathToFileURL(join(__dirname, build.entry)).href});
// Written when the process ends (quit, a signal that bondtop handles), so that serialising ~1 MB of
// compiled code never competes with a frame or a drill's timing: in the kernel lab a cache written
// one second after start-up fell in the middle of a drill and stalled it for ~600 ms under
// emulation. Only the interactive TUI writes one (it marks itself, source/cli/code-cache-hint.ts):
// by then it holds the functions start-up and the first refreshes compiled. It used to be any run
// of a second or more, and a --json under load crossed that.
if (writeCacheLater) {
	process.once('exit', () => {
		if (globalThis[Symbol.for('bondtop.interactive-run')] !== true) return;
		for (const [, byDefault] of v8Flags) if (byDefault !== null) setFlagsFromString(byDefault); // the flags the next start-up compiles under
		writeCache(place, script);
	});
}
