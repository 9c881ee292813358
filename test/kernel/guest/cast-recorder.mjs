// An asciicast v2 recorder for a tmux pane: `tmux pipe-pane 'exec cat > FIFO'` sends the bytes the
// program in the pane writes (before tmux interprets them: what a terminal would get) into a FIFO,
// and this reads them with a timestamp per read. Used by the `record` guest (and works on any host
// with mkfifo and tmux). No dependencies: plain node.
import {spawnSync} from 'node:child_process';
import {createReadStream, rmSync} from 'node:fs';
import {StringDecoder} from 'node:string_decoder';

const nowMs = () => Number(process.hrtime.bigint() / 1000n) / 1000;

/**
 * Creates FIFO and starts reading it. `mark(label)` notes a moment (a key press) on the same
 * clock; `finish()` resolves once the writer has closed the FIFO (stop pipe-pane first) with
 * `{events: [[seconds, text]], marks: [[seconds, label]]}`, seconds from the first byte.
 */
export function castRecorder(fifo) {
	rmSync(fifo, {force: true});
	const made = spawnSync('mkfifo', [fifo], {encoding: 'utf8'});
	if (made.status !== 0) throw new Error(`mkfifo ${fifo}: ${made.stderr || made.error?.message}`);
	const raw = [];
	const marks = [];
	const decoder = new StringDecoder('utf8');
	const stream = createReadStream(fifo);
	stream.on('data', (buffer) => {
		// A UTF-8 character split between two reads is kept for the next one.
		const text = decoder.write(buffer);
		if (text) raw.push([nowMs(), text]);
	});
	const ended = new Promise((resolve, reject) => {
		stream.on('end', resolve);
		stream.on('error', reject);
	});
	return {
		mark(label) {
			marks.push([nowMs(), label]);
		},
		async finish() {
			await ended;
			const rest = decoder.end();
			if (rest) raw.push([nowMs(), rest]);
			const t0 = raw.length > 0 ? raw[0][0] : nowMs();
			const seconds = (t) => Math.round(t - t0) / 1000;
			return {events: raw.map(([t, text]) => [seconds(t), text]), marks: marks.map(([t, label]) => [seconds(t), label])};
		},
	};
}

/** The asciicast v2 text: a header line, then one `[seconds, "o", text]` line per event. */
export function castText({width, height, events, title, env = {}, timestamp}) {
	const header = {version: 2, width, height, ...(timestamp ? {timestamp} : {}), ...(title ? {title} : {}), env};
	return [JSON.stringify(header), ...events.map(([t, text]) => JSON.stringify([t, 'o', text]))].join('\n') + '\n';
}
