import assert from 'node:assert/strict';
import {test} from 'node:test';
import {UsageError} from '../../source/errors.js';
import {runLabCommand, type LabChild, type LabDeps} from '../../source/lab/run-lab.js';
import {labCommands, labDefaults, parseLabMode, teardownFor} from '../../source/lab/sandbox.js';

const base = {name: '4242', slaves: 2, miimonMs: 100, updelayMs: 200, downdelayMs: 200} as const;
const LAB = 'bondtop-lab-4242';
const SW = 'bondtop-sw-4242';

/** Index of the first command equal to `argv`; fails when there is none. */
function at(plan: string[][], argv: string[]): number {
	const i = plan.findIndex((a) => JSON.stringify(a) === JSON.stringify(argv));
	assert.ok(i >= 0, `missing: ip ${argv.join(' ')}`);
	return i;
}

test('active-backup: bridge switch, bond over veths, primary after enslaving, up last', () => {
	const plan = labCommands({...base, mode: 'active-backup'});
	const s = plan.setup;
	assert.deepEqual(plan.namespaces, {lab: LAB, switch: SW});
	assert.deepEqual(plan.slaves, ['eth0', 'eth1']);
	assert.deepEqual(plan.peers, ['sw0', 'sw1']);
	assert.deepEqual(s.slice(0, 2), [['netns', 'add', LAB], ['netns', 'add', SW]]);
	const bridge = at(s, ['-n', SW, 'link', 'add', 'br0', 'type', 'bridge', 'stp_state', '0', 'forward_delay', '0']);
	const bond = at(s, ['-n', LAB, 'link', 'add', 'bond0', 'type', 'bond', 'mode', 'active-backup', 'miimon', '100', 'updelay', '200', 'downdelay', '200']);
	const primary = at(s, ['-n', LAB, 'link', 'set', 'bond0', 'type', 'bond', 'primary', 'eth0']);
	const bondUp = at(s, ['-n', LAB, 'link', 'set', 'bond0', 'up']);
	for (const i of [0, 1]) {
		const veth = at(s, ['-n', LAB, 'link', 'add', `eth${i}`, 'type', 'veth', 'peer', 'name', `sw${i}`, 'netns', SW]);
		const toBridge = at(s, ['-n', SW, 'link', 'set', `sw${i}`, 'master', 'br0']);
		const enslave = at(s, ['-n', LAB, 'link', 'set', `eth${i}`, 'master', 'bond0']);
		const slaveUp = at(s, ['-n', LAB, 'link', 'set', `eth${i}`, 'up']);
		const peerUp = at(s, ['-n', SW, 'link', 'set', `sw${i}`, 'up']);
		assert.ok(bridge < toBridge && bond < veth && veth < toBridge && veth < enslave, 'made before used');
		assert.ok(enslave < slaveUp, 'a slave is enslaved while down');
		assert.ok(enslave < primary, 'primary is set once its slave is enslaved');
		assert.ok(slaveUp < peerUp, 'the switch side comes up last');
	}
	assert.ok(at(s, ['-n', LAB, 'addr', 'add', '192.0.2.1/24', 'dev', 'bond0']) < bondUp);
	at(s, ['-n', SW, 'addr', 'add', '192.0.2.254/24', 'dev', 'br0']);
	assert.deepEqual(plan.teardown, [['netns', 'del', LAB], ['netns', 'del', SW]]);
});

test('every command is an argv array in one of the two namespaces, never a shell string', () => {
	for (const mode of ['balance-rr', 'active-backup', 'balance-xor', 'broadcast', '802.3ad', 'balance-tlb', 'balance-alb'] as const) {
		const plan = labCommands({...base, mode, slaves: 3});
		for (const argv of plan.setup) {
			assert.ok(Array.isArray(argv) && argv.every((a) => typeof a === 'string' && a.length > 0 && !/[\s;&|$`]/.test(a)), JSON.stringify(argv));
			// Either a netns add of ours or a command run inside one of ours: the host's own
			// interfaces are never named.
			const ours = (argv[0] === 'netns' && argv[1] === 'add' && [LAB, SW].includes(argv[2]!)) || (argv[0] === '-n' && [LAB, SW].includes(argv[1]!));
			assert.ok(ours, `${mode}: ip ${argv.join(' ')} runs outside the lab namespaces`);
		}
		const primary = plan.setup.some((a) => a.includes('primary'));
		assert.equal(primary, ['active-backup', 'balance-tlb', 'balance-alb'].includes(mode), `${mode}: primary only where the kernel takes it`);
	}
});

test('802.3ad: the peers form a second 802.3ad bond with the switch address (a real LACP partner)', () => {
	const plan = labCommands({...base, mode: '802.3ad', slaves: 3});
	const s = plan.setup;
	assert.ok(!s.some((a) => a.includes('bridge')), 'no bridge for 802.3ad');
	const partner = at(s, ['-n', SW, 'link', 'add', 'pbond0', 'type', 'bond', 'mode', '802.3ad', 'miimon', '100', 'lacp_rate', 'fast']);
	at(s, ['-n', LAB, 'link', 'add', 'bond0', 'type', 'bond', 'mode', '802.3ad', 'miimon', '100', 'updelay', '200', 'downdelay', '200', 'lacp_rate', 'fast']);
	for (const i of [0, 1, 2]) {
		const toPartner = at(s, ['-n', SW, 'link', 'set', `sw${i}`, 'master', 'pbond0']);
		assert.ok(partner < toPartner);
		assert.ok(toPartner < at(s, ['-n', SW, 'link', 'set', `sw${i}`, 'up']), 'partner port enslaved while down');
	}
	assert.ok(at(s, ['-n', SW, 'addr', 'add', '192.0.2.254/24', 'dev', 'pbond0']) < at(s, ['-n', SW, 'link', 'set', 'pbond0', 'up']));
	assert.ok(!s.some((a) => a.includes('primary')));
});

test('bad plans are refused; modes are parsed by kernel name', () => {
	assert.throws(() => labCommands({...base, mode: 'active-backup', slaves: 0}));
	assert.throws(() => labCommands({...base, mode: 'active-backup', slaves: 9}));
	assert.throws(() => labCommands({...base, mode: 'active-backup', name: 'x; reboot'}));
	assert.equal(parseLabMode('802.3ad'), '802.3ad');
	assert.match((parseLabMode('lacp') as {error: string}).error, /--mode must be one of balance-rr, active-backup/);
	assert.equal(labDefaults.mode, 'active-backup');
});

test('teardown covers only the namespaces that were made', () => {
	const plan = labCommands({...base, mode: 'active-backup'});
	assert.deepEqual(teardownFor(plan, []), []);
	assert.deepEqual(teardownFor(plan, plan.setup.slice(0, 1)), [['netns', 'del', LAB]]);
	assert.deepEqual(teardownFor(plan, plan.setup), plan.teardown);
});

// --- runLabCommand with a fake system ----------------------------------------------------------

function fakeChild(): LabChild & {signals: NodeJS.Signals[]; exit(code: number): void} {
	let resolve!: (code: number) => void;
	const exited = new Promise<number>((r) => {
		resolve = r;
	});
	let done = false;
	const child = {
		signals: [] as NodeJS.Signals[],
		exited,
		exit(code: number) {
			if (!done) {
				done = true;
				resolve(code);
			}
		},
		kill(signal: NodeJS.Signals) {
			if (done) return; // like the real one: no-op once exited
			child.signals.push(signal);
			child.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGHUP' ? 1 : 15));
		},
	};
	return child;
}

function fakeSystem(over: Partial<LabDeps> & {failAt?: (args: string[]) => string | null} = {}) {
	const commands: string[][] = [];
	const spawned: Array<{file: string; args: string[]; stdio: string; child: ReturnType<typeof fakeChild>}> = [];
	const out: string[] = [];
	const err: string[] = [];
	let signalHandler: ((s: NodeJS.Signals) => void) | null = null;
	let handlersRemoved = false;
	const deps: LabDeps = {
		platform: 'linux',
		uid: () => 0,
		pid: 4242,
		bondingAvailable: async () => true,
		findIp: async () => '/usr/sbin/ip',
		findPing: () => '/usr/bin/ping',
		isTerminal: true,
		run: async (file, args) => {
			assert.equal(file, '/usr/sbin/ip');
			commands.push(args);
			const failure = over.failAt?.(args) ?? null;
			return failure ? {code: 2, stderr: failure} : {code: 0, stderr: ''};
		},
		spawn: (file, args, stdio) => {
			const child = fakeChild();
			spawned.push({file, args, stdio, child});
			return child;
		},
		onSignals: (handler) => {
			signalHandler = handler;
			return () => {
				handlersRemoved = true;
			};
		},
		execArgv: [],
		execPath: '/usr/bin/node',
		write: (t) => out.push(t),
		writeError: (t) => err.push(t),
		...over,
	};
	return {
		deps, commands, spawned, out, err,
		signal: (s: NodeJS.Signals) => signalHandler?.(s),
		get handlersRemoved() {
			return handlersRemoved;
		},
	};
}

const request = {intervalMs: 500, colour: false, bundlePath: '/usr/lib/node_modules/bondtop/dist/bondtop.js'};

test('not root: a clear UsageError, nothing made', async () => {
	const sys = fakeSystem({uid: () => 1000});
	await assert.rejects(runLabCommand(request, sys.deps), (e: unknown) => e instanceof UsageError && e.message === 'bondtop lab needs root (it creates network namespaces): run sudo bondtop lab');
	assert.deepEqual(sys.commands, []);
	assert.deepEqual(sys.spawned, []);
});

test('no bonding driver, no iproute2, not Linux, bad flags: UsageErrors before anything is made', async () => {
	const cases: Array<[Partial<LabDeps>, Record<string, unknown>, RegExp]> = [
		[{bondingAvailable: async () => false}, {}, /^this kernel has no bonding driver \(modprobe bonding failed\): bondtop lab needs CONFIG_BONDING$/],
		[{findIp: async () => null}, {}, /needs iproute2's ip/],
		[{platform: 'darwin'}, {}, /needs Linux/],
		[{isTerminal: false}, {}, /needs a terminal/],
		[{}, {mode: 'lacp'}, /--mode must be one of/],
		[{}, {slaves: 9}, /--slaves must be a whole number from 1 to 8, not 9/],
		[{}, {slaves: 1.5}, /--slaves must be a whole number/],
	];
	for (const [over, flags, message] of cases) {
		const sys = fakeSystem(over);
		await assert.rejects(runLabCommand({...request, ...flags}, sys.deps), (e: unknown) => e instanceof UsageError && message.test(e.message));
		assert.deepEqual(sys.commands, []);
	}
});

test('a setup failure midway removes what was made and says which command failed', async () => {
	const sys = fakeSystem({failAt: (args) => (args.includes('eth1') && args.includes('veth') ? 'RTNETLINK answers: File exists' : null)});
	await assert.rejects(runLabCommand(request, sys.deps), (e: unknown) =>
		e instanceof Error && !(e instanceof UsageError)
		&& e.message === `bondtop lab could not build the sandbox: ip -n ${LAB} link add eth1 type veth peer name sw1 netns ${SW}: RTNETLINK answers: File exists`);
	assert.deepEqual(sys.commands.slice(-2), [['netns', 'del', LAB], ['netns', 'del', SW]]);
	assert.deepEqual(sys.spawned, [], 'neither ping nor the TUI started');
	assert.deepEqual(sys.out, [`bondtop lab: removed namespaces ${LAB}, ${SW}\n`]);
	assert.ok(sys.handlersRemoved);
});

test('a failure on the second namespace deletes only the first', async () => {
	const sys = fakeSystem({failAt: (args) => (args[1] === 'add' && args[2] === SW ? 'Cannot create namespace file "/run/netns/x": File exists' : null)});
	await assert.rejects(runLabCommand(request, sys.deps), /could not build the sandbox: ip netns add bondtop-sw-4242/);
	assert.deepEqual(sys.commands, [['netns', 'add', LAB], ['netns', 'add', SW], ['netns', 'del', LAB]]);
});

test('"Unknown device type" for the bond is the no-bonding UsageError, after teardown', async () => {
	const sys = fakeSystem({failAt: (args) => (args.includes('bond') && args.includes('add') ? 'Error: Unknown device type.' : null)});
	await assert.rejects(runLabCommand(request, sys.deps), (e: unknown) => e instanceof UsageError && /no bonding driver.*CONFIG_BONDING/.test(e.message));
	assert.deepEqual(sys.commands.slice(-2), [['netns', 'del', LAB], ['netns', 'del', SW]]);
});

test('the TUI runs inside the lab namespace, ping in the switch one; both go and the namespaces are removed', async () => {
	const sys = fakeSystem();
	const running = runLabCommand({...request, mode: '802.3ad', slaves: 3}, sys.deps);
	while (sys.spawned.length < 2) await new Promise((r) => setTimeout(r, 1));
	const [ping, tui] = sys.spawned;
	assert.deepEqual(ping!.args, ['netns', 'exec', SW, '/usr/bin/ping', '-i', '0.2', '-q', '192.0.2.1']);
	assert.equal(ping!.stdio, 'ignore');
	assert.deepEqual(tui!.args, ['netns', 'exec', LAB, '/usr/bin/node', request.bundlePath, '--interval', '500', '--no-color']);
	assert.equal(tui!.stdio, 'inherit');
	assert.match(sys.out.join(''), /made bondtop-lab-4242 \(bond0 802\.3ad over eth0, eth1, eth2/);
	tui!.child.exit(0);
	assert.equal(await running, 0);
	assert.deepEqual(ping!.child.signals, ['SIGTERM']);
	assert.deepEqual(sys.commands.slice(-2), [['netns', 'del', LAB], ['netns', 'del', SW]]);
	assert.equal(sys.out.at(-1), `bondtop lab: removed namespaces ${LAB}, ${SW}\n`);
	assert.ok(sys.handlersRemoved);
});

test('SIGTERM is forwarded to the TUI, then everything is removed; exit 143', async () => {
	const sys = fakeSystem();
	const running = runLabCommand(request, sys.deps);
	while (sys.spawned.length < 2) await new Promise((r) => setTimeout(r, 1));
	sys.signal('SIGTERM');
	assert.equal(await running, 143);
	assert.deepEqual(sys.spawned[1]!.child.signals, ['SIGTERM']);
	assert.deepEqual(sys.spawned[0]!.child.signals, ['SIGTERM']);
	assert.deepEqual(sys.commands.slice(-2), [['netns', 'del', LAB], ['netns', 'del', SW]]);
});

test('a signal during setup stops it there and removes what was made', async () => {
	let sys: ReturnType<typeof fakeSystem>;
	sys = fakeSystem({failAt: (args) => {
		if (args[0] === '-n' && args.includes('bond') && args.includes('add')) sys.signal('SIGHUP');
		return null;
	}});
	assert.equal(await runLabCommand(request, sys.deps), 129);
	assert.deepEqual(sys.spawned, []);
	assert.deepEqual(sys.commands.slice(-2), [['netns', 'del', LAB], ['netns', 'del', SW]]);
	assert.ok(!sys.commands.some((a) => a.includes('veth')));
});

test('a namespace that cannot be removed is reported and fails the run', async () => {
	const sys = fakeSystem({failAt: (args) => (args[1] === 'del' && args[2] === SW ? 'Device or resource busy' : null)});
	const running = runLabCommand(request, sys.deps);
	while (sys.spawned.length < 2) await new Promise((r) => setTimeout(r, 1));
	sys.spawned[1]!.child.exit(0);
	assert.equal(await running, 1);
	assert.match(sys.err.join(''), /could not remove namespaces bondtop-sw-4242 \(Device or resource busy\)/);
	assert.equal(sys.out.at(-1), `bondtop lab: removed namespaces ${LAB}\n`);
});
