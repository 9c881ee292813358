// A stand-in for the bondtop process in watchdog.test.ts: the real modules (findIp on PATH, the
// watchdog keeper, guarded ip actions, the `ip monitor` child, the exit hooks), driven by a
// scenario name, printing `ready <json>` once the scenario's links are down. The test then
// kills it the way bondtop dies and watches what the watchdog does.
import {createIpLinkActions, findIp, setLinkUpSync} from '../../source/actions/ip-link.js';
import {RestoringActions} from '../../source/actions/restore.js';
import {exitOnSignals, installProcessGuards, onEmergencyExit} from '../../source/cli/process-guard.js';
import {followLinkEvents} from '../../source/collect/link-events.js';
import {guardedActions, guardedUpSync} from '../../source/watchdog/guarded-actions.js';
import {WatchdogKeeper, type WatchdogPrivilege} from '../../source/watchdog/watchdog.js';

const scenario = process.argv[2];
const privilege = (process.env.HARNESS_PRIVILEGE ?? 'own') as WatchdogPrivilege;
installProcessGuards();
const keeper = new WatchdogKeeper({ip: findIp(), answerTimeoutMs: Number(process.env.HARNESS_TIMEOUT_MS ?? 10_000)}, () => privilege);
const actions = new RestoringActions(guardedActions(createIpLinkActions(undefined, () => true), keeper), guardedUpSync(setLinkUpSync, keeper));
onEmergencyExit(() => {
	const restored = actions.restoreAllSync();
	return restored.length > 0 ? [`restored ${restored.join(' ')}`] : [];
});
exitOnSignals();
const monitor = followLinkEvents(() => {}, () => {}, keeper);

async function main() {
	const report: Record<string, unknown> = {ip: findIp()};
	if (scenario === 'down') {
		report.down = await actions.setLinkDown('eth0');
		report.dash = await actions.setLinkDown('-a');
	} else if (scenario === 'down-up') {
		report.down = await actions.setLinkDown('eth0');
		report.up = await actions.setLinkUp('eth0');
	} else if (scenario === 'drill-limit') {
		// A drill: a timed cover (1 s) first, then the pull; bondtop stays alive but never restores.
		const armed = await keeper.arm('eth0', 1000);
		report.armed = 'error' in armed ? armed.error : armed.description;
		report.down = await actions.setLinkDown('eth0');
	}
	if (scenario === 'busy') {
		// bondtop's event loop is blocked past the answer time-out while the watchdog starts.
		const armed = keeper.arm('eth0', null);
		const until = Date.now() + 1000;
		while (Date.now() < until);
		const result = await armed;
		report.armed = 'error' in result ? result.error : result.description;
	}
	if (scenario === 'die-after-disarm') {
		// bondtop dies right after a message whose answer the watchdog will write to a closed pipe.
		const names = Array.from({length: 50}, (_, i) => `probe${i}`);
		for (const name of names) await keeper.arm(name, null);
		report.down = await actions.setLinkDown('eth0');
		for (const name of names) keeper.disarm(name);
		process.kill(process.pid, 'SIGKILL');
	}
	// The watchdog has answered the watch of the monitor child by now (one pipe, in order).
	await keeper.arm('probe0', null);
	keeper.disarm('probe0');
	report.watchdog = keeper.pid;
	report.monitor = monitor ? 'started' : null;
	process.stdout.write(`ready ${JSON.stringify(report)}\n`);
	setInterval(() => {}, 1000);
}

void main();
