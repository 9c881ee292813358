/**
 * The terminal conventions around the TUI, the only I/O here: the alternate screen (entered at
 * start, left before the exit message so the last frame does not stay in scrollback), the ASCII
 * stream for non-UTF-8 terminals, and what `TERM=dumb` gets.
 */
import {toAscii} from '../text/ascii.js';

/** Enter the alternate screen buffer (xterm's 1049: saves the cursor, clears). */
export const enterAlternateScreen = '\u001B[?1049h';
/** Leave it: the terminal shows what was there before bondtop started. */
export const leaveAlternateScreen = '\u001B[?1049l';

/** A terminal that cannot move the cursor (Emacs shell, `TERM=dumb`): it gets plain snapshots. */
export function isDumbTerminal(env: NodeJS.ProcessEnv): boolean {
	return env.TERM === 'dumb';
}

/**
 * `stream` with every write passed through {@link toAscii}; everything else (columns, rows,
 * resize events, isTTY) is the stream's own. Given to Ink as its stdout.
 */
export function asciiStream<T extends NodeJS.WriteStream>(stream: T): T {
	const write = (chunk: unknown, ...rest: unknown[]) =>
		(stream.write as (...args: unknown[]) => boolean)(typeof chunk === 'string' ? toAscii(chunk) : chunk, ...rest);
	return new Proxy(stream, {
		get(target, property) {
			if (property === 'write') return write;
			const value = Reflect.get(target, property, target) as unknown;
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
}
