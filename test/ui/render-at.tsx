/**
 * Renders a tree with Ink at a given terminal size (ink-testing-library's stdout is always 100
 * columns and has no rows), optionally through the ASCII stream of `--ascii`. Not a test file.
 */
import {EventEmitter} from 'node:events';
import {render} from 'ink';
import type React from 'react';
import {asciiStream} from '../../source/cli/terminal.js';

class FakeStdout extends EventEmitter {
	isTTY = true;
	lastFrameText: string | undefined;
	constructor(
		public columns: number,
		public rows: number,
	) {
		super();
	}

	write = (frame: string) => {
		this.lastFrameText = frame;
		return true;
	};
}

class FakeStdin extends EventEmitter {
	isTTY = true;
	data: string | null = null;
	write = (data: string) => {
		this.data = data;
		this.emit('readable');
		this.emit('data', data);
	};

	read = () => {
		const {data} = this;
		this.data = null;
		return data;
	};

	setEncoding() {}
	setRawMode() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
}

/** Lets React and Ink flush what timers and key presses scheduled. */
export async function settle() {
	for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

export function renderAt(tree: React.ReactElement, columns: number, rows: number, options: {ascii?: boolean} = {}) {
	const stdout = new FakeStdout(columns, rows);
	const stdin = new FakeStdin();
	const instance = render(tree, {
		stdout: (options.ascii ? asciiStream(stdout as unknown as NodeJS.WriteStream) : stdout) as unknown as NodeJS.WriteStream,
		stderr: new FakeStdout(columns, rows) as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	return {
		lastFrame: () => stdout.lastFrameText ?? '',
		stdin,
		unmount: () => instance.unmount(),
		/** Resize, as SIGWINCH would. */
		resize(newColumns: number, newRows: number) {
			stdout.columns = newColumns;
			stdout.rows = newRows;
			stdout.emit('resize');
		},
	};
}

/** Key sequences as a terminal sends them. */
export const keys = {
	down: '\u001B[B',
	up: '\u001B[A',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	home: '\u001B[H',
	end: '\u001B[F',
	escape: '\u001B',
	f1: '\u001BOP',
	f10: '\u001B[21~',
};
