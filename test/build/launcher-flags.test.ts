/**
 * The V8 flags scripts/launcher.mjs sets at run time (its `v8Flags` line): this node accepts each
 * of them, and --semi-space-growth-factor=1 keeps the young generation from growing under an
 * allocation pattern that grows it without the flag. test/armhf/run.mjs checks the same on the
 * Pi's Node 18.
 */
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';

const launcher = readFileSync(new URL('../../scripts/launcher.mjs', import.meta.url), 'utf8');

function launcherFlags(text: string): string[] {
	const line = /^const v8Flags = (\[.*\]); \/\/ @@V8FLAGS@@/m.exec(text);
	if (!line) throw new Error('scripts/launcher.mjs has no v8Flags line');
	return JSON.parse(line[1]!.replaceAll("'", '"')) as string[];
}

/** Sets the flags at run time as the launcher does, allocates with many survivors, prints the new space's size in MB. */
const probe = (flags: string[]) => `
const v8 = require('v8');
for (const flag of ${JSON.stringify(flags)}) v8.setFlagsFromString(flag);
let keep = [];
for (let i = 0; i < 1.5e6; i++) { keep.push({a: i, b: 'x' + i}); if (keep.length > 200000) keep = keep.slice(100000); }
console.log('new space MB', v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1048576);
`;

function newSpaceMb(flags: string[]) {
	const r = spawnSync(process.execPath, ['-e', probe(flags)], {encoding: 'utf8'});
	assert.equal(r.status, 0, r.stderr);
	assert.doesNotMatch(r.stdout + r.stderr, /unrecognized|invalid/i);
	const m = /new space MB (\d+(\.\d+)?)/.exec(r.stdout);
	assert.ok(m, r.stdout);
	return Number(m[1]);
}

test('the launcher sets --semi-space-growth-factor=1, and it keeps the young generation small', () => {
	const flags = launcherFlags(launcher);
	assert.ok(flags.includes('--semi-space-growth-factor=1'), flags.join(' '));
	assert.ok(newSpaceMb([]) >= 8, 'without the flags the young generation grows (the check can fail)');
	assert.ok(newSpaceMb(flags) <= 2, 'with them it stays at 2 x 1 MB');
});
