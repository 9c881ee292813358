import {tEnglish, tError, type MessageKey, type MessageParams} from './i18n/i18n.js';

/**
 * An error whose one-line message exists in two languages: `message` is English (what `bondtop
 * check` prints in its UNKNOWN line, and what a stack trace under BONDTOP_DEBUG=1 shows); `shown`,
 * when set, is the same in the error language (German under a German locale), which is what the
 * one-line stderr message uses. Exit code 1 (the system refused or failed).
 */
export class ShownError extends Error {
	constructor(
		message: string,
		readonly shown?: string,
	) {
		super(message);
	}
}

/** An error meant for the user: bad input, printed as one line (no stack trace), exit code 2. */
export class UsageError extends ShownError {}

/**
 * A usage error from the catalogue: English message, shown in the error language; `shownParams`
 * when a value is itself a message (`cannot read it`), else `params` for both.
 */
export function usageError(key: MessageKey, params?: MessageParams, shownParams: MessageParams | undefined = params): UsageError {
	return new UsageError(tEnglish(key, params), tError(key, shownParams));
}

/** A {@link ShownError} (exit 1) from the catalogue. */
export function shownError(key: MessageKey, params?: MessageParams): ShownError {
	return new ShownError(tEnglish(key, params), tError(key, params));
}
