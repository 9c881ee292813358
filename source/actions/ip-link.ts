/**
 * The real actions: iproute2's `ip`, always with an argv array (never a shell string, so an
 * interface name can't inject anything). Without CAP_NET_ADMIN it retries through `sudo -n`
 * (never prompting); if that fails too, it says so and changes nothing.
 */
import {execFile, execFileSync} from 'node:child_process';
import {accessSync, constants, lstatSync, realpathSync, statSync} from 'node:fs';
import {basename} from 'node:path';
import {interfaceNameProblem} from '../text/names.js';
import type {ActionResult, LinkActions} from './types.js';
import {t, tEnglish, type MessageKey, type MessageParams} from '../i18n/i18n.js';

let foundIp: string | null = null;

/**
 * iproute2's `ip`, as a shell would find it on PATH (absolute directories only), skipping
 * busybox's applet (it cannot drive bonds), else the usual places. Resolved once: everything that
 * runs ip (actions, the watchdog, link events, the drill) runs this same program.
 */
export function findIp(path = process.env.PATH ?? ''): string {
	if (foundIp !== null) return foundIp;
	const candidates = [...path.split(':').filter((dir) => dir.startsWith('/')).map((dir) => `${dir.replace(/\/+$/, '')}/ip`), '/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip', '/bin/ip'];
	for (const candidate of candidates) {
		try {
			accessSync(candidate, constants.X_OK);
			if (!statSync(candidate).isFile() || basename(realpathSync(candidate)) === 'busybox') continue;
			foundIp = candidate;
			return candidate;
		} catch {
			// Not there or not executable.
		}
	}
	foundIp = 'ip';
	return foundIp;
}

/** Interface names the kernel accepts (IFNAMSIZ 16, no '/', no whitespace); checked before any ip call. */
export function isValidInterfaceName(name: string): boolean {
	return /^[^\s/:]{1,15}$/.test(name) && name !== '.' && name !== '..';
}

export type CommandRunner = (file: string, args: string[]) => Promise<{code: number; stderr: string}>;

const runCommand: CommandRunner = (file, args) =>
	new Promise((resolve) => {
		execFile(file, args, {timeout: 10_000}, (error, _stdout, stderr) => {
			const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
			resolve({code, stderr: String(stderr || (error && code !== 0 ? error.message : '')).trim()});
		});
	});

function permissionProblem(stderr: string): boolean {
	return /Operation not permitted|Permission denied|RTNETLINK answers: Operation not permitted/i.test(stderr);
}

/** Runs `ip ARGS`, then `sudo -n ip ARGS` when permission was refused and we are not root. */
export async function runIp(
	args: string[],
	run: CommandRunner = runCommand,
	ip = findIp(),
	isRoot = typeof process.getuid === 'function' && process.getuid() === 0,
): Promise<ActionResult> {
	const first = await run(ip, args);
	if (first.code === 0) return {ok: true};
	if (!isRoot && permissionProblem(first.stderr)) {
		const viaSudo = await run('sudo', ['-n', ip, ...args]);
		if (viaSudo.code === 0) return {ok: true};
		const reason = firstLine(viaSudo.stderr);
		return actionFailure('action.needsRoot', {args: args.join(' '), reason: reason || tEnglish('action.noSudo')}, {args: args.join(' '), reason: reason || t('action.noSudo')});
	}
	return {ok: false, message: `ip ${args.join(' ')}: ${firstLine(first.stderr) || `exit ${first.code}`}`};
}

function firstLine(text: string): string {
	return text.split('\n')[0]?.trim() ?? '';
}

/** Whether NAME is an interface of this host now (/sys/class/net/NAME); the name must be checked first. */
export function isCurrentInterface(name: string): boolean {
	try {
		lstatSync(`/sys/class/net/${name}`);
		return true;
	} catch {
		return false;
	}
}

/**
 * Why `ip` must not be run on `name`, or null. Beyond what the kernel accepts, the name must be an
 * interface of this host right now: iproute2 reads a missing name of the form `if<N>` as ifindex
 * N, so a name from elsewhere (a capture, a stale screen) could hit another live interface.
 */
export function actionNameProblem(name: string, isCurrent: (name: string) => boolean = isCurrentInterface): string | null {
	return actionNameTrouble(name, isCurrent)?.english ?? null;
}

/** {@link actionNameProblem} in English and in the screen's language. */
function actionNameTrouble(name: string, isCurrent: (name: string) => boolean): {english: string; shown: string} | null {
	const problem = interfaceNameProblem(name, tEnglish);
	if (problem) return {english: problem, shown: interfaceNameProblem(name)!};
	return isCurrent(name) ? null : {english: tEnglish('action.noSuchInterface'), shown: t('action.noSuchInterface')};
}

/** A failed action in bondtop's own words: English, and shown in the screen's language. */
export function actionFailure(key: MessageKey, params: MessageParams, shownParams: MessageParams = params): ActionResult {
	return {ok: false, message: tEnglish(key, params), shown: t(key, shownParams)};
}

/** LinkActions on the live kernel. */
export function createIpLinkActions(run: CommandRunner = runCommand, isCurrent: (name: string) => boolean = isCurrentInterface): LinkActions {
	const guarded = async (names: string[], args: string[]): Promise<ActionResult> => {
		for (const name of names) {
			const problem = actionNameTrouble(name, isCurrent);
			if (problem) return actionFailure('action.notActing', {name, problem: problem.english}, {name, problem: problem.shown});
		}
		return runIp(args, run);
	};
	return {
		setLinkDown: (name) => guarded([name], ['link', 'set', 'dev', name, 'down']),
		setLinkUp: (name) => guarded([name], ['link', 'set', 'dev', name, 'up']),
		setActiveSlave: (bond, slave) => guarded([bond, slave], ['link', 'set', 'dev', bond, 'type', 'bond', 'active_slave', slave]),
	};
}

/** Synchronous `ip link set NAME up` for exit paths where nothing async will run any more. */
export function setLinkUpSync(name: string): boolean {
	if (!isValidInterfaceName(name)) return false;
	const ip = findIp();
	try {
		execFileSync(ip, ['link', 'set', 'dev', name, 'up'], {stdio: 'ignore', timeout: 5000});
		return true;
	} catch {
		try {
			execFileSync('sudo', ['-n', ip, 'link', 'set', 'dev', name, 'up'], {stdio: 'ignore', timeout: 5000});
			return true;
		} catch {
			return false;
		}
	}
}
