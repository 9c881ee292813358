/**
 * The launcher (scripts/launcher.cjs) writes the opt-in V8 code cache when the process ends, but
 * only for the interactive TUI: the run that is started again and again and whose first frame the
 * cache is for, and that by then has compiled what its refreshes run. Deciding by the kind of run,
 * not by how long it took, keeps a slow `--json` under load (or a drill) from writing one. The TUI
 * says so through this global, which the launcher reads at exit.
 */
export const interactiveRunKey = Symbol.for('bondtop.interactive-run');

export function markInteractiveRun(): void {
	(globalThis as Record<symbol, unknown>)[interactiveRunKey] = true;
}
