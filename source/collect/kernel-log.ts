/**
 * Reads the kernel's log for the bonding driver's history: the only I/O of source/history/. On the
 * live host `/dev/kmsg` (root, or `dmesg_restrict=0`), read without blocking, bounded in records and
 * bytes, with the records' microseconds since boot turned into wall time by the boot time (now minus
 * CLOCK_MONOTONIC, the clock the kernel stamps them with); else the journal's kernel messages of this
 * boot (`journalctl -k -b -o json`, with a timeout and bounded output). Under `--root`, the capture's
 * kernel log (a sosreport's `sos_commands/kernel/dmesg*`, `var/log/kern.log`) through its HostFs.
 * Called at start-up (and never per tick).
 */
import {execFile} from 'node:child_process';
import {closeSync, openSync, readSync, constants} from 'node:fs';
import {kernelLogEvents, newKernelLogState, parseJournalJson, parseKernelLogText, parseKmsgRecord, type KernelHistory, type KernelRecord} from '../history/kernel-log.js';
import type {BondEvent} from '../model/events.js';
import type {HostFs} from './host-fs.js';
import {t} from '../i18n/i18n.js';

/** Bounds of one read: records and bytes (the kernel's ring is usually 128 KB-1 MB). */
export const maxKernelRecords = 50_000;
export const maxKernelLogBytes = 8 * 1024 * 1024;
const journalTimeoutMs = 5000;

export type KernelLogResult = {
	/** The bonding events of the asked-for bonds; null when no log could be read. */
	history: KernelHistory | null;
	/** Where they came from. */
	source: 'kmsg' | 'journal' | 'capture' | 'none';
	/** Said once to the user when the log could not be read (how to see it), else null. */
	note: string | null;
	/** Records read, and how long that took (ms); absent when nothing was read. */
	records?: number;
	readMs?: number;
};

/** Epoch ms of boot: now minus CLOCK_MONOTONIC (which process.hrtime reads on Linux). */
export function bootWallMsNow(): number {
	return Date.now() - Number(process.hrtime.bigint() / 1_000_000n);
}

/** Opens /dev/kmsg without blocking: the fd or the error code. */
function openKmsg(path: string): number | string {
	try {
		return openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
	} catch (error) {
		return (error as NodeJS.ErrnoException).code ?? 'error';
	}
}

// One read returns one record; a record is at most about 8 KB (the kernel's CONSOLE_EXT_LOG_MAX).
const recordBuffer = Buffer.alloc(16 * 1024);

/** Wall-clock budget of one read: the start-up read, and each read after a link change. */
export const startupReadBudgetMs = 5000;
const pollReadBudgetMs = 100;

/** The records an open /dev/kmsg fd has from where it stands, until EAGAIN or the bounds (records, bytes, time). */
function readRecords(fd: number, maxRecords: number, budgetMs: number): KernelRecord[] {
	const records: KernelRecord[] = [];
	const buffer = recordBuffer;
	const deadline = Date.now() + budgetMs;
	let bytes = 0;
	let reads = 0;
	while (records.length < maxRecords && bytes < maxKernelLogBytes && ((++reads & 63) !== 0 || Date.now() < deadline)) {
		let n: number;
		try {
			n = readSync(fd, buffer, 0, buffer.length, null);
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			// EPIPE: records were overwritten while reading; the next read goes on after them.
			if (code === 'EPIPE') continue;
			break; // EAGAIN: no more records (or anything else: stop with what there is).
		}
		if (n <= 0) break;
		bytes += n;
		const record = parseKmsgRecord(buffer.toString('latin1', 0, n));
		if (record) records.push(record);
	}
	return records;
}

/** Every record /dev/kmsg has, without blocking; the error code when it cannot be opened. */
export function readKmsgRecords(path = '/dev/kmsg'): {records: KernelRecord[]} | {error: string} {
	const fd = openKmsg(path);
	if (typeof fd === 'string') return {error: fd};
	try {
		return {records: readRecords(fd, maxKernelRecords, startupReadBudgetMs)};
	} finally {
		closeSync(fd);
	}
}

/**
 * The kernel log followed: the history at start, then, when bondtop sees a link change, only the
 * records written since (an open /dev/kmsg fd reads on from where it stopped), so a failover shows
 * with the kernel's own time. With the journal or a capture there is nothing to follow.
 */
export type KernelLogFollower = {
	initial: Promise<KernelLogResult>;
	/** The bonding events written since the last read; [] when not following /dev/kmsg. */
	poll(): BondEvent[];
	close(): void;
};

/** Records read per poll at most: a poll runs after a link change, never per tick. */
const maxRecordsPerPoll = 2000;

export function followLiveKernelLog(bonds: ReadonlySet<string>, path = '/dev/kmsg'): KernelLogFollower {
	const fd = openKmsg(path);
	if (typeof fd === 'string') return {initial: readLiveKernelLog(bonds), poll: () => [], close() {}};
	const options = {bonds, bootWallMs: bootWallMsNow()};
	const state = newKernelLogState();
	let open = true;
	const t0 = Date.now();
	const records = readRecords(fd, maxKernelRecords, startupReadBudgetMs);
	const history = kernelLogEvents(records, options, state);
	return {
		initial: Promise.resolve({history, source: 'kmsg', note: null, records: records.length, readMs: Date.now() - t0}),
		poll() {
			if (!open) return [];
			return kernelLogEvents(readRecords(fd, maxRecordsPerPoll, pollReadBudgetMs), options, state).events;
		},
		close() {
			if (!open) return;
			open = false;
			closeSync(fd);
		},
	};
}

/** A follower of a log that does not grow (the journal at start, a capture): its history, nothing after. */
export function staticFollower(initial: Promise<KernelLogResult>): KernelLogFollower {
	return {initial, poll: () => [], close() {}};
}


/** `journalctl -k -b -o json` (this boot's kernel messages), bounded in time and size; null when it gives nothing. */
export function readJournalRecords(): Promise<KernelRecord[] | null> {
	return new Promise((resolve) => {
		try {
			execFile(
				'journalctl',
				['-k', '-b', '-o', 'json', '--no-pager', '-n', String(maxKernelRecords)],
				{timeout: journalTimeoutMs, maxBuffer: maxKernelLogBytes * 2, encoding: 'utf8', env: {...process.env, SYSTEMD_COLORS: '0', SYSTEMD_PAGER: ''}},
				(error, stdout) => {
					if (error && !stdout) return resolve(null);
					const records = parseJournalJson(stdout);
					resolve(records.length > 0 ? records : null);
				},
			);
		} catch {
			resolve(null);
		}
	});
}


/** The live host's kernel log: /dev/kmsg, else the journal. */
export async function readLiveKernelLog(bonds: ReadonlySet<string>): Promise<KernelLogResult> {
	const t0 = Date.now();
	const kmsg = readKmsgRecords();
	if ('records' in kmsg) {
		return {history: kernelLogEvents(kmsg.records, {bonds, bootWallMs: bootWallMsNow()}), source: 'kmsg', note: null, records: kmsg.records.length, readMs: Date.now() - t0};
	}
	const journal = await readJournalRecords();
	if (journal) {
		const history = kernelLogEvents(journal, {bonds, bootWallMs: null});
		// `-b` is this boot; the journal may have rotated its beginning away, which it does not say.
		return {history: {...history, fromBoot: true}, source: 'journal', note: null};
	}
	// The note is shown under the screen's header (in its language) and kept in --json (English there).
	return {history: null, source: 'none', note: t(kmsg.error === 'ENOENT' ? 'kernelLog.none' : 'kernelLog.notReadable')};
}

/** Kernel log files of a capture (an unpacked sosreport or a copied root), in the order tried. */
export function captureKernelLogFiles(fs: HostFs): string[] {
	const found: string[] = [];
	const sos = fs.listDir('sos_commands/kernel');
	if (sos) for (const name of sos.sort()) if (name.startsWith('dmesg')) found.push(`sos_commands/kernel/${name}`);
	for (const path of ['var/log/kern.log', 'var/log/dmesg']) if (fs.readText(path) !== null) found.push(path);
	return found;
}

/** The boot time written in a capture's proc/stat (`btime`, whole seconds), or null. */
export function captureBootWallMs(fs: HostFs): number | null {
	const stat = fs.readText('proc/stat');
	const m = stat ? /^btime (\d{1,12})$/m.exec(stat) : null;
	return m ? Number(m[1]) * 1000 : null;
}

/** The kernel log of a `--root` capture: the first file that has records with times. */
export function readCaptureKernelLog(fs: HostFs, bonds: ReadonlySet<string>): KernelLogResult {
	const bootWallMs = captureBootWallMs(fs);
	for (const path of captureKernelLogFiles(fs)) {
		const text = fs.readText(path);
		if (text === null) continue;
		const bounded = text.length > maxKernelLogBytes ? text.slice(text.length - maxKernelLogBytes) : text;
		const records = parseKernelLogText(bounded);
		if (records.length === 0) continue;
		const history = kernelLogEvents(records, {bonds, bootWallMs});
		return {history: {...history, fromBoot: path.includes('dmesg') && records[0]!.bootUs !== null && records[0]!.bootUs < 10_000_000}, source: 'capture', note: null};
	}
	return {history: null, source: 'none', note: null};
}
