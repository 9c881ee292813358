/**
 * `--log FILE`: every event appended as one JSON object a line, written as it happens. The file is
 * opened with O_APPEND and each line is one write(2), so several bondtops can share a file without
 * tearing lines. Writing is never a reason to stop: a failure (a full disk, a removed directory)
 * becomes one warning and the file is tried again with the next event.
 */
import {closeSync, openSync, writeSync, constants} from 'node:fs';
import type {BondEvent} from '../model/events.js';
import {toJsonEvent} from '../output/json.js';
import {safeJsonStringify} from '../text/sanitize.js';
import {tError} from '../i18n/i18n.js';

export class EventFile {
	private fd: number | null = null;
	private warned = false;

	/** @param onWarning told once per run of failures, with one line of text. */
	constructor(
		readonly path: string,
		private readonly hostname: string,
		private readonly onWarning: (message: string) => void,
	) {}

	/** Opens the file now, so a bad path is a usage error at start rather than a warning later. Throws. */
	open(): void {
		this.fd ??= openSync(this.path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, 0o644);
	}

	write(events: readonly BondEvent[]): void {
		for (const event of events) {
			const line = `${safeJsonStringify({host: this.hostname, ...toJsonEvent(event)})}\n`;
			try {
				this.open();
				writeSync(this.fd!, line);
				this.warned = false;
			} catch (error) {
				if (!this.warned) this.onWarning(tError('warning.logWrite', {path: this.path, code: (error as NodeJS.ErrnoException).code ?? String(error)}));
				this.warned = true;
				this.close();
				return;
			}
		}
	}

	close(): void {
		if (this.fd === null) return;
		try {
			closeSync(this.fd);
		} catch {
			// Already gone.
		}
		this.fd = null;
	}
}
