// Bundled by scripts/bench-frame.mjs with the product's build plugins: renders the real App over a
// simulated host into an in-memory 160x50 terminal and measures the cost of each refresh.
import {PassThrough} from 'node:stream';
import {render} from 'ink';
import React from 'react';
import {RestoringActions} from '../source/actions/restore.js';
import {App} from '../source/app.js';
import {createDemoSource} from '../source/collect/open-source.js';

const [bonds = 3, slaves = 4, extra = 1, frames = 300, columns = 160, rows = 50] = process.argv.slice(2).map(Number);
const opened = createDemoSource({bonds, slavesPerBond: slaves, extraInterfaces: extra});
const stdout = Object.assign(new PassThrough(), {columns, rows, isTTY: true});
stdout.resume();
const stdin = Object.assign(new PassThrough(), {isTTY: true, setRawMode() {}, ref() {}, unref() {}});
// Frames rendered before measuring: the first few hundred include V8 compiling the hot code.
const warmupFrames = Number(process.env.BONDTOP_FRAME_WARMUP ?? 300);
const renderTimes: number[] = [];
let cpuAtFirst: NodeJS.CpuUsage | null = null;
let wallAtFirst = 0;
const instance = render(<App source={opened.source} actions={new RestoringActions(opened.actions!)} intervalMs={20} colour />, {
	stdout: stdout as unknown as NodeJS.WriteStream,
	stdin: stdin as unknown as NodeJS.ReadStream,
	patchConsole: false,
	exitOnCtrlC: false,
	maxFps: 1000,
	onRender({renderTime}) {
		renderTimes.push(renderTime);
		if (renderTimes.length === warmupFrames) {
			cpuAtFirst = process.cpuUsage();
			wallAtFirst = performance.now();
		}
		if (renderTimes.length === warmupFrames + frames) {
			const cpu = process.cpuUsage(cpuAtFirst!);
			const measured = renderTimes.slice(warmupFrames).sort((a, b) => a - b);
			process.stdout.write(
				JSON.stringify({
					frames,
					cpuMsPerFrame: (cpu.user + cpu.system) / 1000 / frames,
					inkRenderMsMedian: measured[Math.floor(measured.length / 2)],
					inkRenderMsP95: measured[Math.floor(measured.length * 0.95)],
					wallMsPerFrame: (performance.now() - wallAtFirst) / frames,
				}) + '\n',
			);
			instance.unmount();
			process.exit(0);
		}
	},
});
