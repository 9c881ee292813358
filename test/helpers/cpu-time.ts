/**
 * CPU time (user + system, ms) this process spent in `run`: the cost of the code itself, which
 * other load on the machine does not inflate the way it does wall-clock time (a unit test's bound
 * on "cheap" or "linear" must not fail because the lab or a build runs beside it). Not a test file.
 */
export function cpuMs<T>(run: () => T): {value: T; ms: number} {
	const before = process.cpuUsage();
	const value = run();
	const used = process.cpuUsage(before);
	return {value, ms: (used.user + used.system) / 1000};
}
