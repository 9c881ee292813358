/**
 * The screen: wires the sampler, the key table and the actions together. Components below it only
 * render props; this is the one place that turns keys into actions.
 */
import {Box, Text, useApp} from 'ink';
import React, {useCallback, useMemo, useRef, useState} from 'react';
import type {RestoringActions} from './actions/restore.js';
import type {ActionResult} from './actions/types.js';
import {inventoryNote} from './collect/inventory.js';
import type {KernelLogFollower} from './collect/kernel-log.js';
import type {DataSource} from './collect/source.js';
import {failoverLine, failoverSummary} from './history/failover-summary.js';
import {hasActiveSlave} from './kernel/bonding-status.js';
import type {BondEvent} from './model/events.js';
import {drillBlock, type DrillResult} from './drill/run-drill.js';
import {lockoutRisk} from './drill/lockout.js';
import {layoutGroups, type LayoutItem} from './model/layout.js';
import {BondHeader, headerFindings} from './ui/components/bond-header.js';
import {EventLog} from './ui/components/event-log.js';
import {Footer, footerRows, type Status} from './ui/components/footer.js';
import {Help} from './ui/components/help.js';
import {WrappedLines, wrappedRows} from './ui/components/wrapped-lines.js';
import {helpLines} from './ui/help-lines.js';
import {useKeys} from './ui/hooks/use-keys.js';
import {initialView, viewAfter, type ViewState} from './ui/view.js';
import {ConfigOverlay} from './ui/components/config-overlay.js';
import {WarningsOverlay} from './ui/components/warnings-overlay.js';
import {useConfig, type ConfigState} from './ui/hooks/use-config.js';
import {InterfacePanel} from './ui/components/interface-panel.js';
import {Line} from './ui/components/line.js';
import {brailleChart} from './ui/braille-chart.js';
import {useInventory} from './ui/hooks/use-inventory.js';
import {useKernelHistory} from './ui/hooks/use-kernel-history.js';
import {useSampler} from './ui/hooks/use-sampler.js';
import {useTerminalSize} from './ui/hooks/use-terminal-size.js';
import {bindingsFor, commandForKey, type Command, type KeyPress} from './ui/keys.js';
import {titleLine} from './ui/title.js';
import {bondHeaderLines, clockTime} from './output/format.js';
import {screenLayout} from './ui/screen-layout.js';
import {chartScales, percentLabelWidth} from './ui/chart-scale.js';
import {themeFor} from './ui/theme.js';

/** What quitting did, for the message printed after the screen is gone. */
export type ExitReport = {restored: string[]; failed: Array<{name: string; message: string}>};

export type AppProps = {
	source: DataSource;
	actions: RestoringActions;
	intervalMs: number;
	colour: boolean;
	/** Follow kernel link notifications (true) or only poll. */
	events?: boolean;
	/** Interface selected at start. */
	initialSelection?: string;
	/** Charts start in percent of link speed (`--percent`; `%` toggles). */
	percent?: boolean;
	onExit?: (report: ExitReport) => void;
	/** Runs a failover drill on a slave (see drill/run-drill.ts); absent where drills are impossible (--root). */
	drill?: {forSeconds: number; run(bond: string, slave: string, onProgress: (text: string) => void): Promise<DrillResult>};
	/** The interface carrying the user's SSH session, for the lockout guard. */
	sessionInterface?: string | null;
	/** Arms an automatic restore after `afterMs` for a risky manual `d` (the watchdog, see watchdog/). */
	armRestore?: (name: string, afterMs: number) => Promise<{description: string} | {error: string}>;
	/**
	 * Why this view changes nothing (`--read-only`, an offline capture), or null/absent when its keys
	 * may change links. A read-only view has no binding for d, u, a, p (see keys.ts bindingsFor).
	 */
	readOnly?: string | null;
	/** Set for an offline capture (`--root`): when it was taken; rates are unknown there. */
	offline?: {capturedAt: string | null} | null;
	/** Clock, injectable for tests. */
	now?: () => number;
	/** Follows the kernel log's bonding history (start-up, then after link changes); absent for the demo. */
	followKernelLog?: ((bonds: ReadonlySet<string>) => KernelLogFollower) | null;
	/** Told every event as it is logged (for `--log FILE`). */
	onEvents?: (events: BondEvent[]) => void;
};

type Confirmation = {prompt: string; run: () => void};

/** How long a risky manual `d` stays down before the automatic restore brings it back. */
export const riskyDownRestoreMs = 30_000;


const noBondText =
	'No bonding interface on this host (no /proc/net/bonding). Showing every interface; run `bondtop --demo` to see a simulated bond and try a failover, or `sudo bondtop lab` for a real one in a sandbox.';

export function App(props: AppProps) {
	const {source, actions, intervalMs} = props;
	const now = props.now ?? Date.now;
	const theme = themeFor(props.colour);
	const [view, setView] = useState<ViewState>(() => initialView(intervalMs, props.percent ? 'percent' : 'rate'));
	const viewRef = useRef(view);
	// Event rows the log showed in the last frame, for PgUp/PgDn.
	const logRowsRef = useRef(5);
	// The configuration's findings count in the verdicts; the config hook below sets this (it needs the snapshot).
	const configJudge = useRef<ConfigState['judgeContext']>(() => ({}));
	// An offline capture never changes: sampled once (an infinite interval).
	const sampler = useSampler(source, props.offline ? Number.POSITIVE_INFINITY : view.intervalMs, {
		events: props.events,
		now,
		paused: view.paused,
		onEvents: props.onEvents,
		judgeContext: (s) => configJudge.current(s),
	});
	const {snapshot} = sampler.state;
	const kernelHistory = useKernelHistory(props.followKernelLog, snapshot?.bonds.map((b) => b.name) ?? [], sampler);
	const inventory = useInventory(source, snapshot, now);
	const {columns, rows} = useTerminalSize();
	const {exit} = useApp();
	const [selected, setSelected] = useState<string | null>(props.initialSelection ?? null);
	const [configOpen, setConfigOpen] = useState(false);
	const [warningsOpen, setWarningsOpen] = useState(false);
	const config = useConfig(source, snapshot, configOpen, sampler.sampleNow);
	configJudge.current = config.judgeContext;
	const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
	const [status, setStatus] = useState<Status | null>(null);
	/** Status texts hold names and error messages: raw here, the Footer sanitises them. */
	const say = useCallback((text: string, isError: boolean) => setStatus({text, isError}), []);
	const quitting = useRef(false);
	const readOnly = props.readOnly ?? (props.offline ? 'offline capture' : null);
	const bindings = useMemo(() => bindingsFor({readOnly: readOnly !== null}), [readOnly]);

	const groups = useMemo(() => (snapshot ? layoutGroups(snapshot) : []), [snapshot]);
	const items = useMemo(() => groups.flatMap((g) => g.items), [groups]);
	const selectedItem: LayoutItem | undefined = items.find((i) => i.name === selected) ?? items[0];
	const selectedName = selectedItem?.name ?? null;

	const event = useCallback(
		(message: string, interfaceName: string, bond: string | null, severity: BondEvent['severity'] = 'info'): BondEvent => ({
			atMs: now(),
			kind: 'action',
			bond,
			interfaceName,
			message,
			severity,
		}),
		[now],
	);

	const perform = useCallback(
		(what: string, item: LayoutItem, run: () => Promise<ActionResult>) => {
			say(`${what}…`, false);
			void run().then((result) => {
				if (result.ok) {
					say(`${what}: done`, false);
					sampler.addEvents([event(`bondtop: ${what}`, item.name, item.bond?.name ?? null)]);
				} else {
					say(`${what}: ${result.message}`, true);
				}
				source.invalidate?.();
				sampler.sampleNow();
			});
		},
		[sampler, source, event],
	);

	const quit = useCallback(() => {
		if (quitting.current) return;
		quitting.current = true;
		say('quitting: bringing back up every link bondtop took down…', false);
		void actions.restoreAll().then((report) => {
			props.onExit?.(report);
			exit();
		});
	}, [actions, exit, props.onExit]);

	const risk = useCallback(
		(item: LayoutItem) => (snapshot ? lockoutRisk(snapshot, item.name, props.sessionInterface ?? null) : ({risky: false} as const)),
		[snapshot, props.sessionInterface],
	);

	const linkDown = useCallback(
		(item: LayoutItem) => {
			const down = () => perform(`ip link set ${item.name} down`, item, () => actions.setLinkDown(item.name));
			const lockout = risk(item);
			if (lockout.risky) {
				const seconds = riskyDownRestoreMs / 1000;
				setConfirmation({
					prompt: `LOCKOUT RISK: ${lockout.reason}. If you go ahead, ${item.name} is brought back up automatically after ${seconds} s, even if this session dies. Press y to take it down anyway, any other key to cancel.`,
					run: () => {
						void (props.armRestore?.(item.name, riskyDownRestoreMs) ?? Promise.resolve(null)).then((armed) => {
							if (!armed || 'error' in armed) {
								say(`not taking ${item.name} down: no automatic restore (${armed && 'error' in armed ? armed.error : 'unavailable'})`, true);
								return;
							}
							sampler.addEvents([event(`bondtop: ${armed.description}`, item.name, item.bond?.name ?? null, 'warning')]);
							down();
						});
					},
				});
				return;
			}
			if (item.slave && item.bond) {
				const othersUp = item.bond.slaves.filter((s) => s.name !== item.name && s.miiStatus !== 'down');
				if (othersUp.length === 0) {
					setConfirmation({
						prompt: `${item.name} is the last slave of ${item.bond.name} that is up: taking it down cuts ${item.bond.name} off (it comes back up when you press u or quit). Press y to take it down, any other key to cancel.`,
						run: down,
					});
					return;
				}
				down();
				return;
			}
			if (item.bond && !item.slave) {
				setConfirmation({
					prompt: `Take down the bond ${item.name} itself? All its traffic stops until you press u or quit. Press y to take it down, any other key to cancel.`,
					run: down,
				});
				return;
			}
			say(`d takes down bond slaves; ${item.name} is not in a bond`, true);
		},
		[actions, perform, risk, props.armRestore, sampler, event],
	);

	const drillRunning = useRef(false);
	const startDrill = useCallback(
		(item: LayoutItem) => {
			const drill = props.drill;
			if (!drill) {
				say('drills need a live host or --demo (not --root)', true);
				return;
			}
			if (!item.slave || !item.bond) {
				say(`p drills a bond slave; ${item.name} is not one`, true);
				return;
			}
			if (drillRunning.current) {
				say('a drill is already running', true);
				return;
			}
			const bond = item.bond;
			const go = () => {
				drillRunning.current = true;
				say(`drill: taking ${item.name} down for ${drill.forSeconds} s…`, false);
				drill
					.run(bond.name, item.name, (text) => say(text, false))
					.then(
						(result) => {
							// A short block (failover, outage, recovery): wrapped in the status, one log line each.
							const block = drillBlock(result);
							say(block.map((l) => l.trim()).join('  ·  '), false);
							sampler.addEvents(block.map((line) => ({...event(line, item.name, bond.name), kind: 'drill' as const, detail: result})));
						},
						(error: unknown) => say(`drill: ${error instanceof Error ? error.message : String(error)}`, true),
					)
					.finally(() => {
						drillRunning.current = false;
						source.invalidate?.();
						sampler.sampleNow();
					});
			};
			const lockout = risk(item);
			const lastUp = bond.slaves.filter((s) => s.name !== item.name && s.miiStatus === 'up').length === 0;
			if (lockout.risky || lastUp) {
				const reason = lockout.risky ? `LOCKOUT RISK: ${lockout.reason}` : `${item.name} is the last working slave of ${bond.name}: the drill cuts ${bond.name} off`;
				setConfirmation({
					prompt: `${reason}. The link comes back by itself after ${drill.forSeconds} s, even if bondtop or this session dies. Press y to run the drill anyway, any other key to cancel.`,
					run: go,
				});
				return;
			}
			go();
		},
		[props.drill, risk, sampler, event, source],
	);

	const makeActive = useCallback(
		(item: LayoutItem) => {
			if (!item.slave || !item.bond) {
				say(`a works on a slave; ${item.name} is not one`, true);
				return;
			}
			if (!hasActiveSlave(item.bond.mode)) {
				say(`${item.bond.name} is ${item.bond.mode ?? 'of an unknown mode'}: only active-backup, balance-tlb and balance-alb have an active slave`, true);
				return;
			}
			const bond = item.bond;
			perform(`make ${item.name} the active slave of ${bond.name}`, item, () => actions.setActiveSlave(bond.name, item.name));
		},
		[actions, perform],
	);

	const help = useMemo(() => (view.help ? helpLines(columns, bindings, readOnly) : []), [view.help, columns, bindings, readOnly]);
	// Rows of the screen's parts, measured here for the layout below and for the scrolling keys.
	const statusRows = footerRows(status, columns);
	const confirmationRows = confirmation ? wrappedRows(confirmation.prompt, columns) : 0;
	const helpRows = Math.max(1, rows - 2 - statusRows - confirmationRows);
	const logRows = logRowsRef.current;

	const run = (command: Command) => {
		if (command === 'close' && configOpen && !viewRef.current.help) return setConfigOpen(false);
		// Two keys in one batch (a fast typist, a paste) must both count: read the latest view.
		const current = viewRef.current;
		const nextView = viewAfter(current, command, {helpRows, helpLines: help.length, logRows, events: sampler.state.events.length});
		if (nextView) {
			viewRef.current = nextView;
			if (nextView !== current) setView(nextView);
			return;
		}
		const move = (step: number) => {
			if (items.length === 0) return;
			const at = Math.max(0, items.findIndex((i) => i.name === selectedName));
			setSelected(items[(at + step + items.length) % items.length]!.name);
		};
		switch (command) {
			case 'next':
				return move(1);
			case 'previous':
				return move(-1);
			case 'first':
				return items[0] && setSelected(items[0].name);
			case 'last':
				return items.length > 0 && setSelected(items[items.length - 1]!.name);
			case 'config':
				// Opening re-reads the files (on request, never per tick).
				if (!configOpen) config.reload();
				return setConfigOpen(!configOpen);
			case 'warnings':
				return setWarningsOpen((open) => !open);
			case 'quit':
				return quit();
			case 'linkDown':
				return selectedItem && linkDown(selectedItem);
			case 'linkUp':
				return selectedItem && perform(`ip link set ${selectedItem.name} up`, selectedItem, () => actions.setLinkUp(selectedItem.name));
			case 'makeActive':
				return selectedItem && makeActive(selectedItem);
			case 'drill':
				return selectedItem && startDrill(selectedItem);
		}
	};

	useKeys((input: string, key: KeyPress) => {
		if (confirmation) {
			// Only y goes ahead; Esc or any other key cancels.
			setConfirmation(null);
			if (input === 'y' || input === 'Y') confirmation.run();
			else say('cancelled', false);
			return;
		}
		const command = commandForKey(input, key, bindings);
		if (command) run(command);
	});

	if (!snapshot) return <Text>reading the kernel…</Text>;

	// One line per bond with an active slave: its last failover, active since, failovers, primary.
	const failoverLines = new Map<string, string>();
	for (const bond of snapshot.bonds) {
		const summary = failoverSummary(bond, sampler.state.events, kernelHistory.base);
		if (summary) failoverLines.set(bond.name, failoverLine(summary, now(), clockTime));
	}
	const {judgements} = sampler.state;
	const bondHeaderRows =
		snapshot.bonds.reduce((sum, b) => sum + bondHeaderLines(b, {judgement: judgements.get(b.name), maxFindings: headerFindings(rows)}).length, 0) + failoverLines.size;
	// Rows below the headers: the panels, a taller chart for the selection when rows are free, and
	// the event log, which takes what the panels leave. A confirmation and the status wrap over as
	// many rows as their length needs.
	const noBondRows = snapshot.bonds.length === 0 ? wrappedRows(noBondText, columns) : 0;
	const groupTitleRows = groups.filter((g) => !g.bond).length;
	const fixedRows = 1 + noBondRows + bondHeaderRows + groupTitleRows + (kernelHistory.note ? 1 : 0) + confirmationRows + statusRows;
	const collapseOthers = view.othersCollapsed && snapshot.bonds.length > 0;
	const layout = screenLayout(items, selectedName, Math.max(4, rows - fixedRows), collapseOthers, sampler.state.events.length);
	logRowsRef.current = layout.logRows;
	const planned = new Map(layout.plan.map((p) => [p.item.name, p.detail]));
	// Charts as wide as the panel allows; one scale per bond (its slaves share it), labelled; or
	// percent of each link's speed (`%`), whose labels are longer.
	const scaleLabelWidth = view.scale === 'percent' ? percentLabelWidth + 2 : 8;
	const chartColumns = Math.max(8, columns - 25 - scaleLabelWidth);
	const compactColumns = Math.max(4, Math.floor((columns - 8 - (view.scale === 'percent' ? scaleLabelWidth : 0)) / 2) - 1);
	const tallColumns = Math.max(8, columns - 11);
	const scales = chartScales(groups, (name) => sampler.history.get(name), chartColumns * 2, view.unit, view.scale);
	const chart = (name: string, direction: 'rx' | 'tx', width: number, height: number): string[] => {
		const ring = sampler.history.get(name)?.[direction];
		if (!ring || props.offline) return [];
		return brailleChart(ring.last(width * 2), width, height, scales.get(name)?.max);
	};

	const topLine = titleLine({
		hostname: snapshot.hostname,
		simulated: snapshot.simulated,
		warnings: snapshot.warnings.length,
		intervalMs: view.intervalMs,
		paused: view.paused,
		eventDriven: sampler.eventDriven,
		limitedByPrivilege: snapshot.limitedByPrivilege,
		offline: props.offline ?? null,
		readOnly,
		bindings,
	});

	return (
		<Box flexDirection="column" width={columns}>
			<Line text={topLine} bold color={snapshot.simulated ? theme.simulated : theme.accent} />
			{view.help ? (
				<Help lines={help} top={view.helpTop} rows={helpRows} theme={theme} />
			) : warningsOpen ? (
				<WarningsOverlay warnings={snapshot.warnings} rows={rows - 1 - statusRows - confirmationRows} theme={theme} />
			) : configOpen ? (
				<ConfigOverlay
					bond={selectedItem?.bond?.name ?? snapshot.bonds[0]?.name ?? null}
					comparison={config.comparison}
					host={config.host}
					theme={theme}
				/>
			) : (
				<>
					{snapshot.bonds.length === 0 ? <WrappedLines text={noBondText} columns={columns} color={theme.warning} /> : null}
					{groups.map((group, groupIndex) => (
						<Box key={group.bond?.name ?? `others-${groupIndex}`} flexDirection="column">
							{group.bond ? (
								<BondHeader
									bond={group.bond}
									simulated={snapshot.simulated}
									theme={theme}
									judgement={judgements.get(group.bond.name)}
									maxFindings={headerFindings(rows)}
									history={failoverLines.get(group.bond.name) ?? null}
								/>
							) : (
								<Text bold>Other interfaces{collapseOthers ? ' (o to expand)' : ''}</Text>
							)}
							{group.items.map((item) => {
								const detail = planned.get(item.name);
								if (!detail) return null;
								const rate = sampler.state.rates.get(item.name);
								const tall = detail === 'full' && item.name === selectedName && layout.chartRows >= 2;
								const oneRow = (direction: 'rx' | 'tx') =>
									detail === 'line' || tall ? '' : (chart(item.name, direction, detail === 'compact' ? compactColumns : chartColumns, 1)[0] ?? '');
								return (
									<InterfacePanel
										key={item.name}
										item={item}
										selected={item.name === selectedName}
										detail={detail}
										rxBytesPerSecond={props.offline ? null : (rate?.rxBytesPerSecond ?? null)}
										txBytesPerSecond={props.offline ? null : (rate?.txBytesPerSecond ?? null)}
										rxChart={oneRow('rx')}
										txChart={oneRow('tx')}
										rxChartRows={tall ? chart(item.name, 'rx', tallColumns, layout.chartRows) : undefined}
										txChartRows={tall ? chart(item.name, 'tx', tallColumns, layout.chartRows) : undefined}
										unit={view.unit}
										scale={scales.get(item.name)?.label}
										scaleAxis={scales.get(item.name)?.axis}
										scaleNote={scales.get(item.name)?.note}
										compactScale={view.scale === 'percent'}
										note={inventoryNote(inventory, item.name)}
										theme={theme}
									/>
								);
							})}
						</Box>
					))}
					{kernelHistory.note ? <Line text={`  ${kernelHistory.note}`} color={theme.warning} /> : null}
					<EventLog events={sampler.state.events} rows={layout.logRows} back={view.logBack} theme={theme} now={now()} />
				</>
			)}
			{confirmation ? <WrappedLines text={confirmation.prompt} columns={columns} color={theme.warning} bold /> : null}
			<Footer status={status} columns={columns} bindings={bindings} theme={theme} />
		</Box>
	);
}
