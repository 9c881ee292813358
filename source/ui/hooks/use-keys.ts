/**
 * Key presses for the screen: Ink's useInput, plus F1 and F10, which Ink's useInput reports as an
 * empty input with no flag set. Those two are read from Ink's own input events (one event per key
 * sequence) and told apart by {@link functionKeyOf}.
 */
import {useInput, useStdin, type Key} from 'ink';
import {useEffect, useRef} from 'react';
import {functionKeyOf, type KeyPress} from '../keys.js';

export function useKeys(handler: (input: string, key: KeyPress) => void): void {
	const latest = useRef(handler);
	latest.current = handler;
	useInput((input: string, key: Key) => latest.current(input, key));
	const {internal_eventEmitter: emitter} = useStdin();
	useEffect(() => {
		const onInput = (sequence: string) => {
			const name = typeof sequence === 'string' ? functionKeyOf(sequence) : null;
			if (name) latest.current('', {[name]: true});
		};
		emitter?.on('input', onInput);
		return () => {
			emitter?.off('input', onInput);
		};
	}, [emitter]);
}
