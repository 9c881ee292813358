/**
 * The simulated bonding driver behind `bondtop --demo`: a Raspberry Pi 2 ("demo-pi") with bonds
 * whose slaves can be taken down and brought back, producing the same {@link Snapshot} a real
 * collector would. The driver logic follows the kernel's `bond_miimon_inspect` /
 * `bond_miimon_commit` / `bond_select_active_slave` (drivers/net/bonding/bond_main.c):
 *
 * - Links are polled every `miimon` ms, so a change is noticed at the first tick *after* it.
 * - A lost link (carrier loss or `ip link set … down`) reads `going down` for downdelay, then
 *   `down` (link failure count +1); a failover follows if it was the current active slave.
 * - A returning link reads `going back` for updelay, then `up`. With no usable slave left the
 *   kernel skips updelay (`ignore_updelay`), so the first slave to come back is up at once.
 * - The active slave is chosen like `bond_find_best_slave`: the primary when `primary_reselect`
 *   allows it, else the current one while it is up, else the first up slave.
 * - Delays are whole miimon ticks, truncated like the kernel (`downdelay / miimon`).
 *
 * Everything is a pure function of the calls and the times passed in: no timers, no clock, a
 * seeded PRNG. Traffic changes in fixed {@link trafficStepMs} steps, so rates do not depend on
 * how often the host is sampled. The state is fixed in size: advancing time only mutates numbers.
 */
import {decodePortState} from '../kernel/bonding-status.js';
import type {ActionResult, LinkActions} from '../actions/types.js';
import type {
	Bond,
	BondMode,
	BondSlave,
	LacpInfo,
	MiiStatus,
	NetInterface,
	Snapshot,
} from '../model/types.js';

/** Shape of the simulated host. */
export type DemoOptions = {
	/** Number of bonds, 0 to 16; default 1. bond0 is active-backup, further bonds cycle modes. */
	bonds?: number;
	/** Slaves per bond, 0 to 8; default 2. */
	slavesPerBond?: number;
	/** Plain non-bond interfaces besides `lo`, 0 to 16; default 1 (`wlan0`, then `dummy0`, …). */
	extraInterfaces?: number;
	/** PRNG seed; the same seed and the same calls give the same snapshots. Default 1. */
	seed?: number;
	/** `primary_reselect` of the active-backup bonds; default `always`. */
	primaryReselect?: PrimaryReselect;
};

/** The kernel's `primary_reselect` policies. */
export type PrimaryReselect = 'always' | 'better' | 'failure';

/** Traffic rates change at this period (ms), whatever the sampling rate. */
export const trafficStepMs = 250;

/** Modes of bond1, bond2, … (bond0, and every seventh after it, is active-backup). */
const modeCycle: readonly BondMode[] = [
	'active-backup',
	'802.3ad',
	'balance-rr',
	'balance-xor',
	'broadcast',
	'balance-tlb',
	'balance-alb',
];

const hostname = 'demo-pi';
const miimonMs = 100;
const updelayMs = 200;
const downdelayMs = 200;
/** A time gap longer than this is fast-forwarded at constant rates instead of stepped. */
const maxCatchUpMs = 5 * 60_000;
const rxBytesPerPacket = 1100;
const txBytesPerPacket = 320;
const bytesPerMbit = 125_000;

/** Bond link states of a slave, as `slave->link` in the kernel. */
const enum Link {
	Up,
	Fail,
	Down,
	Back,
}

const miiNames: readonly MiiStatus[] = ['up', 'going down', 'down', 'going back'];

type Kind = 'loopback' | 'ethernet' | 'wireless' | 'dummy' | 'bond';

type SimInterface = {
	name: string;
	kind: Kind;
	driver: string | null;
	permMac: string;
	adminUp: boolean;
	/** Physical carrier while the cable is in; what the link shows also needs adminUp. */
	cablePlugged: boolean;
	/** Negotiated speed (Mbps) when the link is up; null when the driver reports none. */
	nominalSpeedMbps: number | null;
	/** What the device can really move per direction (bytes/s). */
	capacityBytesPerSecond: number;
	/** The bond this interface is enslaved to. */
	bond: SimBond | null;
	/** For a bond's own interface: that bond. */
	self: SimBond | null;
	rxBytes: number;
	rxPackets: number;
	txBytes: number;
	txPackets: number;
	/** Scratch flags of the traffic split, reused to avoid allocation. */
	carriesRx: boolean;
	carriesTx: boolean;
};

type SimSlave = {
	iface: SimInterface;
	link: Link;
	/** Remaining miimon ticks of updelay/downdelay, as `slave->delay`. */
	delayTicks: number;
	linkFailureCount: number;
	/** 802.3ad aggregator the port is attached to. */
	aggregatorId: number;
};

type SimBond = {
	iface: SimInterface;
	index: number;
	mode: BondMode;
	slaves: SimSlave[];
	primary: SimSlave | null;
	primaryReselect: PrimaryReselect;
	/** `curr_active_slave`; kept in every mode (the kernel does too), shown only where it means something. */
	active: SimSlave | null;
	carrier: boolean;
	/** Next miimon tick (ms); always after the host's current time between calls. */
	nextTickMs: number;
	updelayTicks: number;
	downdelayTicks: number;
	activeAggregatorId: number | null;
	partnerMac: string;
	partnerKey: number;
	ipv4Net: number;
	/** PRNG state of this bond's traffic. */
	rng: number;
	baseRxMbit: number;
	baseTxMbit: number;
	burstStepsLeft: number;
	burstRxMbit: number;
	burstTxMbit: number;
	rxBytesPerSecond: number;
	txBytesPerSecond: number;
};

type Rng = {rng: number};

/** mulberry32: small, fast, good enough for plausible traffic. */
function nextRandom(state: Rng): number {
	let t = (state.rng = (state.rng + 0x6d_2b_79_f5) | 0);
	t = Math.imul(t ^ (t >>> 15), t | 1);
	t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
	return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}

function hexByte(value: number): string {
	return (value & 0xff).toString(16).padStart(2, '0');
}

function macWithOui(oui: string, rng: Rng): string {
	return [oui, hexByte(nextRandom(rng) * 256), hexByte(nextRandom(rng) * 256), hexByte(nextRandom(rng) * 256)].join(
		':',
	);
}

/** Modified EUI-64 link-local address of a MAC, as the kernel assigns it. */
function linkLocalOf(mac: string): string {
	const b = mac.split(':').map(part => Number.parseInt(part, 16));
	const word = (high: number, low: number) => ((high << 8) | low).toString(16);
	return `fe80::${word((b[0] ?? 0) ^ 0x02, b[1] ?? 0)}:${word(b[2] ?? 0, 0xff)}:${word(0xfe, b[3] ?? 0)}:${word(
		b[4] ?? 0,
		b[5] ?? 0,
	)}`;
}

/** Port states with slow LACP: in sync and distributing, or a disabled port on defaults. */
const portStateDistributing = 0x3d;
const portStateDisabled = 0x45;
const partnerStateDefaulted = 0x01;

function usesPrimary(mode: BondMode): boolean {
	return mode === 'active-backup' || mode === 'balance-tlb' || mode === 'balance-alb';
}

const modeNumbers: Record<BondMode, number> = {
	'balance-rr': 0,
	'active-backup': 1,
	'balance-xor': 2,
	broadcast: 3,
	'802.3ad': 4,
	'balance-tlb': 5,
	'balance-alb': 6,
};

function checkCount(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
	if (value === undefined) return fallback;
	if (!Number.isInteger(value) || value < min || value > max) {
		throw new RangeError(`demo option ${name} must be an integer from ${min} to ${max}, got ${value}`);
	}
	return value;
}

/** A whole simulated host: `lo`, Ethernet slaves, extra interfaces and bonds. */
export class SimulatedHost {
	private readonly interfaces: SimInterface[] = [];
	private readonly byName = new Map<string, SimInterface>();
	private readonly bonds: SimBond[] = [];
	private readonly loopback: SimInterface;
	private readonly loopRng: Rng;
	private loopBytesPerSecond = 20_000;
	private nowMs: number;
	private nextTrafficMs: number;

	constructor(options: DemoOptions, startMs: number) {
		const bondCount = checkCount('bonds', options.bonds, 1, 0, 16);
		const slavesPerBond = checkCount('slavesPerBond', options.slavesPerBond, 2, 0, 8);
		const extraCount = checkCount('extraInterfaces', options.extraInterfaces, 1, 0, 16);
		const seed = options.seed ?? 1;
		if (!Number.isFinite(seed)) throw new RangeError(`demo option seed must be a number, got ${seed}`);
		const reselect = options.primaryReselect ?? 'always';
		if (!Number.isFinite(startMs)) throw new RangeError(`startMs must be a finite number, got ${startMs}`);

		this.nowMs = startMs;
		this.nextTrafficMs = startMs + trafficStepMs;
		const setup: Rng = {rng: (seed * 2_654_435_761) | 0};
		this.loopRng = {rng: (seed * 40_503 + 17) | 0};

		const plain = (name: string, kind: Kind, driver: string | null, permMac: string): SimInterface => ({
			name,
			kind,
			driver,
			permMac,
			adminUp: true,
			cablePlugged: true,
			nominalSpeedMbps: null,
			capacityBytesPerSecond: 0,
			bond: null,
			self: null,
			rxBytes: 0,
			rxPackets: 0,
			txBytes: 0,
			txPackets: 0,
			carriesRx: false,
			carriesTx: false,
		});

		// ifindex order, as `ip link` lists them: lo, the NICs, extras, then the bonds.
		this.loopback = plain('lo', 'loopback', null, '00:00:00:00:00:00');
		this.loopback.rxBytes = this.loopback.txBytes = Math.floor(2e6 + nextRandom(setup) * 5e7);
		this.loopback.rxPackets = this.loopback.txPackets = Math.floor(this.loopback.rxBytes / 180);
		this.add(this.loopback);

		const ethernets: SimInterface[] = [];
		for (let i = 0; i < bondCount * slavesPerBond; i++) {
			const onboard = i === 0;
			// eth0 is the Pi 2's onboard smsc95xx (100 Mbps); the rest are r8152 USB 1 GbE adapters,
			// which negotiate 1000 Mbps but move about 300 Mbit/s on the Pi's USB 2.0 bus.
			const eth = plain(
				`eth${i}`,
				'ethernet',
				onboard ? 'smsc95xx' : 'r8152',
				onboard ? macWithOui('b8:27:eb', setup) : macWithOui('00:e0:4c', setup),
			);
			eth.nominalSpeedMbps = onboard ? 100 : 1000;
			eth.capacityBytesPerSecond = (onboard ? 94 : 300) * bytesPerMbit;
			eth.rxBytes = Math.floor((onboard ? 3e9 : 4e8) * (0.5 + nextRandom(setup)));
			eth.txBytes = Math.floor(eth.rxBytes * (0.15 + 0.2 * nextRandom(setup)));
			eth.rxPackets = Math.floor(eth.rxBytes / rxBytesPerPacket);
			eth.txPackets = Math.floor(eth.txBytes / txBytesPerPacket);
			ethernets.push(eth);
			this.add(eth);
		}

		for (let i = 0; i < extraCount; i++) {
			// Not enslaved and admin down: wlan0 as Raspberry Pi OS leaves it without a network.
			const extra =
				i === 0
					? plain('wlan0', 'wireless', 'brcmfmac', macWithOui('b8:27:eb', setup))
					: plain(`dummy${i - 1}`, 'dummy', 'dummy', macWithOui('6e:1c:9a', setup));
			extra.adminUp = false;
			extra.cablePlugged = extra.kind === 'dummy';
			this.add(extra);
		}

		for (let b = 0; b < bondCount; b++) {
			const mode = modeCycle[b % modeCycle.length]!;
			const members = ethernets.slice(b * slavesPerBond, (b + 1) * slavesPerBond);
			// The bond takes its first slave's MAC; a bond without slaves gets a random one.
			const bondIface = plain(`bond${b}`, 'bond', 'bonding', members[0]?.permMac ?? macWithOui('3a:5e:0d', setup));
			const slaves: SimSlave[] = members.map((iface, i) => ({
				iface,
				link: Link.Up,
				delayTicks: 0,
				linkFailureCount: 0,
				aggregatorId: i + 1,
			}));
			const bond: SimBond = {
				iface: bondIface,
				index: b,
				mode,
				slaves,
				primary: mode === 'active-backup' ? (slaves[0] ?? null) : null,
				primaryReselect: reselect,
				active: slaves[0] ?? null,
				carrier: slaves.length > 0,
				nextTickMs: startMs + miimonMs,
				updelayTicks: Math.floor(updelayMs / miimonMs),
				downdelayTicks: Math.floor(downdelayMs / miimonMs),
				activeAggregatorId: mode === '802.3ad' && slaves.length > 0 ? 1 : null,
				partnerMac: macWithOui('f0:9f:c2', setup),
				partnerKey: 1000 + Math.floor(nextRandom(setup) * 30),
				ipv4Net: 1 + b,
				rng: (seed * 2_246_822_519 + b * 3_266_489_917 + 1) | 0,
				baseRxMbit: 3,
				baseTxMbit: 0.8,
				burstStepsLeft: 0,
				burstRxMbit: 0,
				burstTxMbit: 0,
				rxBytesPerSecond: 0,
				txBytesPerSecond: 0,
			};
			if (mode === '802.3ad') for (const slave of slaves) slave.aggregatorId = 1;
			for (const slave of slaves) slave.iface.bond = bond;
			bondIface.self = bond;
			this.stepBondTraffic(bond);
			this.bonds.push(bond);
			this.add(bondIface);
		}
	}

	/** Advance the simulation to nowMs and return a full snapshot (`simulated: true`). */
	snapshot(nowMs: number): Snapshot {
		this.advanceTo(nowMs);
		const bonds: Bond[] = this.bonds.map(bond => this.describeBond(bond));
		const interfaces: NetInterface[] = this.interfaces.map(iface => this.describeInterface(iface));
		return {
			hostname,
			// The simulation only uses differences of the times it is given; pass Date.now() values
			// if takenAtMs should read as a wall-clock time.
			takenAtMs: this.nowMs,
			bonds,
			interfaces,
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
		const iface = this.byName.get(name);
		if (!iface) return {ok: false, message: `Cannot find device "${name}"`};
		if (iface.kind === 'bond' || iface.kind === 'loopback') {
			return {ok: false, message: `${name} has no cable: its carrier follows ${iface.kind === 'bond' ? 'its slaves' : 'nothing'}`};
		}
		iface.cablePlugged = present;
		return {ok: true};
	}

	/** `ip link set <bond> type bond active_slave <slave>`, refused where the kernel refuses. */
	setActiveSlave(bondName: string, slaveName: string, nowMs: number): ActionResult {
		this.advanceTo(nowMs);
		const bondIface = this.byName.get(bondName);
		if (!bondIface) return {ok: false, message: `Cannot find device "${bondName}"`};
		const bond = bondIface.self;
		if (!bond) return {ok: false, message: `${bondName} is not a bond`};
		if (!usesPrimary(bond.mode)) {
			return {
				ok: false,
				message: `option active_slave: mode dependency failed, not supported in mode ${bond.mode}(${modeNumbers[bond.mode]})`,
			};
		}
		const slaveIface = this.byName.get(slaveName);
		if (!slaveIface) return {ok: false, message: `Cannot find device "${slaveName}"`};
		if (!slaveIface.bond) return {ok: false, message: `Device ${slaveName} is not bonding slave`};
		if (slaveIface.bond !== bond) return {ok: false, message: `Device ${slaveName} is not our slave`};
		const slave = bond.slaves.find(candidate => candidate.iface === slaveIface)!;
		if (slave === bond.active) return {ok: true};
		// bond_option_active_slave_set also needs a current active slave to switch from.
		if (!bond.active || slave.link !== Link.Up || !carrierOk(slaveIface)) {
			return {
				ok: false,
				message: `Could not set ${slaveName} as active slave; either ${slaveName} is down or the link is down`,
			};
		}
		this.changeActive(bond, slave);
		return {ok: true};
	}

	/**
	 * Advance to nowMs and return the earliest later time (ms) at which the driver changes state
	 * by itself (a miimon detection, the end of an updelay/downdelay), or null when nothing is
	 * pending. Traffic changes are not counted.
	 */
	nextChangeAtMs(nowMs: number): number | null {
		this.advanceTo(nowMs);
		let earliest: number | null = null;
		for (const bond of this.bonds) {
			const at = this.nextBondChange(bond);
			if (at !== null && (earliest === null || at < earliest)) earliest = at;
		}
		return earliest;
	}

	private add(iface: SimInterface): void {
		this.interfaces.push(iface);
		this.byName.set(iface.name, iface);
	}

	private setAdmin(name: string, up: boolean, nowMs: number): ActionResult {
		this.advanceTo(nowMs);
		const iface = this.byName.get(name);
		if (!iface) return {ok: false, message: `Cannot find device "${name}"`};
		if (iface.adminUp === up) return {ok: true};
		iface.adminUp = up;
		const bond = iface.self;
		if (bond) {
			if (up) {
				// bond_open queues the MII monitor with no delay.
				this.runTick(bond);
				bond.nextTickMs = this.nowMs + miimonMs;
			}
		}
		return {ok: true};
	}

	// --- time ---------------------------------------------------------------------------------

	private advanceTo(targetMs: number): void {
		if (!(targetMs > this.nowMs)) return; // Time never runs backwards here.
		for (;;) {
			let next = this.nextTrafficMs;
			let anyPending = false;
			for (const bond of this.bonds) {
				if (this.hasPendingWork(bond)) {
					anyPending = true;
					if (bond.nextTickMs < next) next = bond.nextTickMs;
				}
			}
			if (!anyPending && targetMs - this.nowMs > maxCatchUpMs) {
				// A long gap (a suspended laptop, a paused test): move at constant rates, then step
				// through only the last few minutes, so one call never costs more than that.
				const skipTo = targetMs - maxCatchUpMs;
				this.accumulate(skipTo - this.nowMs);
				this.nowMs = skipTo;
				this.nextTrafficMs += Math.ceil((skipTo - this.nextTrafficMs + 1) / trafficStepMs) * trafficStepMs;
				continue;
			}
			if (next > targetMs) {
				this.accumulate(targetMs - this.nowMs);
				this.nowMs = targetMs;
				break;
			}
			this.accumulate(next - this.nowMs);
			this.nowMs = next;
			for (const bond of this.bonds) {
				if (bond.nextTickMs === next && this.hasPendingWork(bond)) {
					this.runTick(bond);
					bond.nextTickMs += miimonMs;
				}
			}
			if (this.nextTrafficMs === next) {
				for (const bond of this.bonds) this.stepBondTraffic(bond);
				this.stepLoopbackTraffic();
				this.nextTrafficMs += trafficStepMs;
			}
		}
		// Ticks with nothing to inspect were skipped; keep their phase.
		for (const bond of this.bonds) {
			if (bond.nextTickMs <= this.nowMs) {
				bond.nextTickMs += Math.ceil((this.nowMs - bond.nextTickMs + 1) / miimonMs) * miimonMs;
			}
		}
	}

	/** Whether the next miimon tick of this bond would change anything. */
	private hasPendingWork(bond: SimBond): boolean {
		if (!bond.iface.adminUp) return false; // bond_close stops the monitor.
		for (const slave of bond.slaves) {
			const ok = carrierOk(slave.iface);
			if (slave.link === Link.Fail || slave.link === Link.Back) return true;
			if ((slave.link === Link.Up) !== ok) return true;
		}
		return false;
	}

	private nextBondChange(bond: SimBond): number | null {
		if (!bond.iface.adminUp) return null;
		const tick = bond.nextTickMs;
		const ignoreUpdelay = this.ignoresUpdelay(bond);
		let earliest: number | null = null;
		for (const slave of bond.slaves) {
			const ok = carrierOk(slave.iface);
			let at: number | null = null;
			switch (slave.link) {
				case Link.Up: {
					if (!ok) at = tick;
					break;
				}

				case Link.Fail: {
					at = ok ? tick : tick + Math.max(0, slave.delayTicks) * miimonMs;
					break;
				}

				case Link.Down: {
					if (ok) at = tick;
					break;
				}

				case Link.Back: {
					at = !ok || ignoreUpdelay ? tick : tick + Math.max(0, slave.delayTicks) * miimonMs;
					break;
				}
			}

			if (at !== null && (earliest === null || at < earliest)) earliest = at;
		}

		return earliest;
	}

	private ignoresUpdelay(bond: SimBond): boolean {
		if (bond.mode === 'active-backup') return bond.active === null;
		return !bond.slaves.some(slave => slave.link === Link.Up); // usable_slaves->count == 0
	}

	// --- the MII monitor ------------------------------------------------------------------------

	/** One run of bond_mii_monitor: inspect every slave, then commit UP/DOWN transitions. */
	private runTick(bond: SimBond): void {
		let ignoreUpdelay = this.ignoresUpdelay(bond);
		let doFailover = false;
		for (const slave of bond.slaves) {
			const ok = carrierOk(slave.iface);
			let commit: Link.Up | Link.Down | null = null;
			switch (slave.link) {
				case Link.Up:
				case Link.Fail: {
					if (slave.link === Link.Up) {
						if (ok) break;
						slave.link = Link.Fail;
						slave.delayTicks = bond.downdelayTicks;
					}

					if (ok) commit = Link.Up; // recovered before downdelay expired
					else if (slave.delayTicks <= 0) commit = Link.Down;
					else slave.delayTicks--;
					break;
				}

				case Link.Down:
				case Link.Back: {
					if (slave.link === Link.Down) {
						if (!ok) break;
						slave.link = Link.Back;
						slave.delayTicks = bond.updelayTicks;
					}

					if (!ok) {
						commit = Link.Down; // down again; the kernel counts it as another failure
					} else {
						if (ignoreUpdelay) slave.delayTicks = 0;
						if (slave.delayTicks <= 0) {
							commit = Link.Up;
							ignoreUpdelay = false;
						} else {
							slave.delayTicks--;
						}
					}

					break;
				}
			}

			if (commit === Link.Up) {
				slave.link = Link.Up;
				if (bond.mode === '802.3ad') this.joinAggregator(bond, slave);
				if (!bond.active || slave === bond.primary) doFailover = true;
			} else if (commit === Link.Down) {
				slave.linkFailureCount++;
				slave.link = Link.Down;
				if (bond.mode === '802.3ad') this.leaveAggregator(bond, slave);
				if (slave === bond.active) doFailover = true;
			}
		}

		if (doFailover) this.selectActiveSlave(bond);
		this.updateCarrier(bond);
	}

	private selectActiveSlave(bond: SimBond): void {
		const best = this.findBestSlave(bond);
		if (best !== bond.active) this.changeActive(bond, best);
	}

	private findBestSlave(bond: SimBond): SimSlave | null {
		const chosen = this.choosePrimaryOrCurrent(bond);
		if (chosen) return chosen;
		let best: SimSlave | null = null;
		let minDelay = bond.updelayTicks;
		for (const slave of bond.slaves) {
			if (slave.link === Link.Up) return slave;
			if (slave.link === Link.Back && carrierOk(slave.iface) && slave.delayTicks < minDelay) {
				minDelay = slave.delayTicks;
				best = slave;
			}
		}

		return best;
	}

	private choosePrimaryOrCurrent(bond: SimBond): SimSlave | null {
		const primary = bond.primary;
		const current = bond.active;
		const currentUp = current !== null && current.link === Link.Up;
		if (!primary || primary.link !== Link.Up) return currentUp ? current : null;
		if (!currentUp) return primary;
		switch (bond.primaryReselect) {
			case 'always': {
				return primary;
			}

			case 'better': {
				const primarySpeed = primary.iface.nominalSpeedMbps ?? 0;
				const currentSpeed = current.iface.nominalSpeedMbps ?? 0;
				return primarySpeed > currentSpeed ? primary : current;
			}

			case 'failure': {
				return current;
			}
		}
	}

	private changeActive(bond: SimBond, slave: SimSlave | null): void {
		// "making interface the new active one %d ms earlier": a slave still in updelay is taken now.
		if (slave && slave.link === Link.Back) slave.link = Link.Up;
		bond.active = slave;
		this.updateCarrier(bond);
	}

	private updateCarrier(bond: SimBond): void {
		bond.carrier =
			bond.mode === '802.3ad'
				? bond.activeAggregatorId !== null
				: bond.slaves.some(slave => slave.link === Link.Up);
	}

	/** A port coming up joins the active aggregator, or becomes it when there is none. */
	private joinAggregator(bond: SimBond, slave: SimSlave): void {
		if (bond.activeAggregatorId === null) bond.activeAggregatorId = slave.aggregatorId;
		else slave.aggregatorId = bond.activeAggregatorId;
	}

	/** A port going down is detached onto the lowest free aggregator. */
	private leaveAggregator(bond: SimBond, slave: SimSlave): void {
		const wasActive = slave.aggregatorId === bond.activeAggregatorId;
		for (let id = 1; id <= bond.slaves.length; id++) {
			if (!bond.slaves.some(other => other !== slave && other.aggregatorId === id)) {
				slave.aggregatorId = id;
				break;
			}
		}

		if (wasActive && !bond.slaves.some(other => other !== slave && other.aggregatorId === bond.activeAggregatorId)) {
			bond.activeAggregatorId = null;
		}
	}

	// --- traffic --------------------------------------------------------------------------------

	private stepBondTraffic(bond: SimBond): void {
		const r1 = nextRandom(bond);
		const r2 = nextRandom(bond);
		const r3 = nextRandom(bond);
		const r4 = nextRandom(bond);
		const r5 = nextRandom(bond);
		// A wandering baseline of a few Mbit/s…
		bond.baseRxMbit = Math.min(8, Math.max(0.5, bond.baseRxMbit + (r1 - 0.5) * 0.8));
		bond.baseTxMbit = Math.min(3, Math.max(0.2, bond.baseTxMbit + (r2 - 0.5) * 0.3));
		// …with now and then a burst of one to four seconds (a download, or an upload).
		if (bond.burstStepsLeft > 0) {
			bond.burstStepsLeft--;
		} else if (r3 < 0.015) {
			bond.burstStepsLeft = 4 + Math.floor(r4 * 12);
			const upload = r5 < 0.25;
			bond.burstRxMbit = upload ? 1 + r4 * 2 : 15 + r5 * 60;
			bond.burstTxMbit = upload ? 10 + r4 * 30 : 0.5 + r4 * 2;
		}

		const burst = bond.burstStepsLeft > 0;
		const jitter = 0.8 + 0.4 * r1;
		bond.rxBytesPerSecond = (bond.baseRxMbit + (burst ? bond.burstRxMbit : 0)) * jitter * bytesPerMbit;
		bond.txBytesPerSecond = (bond.baseTxMbit + (burst ? bond.burstTxMbit : 0)) * (0.8 + 0.4 * r2) * bytesPerMbit;
	}

	private stepLoopbackTraffic(): void {
		this.loopBytesPerSecond = 5000 + nextRandom(this.loopRng) * 40_000;
	}

	/** Add dtMs of traffic at the current rates to the interfaces that carry it. */
	private accumulate(dtMs: number): void {
		if (dtMs <= 0) return;
		const seconds = dtMs / 1000;
		if (this.loopback.adminUp) {
			const bytes = this.loopBytesPerSecond * seconds;
			this.loopback.rxBytes += bytes;
			this.loopback.txBytes += bytes;
			this.loopback.rxPackets += bytes / 180;
			this.loopback.txPackets += bytes / 180;
		}

		for (const bond of this.bonds) {
			if (!bond.iface.adminUp) continue;
			let rxCarriers = 0;
			let txCarriers = 0;
			for (const slave of bond.slaves) {
				const iface = slave.iface;
				const usable = slave.link === Link.Up && carrierOk(iface);
				switch (bond.mode) {
					case 'active-backup': {
						iface.carriesRx = iface.carriesTx = usable && slave === bond.active;
						break;
					}

					case '802.3ad': {
						iface.carriesRx = iface.carriesTx = usable && slave.aggregatorId === bond.activeAggregatorId;
						break;
					}

					case 'balance-tlb': {
						// Transmit is balanced, receive stays on the current active slave.
						iface.carriesTx = usable;
						iface.carriesRx = usable && slave === bond.active;
						break;
					}

					default: {
						iface.carriesRx = iface.carriesTx = usable;
					}
				}

				if (iface.carriesRx) rxCarriers++;
				if (iface.carriesTx) txCarriers++;
			}

			for (const slave of bond.slaves) {
				const iface = slave.iface;
				if (iface.carriesRx) {
					const bytes = Math.min(bond.rxBytesPerSecond / rxCarriers, iface.capacityBytesPerSecond) * seconds;
					iface.rxBytes += bytes;
					iface.rxPackets += bytes / rxBytesPerPacket;
				}

				if (iface.carriesTx) {
					// broadcast sends every frame on every slave.
					const share = bond.mode === 'broadcast' ? bond.txBytesPerSecond : bond.txBytesPerSecond / txCarriers;
					const bytes = Math.min(share, iface.capacityBytesPerSecond) * seconds;
					iface.txBytes += bytes;
					iface.txPackets += bytes / txBytesPerPacket;
				}
			}
		}
	}

	// --- snapshot -------------------------------------------------------------------------------

	private describeBond(bond: SimBond): Bond {
		const primaryModes = usesPrimary(bond.mode);
		const lacp = bond.mode === '802.3ad';
		return {
			name: bond.iface.name,
			mode: bond.mode,
			activeSlave: primaryModes ? (bond.active?.iface.name ?? null) : null,
			primary: bond.primary?.iface.name ?? null,
			primaryReselect: bond.primary ? bond.primaryReselect : null,
			failOverMac: 'none',
			miiStatus: bond.carrier ? 'up' : 'down',
			miimonMs,
			updelayMs: bond.updelayTicks * miimonMs,
			downdelayMs: bond.downdelayTicks * miimonMs,
			arpIntervalMs: 0,
			arpIpTargets: [],
			xmitHashPolicy: bond.mode === 'balance-xor' ? 'layer3+4' : lacp ? 'layer2' : null,
			lacp: lacp ? this.describeLacp(bond) : null,
			slaves: bond.slaves.map(slave => this.describeSlave(bond, slave)),
		};
	}

	private describeLacp(bond: SimBond): LacpInfo {
		const id = bond.activeAggregatorId;
		if (id === null) {
			return {rate: 'slow', aggregatorId: null, numberOfPorts: null, actorKey: null, partnerKey: null, partnerMac: null};
		}

		let ports = 0;
		let speed = 0;
		for (const slave of bond.slaves) {
			if (slave.aggregatorId === id && slave.link === Link.Up) {
				ports++;
				speed = slave.iface.nominalSpeedMbps ?? 0;
			}
		}

		// Actor key: duplex bit plus the kernel's speed code (100 Mbps 3, 1 Gbps 4) shifted by one.
		const actorKey = ((speed >= 1000 ? 4 : 3) << 1) | 1;
		return {rate: 'slow', aggregatorId: id, numberOfPorts: ports, actorKey, partnerKey: bond.partnerKey, partnerMac: bond.partnerMac};
	}

	private describeSlave(bond: SimBond, slave: SimSlave): BondSlave {
		const ok = carrierOk(slave.iface);
		const described: BondSlave = {
			name: slave.iface.name,
			state: this.slaveState(bond, slave),
			miiStatus: miiNames[slave.link]!,
			linkFailureCount: slave.linkFailureCount,
			permHwAddr: slave.iface.permMac,
			speedMbps: ok ? slave.iface.nominalSpeedMbps : null,
			duplex: ok ? 'full' : null,
			aggregatorId: bond.mode === '802.3ad' ? slave.aggregatorId : null,
		};
		if (bond.mode === '802.3ad') {
			const distributing = slave.link === Link.Up && slave.aggregatorId === bond.activeAggregatorId;
			described.actorPortState = decodePortState(distributing ? portStateDistributing : portStateDisabled);
			described.partnerPortState = decodePortState(distributing ? portStateDistributing : partnerStateDefaulted);
		}

		return described;
	}

	/**
	 * The sysfs `bonding_slave/state`, with the kernel's quirks: only active-backup and 802.3ad
	 * ever mark a slave backup; balance-rr, balance-xor, broadcast, balance-tlb and balance-alb
	 * read `active` for every slave, even one whose link is down.
	 */
	private slaveState(bond: SimBond, slave: SimSlave): 'active' | 'backup' {
		if (bond.mode === 'active-backup') return slave === bond.active ? 'active' : 'backup';
		if (bond.mode === '802.3ad') {
			return slave.link === Link.Up && slave.aggregatorId === bond.activeAggregatorId ? 'active' : 'backup';
		}

		return 'active';
	}

	private currentMac(iface: SimInterface): string {
		const bond = iface.bond;
		if (!bond) return iface.permMac;
		const bondMac = bond.iface.permMac;
		if (bond.mode !== 'balance-tlb' && bond.mode !== 'balance-alb') return bondMac; // fail_over_mac none
		// tlb/alb keep a unique MAC per slave; the bond's MAC is swapped onto the active slave.
		const active = bond.active?.iface;
		if (!active) return iface.permMac;
		if (iface === active) return bondMac;
		if (iface.permMac === bondMac) return active.permMac;
		return iface.permMac;
	}

	private describeInterface(iface: SimInterface): NetInterface {
		const bond = iface.self;
		const carrier = bond ? iface.adminUp && bond.carrier : carrierOk(iface);
		const flags: string[] = [];
		if (iface.adminUp) flags.push('UP');
		if (iface.kind === 'loopback') flags.push('LOOPBACK');
		else flags.push('BROADCAST');
		if (carrier) flags.push('RUNNING');
		if (iface.kind === 'dummy') flags.push('NOARP');
		if (bond) flags.push('MASTER');
		if (iface.bond) flags.push('SLAVE');
		if (iface.kind !== 'loopback' && iface.kind !== 'dummy') flags.push('MULTICAST');

		let speedMbps: number | null = null;
		if (bond) {
			if (carrier) {
				// bond_ethtool_get_link_ksettings: the sum over slaves that can transmit.
				let sum = 0;
				for (const slave of bond.slaves) {
					const canTx = slave.link === Link.Up && carrierOk(slave.iface);
					if (canTx && (bond.mode !== 'active-backup' || slave === bond.active)) {
						sum += slave.iface.nominalSpeedMbps ?? 0;
					}
				}

				speedMbps = sum > 0 ? sum : null;
			}
		} else if (carrier) {
			speedMbps = iface.nominalSpeedMbps;
		}

		const rx = {bytes: 0, packets: 0, errors: 0, dropped: 0, overruns: 0, frame: 0};
		const tx = {bytes: 0, packets: 0, errors: 0, dropped: 0, overruns: 0, carrier: 0, collisions: 0};
		if (bond) {
			// The kernel's bond statistics are the sum of its slaves'.
			for (const slave of bond.slaves) {
				rx.bytes += Math.floor(slave.iface.rxBytes);
				rx.packets += Math.floor(slave.iface.rxPackets);
				tx.bytes += Math.floor(slave.iface.txBytes);
				tx.packets += Math.floor(slave.iface.txPackets);
			}
		} else {
			rx.bytes = Math.floor(iface.rxBytes);
			rx.packets = Math.floor(iface.rxPackets);
			tx.bytes = Math.floor(iface.txBytes);
			tx.packets = Math.floor(iface.txPackets);
		}

		const loopback = iface.kind === 'loopback';
		return {
			name: iface.name,
			flags,
			mtu: loopback ? 65_536 : 1500,
			macAddress: this.currentMac(iface),
			master: iface.bond?.iface.name ?? null,
			driver: iface.driver,
			ipv4: loopback
				? [{address: '127.0.0.1', prefixLength: 8, broadcast: null}]
				: bond
					? [{address: `192.168.${bond.ipv4Net}.50`, prefixLength: 24, broadcast: `192.168.${bond.ipv4Net}.255`}]
					: [],
			// IPv6 addresses go away while the device is down (no keep_addr_on_down).
			ipv6: !iface.adminUp
				? []
				: loopback
					? [{address: '::1', prefixLength: 128, scope: 'host'}]
					: bond
						? [{address: linkLocalOf(iface.permMac), prefixLength: 64, scope: 'link'}]
						: [],
			rx,
			tx,
			txQueueLen: 1000,
			operState: loopback ? 'unknown' : iface.kind === 'dummy' && iface.adminUp ? 'unknown' : carrier ? 'up' : 'down',
			speedMbps,
			duplex: speedMbps === null ? null : 'full',
			carrier,
		};
	}
}

/** The link as the bond's MII monitor sees it: administratively up and a carrier. */
function carrierOk(iface: SimInterface): boolean {
	return iface.adminUp && iface.cablePlugged;
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
