/**
 * Kernel link notifications (RTM_NEWLINK: admin and carrier changes, bonding failover, slave
 * state) from one long-lived `ip -timestamp monitor link` child, so bondtop re-reads the bond the
 * moment the kernel changes it instead of at the next tick. Any user may subscribe; no root needed.
 * When ip is missing or the child dies, subscribers are told and the timed sampler carries on.
 * The child is handed to the watchdog (`guard`), which ends it if bondtop dies without stopping
 * it (kill -9): it would otherwise live on until the next link change.
 */
import {spawn} from 'node:child_process';
import {findIp} from '../actions/ip-link.js';
import {MonitorParser, type LinkNotification} from '../kernel/ip-monitor.js';
import type {ChildGuard} from '../watchdog/watchdog.js';

export type LinkEventStream = {stop(): void};

export function followLinkEvents(
	onNotification: (n: LinkNotification) => void,
	onEnd: (reason: string) => void = () => {},
	guard: ChildGuard | null = null,
): LinkEventStream | null {
	let child;
	try {
		child = spawn(findIp(), ['-timestamp', 'monitor', 'link'], {stdio: ['ignore', 'pipe', 'ignore']});
	} catch {
		return null;
	}
	const pid = child.pid;
	if (pid !== undefined) guard?.watch(pid);
	const parser = new MonitorParser();
	let rest = '';
	let stopped = false;
	child.stdout.setEncoding('utf8');
	child.stdout.on('data', (chunk: string) => {
		const lines = (rest + chunk).split('\n');
		rest = lines.pop() ?? '';
		for (const line of lines) {
			const notification = parser.push(line);
			if (notification) onNotification(notification);
		}
	});
	child.on('error', () => {
		if (!stopped) onEnd('ip monitor could not start');
	});
	child.on('exit', (code) => {
		if (pid !== undefined) guard?.unwatch(pid);
		if (!stopped) onEnd(`ip monitor exited (${code ?? 'signal'})`);
	});
	return {
		stop() {
			stopped = true;
			child.kill();
			if (pid !== undefined) guard?.unwatch(pid);
		},
	};
}
