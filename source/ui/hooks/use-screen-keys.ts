/**
 * Keys -> commands (the binding table, keys.ts) -> what the screen does: a pending confirmation
 * takes the next key (only y goes ahead); view commands (help, scrolling, pause, interval, units)
 * go through the pure `viewAfter`; the rest move the selection, open overlays, quit, or run the
 * link actions and the drill.
 */
import {t} from '../../i18n/i18n.js';
import {useRef, type Dispatch, type SetStateAction} from 'react';
import type {LayoutItem} from '../../model/layout.js';
import {commandForKey, type Command, type KeyBinding, type KeyPress} from '../keys.js';
import {viewAfter, type ViewMeasure, type ViewState} from '../view.js';
import {useKeys} from './use-keys.js';
import type {Confirmation, LinkActions} from './use-link-actions.js';

export type ScreenKeysOptions = {
	bindings: readonly KeyBinding[];
	view: ViewState;
	setView: Dispatch<SetStateAction<ViewState>>;
	/** The screen as drawn now, for the scrolling commands. */
	measure: ViewMeasure;
	items: readonly LayoutItem[];
	selectedItem: LayoutItem | undefined;
	setSelected: (name: string) => void;
	confirmation: Confirmation | null;
	setConfirmation: (confirmation: Confirmation | null) => void;
	say: (text: string, isError: boolean) => void;
	configOpen: boolean;
	setConfigOpen: (open: boolean) => void;
	/** Re-reads the configuration files (when the overlay opens: on request, never per tick). */
	reloadConfig: () => void;
	toggleWarnings: () => void;
	linkActions: LinkActions;
	startDrill: (item: LayoutItem) => void;
};

export function useScreenKeys(options: ScreenKeysOptions): void {
	const {view, setView} = options;
	// Two keys in one batch (a fast typist, a paste) must both count: commands read the latest view.
	const viewRef = useRef(view);
	viewRef.current = view;

	const run = (command: Command) => {
		const {items, selectedItem, configOpen, linkActions} = options;
		if (command === 'close' && configOpen && !viewRef.current.help) return options.setConfigOpen(false);
		const current = viewRef.current;
		const nextView = viewAfter(current, command, options.measure);
		if (nextView) {
			viewRef.current = nextView;
			if (nextView !== current) setView(nextView);
			return;
		}
		const selectedName = selectedItem?.name ?? null;
		const move = (step: number) => {
			if (items.length === 0) return;
			const at = Math.max(0, items.findIndex((i) => i.name === selectedName));
			options.setSelected(items[(at + step + items.length) % items.length]!.name);
		};
		switch (command) {
			case 'next':
				return move(1);
			case 'previous':
				return move(-1);
			case 'first':
				return items[0] && options.setSelected(items[0].name);
			case 'last':
				return items.length > 0 && options.setSelected(items[items.length - 1]!.name);
			case 'config':
				if (!configOpen) options.reloadConfig();
				return options.setConfigOpen(!configOpen);
			case 'warnings':
				return options.toggleWarnings();
			case 'quit':
				return linkActions.quit();
			case 'linkDown':
				return selectedItem && linkActions.linkDown(selectedItem);
			case 'linkUp':
				return selectedItem && linkActions.linkUp(selectedItem);
			case 'makeActive':
				return selectedItem && linkActions.makeActive(selectedItem);
			case 'drill':
				return selectedItem && options.startDrill(selectedItem);
		}
	};

	useKeys((input: string, key: KeyPress) => {
		const {confirmation} = options;
		if (confirmation) {
			// Only y goes ahead; Esc or any other key cancels.
			options.setConfirmation(null);
			if (input === 'y' || input === 'Y') confirmation.run();
			else options.say(t('status.cancelled'), false);
			return;
		}
		const command = commandForKey(input, key, options.bindings);
		if (command) run(command);
	});
}
