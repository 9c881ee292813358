import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
// @ts-expect-error: plain JavaScript (the lab's guest side and a script), no types
import {castRecorder, castText} from '../../test/kernel/guest/cast-recorder.mjs';
// @ts-expect-error: plain JavaScript script
import {alignBraille, framesOf, trimmed} from '../../scripts/record-failover.mjs';

const bsu = '\u001B[?2026h';
const esu = '\u001B[?2026l';

test('a recording becomes frames at Ink\'s synchronized-output marks, whatever the reads were', () => {
	const events = [
		[0, '\u001B[?1049h'],
		[0.1, `${bsu}frame one`],
		[0.11, ` continued${esu}`],
		[0.6, `${bsu}two${esu}${bsu}three`],
		[0.61, esu],
	];
	const {preamble, frames} = framesOf(events);
	assert.equal(preamble, '\u001B[?1049h');
	assert.deepEqual(frames, [
		[0.1, `${bsu}frame one continued${esu}`],
		[0.6, `${bsu}two${esu}`],
		[0.6, `${bsu}three${esu}`],
	]);
});

test('trimmed: starts with the frame on screen at the cut (after the preamble), ends at `to`, pauses capped at 2 s', () => {
	const events = [[0, 'PRE'], ...[1, 2, 3, 4, 10, 11, 12].map((t) => [t, `${bsu}f${t}`])];
	const out = trimmed(events, 2.5, 11);
	assert.deepEqual(out, [
		[0, `PRE${bsu}f2`],
		[1, `${bsu}f3`],
		[2, `${bsu}f4`],
		[4, `${bsu}f10`],
		[5, `${bsu}f11`],
	]);
});

test('alignBraille: each glyph of a run holding braille at its own column; blank cells dropped; other runs untouched', () => {
	const svg = '<text x="2.004" y="1.67" class="i">⠀⣀⣤ ┤5Mb</text><text y="3" class="h">RX</text><text y="5" class="i">⠀⠀</text>';
	assert.equal(alignBraille(svg, 1.002), '<text x="3.006 4.008 6.012 7.014 8.016 9.018" y="1.67" class="i">⣀⣤┤5Mb</text><text y="3" class="h">RX</text>');
});

test('castRecorder: what is written into the FIFO, in order, a character split between two writes kept whole; castText is asciicast v2', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'bondtop-cast-'));
	try {
		const fifo = join(dir, 'fifo');
		const recorder = castRecorder(fifo);
		// "é" is C3 A9: the writer sends C3, pauses, then A9.
		const writer = spawn('sh', ['-c', `exec 3>"$1"; printf 'a\\303' >&3; sleep 0.3; printf '\\251b' >&3; exec 3>&-`, 'sh', fifo]);
		recorder.mark('written');
		await new Promise((resolve) => writer.on('exit', resolve));
		const {events, marks} = await recorder.finish();
		assert.equal(events.map(([, text]: [number, string]) => text).join(''), 'aéb');
		assert.ok(events.every(([, text]: [number, string]) => !text.includes('\uFFFD')), 'no replacement character');
		assert.equal(events[0][0], 0, 'times from the first byte');
		assert.equal(marks[0][1], 'written');
		const cast = castText({width: 100, height: 30, events: [[0, 'x'], [1.5, 'y\n']], title: 't'}).split('\n');
		assert.deepEqual(JSON.parse(cast[0]), {version: 2, width: 100, height: 30, title: 't', env: {}});
		assert.deepEqual(JSON.parse(cast[2]), [1.5, 'o', 'y\n']);
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});
