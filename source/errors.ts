import {tEnglish, tError, type MessageKey, type MessageParams} from './i18n/i18n.js';

/**
 * An error meant for the user: printed as one line (no stack trace), exit code 2. `message` is
 * English (what `bondtop check` prints in its UNKNOWN line); `shown`, when set, is the same in the
 * error language (German under a German locale), which is what the one-line stderr message uses.
 */
export class UsageError extends Error {
	constructor(
		message: string,
		readonly shown?: string,
	) {
		super(message);
	}
}

/** A usage error from the catalogue: English message, shown in the error language. */
export function usageError(key: MessageKey, params?: MessageParams): UsageError {
	return new UsageError(tEnglish(key, params), tError(key, params));
}
