/**
 * Simulated traffic: each bond has a wandering baseline of a few Mbit/s with now and then a burst,
 * changed in fixed {@link trafficStepMs} steps so rates do not depend on how often the host is
 * sampled; {@link accumulate} adds it to the slaves that carry it in the bond's mode.
 */
import {isDistributing} from './lacp.js';
import {Link, bytesPerMbit, carrierOk, rxBytesPerPacket, txBytesPerPacket, type SimBond, type SimHostState} from './model.js';
import {nextRandom} from './random.js';

/** Traffic rates change at this period (ms), whatever the sampling rate. */
export const trafficStepMs = 250;

/**
 * The chances that a burst starts in one traffic step of 250 ms: a spike of one to three seconds
 * (a web page, a package index) once a minute on average, a transfer of 10 to 40 s (a download,
 * or an upload) once in ten minutes. It used to be 1.5 % a step, a burst every 17 s, so a chart's
 * two to four minutes nearly always held one and the bond's shared scale sat at 50-100 Mb/s over
 * a baseline of 3.
 */
export const spikeChancePerStep = 1 / 240;
export const transferChancePerStep = 1 / 4800;

/** One traffic step of a bond: new rates from its own PRNG. */
export function stepBondTraffic(bond: SimBond): void {
	const r1 = nextRandom(bond);
	const r2 = nextRandom(bond);
	const r3 = nextRandom(bond);
	const r4 = nextRandom(bond);
	const r5 = nextRandom(bond);
	// A wandering baseline of a few Mbit/s…
	bond.baseRxMbit = Math.min(8, Math.max(0.5, bond.baseRxMbit + (r1 - 0.5) * 0.8));
	bond.baseTxMbit = Math.min(3, Math.max(0.2, bond.baseTxMbit + (r2 - 0.5) * 0.3));
	// …with now and then a spike or a transfer. The rates stay under what the Pi 2's NICs move
	// (the onboard smsc95xx about 94 Mbit/s: build-host.ts).
	if (bond.burstStepsLeft > 0) {
		bond.burstStepsLeft--;
	} else if (r3 < spikeChancePerStep + transferChancePerStep) {
		const transfer = r3 < transferChancePerStep;
		bond.burstStepsLeft = transfer ? 40 + Math.floor(r4 * 120) : 4 + Math.floor(r4 * 8);
		const upload = r5 < 0.25;
		bond.burstRxMbit = upload ? 1 + r4 * 2 : 15 + r5 * 60;
		bond.burstTxMbit = upload ? 10 + r4 * 30 : 0.5 + r4 * 2;
	}

	const burst = bond.burstStepsLeft > 0;
	const jitter = 0.8 + 0.4 * r1;
	bond.rxBytesPerSecond = (bond.baseRxMbit + (burst ? bond.burstRxMbit : 0)) * jitter * bytesPerMbit;
	bond.txBytesPerSecond = (bond.baseTxMbit + (burst ? bond.burstTxMbit : 0)) * (0.8 + 0.4 * r2) * bytesPerMbit;
}

/** One traffic step of every bond and of `lo`. */
export function stepTraffic(host: SimHostState): void {
	for (const bond of host.bonds) stepBondTraffic(bond);
	host.loopBytesPerSecond = 5000 + nextRandom(host.loopRng) * 40_000;
}

/**
 * balance-xor and 802.3ad: each flow leaves on `usable_slaves[hash % count]` (hash.ts), so the
 * shares follow the hash policy: with layer2, everything to the gateway leaves on one slave.
 * Sets each slave's rxShare/txShare; a share of 0 for slaves that carry nothing.
 */
function splitByHash(bond: SimBond, rxCount: number, txCount: number): void {
	const carriers = bond.carriers;
	carriers.length = 0;
	for (const slave of bond.slaves) {
		slave.iface.rxShare = 0;
		slave.iface.txShare = 0;
		if (slave.iface.carriesTx) carriers.push(slave.iface);
	}

	if (txCount === 0 || rxCount === 0) return;
	for (const flow of bond.flows) {
		carriers[flow.txHash % txCount]!.txShare += flow.share;
		carriers[flow.rxHash % rxCount]!.rxShare += flow.share;
	}
}

/** Add dtMs of traffic at the current rates to the interfaces that carry it. */
export function accumulate(host: SimHostState, dtMs: number): void {
	if (dtMs <= 0) return;
	const seconds = dtMs / 1000;
	const loopback = host.loopback;
	if (loopback.adminUp) {
		const bytes = host.loopBytesPerSecond * seconds;
		loopback.rxBytes += bytes;
		loopback.txBytes += bytes;
		loopback.rxPackets += bytes / 180;
		loopback.txPackets += bytes / 180;
	}

	for (const bond of host.bonds) {
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
					iface.carriesRx = iface.carriesTx = usable && isDistributing(bond, slave);
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

		if (bond.flows.length > 0) {
			splitByHash(bond, rxCarriers, txCarriers);
			for (const slave of bond.slaves) {
				const iface = slave.iface;
				const rx = Math.min(bond.rxBytesPerSecond * iface.rxShare, iface.capacityBytesPerSecond) * seconds;
				const tx = Math.min(bond.txBytesPerSecond * iface.txShare, iface.capacityBytesPerSecond) * seconds;
				iface.rxBytes += rx;
				iface.rxPackets += rx / rxBytesPerPacket;
				iface.txBytes += tx;
				iface.txPackets += tx / txBytesPerPacket;
			}

			continue;
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
