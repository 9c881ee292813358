/**
 * The screen: wires the sampler, the key table and the actions together. Components below it only
 * render props; the key handling (ui/hooks/use-screen-keys.ts), the link actions
 * (use-link-actions.ts) and the drill (use-drill.ts) are hooks, the panels and the overlays
 * components. Reading order: state, actions, keys, then the frame's layout and the frame.
 */
import {t} from './i18n/i18n.js';
import {Box, Text, useApp} from 'ink';
import React, {useCallback, useMemo, useRef, useState} from 'react';
import type {RestoringActions} from './actions/restore.js';
import type {KernelLogFollower} from './collect/kernel-log.js';
import type {DataSource} from './collect/source.js';
import {failoverLine, failoverSummary} from './history/failover-summary.js';
import type {BondEvent} from './model/events.js';
import {layoutGroups, type LayoutItem} from './model/layout.js';
import {headerFindings} from './ui/components/bond-header.js';
import {EventLog} from './ui/components/event-log.js';
import {Footer, footerRows, type Status} from './ui/components/footer.js';
import {InterfaceGroups} from './ui/components/interface-groups.js';
import {Overlay, overlayKind} from './ui/components/overlay.js';
import {WrappedLines, wrappedRows} from './ui/components/wrapped-lines.js';
import {Line} from './ui/components/line.js';
import {helpLines, helpWindowRows} from './ui/help-lines.js';
import {initialView, type ViewState} from './ui/view.js';
import {useConfig, type ConfigState} from './ui/hooks/use-config.js';
import {useDrill, type DrillRunner} from './ui/hooks/use-drill.js';
import {useInventory} from './ui/hooks/use-inventory.js';
import {useKernelHistory} from './ui/hooks/use-kernel-history.js';
import {useLinkActions, type Confirmation, type ExitReport} from './ui/hooks/use-link-actions.js';
import {useSampler} from './ui/hooks/use-sampler.js';
import {useScreenKeys} from './ui/hooks/use-screen-keys.js';
import {useTerminalSize} from './ui/hooks/use-terminal-size.js';
import {bindingsFor} from './ui/keys.js';
import {titleLine} from './ui/title.js';
import {bondHeaderLines, clockTime} from './output/format.js';
import {screenLayout} from './ui/screen-layout.js';
import {themeFor} from './ui/theme.js';

export {riskyDownRestoreMs, type ExitReport} from './ui/hooks/use-link-actions.js';

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
	drill?: DrillRunner;
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

export function App(props: AppProps) {
	const {source, actions, intervalMs} = props;
	const now = props.now ?? Date.now;
	const theme = themeFor(props.colour);
	const [view, setView] = useState<ViewState>(() => initialView(intervalMs, props.percent ? 'percent' : 'rate'));
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
	const readOnly = props.readOnly ?? (props.offline ? t('title.offlineReason') : null);
	const noBondText = t('app.noBond');
	const bindings = useMemo(() => bindingsFor({readOnly: readOnly !== null}), [readOnly]);

	const groups = useMemo(() => (snapshot ? layoutGroups(snapshot) : []), [snapshot]);
	const items = useMemo(() => groups.flatMap((g) => g.items), [groups]);
	const selectedItem: LayoutItem | undefined = items.find((i) => i.name === selected) ?? items[0];
	const selectedName = selectedItem?.name ?? null;

	const linkActions = useLinkActions({
		source,
		actions,
		sampler,
		snapshot,
		now,
		say,
		ask: setConfirmation,
		sessionInterface: props.sessionInterface ?? null,
		armRestore: props.armRestore,
		onExit: props.onExit,
		exit,
	});
	const startDrill = useDrill({drill: props.drill, source, sampler, now, say, ask: setConfirmation, risk: linkActions.risk});

	const help = useMemo(() => (view.help ? helpLines(columns, bindings, readOnly) : []), [view.help, columns, bindings, readOnly]);
	// Rows of the screen's parts, measured here for the layout below and for the scrolling keys.
	const statusRows = footerRows(status, columns);
	const confirmationRows = confirmation ? wrappedRows(confirmation.prompt, columns) : 0;
	const helpRows = helpWindowRows(help.length, rows - 2 - statusRows - confirmationRows);

	useScreenKeys({
		bindings,
		view,
		setView,
		measure: {helpRows, helpLines: help.length, logRows: logRowsRef.current, events: sampler.state.events.length},
		items,
		selectedItem,
		setSelected,
		confirmation,
		setConfirmation,
		say,
		configOpen,
		setConfigOpen,
		reloadConfig: config.reload,
		toggleWarnings: () => setWarningsOpen((open) => !open),
		linkActions,
		startDrill,
	});

	if (!snapshot) return <Text>{t('app.reading')}</Text>;

	// One line per bond with an active slave: its last failover, active since, failovers, primary.
	const failoverLines = new Map<string, string>();
	for (const bond of snapshot.bonds) {
		const summary = failoverSummary(bond, sampler.state.events, kernelHistory.base);
		if (summary) failoverLines.set(bond.name, failoverLine(summary, now(), clockTime, columns - 2));
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
	const overlay = overlayKind(view.help, warningsOpen, configOpen);

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
	}, columns);

	return (
		<Box flexDirection="column" width={columns}>
			<Line text={topLine} bold color={snapshot.simulated ? theme.simulated : theme.accent} />
			{overlay ? (
				<Overlay
					kind={overlay}
					theme={theme}
					help={{lines: help, top: view.helpTop, rows: helpRows, columns}}
					warnings={{list: snapshot.warnings, rows: rows - 1 - statusRows - confirmationRows}}
					config={{bond: selectedItem?.bond?.name ?? snapshot.bonds[0]?.name ?? null, state: config}}
				/>
			) : (
				<>
					{snapshot.bonds.length === 0 ? <WrappedLines text={noBondText} columns={columns} color={theme.warning} /> : null}
					<InterfaceGroups
						groups={groups}
						planned={new Map(layout.plan.map((p) => [p.item.name, p.detail]))}
						selectedName={selectedName}
						chartRows={layout.chartRows}
						columns={columns}
						rows={rows}
						history={sampler.history}
						rates={sampler.state.rates}
						judgements={judgements}
						failoverLines={failoverLines}
						offline={Boolean(props.offline)}
						simulated={snapshot.simulated}
						collapseOthers={collapseOthers}
						unit={view.unit}
						scale={view.scale}
						inventory={inventory}
						theme={theme}
					/>
					{kernelHistory.note ? <Line text={`  ${kernelHistory.note}`} color={theme.warning} /> : null}
					<EventLog events={sampler.state.events} rows={layout.logRows} back={view.logBack} theme={theme} now={now()} />
				</>
			)}
			{confirmation ? <WrappedLines text={confirmation.prompt} columns={columns} color={theme.warning} bold /> : null}
			<Footer status={status} columns={columns} bindings={bindings} theme={theme} />
		</Box>
	);
}
