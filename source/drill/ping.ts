/**
 * Probes during a drill: iputils `ping -n -D -O -i 0.05` (20 probes a second), parsed from its
 * output. Parsing is pure; {@link startPingProbe} is the only I/O.
 */
import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';

export type PingReply = {atMs: number; seq: number; rttMs: number};

export type PingLine =
	| {kind: 'reply'; atMs: number; seq: number; rttMs: number}
	| {kind: 'no-answer'; atMs: number; seq: number}
	| {kind: 'summary'; transmitted: number; received: number}
	| {kind: 'other'};

/** One line of `ping -D -O` output. */
export function parsePingLine(line: string): PingLine {
	const reply = /^\[(\d+\.\d+)\] \d+ bytes from [^:]+: icmp_seq=(\d+) .*time=([\d.]+) ms/.exec(line);
	if (reply) return {kind: 'reply', atMs: Number(reply[1]) * 1000, seq: Number(reply[2]), rttMs: Number(reply[3])};
	const none = /^\[(\d+\.\d+)\] no answer yet for icmp_seq=(\d+)/.exec(line);
	if (none) return {kind: 'no-answer', atMs: Number(none[1]) * 1000, seq: Number(none[2])};
	const summary = /^(\d+) packets transmitted, (\d+) received/.exec(line);
	if (summary) return {kind: 'summary', transmitted: Number(summary[1]), received: Number(summary[2])};
	return {kind: 'other'};
}

export type ProbeResult = {
	target: string | null;
	sent: number;
	lost: number;
	/** Longest time between two replies arriving (the outage as a user sees it), ms. */
	longestGapMs: number | null;
};

/** Sums up a probe run from ping's output. */
export function summarisePing(target: string, lines: readonly string[]): ProbeResult {
	const replies: PingReply[] = [];
	let maxSeq = 0;
	let summary: {transmitted: number; received: number} | null = null;
	for (const line of lines) {
		const parsed = parsePingLine(line);
		if (parsed.kind === 'reply') {
			replies.push(parsed);
			maxSeq = Math.max(maxSeq, parsed.seq);
		} else if (parsed.kind === 'no-answer') {
			maxSeq = Math.max(maxSeq, parsed.seq);
		} else if (parsed.kind === 'summary') {
			summary = parsed;
		}
	}
	const received = new Set(replies.map((r) => r.seq)).size;
	const sent = summary?.transmitted ?? maxSeq;
	let longestGapMs: number | null = null;
	const arrivals = replies.map((r) => r.atMs).sort((a, b) => a - b);
	for (let i = 1; i < arrivals.length; i++) longestGapMs = Math.max(longestGapMs ?? 0, arrivals[i]! - arrivals[i - 1]!);
	return {target, sent, lost: Math.max(0, sent - (summary?.received ?? received)), longestGapMs: longestGapMs === null ? null : Math.round(longestGapMs)};
}

export type Prober = {stop(): Promise<ProbeResult>};

function findPing(): string | null {
	for (const path of ['/usr/bin/ping', '/bin/ping', '/usr/sbin/ping']) if (existsSync(path)) return path;
	return null;
}

/** Starts probing `target` every `intervalMs` (iputils allows 50 ms intervals only for root). */
export function startPingProbe(target: string, intervalMs = 50): Prober | {error: string} {
	const ping = findPing();
	if (!ping) return {error: 'no ping binary (install iputils-ping)'};
	const child = spawn(ping, ['-n', '-D', '-O', '-W', '1', '-i', String(intervalMs / 1000), target], {stdio: ['ignore', 'pipe', 'pipe']});
	const lines: string[] = [];
	let rest = '';
	child.stdout.setEncoding('utf8');
	child.stdout.on('data', (chunk: string) => {
		const parts = (rest + chunk).split('\n');
		rest = parts.pop() ?? '';
		lines.push(...parts);
	});
	const exited = new Promise<void>((resolve) => {
		child.on('close', () => resolve());
		child.on('error', () => resolve());
	});
	return {
		async stop() {
			child.kill('SIGINT');
			const timeout = setTimeout(() => child.kill('SIGKILL'), 2000);
			await exited;
			clearTimeout(timeout);
			if (rest) lines.push(rest);
			return summarisePing(target, lines);
		},
	};
}
