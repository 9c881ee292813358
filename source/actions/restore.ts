/**
 * Remembers every link bondtop took down so that quitting (or a signal) brings it back up: nothing
 * the user owns is left changed.
 */
import type {ActionResult, LinkActions} from './types.js';

export class RestoringActions implements LinkActions {
	private readonly downed = new Set<string>();
	private readonly inFlight = new Set<Promise<ActionResult>>();

	constructor(
		private readonly inner: LinkActions,
		private readonly upSync: ((name: string) => boolean) | null = null,
	) {}

	/** Links taken down by bondtop and not brought back yet. */
	get pending(): string[] {
		return [...this.downed];
	}

	async setLinkDown(name: string): Promise<ActionResult> {
		// Remembered before ip returns: a quit while the command is still running must restore it.
		this.downed.add(name);
		const running = this.inner.setLinkDown(name);
		this.inFlight.add(running);
		try {
			const result = await running;
			if (!result.ok) this.downed.delete(name);
			return result;
		} finally {
			this.inFlight.delete(running);
		}
	}

	async setLinkUp(name: string): Promise<ActionResult> {
		const result = await this.inner.setLinkUp(name);
		if (result.ok) this.downed.delete(name);
		return result;
	}

	setActiveSlave(bond: string, slave: string): Promise<ActionResult> {
		return this.inner.setActiveSlave(bond, slave);
	}

	/** Brings every downed link back up; returns what was restored and what failed. */
	async restoreAll(): Promise<{restored: string[]; failed: Array<{name: string; message: string}>}> {
		const restored: string[] = [];
		const failed: Array<{name: string; message: string}> = [];
		// Let commands still running finish first, so their links are known (and really down).
		await Promise.allSettled([...this.inFlight]);
		for (const name of this.pending) {
			const result = await this.setLinkUp(name);
			if (result.ok) restored.push(name);
			else failed.push({name, message: result.shown ?? result.message});
		}
		return {restored, failed};
	}

	/** For exit paths where no promise will settle any more (signals, uncaught errors). */
	restoreAllSync(): string[] {
		const restored: string[] = [];
		if (!this.upSync) return restored;
		for (const name of this.pending) {
			if (this.upSync(name)) {
				this.downed.delete(name);
				restored.push(name);
			}
		}
		return restored;
	}
}
