/**
 * The dead-man restore of a drill: a process that is not bondtop's child brings the link back
 * after the drill's time even if bondtop, its terminal or the SSH session dies (kill -9 included).
 * With systemd it is a transient timer unit (`systemd-run --on-active=`), which also survives
 * logind killing the session; elsewhere a detached node process in its own session.
 */
import {execFileSync, spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import {findIp, isValidInterfaceName} from '../actions/ip-link.js';

export type DeadMan = {
	/** How the restore is armed, for the log. */
	description: string;
	/** Disarm (the drill restored the link itself). */
	cancel(): void;
};

/** Script of the detached fallback: sleep, then `ip link set dev NAME up` (argv, no shell). */
const detachedScript = `
const [ip, name, afterMs] = process.argv.slice(1);
setTimeout(() => {
	try { require('node:child_process').execFileSync(ip, ['link', 'set', 'dev', name, 'up'], {stdio: 'ignore'}); } catch {}
}, Number(afterMs));
`;

export function armDeadMan(name: string, afterMs: number, options: {preferSystemd?: boolean} = {}): DeadMan | {error: string} {
	if (!isValidInterfaceName(name)) return {error: `not an interface name: ${name}`};
	const ip = findIp();
	const seconds = Math.max(1, Math.ceil(afterMs / 1000));
	const systemd = options.preferSystemd !== false && existsSync('/run/systemd/system') && ['/usr/bin/systemd-run', '/bin/systemd-run'].some(existsSync);
	if (systemd) {
		const unit = `bondtop-restore-${name}-${process.pid}-${Date.now()}`;
		try {
			execFileSync('systemd-run', ['--quiet', `--unit=${unit}`, `--on-active=${seconds}`, '--timer-property=AccuracySec=100ms', ip, 'link', 'set', 'dev', name, 'up'], {
				stdio: 'ignore',
				timeout: 5000,
			});
			return {
				description: `systemd timer ${unit}.timer brings ${name} up in ${seconds} s`,
				cancel() {
					try {
						execFileSync('systemctl', ['stop', `${unit}.timer`], {stdio: 'ignore', timeout: 5000});
					} catch {}
				},
			};
		} catch {
			// Fall through to the detached process.
		}
	}
	try {
		const child = spawn(process.execPath, ['-e', detachedScript, ip, name, String(afterMs)], {detached: true, stdio: 'ignore'});
		child.unref();
		return {
			description: `detached process ${child.pid} brings ${name} up in ${seconds} s`,
			cancel() {
				try {
					if (child.pid) process.kill(child.pid);
				} catch {}
			},
		};
	} catch (error) {
		return {error: `could not arm the dead-man restore: ${(error as Error).message}`};
	}
}
