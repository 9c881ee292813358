/**
 * What a rule may look at besides the bond itself. Everything here is optional: a one-shot run
 * (`--once`, `--json`, `bondtop check`) has no history, a `--root` tree has no device links, and a
 * rule whose input is missing says nothing (an unknown stays unknown).
 */
import type {DeviceInfo} from '../model/types.js';
import type {Finding} from './types.js';

export type {DeviceInfo};

/** What the TUI's sampler (or a stream) remembers about a bond between samples. */
export type BondHistory = {
	/** The window the counts below cover, in ms. */
	windowMs: number;
	/** Link failures (rises of `Link Failure Count`) per slave within the window. */
	linkFailures: Record<string, number>;
	/** How long the active slave has not been the primary while the primary was up, ms; null when it is. */
	activeNotPrimaryForMs: number | null;
};

/** Thresholds and expectations the caller (mostly `bondtop check`) adds. */
export type JudgeOptions = {
	/** `primary`, or the slave that should be active. */
	expectActive?: string;
	/** Fewer slaves up than this is critical. */
	minSlaves?: number;
};

export type JudgeContext = {
	/** Per bond, from the sampler; absent in one-shot modes (then flapping is never judged). */
	history?: Map<string, BondHistory>;
	/** Per interface name; defaults to the snapshot's own `devices`. */
	devices?: ReadonlyMap<string, DeviceInfo>;
	/**
	 * What the configuration asks for, when known (the config reader): rules about values the kernel
	 * changes on the way in (it rounds up/down delays to a multiple of miimon) need it.
	 */
	configured?: Map<string, {miimonMs?: number | null; updelayMs?: number | null; downdelayMs?: number | null; source?: string}>;
	/** Findings made elsewhere (configuration drift) that count toward the verdict. */
	extraFindings?: Finding[];
	options?: JudgeOptions;
};

/** Flapping: this many link failures of one slave within {@link flapWindowMs} is a finding. */
export const flapThreshold = 3;
export const flapWindowMs = 10 * 60_000;
