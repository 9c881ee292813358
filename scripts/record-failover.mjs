#!/usr/bin/env node
// The README's animation: a failover recorded from the real bonding driver.
//   flock /work/lab.lock node scripts/record-failover.mjs    boot the kernel lab's `record` guest
//       (test/kernel/guest/record.mjs: bondtop at 100x30 in tmux, ping traffic on bond0, a warm-up,
//       `d` on the active slave, `u`), keep its asciicast from a few seconds before `d`, write
//       media/bondtop-failover.cast and render media/bondtop-failover.svg
//   node scripts/record-failover.mjs --render    only render the committed cast again
// Rendering: svg-term-cli from the npm registry (npx, pinned), then each glyph of a braille chart
// run gets its own x, so the charts line up whatever font the viewer falls back to for braille.
import {spawnSync} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {gunzipSync} from 'node:zlib';
import {castText} from '../test/kernel/guest/cast-recorder.mjs';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const castPath = join(root, 'media', 'bondtop-failover.cast');
const svgPath = join(root, 'media', 'bondtop-failover.svg');
const SVG_TERM = 'svg-term-cli@2.1.1';
/** Seconds of the recording kept before `d` (the charts already have their history by then). */
const BEFORE_DOWN = 4;
/** Longest pause kept, in seconds (asciinema's idle_time_limit). */
const IDLE_LIMIT = 2;

const log = (message) => process.stderr.write(`record-failover: ${message}\n`);

/** Ink wraps every frame in synchronized output (`ESC[?2026h` … `ESC[?2026l`); a frame starts at its `ESC[?2026h`. */
const frameStart = '\u001B[?2026h';

/**
 * The recording as frames: the bytes before the first frame (the alternate screen, at 0) and each
 * frame with the time of the read that held its start. Frames are whole-screen redraws, so any
 * of them can follow the preamble.
 */
export function framesOf(events) {
	let preamble = '';
	const frames = [];
	for (const [t, text] of events) {
		const parts = text.split(frameStart);
		parts.forEach((part, index) => {
			if (index > 0) frames.push([t, frameStart + part]);
			else if (frames.length === 0) preamble += part;
			else frames[frames.length - 1][1] += part;
		});
	}
	return {preamble, frames};
}

/** The frames from `from` to `to` seconds, rebased to 0 after the preamble, pauses capped at {@link IDLE_LIMIT}. */
export function trimmed(events, from, to) {
	const {preamble, frames} = framesOf(events);
	// The frame on screen at `from` starts the cut.
	let first = frames.findIndex(([t]) => t > from);
	first = first <= 0 ? 0 : first - 1;
	const kept = frames.slice(first).filter(([t]) => t <= to);
	const out = [];
	let clock = 0;
	let previous = kept[0]?.[0] ?? 0;
	for (const [t, text] of kept) {
		clock += Math.min(IDLE_LIMIT, t - previous);
		previous = t;
		out.push([Math.round(clock * 1000) / 1000, out.length === 0 ? preamble + text : text]);
	}
	return out;
}

/** Gives every glyph of a text run holding braille its own x (svg-term-cli places runs, not glyphs), and drops blank braille cells. */
export function alignBraille(svg, cellWidth) {
	return svg.replace(/<text( x="([\d.]+)")? y="([\d.]+)"([^>]*)>([^<]*[\u2800-\u28FF][^<]*)<\/text>/g, (_, _x, x = '0', y, rest, run) => {
		const xs = [];
		let glyphs = '';
		Array.from(run).forEach((glyph, i) => {
			if (glyph === '\u2800' || glyph === ' ') return;
			xs.push(+(Number(x) + i * cellWidth).toFixed(3));
			glyphs += glyph;
		});
		return glyphs ? `<text x="${xs.join(' ')}" y="${y}"${rest}>${glyphs}</text>` : '';
	});
}

function render() {
	const header = JSON.parse(readFileSync(castPath, 'utf8').split('\n', 1)[0]);
	log(`rendering ${castPath} with ${SVG_TERM}`);
	const r = spawnSync('npx', ['--yes', SVG_TERM, '--in', castPath, '--out', svgPath, '--window', '--no-cursor', '--width', String(header.width), '--height', String(header.height)], {
		cwd: root,
		encoding: 'utf8',
	});
	if (r.status !== 0) throw new Error(`svg-term failed (${r.status}): ${r.stderr || r.error?.message}`);
	const svg = readFileSync(svgPath, 'utf8');
	// svg-term-cli's column width: the x of a run at column c is c x 1.002 (column 2 is at 2.004).
	writeFileSync(svgPath, alignBraille(svg, 1.002));
	log(`wrote ${svgPath} (${Math.round(readFileSync(svgPath).length / 1024)} KiB)`);
}

async function record() {
	const host = await import('../test/kernel/lib/host.mjs');
	host.ensureTools();
	const kernel = host.ensureKernel();
	const base = host.buildBase(kernel);
	const packed = host.packBondtop();
	if (!packed.ok) throw new Error(packed.error);
	const overlay = host.buildOverlay('record', {bondtopTarball: packed.tarball});
	log(`booting ${kernel.version} to record a failover`);
	const r = await host.bootGuest({
		kernel, initrds: [base, overlay], script: 'record', timeoutMs: 420_000,
		onLine: (l) => {
			if (l.includes('@@LAB') || l.startsWith('  ')) process.stderr.write(`${l}\n`);
		},
	});
	log(`guest finished in ${r.seconds.toFixed(1)} s, exit ${r.exitCode}${r.timedOut ? ' (timed out)' : ''}; console ${r.consoleFile}`);
	const exported = r.lines.find((l) => l.startsWith('@@LAB EXPORTED '));
	if (!exported || !r.exportB64 || r.exitCode !== 0) throw new Error(`the guest recorded nothing usable; console in ${r.consoleFile}`);
	if (r.exportB64.length !== Number(exported.split(' ')[2])) throw new Error('export truncated');
	const got = JSON.parse(gunzipSync(Buffer.from(r.exportB64, 'base64')).toString('utf8'));
	const at = (label) => got.marks.find(([, l]) => l === label)?.[0];
	const down = at('down');
	const end = at('end');
	if (down === undefined || end === undefined) throw new Error(`marks missing: ${JSON.stringify(got.marks)}`);
	const events = trimmed(got.events, down - BEFORE_DOWN, end);
	const title = `bondtop: d on ${got.first}, the active slave, then u (Linux ${got.kernel}, bonding driver, QEMU)`;
	writeFileSync(castPath, castText({width: got.width, height: got.height, events, title, env: {TERM: 'xterm-256color'}}));
	log(`wrote ${castPath}: ${events.length} frames, ${events.at(-1)?.[0]} s (of ${got.events.at(-1)?.[0]} s recorded; d at ${BEFORE_DOWN} s, u at ${(at('up') - down + BEFORE_DOWN).toFixed(1)} s)`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	try {
		if (!process.argv.includes('--render')) await record();
		render();
	} catch (error) {
		log(error.message);
		process.exit(1);
	}
}
