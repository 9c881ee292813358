/**
 * The V8 flags scripts/launcher.cjs sets at run time (its `v8Flags` line, each with V8's default):
 * this node accepts them, they act (the young generation stays small; the old generation grows
 * less between full GCs), and putting the defaults back gives a code cache the next start-up
 * (which compiles before the flags are set) accepts. test/armhf/run.mjs checks the same on the
 * Pi's Node 18.
 */
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';

const launcher = readFileSync(new URL('../../scripts/launcher.cjs', import.meta.url), 'utf8');

function launcherFlags(text: string): Array<[string, string | null]> {
	const line = /^const v8Flags = (\[.*\]); \/\/ @@V8FLAGS@@/m.exec(text);
	if (!line) throw new Error('scripts/launcher.cjs has no v8Flags line');
	return JSON.parse(line[1]!.replaceAll("'", '"')) as Array<[string, string | null]>;
}

const flags = launcherFlags(launcher);
const set = flags.map(([flag]) => flag);
/** Set before the bundle is compiled and kept (no default to put back). */
const atStart = flags.filter(([, d]) => d === null).map(([flag]) => flag);
const restore = flags.flatMap(([, d]) => (d === null ? [] : [d]));

function probe(code: string, setFlags: string[]) {
	const r = spawnSync(process.execPath, ['-e', `const v8 = require('v8'); for (const f of ${JSON.stringify(setFlags)}) v8.setFlagsFromString(f);\n${code}`], {encoding: 'utf8'});
	assert.equal(r.status, 0, r.stderr);
	assert.doesNotMatch(r.stdout + r.stderr, /unrecognized|invalid/i);
	return r.stdout;
}

const youngProbe = `let keep = [];
for (let i = 0; i < 1.5e6; i++) { keep.push({a: i, b: 'x' + i}); if (keep.length > 200000) keep = keep.slice(100000); }
console.log(v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1048576);`;
const oldProbe = `let top = 0; const ring = new Array(50000);
for (let i = 0; i < 1e6; i++) { ring[i % 50000] = {i, s: 'y' + i, a: [i]}; if (i % 10000 === 0) top = Math.max(top, v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space').space_size); }
console.log(top / 1048576);`;

test('the launcher sets the two memory flags: the growth factor at start, optimize-for-size later with its default', () => {
	assert.deepEqual(flags, [
		['--semi-space-growth-factor=1', null],
		['--optimize-for-size', '--no-optimize-for-size --max-semi-space-size=0'],
	]);
});

test('--semi-space-growth-factor=1 keeps the young generation at 2 x 1 MB (16-32 MB without)', () => {
	assert.ok(Number(probe(youngProbe, [])) >= 8, 'without the flags the young generation grows (the check can fail)');
	assert.ok(Number(probe(youngProbe, set)) <= 2);
});

test('--optimize-for-size lets the old generation grow less between full GCs', () => {
	const without = Number(probe(oldProbe, [set[0]!]));
	const withIt = Number(probe(oldProbe, set));
	assert.ok(withIt < without * 0.8, `old space ${withIt} MB with the flags, ${without} MB without`);
});

test('with the defaults put back, a code cache made after the flags were set is accepted by a fresh start-up', () => {
	const code = 'function f(){return 1+1}; f();';
	// A start-up: the at-start flags, then the code; later the other flags; at exit their defaults back.
	const make = `const {Script} = require('vm'); const s = new Script(${JSON.stringify(code)}); s.runInThisContext();
for (const f of ${JSON.stringify(set)}) v8.setFlagsFromString(f);
for (const f of ${JSON.stringify(restore)}) v8.setFlagsFromString(f);
process.stdout.write(s.createCachedData().toString('base64'));`;
	const use = (data: string) => `const {Script} = require('vm'); const s = new Script(${JSON.stringify(code)}, {cachedData: Buffer.from(${JSON.stringify(data)}, 'base64')}); console.log(s.cachedDataRejected ? 'rejected' : 'accepted');`;
	assert.equal(probe(use(probe(make, atStart)), atStart).trim(), 'accepted');
	// Without putting them back, the cache would not match (so the check can fail).
	const stale = probe(`const {Script} = require('vm'); const s = new Script(${JSON.stringify(code)}); s.runInThisContext(); for (const f of ${JSON.stringify(set)}) v8.setFlagsFromString(f); process.stdout.write(s.createCachedData().toString('base64'));`, atStart);
	assert.equal(probe(use(stale), atStart).trim(), 'rejected');
});
