/**
 * Bounded rate histories for the sparklines: a fixed-size ring per interface and direction, so
 * memory does not grow however long bondtop runs.
 */
import type {InterfaceRates} from './rates.js';

/** A fixed-capacity ring of numbers; NaN marks "no value" (a gap, drawn as nothing). */
export class Ring {
	private readonly values: Float64Array;
	private start = 0;
	private count = 0;

	constructor(readonly capacity: number) {
		this.values = new Float64Array(Math.max(1, capacity));
	}

	push(value: number | null): void {
		const v = value ?? Number.NaN;
		if (this.count < this.values.length) {
			this.values[(this.start + this.count) % this.values.length] = v;
			this.count++;
		} else {
			this.values[this.start] = v;
			this.start = (this.start + 1) % this.values.length;
		}
	}

	get length(): number {
		return this.count;
	}

	/** The largest finite value among the newest `n` (0 when none): no array is made, it runs every refresh. */
	peak(n = this.count): number {
		const take = Math.min(n, this.count);
		let top = 0;
		for (let i = 0; i < take; i++) {
			const v = this.values[(this.start + this.count - take + i) % this.values.length]!;
			if (v > top) top = v;
		}
		return top;
	}

	/** The value `age` samples before the newest (0: the newest); NaN outside the ring. */
	at(age: number): number {
		if (!(age >= 0) || age >= this.count) return Number.NaN;
		return this.values[(this.start + this.count - 1 - age) % this.values.length]!;
	}

	/** The newest `n` values (or all), oldest first. */
	last(n = this.count): number[] {
		const take = Math.min(n, this.count);
		const out = new Array<number>(take);
		for (let i = 0; i < take; i++) {
			out[i] = this.values[(this.start + this.count - take + i) % this.values.length]!;
		}
		return out;
	}
}

export type InterfaceHistory = {rx: Ring; tx: Ring};

/** Histories of every interface seen; interfaces that disappear are dropped. */
export class HistoryStore {
	private readonly byName = new Map<string, InterfaceHistory>();
	/** Bumped on every change, so memoised views know to redraw. */
	version = 0;

	constructor(readonly capacity: number) {}

	record(rates: Map<string, InterfaceRates>): void {
		for (const [name, rate] of rates) {
			let history = this.byName.get(name);
			if (!history) {
				history = {rx: new Ring(this.capacity), tx: new Ring(this.capacity)};
				this.byName.set(name, history);
			}
			history.rx.push(rate.rxBytesPerSecond);
			history.tx.push(rate.txBytesPerSecond);
		}
		for (const name of this.byName.keys()) if (!rates.has(name)) this.byName.delete(name);
		this.version++;
	}

	get(name: string): InterfaceHistory | undefined {
		return this.byName.get(name);
	}
}
