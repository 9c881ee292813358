/**
 * The demo's scenarios (`--demo-scenario NAME`): what happens to bond0 of the simulated Pi 2, on a
 * timeline from the start of the demo. Steps are absolute states ("cable out", not "toggle"), so a
 * looping scenario that skips a cycle (a long gap in sampling) still ends up where it should.
 *
 * Every scenario starts from the origin story's Pi 2 (../shared/origin): bond0 active-backup,
 * miimon 100, updelay and downdelay 200, no primary, eth0 the onboard smsc95xx (100 Mbps) and eth1
 * a USB r8152 adapter. `origin` starts exactly as the origin's ifconfig showed it: eth0 without a
 * carrier, eth1 active. The others start where `origin` settles: both links up, eth1 still active
 * (no primary, so nothing moves the bond back to eth0).
 */

/** What a step does to one slave of bond0. */
export type StepAction =
	/** Carrier lost (cable pulled, switch port down): UP stays, RUNNING goes, operstate down. */
	| 'cable-out'
	| 'cable-in'
	/** `ip link set … down` / `up`: the UP flag goes. */
	| 'link-down'
	| 'link-up'
	/** The USB device disappears: unregistered, released from the bond, gone from /proc/net/dev. */
	| 'unplug'
	/** The USB device comes back as a new interface (link still training), and is enslaved again. */
	| 'plug'
	/** The path behind the switch dies or returns: the link stays up, ARP replies stop or return. */
	| 'upstream-dead'
	| 'upstream-alive';

/** One step: at `atMs` after the start of a cycle, do `action` to bond0's slave number `slave`. */
export type ScenarioStep = {atMs: number; action: StepAction; slave: number};

export type Scenario = {
	name: string;
	/** One line for --help (at most about 60 columns; the README tells more). */
	summary: string;
	/** bond0's slaves (by number) that have no carrier at the start. */
	cableOutAtStart: readonly number[];
	/** bond0's slave (by number) that is active at the start. */
	activeAtStart: number;
	/** bond0 uses the ARP monitor (interval ms, target) instead of the MII monitor. */
	arp: {intervalMs: number; target: string} | null;
	steps: readonly ScenarioStep[];
	/** The first cycle starts this long (ms) after the start of the demo; default 0. */
	firstCycleAtMs?: number;
	/** The steps repeat with this period (ms); null: the scenario settles after its last step. */
	loopMs: number | null;
};

const eth0 = 0;
const eth1 = 1;

/** Where most scenarios start: both links up, eth1 active (as `origin` settles), the MII monitor. */
const settled = {cableOutAtStart: [], activeAtStart: eth1, arp: null} as const;

/** A step pair per window: `slave` taken out with `out` at `fromMs`, brought back with `back` at `toMs`. */
function outages(out: StepAction, back: StepAction, windows: ReadonlyArray<[slave: number, fromMs: number, toMs: number]>): ScenarioStep[] {
	return windows.flatMap(([slave, fromMs, toMs]) => [
		{atMs: fromMs, action: out, slave},
		{atMs: toMs, action: back, slave},
	]);
}

/** The scenarios, by name; the first is the default. */
export const scenarios: readonly Scenario[] = [
	{
		name: 'origin',
		summary: "eth1 (USB) active, eth0's cable in at 10 s: stays backup",
		cableOutAtStart: [eth0],
		activeAtStart: eth1,
		arp: null,
		steps: [{atMs: 10_000, action: 'cable-in', slave: eth0}],
		loopMs: null,
	},
	{
		name: 'steady',
		summary: 'both links up, eth1 active, nothing scheduled: use the keys',
		...settled,
		steps: [],
		loopMs: null,
	},
	{
		name: 'usb-unplug',
		summary: 'USB eth1 unplugged at 5 s, replugged at 8 s; every 20 s',
		...settled,
		steps: [
			{atMs: 5000, action: 'unplug', slave: eth1},
			{atMs: 8000, action: 'plug', slave: eth1},
			{atMs: 10_500, action: 'cable-in', slave: eth1},
		],
		loopMs: 20_000,
	},
	{
		name: 'carrier-loss',
		summary: 'cable pulled, UP stays: eth1 5-15 s, eth0 25-35 s; loops',
		...settled,
		steps: outages('cable-out', 'cable-in', [[eth1, 5000, 15_000], [eth0, 25_000, 35_000]]),
		loopMs: 40_000,
	},
	{
		name: 'admin-down',
		summary: 'ip link set down, UP goes: eth1 5-15 s, eth0 25-35 s; loops',
		...settled,
		steps: outages('link-down', 'link-up', [[eth1, 5000, 15_000], [eth0, 25_000, 35_000]]),
		loopMs: 40_000,
	},
	{
		name: 'flapping',
		summary: 'eth1 loses carrier 1.5 s in every 4 s: failures count up',
		...settled,
		steps: outages('cable-out', 'cable-in', [[eth1, 1000, 2500]]),
		firstCycleAtMs: 4000,
		loopMs: 4000,
	},
	{
		name: 'upstream-dead',
		summary: 'ARP monitor: eth1 upstream dead 5-25 s, its link stays up',
		...settled,
		arp: {intervalMs: 1000, target: '192.168.176.1'},
		steps: outages('upstream-dead', 'upstream-alive', [[eth1, 5000, 25_000]]),
		loopMs: null,
	},
];

/** The scenario names, default first (for the flag table's completion values). */
export const scenarioNames: readonly string[] = scenarios.map(scenario => scenario.name);

/** The scenario of this name, or undefined. */
export function findScenario(name: string): Scenario | undefined {
	return scenarios.find(scenario => scenario.name === name);
}
