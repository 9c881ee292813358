import assert from 'node:assert/strict';
import {test} from 'node:test';
import {actionNameProblem, createIpLinkActions, isCurrentInterface, isValidInterfaceName, runIp, type CommandRunner} from '../../source/actions/ip-link.js';
import {RestoringActions} from '../../source/actions/restore.js';
import type {LinkActions} from '../../source/actions/types.js';
import {setLanguage} from '../../source/i18n/i18n.js';

function recorder(results: Array<{code: number; stderr: string}>) {
	const calls: Array<{file: string; args: string[]}> = [];
	const run: CommandRunner = async (file, args) => {
		calls.push({file, args});
		return results.shift() ?? {code: 0, stderr: ''};
	};
	return {calls, run};
}

const everyName = () => true;

test('ip gets an argv array, never a shell string', async () => {
	const {calls, run} = recorder([]);
	const actions = createIpLinkActions(run, everyName);
	assert.deepEqual(await actions.setLinkDown('eth0'), {ok: true});
	assert.deepEqual(await actions.setActiveSlave('bond0', 'eth1'), {ok: true});
	assert.deepEqual(calls.map((c) => c.args), [
		['link', 'set', 'dev', 'eth0', 'down'],
		['link', 'set', 'dev', 'bond0', 'type', 'bond', 'active_slave', 'eth1'],
	]);
});

test('names that are not interface names never reach ip', async () => {
	const {calls, run} = recorder([]);
	const actions = createIpLinkActions(run, everyName);
	for (const name of ['eth0; reboot', '../x', '', 'a'.repeat(16), 'eth 0', 'eth0:1', 'eth\uFFFD', '..']) {
		const result = await actions.setLinkDown(name);
		assert.equal(result.ok, false, name);
	}
	assert.deepEqual(calls, []);
	assert.ok(isValidInterfaceName('enx00e04c6c78b2'));
});

test('without permission it tries sudo -n, and says clearly when that fails too', async () => {
	const {calls, run} = recorder([
		{code: 2, stderr: 'RTNETLINK answers: Operation not permitted'},
		{code: 1, stderr: 'sudo: a password is required'},
	]);
	const result = await runIp(['link', 'set', 'dev', 'eth0', 'down'], run, '/usr/sbin/ip', false);
	assert.deepEqual(calls[1], {file: 'sudo', args: ['-n', '/usr/sbin/ip', 'link', 'set', 'dev', 'eth0', 'down']});
	assert.equal(result.ok, false);
	assert.equal((result as {message: string}).message, 'needs root (CAP_NET_ADMIN): `sudo -n ip link set dev eth0 down` failed: sudo: a password is required. Run bondtop with sudo to use this key.');
	setLanguage('de');
	try {
		const again = recorder([{code: 2, stderr: 'RTNETLINK answers: Operation not permitted'}, {code: 1, stderr: ''}]);
		const german = (await runIp(['link', 'set', 'dev', 'eth0', 'down'], again.run, '/usr/sbin/ip', false)) as {message: string; shown: string};
		assert.equal(german.shown, 'braucht root-Rechte (CAP_NET_ADMIN): `sudo -n ip link set dev eth0 down` schlug fehl: kein sudo. bondtop mit sudo starten, um diese Taste zu nutzen.');
		assert.equal(german.message, 'needs root (CAP_NET_ADMIN): `sudo -n ip link set dev eth0 down` failed: no sudo. Run bondtop with sudo to use this key.');
	} finally {
		setLanguage('en');
	}
	const ok = recorder([{code: 2, stderr: 'RTNETLINK answers: Operation not permitted'}, {code: 0, stderr: ''}]);
	assert.deepEqual(await runIp(['link', 'set', 'dev', 'eth0', 'up'], ok.run, 'ip', false), {ok: true});
});

test('as root a permission error is reported as it is, with no sudo retry', async () => {
	const {calls, run} = recorder([{code: 2, stderr: 'RTNETLINK answers: Operation not permitted'}]);
	const result = await runIp(['link', 'set', 'dev', 'eth0', 'down'], run, '/usr/sbin/ip', true);
	assert.equal(calls.length, 1);
	assert.deepEqual(result, {ok: false, message: 'ip link set dev eth0 down: RTNETLINK answers: Operation not permitted'});
});

test('a failing ip gives its first stderr line', async () => {
	const {run} = recorder([{code: 1, stderr: 'Cannot find device "eth7"\nmore'}]);
	const result = await runIp(['link', 'set', 'dev', 'eth7', 'up'], run, 'ip');
	assert.deepEqual(result, {ok: false, message: 'ip link set dev eth7 up: Cannot find device "eth7"'});
});

test('RestoringActions brings back exactly the links it took down', async () => {
	const log: string[] = [];
	let failUp = false;
	const inner: LinkActions = {
		setLinkDown: async (n) => (log.push(`down ${n}`), {ok: true}),
		setLinkUp: async (n) => (log.push(`up ${n}`), failUp ? {ok: false, message: 'nope'} : {ok: true}),
		setActiveSlave: async () => ({ok: true}),
	};
	const actions = new RestoringActions(inner, (name) => (log.push(`sync up ${name}`), true));
	await actions.setLinkDown('eth0');
	await actions.setLinkDown('eth1');
	await actions.setLinkUp('eth1');
	assert.deepEqual(actions.pending, ['eth0']);
	failUp = true;
	assert.deepEqual(await actions.restoreAll(), {restored: [], failed: [{name: 'eth0', message: 'nope'}]});
	assert.deepEqual(actions.restoreAllSync(), ['eth0']);
	assert.deepEqual(actions.pending, []);
	assert.deepEqual(log, ['down eth0', 'down eth1', 'up eth1', 'up eth0', 'sync up eth0']);
});

test('quitting while ip link set down is still running still restores that link', async () => {
	let finishDown: (() => void) | null = null;
	const log: string[] = [];
	const inner: LinkActions = {
		setLinkDown: (n) =>
			new Promise((resolve) => {
				finishDown = () => {
					log.push(`down ${n}`);
					resolve({ok: true});
				};
			}),
		setLinkUp: async (n) => (log.push(`up ${n}`), {ok: true}),
		setActiveSlave: async () => ({ok: true}),
	};
	const actions = new RestoringActions(inner);
	const pendingDown = actions.setLinkDown('eth0');
	assert.deepEqual(actions.pending, ['eth0'], 'known before ip returns');
	const restoring = actions.restoreAll();
	finishDown!();
	await pendingDown;
	assert.deepEqual(await restoring, {restored: ['eth0'], failed: []});
	assert.deepEqual(log, ['down eth0', 'up eth0'], 'the restore waited for the down to finish');
});

test('a name that is not an interface of this host now never reaches ip (iproute2 reads if<N> as ifindex N)', async () => {
	const {calls, run} = recorder([]);
	const actions = createIpLinkActions(run, (name) => name === 'eth1');
	const message = 'not acting on if2: there is no interface of that name on this host';
	assert.deepEqual(await actions.setLinkDown('if2'), {ok: false, message, shown: message});
	assert.equal((await actions.setActiveSlave('bond0', 'eth1')).ok, false, 'bond0 is not here either');
	// bondtop's own words in the screen's language, the English message kept.
	setLanguage('de');
	try {
		assert.deepEqual(await actions.setLinkDown('if2'), {ok: false, message, shown: 'if2 wird nicht angefasst: auf diesem Host gibt es keine Schnittstelle dieses Namens'});
	} finally {
		setLanguage('en');
	}
	assert.deepEqual(await actions.setLinkUp('eth1'), {ok: true});
	assert.deepEqual(calls.map((c) => c.args), [['link', 'set', 'dev', 'eth1', 'up']]);
});

test('the live check reads /sys/class/net: lo is there, if1 (ifindex 1 to iproute2) is not a name here', () => {
	assert.equal(actionNameProblem('lo'), null);
	assert.equal(actionNameProblem('if1'), 'there is no interface of that name on this host');
	assert.equal(actionNameProblem('../../etc'), 'the name contains /');
	assert.equal(isCurrentInterface('lo'), true);
});
