/**
 * Entry point: flags (meow) and environment checks, then one of: the TUI, a plain snapshot
 * (`--once`), a JSON snapshot (`--json`), the sandbox (`lab`). Nothing else imports meow.
 */
import {openSync} from 'node:fs';
import {ReadStream} from 'node:tty';
import {fileURLToPath} from 'node:url';
import {render} from 'ink';
import React from 'react';
import {actionFailure, createIpLinkActions, findIp, setLinkUpSync} from './actions/ip-link.js';
import {guardedActions, guardedUpSync} from './watchdog/guarded-actions.js';
import {WatchdogKeeper} from './watchdog/watchdog.js';
import {RestoringActions} from './actions/restore.js';
import {App, type ExitReport} from './app.js';
import {createDemoSource, createLiveSource, type OpenedSource} from './collect/open-source.js';
import {drillTarget, runDrillCommand} from './drill/command.js';
import {createDrillDeps} from './drill/deps.js';
import {sessionInterface} from './drill/lockout.js';
import {runDrill} from './drill/run-drill.js';
import {scenarioNames} from './demo/scenarios.js';
import {UsageError, usageError} from './errors.js';
import {argvProblem, parseCommonCommandLine, splitDashDash} from './cli/argv.js';
import {exitForError, exitOnSignals, installProcessGuards, onEmergencyExit} from './cli/process-guard.js';
import {camelName, flagGiven, flagTable, firstCommandWord, helpText, meowFlags, type ParsedFlags} from './cli/usage.js';
import {CrashBoundary} from './ui/components/crash-boundary.js';
import {checkFailure, parseIdList, runCheck, type CheckOutput} from './check/command.js';
import {jsonWithHistory, openEventFile, recordDrill, runExportCommand, runWatchCommand} from './export/commands.js';
import {configContext} from './judge/config-context.js';
import {judgeSnapshot} from './judge/judge.js';
import {keyBindings} from './ui/keys.js';
import type {LinkActions} from './actions/types.js';
import {runLabCommand} from './lab/run-lab.js';
import {renderPlain} from './output/plain.js';
import {markInteractiveRun} from './cli/code-cache-hint.js';
import {asciiStream, enterAlternateScreen, isDumbTerminal, leaveAlternateScreen} from './cli/terminal.js';
import {localeIsUtf8, toAscii} from './text/ascii.js';
import {withJudgements} from './output/json.js';
import {withConfig} from './output/config-view.js';
import {compareConfig} from './judge/drift.js';
import {safeJsonStringify, sanitizeText} from './text/sanitize.js';
import {currentErrorLanguage, setErrorLanguage, setLanguage, t, tEnglish, tError} from './i18n/i18n.js';
import {asciiForErrors, chooseLanguage, languageForErrors} from './i18n/locale.js';

declare const BONDTOP_VERSION: string | undefined;
const version = typeof BONDTOP_VERSION === 'string' ? BONDTOP_VERSION : '0.0.0-dev';


installProcessGuards();

// `bondtop check` must answer every error, a bad flag included, as a plugin does (UNKNOWN, exit 3),
// so for it unknown flags go through to checkCommand, which refuses them in its own way.
const isCheck = firstCommandWord(process.argv.slice(2)) === 'check';
// Errors on stderr speak the user's language; check's stay English (they are its UNKNOWN line).
if (!isCheck) setErrorLanguage(languageForErrors(process.argv.slice(2), process.env), {ascii: asciiForErrors(process.argv.slice(2), process.env)});

/**
 * The command line: checked against the flag table first (one line per mistake, with a
 * suggestion), then parsed, the common forms by parseCommonCommandLine, anything else by meow;
 * the words after `--` are never flags (`bondtop drill -- -a`).
 */
function parseCommandLine(argv: string[]): {input: string[]; flags: ParsedFlags} {
	const problem = isCheck ? null : argvProblem(argv);
	if (problem) throw new UsageError(problem, argvProblem(argv, flagTable, tError) ?? undefined);
	const {beforeDashDash, afterDashDash} = splitDashDash(argv);
	const common = parseCommonCommandLine(beforeDashDash);
	if (common) {
		process.title = 'bondtop'; // as meow does
		return {input: [...common.input, ...afterDashDash], flags: common.flags as unknown as ParsedFlags};
	}
	// Loaded only here: require() makes esbuild evaluate meow's modules on this call, not at start-up
	// (test/cli/cli.test.ts checks both).
	const meow = (require('meow') as typeof import('meow')).default;
	// meow prints the help by itself only for a command line of one word (`--help`, `-h`); with other
	// words beside it (`bondtop --demo --help`) it is printed below, as GNU tools do (not for check,
	// whose every line is plugin output). The text is made only when it can be printed.
	const wantsHelp = !isCheck && beforeDashDash.some((word) => word === '--help' || word === '-h');
	const cli = meow(beforeDashDash.length === 1 || wantsHelp ? helpText(keyBindings, currentErrorLanguage() === 'en' ? undefined : tError) : '', {
		importMeta: import.meta,
		argv: beforeDashDash,
		version,
		pkg: {name: 'bondtop', version},
		// Unknown flags were refused above, in one line with a suggestion (or by checkCommand).
		allowUnknownFlags: true,
		// The table is checked by its own type; meow's per-flag generics cannot follow a derived object.
		flags: meowFlags() as never,
	});
	if (wantsHelp) cli.showHelp(0);
	return {input: [...cli.input, ...afterDashDash], flags: cli.flags as unknown as ParsedFlags};
}

/** Actions of a read-only view: no key reaches them (they are not bound), and if one did, nothing changes. */
function refusingActions(reason: string): LinkActions {
	const refuse = async () => actionFailure('action.readOnly', {reason});
	return {setLinkDown: refuse, setLinkUp: refuse, setActiveSlave: refuse};
}

/**
 * Where the TUI reads keys: stdin when it is a terminal, else the controlling terminal
 * (`bondtop --demo </dev/null` from a terminal). Without either it says why, in one line.
 */
function keyboard(): {stdin: NodeJS.ReadStream; close(): void} {
	if (process.stdin.isTTY) return {stdin: process.stdin, close() {}};
	let fd: number;
	try {
		fd = openSync('/dev/tty', 'r');
	} catch (error) {
		throw usageError('error.noTerminal', {code: (error as NodeJS.ErrnoException).code ?? 'error'});
	}
	const stream = new ReadStream(fd);
	return {
		stdin: stream as unknown as NodeJS.ReadStream,
		close() {
			stream.destroy();
		},
	};
}

let inAlternateScreen = false;
/** Back to the terminal's normal screen, before any exit message (idempotent). */
function leaveScreen(): void {
	if (!inAlternateScreen) return;
	inAlternateScreen = false;
	process.stdout.write(leaveAlternateScreen);
}

function checkCount(name: string, value: number, min: number, max: number): number {
	if (!Number.isInteger(value) || value < min || value > max) throw usageError('error.count', {name, min, max, value: String(value)});
	return value;
}

const checkFlags = ['expectActive', 'minSlaves', 'ignore', 'warning', 'critical', 'checkmk'] as const;

function checkOutput(flags: ParsedFlags): CheckOutput {
	return flags.json ? 'json' : flags.checkmk ? 'checkmk' : 'nagios';
}

/** `bondtop check`: every problem, bad input included, is UNKNOWN (exit 3) on stdout. */
async function checkCommand(input: readonly string[], flags: ParsedFlags): Promise<number> {
	const output = checkOutput(flags);
	try {
		const known = new Set<string>(flagTable.map((f) => camelName(f.name)));
		const unknown = Object.keys(flags).filter((key) => !known.has(key));
		if (unknown.length > 0) throw new UsageError(`unknown option ${unknown.map((k) => `--${k}`).join(', ')}`);
		if (flags.once) throw new UsageError('bondtop check prints a plugin status; --once does not apply');
		if (flags.json && flags.checkmk) throw new UsageError('--json and --checkmk are two kinds of output: pick one');
		if (flags.demo && flags.root) throw new UsageError('--demo and --root both choose where data comes from: pick one');
		const minSlaves = flags.minSlaves;
		if (minSlaves !== undefined && (!Number.isInteger(minSlaves) || minSlaves < 0 || minSlaves > 64)) throw new UsageError(`--min-slaves must be a whole number from 0 to 64, not ${String(minSlaves)}`);
		if (flags.expectActive !== undefined && flags.expectActive.trim() === '') throw new UsageError('--expect-active needs primary or a slave name');
		if (!flags.demo && !flags.root && process.platform !== 'linux') throw new UsageError(`bondtop reads the Linux kernel's bonding driver; this is ${process.platform}`);
		const result = await runCheck({
			names: input.slice(1),
			root: flags.root ?? null,
			demo: flags.demo,
			expectActive: flags.expectActive,
			minSlaves,
			overrides: {ignore: parseIdList(flags.ignore, 'ignore'), warning: parseIdList(flags.warning, 'warning'), critical: parseIdList(flags.critical, 'critical')},
			output,
		});
		process.stdout.write(result.text);
		return result.exitCode;
	} catch (error) {
		const failure = checkFailure(error instanceof Error ? error.message : String(error), output);
		process.stdout.write(failure.text);
		return failure.exitCode;
	}
}

/** The --demo-scenario name, checked against the scenario table (usage error otherwise). */
function demoScenario(flags: ParsedFlags): string | undefined {
	const name = flags.demoScenario;
	if (name === undefined) return undefined;
	if (!scenarioNames.includes(name)) throw usageError('error.demoScenario', {names: scenarioNames.join(', '), value: JSON.stringify(name)});
	return name;
}

async function main(): Promise<number> {
	const {input, flags} = parseCommandLine(process.argv.slice(2));
	if (isCheck) return checkCommand(input, flags);
	// Checked for every command (a bad value is a usage error); used only for what a human reads.
	const language = chooseLanguage(flags.lang, process.env);
	const usedCheckFlag = checkFlags.find((name) => flags[name] !== undefined && flags[name] !== false);
	if (usedCheckFlag) throw usageError('error.checkFlag', {name: usedCheckFlag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)});
	const intervalMs = flags.interval;
	if (!Number.isFinite(intervalMs) || intervalMs < 50 || intervalMs > 3_600_000) {
		throw usageError('error.interval', {value: String(intervalMs)});
	}
	if (flags.once && flags.json) throw usageError('error.onceJson');
	if (flags.demo && flags.root) throw usageError('error.demoRoot');
	const readOnlyReason = flags.root ? 'offline capture, --root' : flags.readOnly ? '--read-only' : null;
	if ((input[0] === 'lab' || input[0] === 'drill') && readOnlyReason) {
		throw usageError(flags.root ? 'error.changesLinksRoot' : 'error.changesLinksReadOnly', {command: input[0]});
	}
	if (flags.demoScenario !== undefined && !flags.demo) throw usageError('error.demoScenarioNeedsDemo');
	if (input[0] === 'lab') {
		if (input.length > 1 || flags.once || flags.json || flags.demo || flags.root) throw usageError('error.labFlags');
		const colour = flags.color && !('NO_COLOR' in process.env && process.env.NO_COLOR !== '');
		return runLabCommand({mode: flags.mode, slaves: flags.slaves, intervalMs, colour, bundlePath: fileURLToPath(import.meta.url)});
	}
	if (flags.mode !== undefined || flags.slaves !== undefined) throw usageError('error.labOnly');

	if (input[0] === 'drill') {
		if (input.length !== 2) throw usageError('error.drillUsage');
		// Its lines (progress, the result, the lockout guard) are for a human; its --json, --log,
		// --report and state file are made from English words whatever the language.
		setLanguage(language, {ascii: flags.ascii || !localeIsUtf8(process.env)});
		// A drill starts at once: on --demo it runs on the steady scenario (both links up, eth1 active)
		// unless another is asked for, since the origin's eth0 has no carrier for its first 10 s.
		const opened = flags.demo ? createDemoSource({scenario: demoScenario(flags) ?? 'steady'}) : createLiveSource({root: '/', bondFilter: []});
		const hostname = opened.source.sample(Date.now()).hostname;
		const log = openEventFile(flags.log, hostname);
		return runDrillCommand(opened, {
			slave: input[1]!,
			forSeconds: flags.for,
			target: flags.target ?? null,
			json: flags.json,
			force: flags.force,
			onResult: (result) => recordDrill(result, {opened, log, report: flags.report, stateDir: flags.stateDir, hostname, version}),
		});
	}
	const command = input[0] === 'export' || input[0] === 'watch' ? input[0] : null;
	if (command === null && (flags.textfile || flags.stateDir)) throw usageError('error.exportOnly');
	const bondFilter = command ? input.slice(1) : input;
	if (flags.report && (command || flags.json || flags.once)) throw usageError('error.reportOnly');
	const intervalGiven = flagGiven(process.argv.slice(2), 'interval');
	if (command === 'watch' && !flags.json) throw usageError('error.watchJson');
	if (command === 'export' && (flags.json || flags.once)) throw usageError('error.exportOutput');

	// The live host's watchdog (see watchdog/): started only when first needed, by the first link
	// taken down or the `ip monitor` child of the TUI.
	const keeper = flags.demo || flags.root ? null : new WatchdogKeeper({ip: findIp()});
	let opened: OpenedSource;
	if (flags.demo) {
		opened = createDemoSource({
			scenario: demoScenario(flags),
			bonds: checkCount('demo-bonds', flags.demoBonds, 0, 16),
			slavesPerBond: checkCount('demo-slaves', flags.demoSlaves, 1, 8),
			extraInterfaces: checkCount('demo-extra', flags.demoExtra, 0, 16),
		});
		const known = opened.source.sample(Date.now()).bonds.map((b) => b.name);
		const unknown = bondFilter.filter((name) => !known.includes(name));
		if (unknown.length > 0) {
			const names = {names: unknown.join(', ')};
			const here = {names: known.join(', ') || 'none'};
			throw new UsageError(tEnglish('error.noBond', {...names, known: tEnglish('error.bondsHere', here)}), tError('error.noBond', {...names, known: tError('error.bondsHere', here)}));
		}
	} else {
		if (!flags.root && process.platform !== 'linux') throw usageError('error.notLinux', {platform: process.platform});
		opened = createLiveSource({root: flags.root ?? '/', bondFilter, childGuard: keeper});
	}
	if (command === 'export') {
		const code = await runExportCommand(opened, {textfile: flags.textfile, intervalMs: intervalGiven ? intervalMs : null, stateDir: flags.stateDir, version});
		opened.close();
		return code;
	}
	if (command === 'watch' || (flags.json && intervalGiven)) {
		const log = openEventFile(flags.log, opened.source.sample(Date.now()).hostname);
		const code = await runWatchCommand(opened, {intervalMs, log});
		log?.close();
		opened.close();
		return code;
	}

	const colour = flags.color && !('NO_COLOR' in process.env && process.env.NO_COLOR !== '');
	const ascii = flags.ascii || !localeIsUtf8(process.env);
	const plain = (text: string) => (ascii ? toAscii(text) : text);
	const oneShot = flags.once || flags.json || !process.stdout.isTTY;
	// The screen and --once speak the chosen language; --json (and everything above: watch, export,
	// drill, lab) stays English for parsers.
	if (!flags.json) setLanguage(language, {ascii});
	if (oneShot) {
		const first = opened.source.sample(Date.now());
		const hostConfig = opened.source.config ? await opened.source.config() : null;
		const config = hostConfig ? compareConfig(first, hostConfig) : null;
		if (flags.json) {
			const log = openEventFile(flags.log, first.hostname);
			const json = withJudgements(await jsonWithHistory(opened, first, log), judgeSnapshot(first, configContext(config)));
			process.stdout.write(`${safeJsonStringify(config && hostConfig ? withConfig(json, config, hostConfig) : json, 2)}
`);
			log?.close();
		} else {
			process.stdout.write(plain(renderPlain(first, config)));
		}
		opened.close();
		return 0;
	}
	if (isDumbTerminal(process.env)) {
		// No cursor movement: the --once snapshot every interval, until interrupted.
		const hostConfig = opened.source.config ? await opened.source.config() : null;
		for (;;) {
			const snapshot = opened.source.sample(Date.now());
			process.stdout.write(`${plain(renderPlain(snapshot, hostConfig ? compareConfig(snapshot, hostConfig) : null))}\n`);
			await new Promise((resolve) => setTimeout(resolve, intervalMs));
		}
	}

	const live = !readOnlyReason && !opened.actions && keeper !== null;
	const actions = new RestoringActions(
		readOnlyReason ? refusingActions(readOnlyReason) : (opened.actions ?? guardedActions(createIpLinkActions(), keeper!)),
		live ? guardedUpSync(setLinkUpSync, keeper!) : null,
	);
	const drillSeconds = flags.for;
	if (!Number.isFinite(drillSeconds) || drillSeconds < 1 || drillSeconds > 3600) throw usageError('error.for', {value: String(drillSeconds)});
	const keys = keyboard();
	let report: ExitReport | null = null;
	// Under the screen, --log's warnings wait until it is gone.
	const logWarnings: string[] = [];
	const hostname = opened.source.sample(Date.now()).hostname;
	const log = openEventFile(flags.log, hostname, (message) => logWarnings.push(message));
	markInteractiveRun(); // the launcher writes the code cache at exit only for this run
	process.stdout.write(enterAlternateScreen);
	inAlternateScreen = true;
	// Runs last of the emergency steps (they run newest first): the screen goes back after the links.
	const removeScreenHook = onEmergencyExit(() => leaveScreen());
	const instance = render(
		<CrashBoundary onCrash={exitForError}>
		<App
			source={opened.source}
			actions={actions}
			intervalMs={intervalMs}
			colour={colour}
			events={flags.events}
			percent={flags.percent}
			readOnly={flags.root ? t('title.rootReason') : readOnlyReason}
			offline={flags.root ? {capturedAt: opened.capturedAt} : null}
			drill={
				readOnlyReason
					? undefined
					: {
							forSeconds: drillSeconds,
							run: async (bond, slave, onProgress) => {
								const result = await runDrill({bond, slave, forMs: drillSeconds * 1000, target: drillTarget(opened.readBond(bond)!, flags.target ?? null, opened.simulated)}, createDrillDeps(opened, actions, keeper, onProgress));
								// The drill's line in --log comes with the TUI's drill event; here the report and the state file.
								logWarnings.push(...recordDrill(result, {opened, log: null, report: flags.report, stateDir: flags.stateDir, hostname, version}));
								return result;
							},
						}
			}
			followKernelLog={opened.followKernelLog}
			onEvents={log ? (events) => log.write(events) : undefined}
			sessionInterface={opened.simulated || flags.root ? null : sessionInterface(opened.source.sample(Date.now()), process.env)}
			armRestore={
				keeper ? (name, afterMs) => keeper.arm(name, afterMs) : async (name) => ({description: `simulated: ${name} comes back by itself`})
			}
			onExit={(r) => {
				report = r;
			}}
		/>
		</CrashBoundary>,
		// (Ink's incrementalRendering, which rewrites only changed rows, left duplicated stale rows on
		// screen in tmux with Ink 6.8: not used.)
		{exitOnCtrlC: false, patchConsole: false, maxFps: 30, stdin: keys.stdin, stdout: ascii ? asciiStream(process.stdout) : process.stdout},
	);
	// Signals and crashes: the links come back first, then the screen is left as it was.
	const removeHook = onEmergencyExit(() => {
		const restored = actions.restoreAllSync();
		instance.unmount();
		keys.close();
		opened.close();
		return restored.length > 0 ? [tError('message.broughtBack', {names: restored.map(sanitizeText).join(', ')})] : [];
	});
	const removeSignals = exitOnSignals();
	await instance.waitUntilExit();
	removeSignals();
	removeHook();
	keys.close();
	removeScreenHook();
	leaveScreen();
	opened.close();
	log?.close();
	for (const warning of logWarnings) process.stderr.write(`${tError('message.warning', {message: sanitizeText(warning)})}\n`);
	const finished = report as ExitReport | null;
	if (finished && finished.restored.length > 0) process.stdout.write(`${tError('message.broughtBack', {names: finished.restored.map(sanitizeText).join(', ')})}\n`);
	if (finished && finished.failed.length > 0) {
		for (const {name, message} of finished.failed) process.stderr.write(`${tError('message.notBroughtBack', {name: sanitizeText(name), message: sanitizeText(message)})}\n`);
		return 1;
	}
	return 0;
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(error: unknown) => exitForError(error),
);
