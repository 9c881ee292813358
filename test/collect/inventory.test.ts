// The slow inventory without systeminformation's per-name shell pipelines: pure parsers on real
// text, and a live run in a private network namespace with hostile interface names.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {withTimeout} from '../../source/collect/inventory.js';
import {dynamicInterfaces, ipv4FromHex, parseDefaultRoute} from '../../source/kernel/inventory-text.js';

// /proc/net/route of a QEMU guest (user networking), as the kernel prints it (tabs, padded lines).
const route = `Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT                                                       
wlan0\t00000000\t0102A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0                                                                               
eth0\t00000000\t0202000A\t0003\t0\t0\t100\t00000000\t0\t0\t0                                                                               
eth0\t0002000A\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0                                                                               
`;

test('the default route of /proc/net/route: lowest metric, gateway decoded', () => {
	assert.deepEqual(parseDefaultRoute(route), {interfaceName: 'eth0', gateway: '10.0.2.2'});
	assert.equal(parseDefaultRoute(route.split('\n').filter((l) => !l.includes('\t00000000\t0')).join('\n')), null);
	assert.equal(ipv4FromHex('010200C0'), '192.0.2.1');
	assert.equal(ipv4FromHex('00000000'), null);
	assert.equal(ipv4FromHex('zz0200C0'), null);
	assert.equal(parseDefaultRoute(readFileSync('/proc/net/route', 'utf8'))?.interfaceName ?? null, parseDefaultRoute(readFileSync('/proc/net/route', 'utf8'))?.interfaceName ?? null);
});

test('leased (dynamic) addresses of ip -o addr show', () => {
	const text = [
		'1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever',
		'2: eth0    inet 10.0.2.15/24 brd 10.0.2.255 scope global dynamic noprefixroute eth0\\       valid_lft 86178sec preferred_lft 86178sec',
		'3: eth1    inet 192.0.2.2/24 brd 192.0.2.255 scope global eth1\\       valid_lft forever preferred_lft forever',
		'3: eth1    inet6 fe80::1/64 scope link dynamic \\       valid_lft 100sec preferred_lft 100sec',
	].join('\n');
	assert.deepEqual([...dynamicInterfaces(text)], ['eth0']);
});

test('a slow promise gives way to its fallback', async () => {
	// withTimeout's timer is unref'd (it must not keep bondtop alive); a ref'd one keeps this test's
	// event loop running until it fires, else node ends the test as "still pending".
	const keepAlive = setInterval(() => {}, 1000);
	try {
		assert.equal(await withTimeout(new Promise(() => {}), 20, 'fallback'), 'fallback');
	} finally {
		clearInterval(keepAlive);
	}
	assert.equal(await withTimeout(Promise.resolve('value'), 1000, 'fallback'), 'value');
	assert.equal(await withTimeout(Promise.reject(new Error('x')), 1000, 'fallback'), 'fallback');
});

const netns = spawnSync('unshare', ['-n', '-m', 'sh', '-c', 'mount -t sysfs sysfs /sys']).status === 0;
const inventoryModule = fileURLToPath(new URL('../../source/collect/inventory.ts', import.meta.url));

test('live, with interfaces named -rle. and __proto__: fast, no grep of the working directory, names kept', {skip: !netns && 'needs root (unshare -n -m)', timeout: 30_000}, () => {
	const script = `import(${JSON.stringify(inventoryModule)}).then(async ({loadLiveInventory}) => { const s = performance.now(); const i = await loadLiveInventory(); console.log(JSON.stringify({ms: performance.now() - s, names: [...i.byName.keys()], types: Object.fromEntries([...i.byName].map(([n, e]) => [n + '!', e.type])), proto: Reflect.ownKeys(Object.prototype).length})); })`;
	const setup = 'ip link add name -rle. type veth peer name __proto__ && ip addr add 10.9.9.1/24 dev -rle. && ip link set -rle. up && ip link set __proto__ up';
	// The working directory is this repository: a recursive grep would take seconds and print matches.
	// A mount namespace with sysfs mounted again, so /sys/class/net shows this namespace's links.
	const run = spawnSync('unshare', ['-n', '-m', 'sh', '-c', `mount -t sysfs sysfs /sys && ${setup} && ${JSON.stringify(process.execPath)} --import tsx -e ${JSON.stringify(script)}`], {encoding: 'utf8', timeout: 30_000});
	assert.equal(run.status, 0, run.stderr);
	const out = JSON.parse(run.stdout.trim().split('\n').pop()!);
	assert.ok(out.ms < 3000, `${out.ms} ms`);
	assert.deepEqual(out.names.sort(), ['-rle.', '__proto__', 'lo'].sort());
	assert.equal(out.types['-rle.!'], 'virtual');
	assert.equal(out.proto, Reflect.ownKeys(Object.prototype).length);
});
