// The built bundle on a --root tree whose names and values hold terminal controls: --once, --json
// and the error line show them as visible escapes; JSON keeps the names exact but escapes C1.
import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import {rmSync, symlinkSync, truncateSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {hostileBond, hostileHost, hostileSlave, hostileTree, rawControl} from '../helpers/hostile-tree.js';
import {assertSchema1} from '../helpers/schema.js';

const bin = fileURLToPath(new URL('../../dist/bondtop.js', import.meta.url));
const root = hostileTree();
after(() => rmSync(root, {recursive: true, force: true}));

function run(...args: string[]) {
	const result = spawnSync(process.execPath, [bin, ...args], {encoding: 'utf8', input: '', timeout: 20_000, env: {...process.env, NO_COLOR: '1'}});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

test('--once: names, hostname, sysfs values and not-understood lines are escaped, never raw', () => {
	const {code, stdout, stderr} = run('--once', '--root', root);
	assert.equal(code, 0, stderr);
	assert.doesNotMatch(stdout, rawControl, 'no raw control character');
	assert.ok(stdout.includes('b\\x1b]0;PWNED\\x07'), 'the bond name is shown, escaped');
	assert.ok(stdout.includes('e\\x1b[31mX'), 'the slave name too');
	assert.ok(stdout.includes('h\\x85\\x9b2Jost'), 'the hostname (C1)');
	assert.ok(stdout.includes('State:up\\x1b[2J'), 'a sysfs value');
	assert.match(stdout, /warning: .*line 10 not understood: Bell \\x07 line \\x1b\]52;c;cHduZWQ=\\x07/, 'an OSC 52 in a line not understood');
});

test('--json: names exact after parsing, C1 escaped as \\u0085 in the bytes', () => {
	const {code, stdout} = run('--json', '--root', root);
	assert.equal(code, 0);
	assert.doesNotMatch(stdout, rawControl);
	assert.ok(stdout.includes('\\u0085') && stdout.includes('\\u009b'));
	const json = JSON.parse(stdout);
	assert.equal(json.hostname, hostileHost);
	assert.equal(json.bonds[0].name, hostileBond);
	assert.equal(json.bonds[0].slaves[0].name, hostileSlave);
	assert.ok(json.warnings.some((w: {message: string}) => w.message.includes('\u001b]52')));
});

test('an unknown BOND name given on the command line comes back escaped in the error line', () => {
	const {code, stderr} = run('--once', '--root', root, 'x\u001b]0;T\u0007');
	assert.equal(code, 2);
	assert.doesNotMatch(stderr, rawControl);
	assert.match(stderr, /^bondtop: no bond named x\\x1b\]0;T\\x07 \(bonds here: b\\x1b\]0;PWNED\\x07\)\n$/);
});

test('a file that is not a bonding status file is shown as such: mode null, nothing judged from it', () => {
	const dir = hostileTree();
	try {
		const bonding = join(dir, 'proc/net/bonding');
		writeFileSync(join(bonding, 'bond0'), 'Bonding Mode: quantum\nSlave Interface: eth9\n');
		writeFileSync(join(bonding, 'bond1'), 'just some text\n');
		const once = run('--once', '--root', dir);
		assert.equal(once.code, 0, once.stderr);
		assert.match(once.stdout, /^bond0 {2}mode unknown: not a bonding status file/m);
		assert.match(once.stdout, /warning: \/proc\/net\/bonding\/bond0: bond0: not a bonding status file: no "Ethernet Channel Bonding Driver" banner/);
		assert.match(once.stdout, /warning: \/proc\/net\/bonding\/bond1: bond1: not a bonding status file/);
		assert.match(once.stdout, /^eth9\s+UNKNOWN/m, 'a slave listed in it has an unknown role');
		assert.doesNotMatch(once.stdout, /neither miimon|every slave is down|balance-rr/);
		const json = JSON.parse(run('--json', '--root', dir).stdout);
		assertSchema1(json);
		const bond0 = json.bonds.find((b: {name: string}) => b.name === 'bond0');
		assert.equal(bond0.mode, null);
		assert.equal(bond0.miimonMs, null);
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});

test('sysfs numbers out of range are unknown plus a warning, as on the proc path', () => {
	const dir = hostileTree();
	try {
		const eth = join(dir, 'sys/class/net', hostileSlave);
		writeFileSync(join(eth, 'speed'), '-1000\n');
		writeFileSync(join(eth, 'mtu'), `${'9'.repeat(400)}\n`);
		const once = run('--once', '--root', dir);
		assert.match(once.stdout, /Speed:1000Mb\/s/, 'the proc file speed of the slave');
		assert.match(once.stdout, /MTU:\?/);
		assert.doesNotMatch(once.stdout, /Infinity|-1000Mb/);
		assert.match(once.stdout, /warning: .*: speed -1000 is out of range \(0 to 10000000\): shown as unknown/);
		assert.match(once.stdout, /warning: .*: mtu 9{24}… \(400 digits\) is out of range/);
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});

test('the bundle on a tree with links out, a FIFO and a sparse 100 MB file: warnings, no host file, no hang', {timeout: 30_000}, () => {
	const dir = hostileTree();
	const secret = join(dir, '..', `bondtop-secret-${process.pid}`);
	try {
		writeFileSync(secret, 'HOST-SECRET-CONTENT\n');
		const bonding = join(dir, 'proc/net/bonding');
		symlinkSync(secret, join(bonding, 'bond1'));
		symlinkSync(`../../../../${secret.split('/').pop()}`, join(bonding, 'bond2'));
		execFileSync('mkfifo', [join(bonding, 'bond3')]);
		writeFileSync(join(bonding, 'bond4'), '');
		truncateSync(join(bonding, 'bond4'), 100 * 1024 * 1024);
		for (const format of ['--once', '--json']) {
			const {code, stdout, stderr} = run(format, '--root', dir);
			assert.equal(code, 0, stderr);
			assert.ok(!stdout.includes('HOST-SECRET'), `${format}: the host file is never printed`);
			const warnings = format === '--json' ? JSON.parse(stdout).warnings.map((w: {source: string; message: string}) => `${w.source}: ${w.message}`).join('\n') : stdout;
			assert.match(warnings, /bond1: could not be read/, `${format}: the absolute link is read inside the tree (absent there)`);
			assert.match(warnings, /bond2: refused: a symbolic link leads out of the --root directory/);
			assert.match(warnings, /bond3: refused: not a regular file \(a FIFO\)/);
			assert.match(warnings, /bond4: refused: 104857600 bytes, more than the 4194304 read at most/);
		}
	} finally {
		rmSync(dir, {recursive: true, force: true});
		rmSync(secret, {force: true});
	}
});
