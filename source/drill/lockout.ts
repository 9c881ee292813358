/**
 * The lockout guard: which interface carries the user's SSH session, and whether taking an
 * interface down would cut it. Pure apart from {@link routeDevice}.
 */
import {t} from '../i18n/i18n.js';
import {execFileSync} from 'node:child_process';
import {findIp} from '../actions/ip-link.js';
import type {Snapshot} from '../model/types.js';

/** `SSH_CONNECTION` is "client-ip client-port server-ip server-port". */
export function sshAddresses(env: NodeJS.ProcessEnv): {client: string; server: string} | null {
	const parts = (env.SSH_CONNECTION ?? '').trim().split(/\s+/);
	if (parts.length < 4 || !parts[0] || !parts[2]) return null;
	return {client: parts[0], server: parts[2]};
}

/** The interface the kernel routes to `address` through (`ip -j route get`), or null. */
export function routeDevice(address: string): string | null {
	try {
		const out = execFileSync(findIp(), ['-j', 'route', 'get', address], {encoding: 'utf8', timeout: 3000, stdio: ['ignore', 'pipe', 'ignore']});
		const routes = JSON.parse(out) as Array<{dev?: string}>;
		return routes[0]?.dev ?? null;
	} catch {
		return null;
	}
}

/**
 * The interface carrying the SSH session: the one holding the session's server address, else the
 * route to the client. Null when not over SSH (or unknown).
 */
export function sessionInterface(snapshot: Snapshot, env: NodeJS.ProcessEnv, route: (address: string) => string | null = routeDevice): string | null {
	const ssh = sshAddresses(env);
	if (!ssh) return null;
	const server = ssh.server.replace(/^::ffff:/, '').replace(/%.*$/, '');
	for (const iface of snapshot.interfaces) {
		if (iface.ipv4.some((a) => a.address === server) || iface.ipv6.some((a) => a.address === server)) return iface.name;
	}
	return route(ssh.client.replace(/^::ffff:/, ''));
}

export type LockoutRisk = {risky: false} | {risky: true; reason: string};

/**
 * Taking `name` down cuts the session when the session runs over `name` itself, or over its bond
 * and `name` is the last slave of that bond that is still up.
 */
export function lockoutRisk(snapshot: Snapshot, name: string, session: string | null): LockoutRisk {
	if (session === null) return {risky: false};
	const sessionBond = snapshot.bonds.find((b) => b.name === session || b.slaves.some((s) => s.name === session)) ?? null;
	if (name === session || (sessionBond && name === sessionBond.name)) {
		return {risky: true, reason: t('lockout.session', {name})};
	}
	if (sessionBond && sessionBond.slaves.some((s) => s.name === name)) {
		const upSlaves = sessionBond.slaves.filter((s) => s.name !== name && s.miiStatus === 'up');
		const upFlags = new Map(snapshot.interfaces.map((i) => [i.name, i.flags.includes('UP')]));
		if (upSlaves.filter((s) => upFlags.get(s.name) !== false).length === 0) {
			return {risky: true, reason: t('lockout.lastSlave', {bond: sessionBond.name, name})};
		}
	}
	return {risky: false};
}
