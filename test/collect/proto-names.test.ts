// Names that are keys of Object.prototype (`__proto__`, `constructor`) as slave and interface
// names: nothing may land on Object.prototype and nothing may throw.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {liveAddresses} from '../../source/collect/snapshot.js';
import {parseBondingStatus} from '../../source/kernel/bonding-status.js';

const protoKeys = () => Reflect.ownKeys(Object.prototype).map(String).sort();
const bin = fileURLToPath(new URL('../../dist/bondtop.js', import.meta.url));
const snapshotModule = fileURLToPath(new URL('../../source/collect/snapshot.ts', import.meta.url));

test('slaves named __proto__ and constructor are names like any other', () => {
	const before = protoKeys();
	const text = readFileSync(new URL('../fixtures/corpus/09-telegraf-8023ad-v3.7.1-nonroot-churn-no-lacpdu-details.txt', import.meta.url), 'utf8');
	const names = [...text.matchAll(/^Slave Interface: (\S+)/gm)].map((m) => m[1]!);
	assert.ok(names.length >= 2);
	const hostile = text.replace(`Slave Interface: ${names[0]}`, 'Slave Interface: __proto__').replace(`Slave Interface: ${names[1]}`, 'Slave Interface: constructor');
	const parsed = parseBondingStatus('bond0', hostile);
	assert.deepEqual(protoKeys(), before, 'Object.prototype untouched');
	assert.deepEqual(parsed.bond.slaves.slice(0, 2).map((s) => s.name), ['__proto__', 'constructor']);
	assert.ok(Object.hasOwn(parsed.slaveExtras, '__proto__'), 'its churn lines are kept under its own name');
	assert.equal(parsed.slaveExtras['__proto__']!['Actor Churn State'] !== undefined, true);
	assert.equal(({} as Record<string, unknown>)['Actor Churn State'], undefined);
});

test('liveAddresses does not call os.networkInterfaces() when an interface is named like a key of Object.prototype', () => {
	for (const name of ['__proto__', 'constructor', 'toString']) {
		const result = liveAddresses(['lo', name]);
		assert.ok(!(result instanceof Map));
		assert.match(result.problem, new RegExp(`an interface is named ${name}`));
	}
	assert.ok(liveAddresses(['lo']) instanceof Map);
});

// A real __proto__ and constructor interface in a private network namespace (needs root and unshare).
const netns = spawnSync('unshare', ['-n', 'true']).status === 0;
const inNetns = (script: string, peer = 'constructor') =>
	spawnSync('unshare', ['-n', 'sh', '-c', `ip link add __proto__ type veth peer name ${peer} && ip addr add 10.9.9.1/24 dev __proto__ && ip addr add 10.9.8.1/24 dev ${peer} && ip link set __proto__ up && ip link set ${peer} up && ${script}`], {encoding: 'utf8', timeout: 30_000});

test('live interfaces named __proto__ and constructor: --json and --once work, addresses say why they are missing', {skip: !netns && 'needs root (unshare -n)'}, () => {
	const json = inNetns(`${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} --json`);
	assert.equal(json.status, 0, json.stderr);
	const parsed = JSON.parse(json.stdout);
	assert.deepEqual(parsed.interfaces.map((i: {name: string}) => i.name).filter((n: string) => n !== 'lo').sort(), ['__proto__', 'constructor']);
	assert.ok(parsed.warnings.some((w: {message: string}) => /addresses not read: an interface is named (__proto__|constructor)/.test(w.message)));
	const once = inNetns(`${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} --once`);
	assert.equal(once.status, 0, once.stderr);
	assert.match(once.stdout, /^__proto__ /m);
});

test('were os.networkInterfaces() called anyway, what it pushed onto Object.prototype is taken away', {skip: !netns && 'needs root (unshare -n)'}, () => {
	// Without the name check (names []): Node pushes __proto__'s addresses onto Object.prototype.
	const script = `import(${JSON.stringify(snapshotModule)}).then(({liveAddresses}) => { const r = liveAddresses([]); console.log(JSON.stringify({keys: Reflect.ownKeys(Object.prototype).length, r: r instanceof Map ? [...r.keys()] : r})); })`;
	const run = inNetns(`${JSON.stringify(process.execPath)} --import tsx -e ${JSON.stringify(script)}`, 'p2');
	assert.equal(run.status, 0, run.stderr);
	const out = JSON.parse(run.stdout);
	assert.equal(out.keys, Reflect.ownKeys(Object.prototype).length, 'no key left on Object.prototype');
	assert.ok(out.r.includes('p2') && !out.r.includes('__proto__'));
	// With constructor, Node throws (a push onto a function): a problem, not a crash.
	const thrown = JSON.parse(inNetns(`${JSON.stringify(process.execPath)} --import tsx -e ${JSON.stringify(script)}`).stdout);
	assert.match(thrown.r.problem, /addresses not read/);
});
