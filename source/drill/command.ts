/**
 * `bondtop drill SLAVE [--for S] [--target IP] [--json] [--force]`: the drill without the TUI.
 * Exit 0 when the drill ran, 3 when the lockout guard refused it, 2 on bad input, 1 when the
 * system refused (no root).
 */
import {execFileSync} from 'node:child_process';
import {isIP} from 'node:net';
import {createIpLinkActions, findIp, setLinkUpSync} from '../actions/ip-link.js';
import {guardedActions, guardedUpSync} from '../watchdog/guarded-actions.js';
import {WatchdogKeeper} from '../watchdog/watchdog.js';
import {RestoringActions} from '../actions/restore.js';
import type {LinkActions} from '../actions/types.js';
import type {OpenedSource} from '../collect/open-source.js';
import {usageError} from '../errors.js';
import {currentLanguage, t, tError} from '../i18n/i18n.js';
import type {Bond, Snapshot} from '../model/types.js';
import {createDrillDeps} from './deps.js';
import {lockoutRisk, sessionInterface, type LockoutRisk} from './lockout.js';
import {drillBlock, drillSummary, DrillError, runDrill, stepText, type DrillResult} from './run-drill.js';
import {exitOnSignals, onEmergencyExit} from '../cli/process-guard.js';
import {safeJsonStringify, sanitizeText} from '../text/sanitize.js';

export type DrillCommandOptions = {
	slave: string;
	forSeconds: number;
	target: string | null;
	json: boolean;
	force: boolean;
	/** Keeps the result (--log, --report, the state file); returns problems to warn about. */
	onResult?: (result: DrillResult) => string[];
};

/** The default gateway from `ip -j route show default`, or null. */
export function defaultGateway(): string | null {
	try {
		const routes = JSON.parse(execFileSync(findIp(), ['-j', 'route', 'show', 'default'], {encoding: 'utf8', timeout: 3000, stdio: ['ignore', 'pipe', 'ignore']})) as Array<{gateway?: string}>;
		return routes.find((r) => r.gateway)?.gateway ?? null;
	} catch {
		return null;
	}
}

/** Where the drill's probes go: --target, else the bond's ARP target, else the default gateway. */
export function drillTarget(bond: Bond, explicit: string | null, simulated: boolean, gateway: () => string | null = defaultGateway): string | null {
	if (explicit !== null) {
		if (isIP(explicit) === 0) throw usageError('error.target', {value: JSON.stringify(explicit)});
		return explicit;
	}
	if (bond.arpIpTargets[0]) return bond.arpIpTargets[0];
	return simulated ? '192.168.176.1' : gateway(); // the demo: the origin's gateway
}

/** The guard: the SSH lockout, and taking a bond's last working slave at all. */
export function drillRisk(snapshot: Snapshot, bond: Bond, slave: string, env: NodeJS.ProcessEnv): LockoutRisk {
	const risk = lockoutRisk(snapshot, slave, sessionInterface(snapshot, env));
	if (risk.risky) return risk;
	const othersUp = bond.slaves.filter((s) => s.name !== slave && s.miiStatus === 'up');
	if (othersUp.length === 0) return {risky: true, reason: t('message.lockoutLastSlave', {slave, bond: bond.name})};
	return {risky: false};
}

export async function runDrillCommand(opened: OpenedSource, options: DrillCommandOptions): Promise<number> {
	const forMs = options.forSeconds * 1000;
	if (!Number.isFinite(forMs) || options.forSeconds < 1 || options.forSeconds > 3600) throw usageError('error.for', {value: String(options.forSeconds)});
	const snapshot = opened.source.sample(Date.now());
	const bond = snapshot.bonds.find((b) => b.slaves.some((s) => s.name === options.slave));
	if (!bond) {
		const all = snapshot.bonds.flatMap((b) => b.slaves.map((s) => s.name));
		throw usageError('error.notSlaveHere', {slave: options.slave, slaves: all.join(', ') || 'none'}, {slave: options.slave, slaves: all.join(', ') || t('word.none')});
	}
	const target = drillTarget(bond, options.target, opened.simulated);
	const risk = drillRisk(snapshot, bond, options.slave, process.env);
	if (risk.risky && !options.force) {
		process.stderr.write(`${tError('message.lockoutGuard', {reason: sanitizeText(risk.reason), seconds: options.forSeconds})}\n`);
		return 3;
	}
	// The live kernel: every link taken down is covered by the watchdog first (see watchdog/).
	const keeper = opened.actions ? null : new WatchdogKeeper({ip: findIp()});
	const base: LinkActions = opened.actions ?? guardedActions(createIpLinkActions(), keeper!);
	const actions = new RestoringActions(base, keeper ? guardedUpSync(setLinkUpSync, keeper) : null);
	// A signal or a crash mid-drill: the link comes back at once, and the exit says so.
	const removeHook = onEmergencyExit(() => {
		const restored = actions.restoreAllSync();
		return [tError('message.drillInterrupted', {restored: restored.length > 0 ? tError('message.drillRestored', {names: restored.map(sanitizeText).join(', ')}) : ''})];
	});
	const removeSignals = exitOnSignals();
	const progress = options.json ? undefined : (text: string) => process.stderr.write(`${sanitizeText(text)}\n`);
	try {
		const result = await runDrill({bond: bond.name, slave: options.slave, forMs, target}, createDrillDeps(opened, actions, keeper, progress));
		if (options.json) process.stdout.write(`${safeJsonStringify(result, 2)}\n`);
		else {
			// English: the one summary line, as --log keeps it; other languages: the screen's block.
			const head = currentLanguage() === 'en' ? [drillSummary(result)] : drillBlock(result, t);
			for (const line of head) process.stdout.write(`${sanitizeText(line)}\n`);
			for (const step of result.timeline) process.stdout.write(`  +${String(step.ms).padStart(6)} ms  ${sanitizeText(stepText(step))}\n`);
		}
		for (const problem of options.onResult?.(result) ?? []) process.stderr.write(`${tError('message.warning', {message: sanitizeText(problem)})}\n`);
		return 0;
	} catch (error) {
		if (error instanceof DrillError) {
			process.stderr.write(`${tError('message.drillFailed', {message: sanitizeText(error.shown ?? error.message)})}\n`);
			return 1;
		}
		throw error;
	} finally {
		removeSignals();
		removeHook();
		await actions.restoreAll();
	}
}
