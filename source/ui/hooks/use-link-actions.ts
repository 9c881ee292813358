/**
 * The keys that change links (d, u, a) and quitting: each runs an injected action (argv, never a
 * shell; see actions/), says what happened in the status, logs what bondtop did, and re-reads the
 * bond at once. A risky `d` (lockout, last slave up, the bond itself) asks first through `ask`.
 */
import {t, tEnglish} from '../../i18n/i18n.js';
import {useCallback, useRef} from 'react';
import type {RestoringActions} from '../../actions/restore.js';
import type {ActionResult} from '../../actions/types.js';
import type {DataSource} from '../../collect/source.js';
import {lockoutRisk} from '../../drill/lockout.js';
import {hasActiveSlave} from '../../kernel/bonding-status.js';
import type {ActionFacts, BondEvent} from '../../model/events.js';
import type {LayoutItem} from '../../model/layout.js';
import type {Snapshot} from '../../model/types.js';
import type {Sampler} from './use-sampler.js';

/** A question the screen asks before a risky action: y runs it, any other key cancels. */
export type Confirmation = {prompt: string; run: () => void};

/** What quitting did, for the message printed after the screen is gone. */
export type ExitReport = {restored: string[]; failed: Array<{name: string; message: string}>};

/** How long a risky manual `d` stays down before the automatic restore brings it back. */
export const riskyDownRestoreMs = 30_000;

/** An event for something bondtop itself did (its message is the `--log` file's text). */
export function actionEvent(
	atMs: number,
	message: string,
	interfaceName: string,
	bond: string | null,
	severity: BondEvent['severity'] = 'info',
	action?: ActionFacts,
): BondEvent {
	const event: BondEvent = {atMs, kind: 'action', bond, interfaceName, message, severity};
	if (action) event.action = action;
	return event;
}

export type LinkActionsOptions = {
	source: DataSource;
	actions: RestoringActions;
	sampler: Sampler;
	snapshot: Snapshot | null;
	now: () => number;
	/** Sets the status line (raw text: the Footer sanitises it). */
	say: (text: string, isError: boolean) => void;
	/** Asks before a risky action. */
	ask: (confirmation: Confirmation) => void;
	sessionInterface: string | null;
	armRestore?: (name: string, afterMs: number) => Promise<{description: string} | {error: string}>;
	onExit?: (report: ExitReport) => void;
	/** Ends the app (Ink's exit). */
	exit: () => void;
};

export type LinkActions = {
	linkDown(item: LayoutItem): void;
	linkUp(item: LayoutItem): void;
	makeActive(item: LayoutItem): void;
	quit(): void;
	/** Whether taking `item` down could cut off this session (the lockout guard). */
	risk(item: LayoutItem): ReturnType<typeof lockoutRisk> | {risky: false};
};

export function useLinkActions(options: LinkActionsOptions): LinkActions {
	const {source, actions, sampler, snapshot, now, say, ask, armRestore, onExit, exit} = options;
	const sessionInterface = options.sessionInterface;
	const quitting = useRef(false);

	const perform = useCallback(
		(what: string, item: LayoutItem, run: () => Promise<ActionResult>, action: ActionFacts, shown = what) => {
			// `what` is English (the event's message, the --log text); `shown` is the screen's wording.
			say(t('status.running', {what: shown}), false);
			// Logged at the time it was issued: it is the cause of what the kernel does next, which the
			// sampler may see before `ip` has returned (merged in by time, so it comes first).
			const issuedAtMs = now();
			void run().then((result) => {
				if (result.ok) {
					say(t('status.done', {what: shown}), false);
					sampler.mergeEvents([actionEvent(issuedAtMs, `bondtop: ${what}`, item.name, item.bond?.name ?? null, 'info', action)]);
				} else {
					say(t('status.failed', {what: shown, message: result.shown ?? result.message}), true);
				}
				source.invalidate?.();
				sampler.sampleNow();
			});
		},
		[sampler, source, now, say],
	);

	const quit = useCallback(() => {
		if (quitting.current) return;
		quitting.current = true;
		say(t('status.quitting'), false);
		void actions.restoreAll().then((report) => {
			onExit?.(report);
			exit();
		});
	}, [actions, exit, onExit, say]);

	const risk = useCallback(
		(item: LayoutItem) => (snapshot ? lockoutRisk(snapshot, item.name, sessionInterface) : ({risky: false} as const)),
		[snapshot, sessionInterface],
	);

	const linkDown = useCallback(
		(item: LayoutItem) => {
			const down = () => perform(`ip link set ${item.name} down`, item, () => actions.setLinkDown(item.name), {type: 'ip-link', state: 'down'});
			const lockout = risk(item);
			if (lockout.risky) {
				const seconds = riskyDownRestoreMs / 1000;
				ask({
					prompt: t('confirm.lockout', {reason: lockout.reason, name: item.name, seconds}),
					run: () => {
						void (armRestore?.(item.name, riskyDownRestoreMs) ?? Promise.resolve(null)).then((armed) => {
							if (!armed || 'error' in armed) {
								say(t('status.noRestore', {name: item.name, reason: armed && 'error' in armed ? armed.error : t('status.unavailable')}), true);
								return;
							}
							sampler.addEvents([
								actionEvent(now(), `bondtop: ${armed.description}`, item.name, item.bond?.name ?? null, 'warning', {type: 'watchdog', description: armed.description}),
							]);
							down();
						});
					},
				});
				return;
			}
			if (item.slave && item.bond) {
				const othersUp = item.bond.slaves.filter((s) => s.name !== item.name && s.miiStatus !== 'down');
				if (othersUp.length === 0) {
					ask({
						prompt: t('confirm.lastSlave', {name: item.name, bond: item.bond.name}),
						run: down,
					});
					return;
				}
				down();
				return;
			}
			if (item.bond && !item.slave) {
				ask({
					prompt: t('confirm.bond', {name: item.name}),
					run: down,
				});
				return;
			}
			say(t('status.notInBond', {name: item.name}), true);
		},
		[actions, perform, risk, armRestore, sampler, now, ask, say],
	);

	const linkUp = useCallback(
		(item: LayoutItem) => perform(`ip link set ${item.name} up`, item, () => actions.setLinkUp(item.name), {type: 'ip-link', state: 'up'}),
		[actions, perform],
	);

	const makeActive = useCallback(
		(item: LayoutItem) => {
			if (!item.slave || !item.bond) {
				say(t('status.notSlave', {name: item.name}), true);
				return;
			}
			if (!hasActiveSlave(item.bond.mode)) {
				say(t('status.noActiveSlave', {bond: item.bond.name, mode: item.bond.mode ?? t('status.unknownMode')}), true);
				return;
			}
			const bond = item.bond;
			perform(tEnglish('event.makeActive', {slave: item.name, bond: bond.name}), item, () => actions.setActiveSlave(bond.name, item.name), {type: 'make-active'}, t('event.makeActive', {slave: item.name, bond: bond.name}));
		},
		[actions, perform, say],
	);

	return {linkDown, linkUp, makeActive, quit, risk};
}
