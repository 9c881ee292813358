/**
 * The simulated bonding driver behind `bondtop --demo`: a Raspberry Pi 2 ("demo-pi") with bonds
 * whose slaves can be taken down and brought back, producing the same {@link Snapshot} a real
 * collector would. This file owns time and the actions; the driver lives beside it:
 *
 * - build-host.ts: the interfaces and bonds the options ask for;
 * - scenarios.ts: what happens to bond0 over time (`--demo-scenario`), run here step by step;
 * - hotplug.ts: a USB adapter unplugged (released from the bond) and plugged back (enslaved);
 * - mii-monitor.ts: miimon polling, up/down delays, active-slave reselection and failover;
 * - arp-monitor.ts: the ARP monitor instead (the only one that sees a dead upstream);
 * - lacp.ts: 802.3ad aggregators and port states;
 * - traffic.ts: rates, bursts and which slaves carry them;
 * - describe.ts: the state as /proc/net/bonding, /proc/net/dev and sysfs would show it.
 *
 * Everything is a pure function of the calls and the times passed in: no timers, no clock, a
 * seeded PRNG. Traffic changes in fixed {@link trafficStepMs} steps, so rates do not depend on
 * how often the host is sampled. The state is fixed in size: advancing time only mutates numbers.
 */
import type {ActionResult, LinkActions} from '../actions/types.js';
import type {Snapshot} from '../model/types.js';
import {buildHost, type DemoOptions} from './build-host.js';
import {describeBond, describeInterface} from './describe.js';
import {plug, unplug} from './hotplug.js';
import {syncArp} from './arp-monitor.js';
import {monitorHasPendingWork, nextMonitorChange, runMonitorTick} from './link-monitor.js';
import {changeActive} from './mii-monitor.js';
import {Link, carrierOk, hostname, modeNumbers, usesPrimary, type SimHostState, type SimInterface, type TimelineStep} from './model.js';
import {accumulate, stepTraffic, trafficStepMs} from './traffic.js';

export type {DemoOptions} from './build-host.js';
export {scenarioNames, scenarios} from './scenarios.js';
export type {PrimaryReselect} from './model.js';
export {trafficStepMs} from './traffic.js';

/** A time gap longer than this is fast-forwarded at constant rates instead of stepped. */
const maxCatchUpMs = 5 * 60_000;

/** A whole simulated host: `lo`, Ethernet slaves, extra interfaces and bonds. */
export class SimulatedHost {
	private readonly host: SimHostState;
	private nowMs: number;
	private nextTrafficMs: number;

	constructor(options: DemoOptions, startMs: number) {
		this.host = buildHost(options, startMs);
		this.nowMs = startMs;
		this.nextTrafficMs = startMs + trafficStepMs;
	}

	/** Advance the simulation to nowMs and return a full snapshot (`simulated: true`). */
	snapshot(nowMs: number): Snapshot {
		this.advanceTo(nowMs);
		return {
			hostname,
			// The simulation only uses differences of the times it is given; pass Date.now() values
			// if takenAtMs should read as a wall-clock time.
			takenAtMs: this.nowMs,
			bonds: this.host.bonds.map(bond => describeBond(bond)),
			interfaces: this.host.interfaces.map(iface => describeInterface(iface)),
			warnings: [],
			simulated: true,
			limitedByPrivilege: false,
		};
	}

	/** `ip link set <name> down`. On a slave the bond sees a link failure at its next miimon tick. */
	setLinkDown(name: string, nowMs: number): ActionResult {
		return this.setAdmin(name, false, nowMs);
	}

	/** `ip link set <name> up`. */
	setLinkUp(name: string, nowMs: number): ActionResult {
		return this.setAdmin(name, true, nowMs);
	}

	/**
	 * Pull (`present: false`) or plug back a cable: carrier loss without changing the admin state,
	 * so the slave keeps its UP flag but loses RUNNING. Not part of {@link LinkActions}.
	 */
	setCarrier(name: string, present: boolean, nowMs: number): ActionResult {
		this.advanceTo(nowMs);
		const iface = this.host.byName.get(name);
		if (!iface) return {ok: false, message: `Cannot find device "${name}"`};
		if (iface.kind === 'bond' || iface.kind === 'loopback') {
			return {ok: false, message: `${name} has no cable: its carrier follows ${iface.kind === 'bond' ? 'its slaves' : 'nothing'}`};
		}

		this.syncArp();
		iface.cablePlugged = present;
		return {ok: true};
	}

	/** The time (ms) of the scenario's next step, or null when it has settled. */
	nextStepAtMs(): number | null {
		const {timeline} = this.host;
		const step = timeline.steps[timeline.next];
		return step ? timeline.cycleStartMs + step.atMs : null;
	}

	/** `ip link set <bond> type bond active_slave <slave>`, refused where the kernel refuses. */
	setActiveSlave(bondName: string, slaveName: string, nowMs: number): ActionResult {
		this.advanceTo(nowMs);
		const bondIface = this.host.byName.get(bondName);
		if (!bondIface) return {ok: false, message: `Cannot find device "${bondName}"`};
		const bond = bondIface.self;
		if (!bond) return {ok: false, message: `${bondName} is not a bond`};
		if (!usesPrimary(bond.mode)) {
			return {ok: false, message: `option active_slave: mode dependency failed, not supported in mode ${bond.mode}(${modeNumbers[bond.mode]})`};
		}

		const slaveIface = this.host.byName.get(slaveName);
		if (!slaveIface) return {ok: false, message: `Cannot find device "${slaveName}"`};
		if (!slaveIface.bond) return {ok: false, message: `Device ${slaveName} is not bonding slave`};
		if (slaveIface.bond !== bond) return {ok: false, message: `Device ${slaveName} is not our slave`};
		const slave = bond.slaves.find(candidate => candidate.iface === slaveIface)!;
		if (slave === bond.active) return {ok: true};
		// bond_option_active_slave_set also needs a current active slave to switch from.
		if (!bond.active || slave.link !== Link.Up || !carrierOk(slaveIface)) {
			return {ok: false, message: `Could not set ${slaveName} as active slave; either ${slaveName} is down or the link is down`};
		}

		changeActive(bond, slave);
		return {ok: true};
	}

	/**
	 * Advance to nowMs and return the earliest later time (ms) at which the driver changes state
	 * by itself (a monitor detection, the end of an updelay/downdelay, a scenario step), or null
	 * when nothing is pending. Traffic changes are not counted.
	 */
	nextChangeAtMs(nowMs: number): number | null {
		this.advanceTo(nowMs);
		let earliest: number | null = this.nextStepAtMs();
		for (const bond of this.host.bonds) {
			const at = nextMonitorChange(bond);
			if (at !== null && (earliest === null || at < earliest)) earliest = at;
		}

		return earliest;
	}

	private setAdmin(name: string, up: boolean, nowMs: number): ActionResult {
		this.advanceTo(nowMs);
		const iface = this.host.byName.get(name);
		if (!iface) return {ok: false, message: `Cannot find device "${name}"`};
		this.applyAdmin(iface, up);
		return {ok: true};
	}

	/** ARP-monitored bonds: note the arrivals of skipped ticks before what a slave hears changes. */
	private syncArp(): void {
		for (const bond of this.host.bonds) syncArp(bond, this.nowMs);
	}

	private applyAdmin(iface: SimInterface, up: boolean): void {
		if (iface.adminUp === up) return;
		this.syncArp();
		iface.adminUp = up;
		const bond = iface.self;
		if (bond && up) {
			// bond_open queues the MII monitor with no delay.
			runMonitorTick(bond, this.nowMs);
			bond.nextTickMs = this.nowMs + bond.tickMs;
		}
	}

	/** Run one scenario step at the current time. */
	private runStep(step: TimelineStep): void {
		const iface = step.iface;
		this.syncArp();
		switch (step.action) {
			case 'cable-out':
			case 'cable-in': {
				iface.cablePlugged = step.action === 'cable-in';
				break;
			}

			case 'link-down':
			case 'link-up': {
				if (iface.present) this.applyAdmin(iface, step.action === 'link-up');
				break;
			}

			case 'unplug': {
				unplug(this.host, iface);
				break;
			}

			case 'plug': {
				plug(this.host, iface);
				break;
			}

			case 'upstream-dead':
			case 'upstream-alive': {
				iface.upstreamAlive = step.action === 'upstream-alive';
				break;
			}
		}
	}

	/** Run the steps due at the current time and move the timeline on (to its next cycle when it loops). */
	private runDueSteps(): void {
		const timeline = this.host.timeline;
		for (;;) {
			const step = timeline.steps[timeline.next];
			if (!step || timeline.cycleStartMs + step.atMs > this.nowMs) return;
			this.runStep(step);
			timeline.next++;
			if (timeline.next === timeline.steps.length && timeline.loopMs !== null) {
				timeline.next = 0;
				timeline.cycleStartMs += timeline.loopMs;
			}
		}
	}

	/** Skip whole cycles of a looping timeline up to atMs without running them (a long gap). */
	private skipCyclesTo(atMs: number): void {
		const timeline = this.host.timeline;
		if (timeline.loopMs === null || timeline.steps.length === 0) return;
		const step = timeline.steps[timeline.next]!;
		if (timeline.cycleStartMs + step.atMs >= atMs) return;
		const cycles = Math.ceil((atMs - timeline.cycleStartMs) / timeline.loopMs);
		timeline.cycleStartMs += cycles * timeline.loopMs;
		timeline.next = 0;
	}

	/** Step time to targetMs: miimon ticks and traffic steps in order, traffic accumulated between. */
	private advanceTo(targetMs: number): void {
		if (!(targetMs > this.nowMs)) return; // Time never runs backwards here.
		const {bonds} = this.host;
		for (;;) {
			let next = this.nextTrafficMs;
			const stepAt = this.nextStepAtMs();
			if (stepAt !== null && stepAt < next) next = stepAt;
			let anyPending = false;
			for (const bond of bonds) {
				if (monitorHasPendingWork(bond)) {
					anyPending = true;
					if (bond.nextTickMs < next) next = bond.nextTickMs;
				}
			}

			const oneShotStepDue = stepAt !== null && this.host.timeline.loopMs === null && stepAt < targetMs - maxCatchUpMs;
			if (!anyPending && !oneShotStepDue && targetMs - this.nowMs > maxCatchUpMs) {
				// A long gap (a suspended laptop, a paused test): move at constant rates, then step
				// through only the last few minutes, so one call never costs more than that.
				// A looping scenario skips its whole cycles in the gap (their failures are not counted).
				const skipTo = targetMs - maxCatchUpMs;
				accumulate(this.host, skipTo - this.nowMs);
				this.nowMs = skipTo;
				this.skipCyclesTo(skipTo);
				this.nextTrafficMs += Math.ceil((skipTo - this.nextTrafficMs + 1) / trafficStepMs) * trafficStepMs;
				continue;
			}

			if (next > targetMs) {
				accumulate(this.host, targetMs - this.nowMs);
				this.nowMs = targetMs;
				break;
			}

			accumulate(this.host, next - this.nowMs);
			this.nowMs = next;
			if (stepAt === next) {
				this.runDueSteps();
				// Ticks skipped while nothing was pending: a step (like an action) is seen from the next one.
				for (const bond of bonds) if (bond.nextTickMs < next) this.rephase(bond);
			}

			for (const bond of bonds) {
				if (bond.nextTickMs === next && monitorHasPendingWork(bond)) {
					runMonitorTick(bond, next);
					bond.nextTickMs += bond.tickMs;
				}
			}

			if (this.nextTrafficMs === next) {
				stepTraffic(this.host);
				this.nextTrafficMs += trafficStepMs;
			}
		}

		// Ticks with nothing to inspect were skipped; keep their phase.
		for (const bond of bonds) if (bond.nextTickMs <= this.nowMs) this.rephase(bond);
	}

	/** Move a bond's next tick to the first one after now, on its phase. */
	private rephase(bond: SimHostState['bonds'][number]): void {
		bond.nextTickMs += Math.ceil((this.nowMs - bond.nextTickMs + 1) / bond.tickMs) * bond.tickMs;
	}
}

/** {@link LinkActions} on a simulated host; `now` supplies the time of each action. */
export function createDemoActions(host: SimulatedHost, now: () => number): LinkActions {
	return {
		async setLinkDown(name) {
			return host.setLinkDown(name, now());
		},
		async setLinkUp(name) {
			return host.setLinkUp(name, now());
		},
		async setActiveSlave(bond, slave) {
			return host.setActiveSlave(bond, slave, now());
		},
	};
}
