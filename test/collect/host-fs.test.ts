// Reads under a hostile --root: traversal by names and links, special files, huge files, long
// listings, names that are not UTF-8. Each case is one the issue found on the old HostFs.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, test} from 'node:test';
import {createHostFs, maxDirEntries, maxFileBytes} from '../../source/collect/host-fs.js';
import {SnapshotCollector} from '../../source/collect/snapshot.js';
import {renderPlain} from '../../source/output/plain.js';
import {interfaceNameProblem} from '../../source/text/names.js';

const scratch = mkdtempSync(join(tmpdir(), 'bondtop-hostfs-'));
after(() => rmSync(scratch, {recursive: true, force: true}));

/** A file outside every tree, standing for the host's /etc/shadow. */
const secret = join(scratch, 'host-secret');
writeFileSync(secret, 'HOST-SECRET-CONTENT\n');

const bondingText = `Ethernet Channel Bonding Driver: v6.1.0

Bonding Mode: fault-tolerance (active-backup)
Primary Slave: None
Currently Active Slave: eth0
MII Status: up
MII Polling Interval (ms): 100
Up Delay (ms): 0
Down Delay (ms): 0

Slave Interface: eth0
MII Status: up
Speed: 1000 Mbps
Duplex: full
Link Failure Count: 0
Permanent HW addr: 52:54:00:00:00:01
Slave queue ID: 0
`;

let trees = 0;
/** A fresh tree with proc/net/bonding/ and sys/class/net/. */
function tree(): string {
	const root = join(scratch, `tree-${trees++}`);
	mkdirSync(join(root, 'proc/net/bonding'), {recursive: true});
	mkdirSync(join(root, 'sys/class/net'), {recursive: true});
	return root;
}

function collect(root: string) {
	const snapshot = new SnapshotCollector({fs: createHostFs(root)}).collect(0);
	return {snapshot, text: renderPlain(snapshot) + JSON.stringify(snapshot)};
}

test('an absolute symbolic link is read inside the root, never from the host', () => {
	const root = tree();
	symlinkSync(secret, join(root, 'proc/net/bonding/bond0'));
	const {snapshot, text} = collect(root);
	assert.ok(!text.includes('HOST-SECRET'), 'the host file is never read');
	assert.match(snapshot.warnings.map((w) => `${w.source}: ${w.message}`).join('\n'), /\/proc\/net\/bonding\/bond0: could not be read/);
	// The same link finds the tree's own copy of the path.
	mkdirSync(join(root, scratch), {recursive: true});
	writeFileSync(join(root, secret), bondingText);
	const again = collect(root).snapshot;
	assert.equal(again.bonds[0]?.activeSlave, 'eth0', 'absolute links are DIR-relative');
});

test('a relative symbolic link that climbs out of the root is refused with a warning', () => {
	const root = tree();
	symlinkSync('../../../../host-secret', join(root, 'proc/net/bonding/bond0'));
	symlinkSync('../../../../host-secret', join(root, 'sys/class/net/bonding_masters'));
	const {snapshot, text} = collect(root);
	assert.ok(!text.includes('HOST-SECRET'));
	assert.match(text, /bond0: refused: a symbolic link leads out of the --root directory/);
	// Climbing and coming back down inside is fine.
	writeFileSync(join(root, 'proc/net/b0'), bondingText);
	symlinkSync('../../../proc/net/b0', join(root, 'proc/net/bonding/bond1'));
	assert.ok(collect(root).snapshot.bonds.some((b) => b.name === 'bond1' && b.activeSlave === 'eth0'));
});

test('a link loop ends with a warning', () => {
	const root = tree();
	symlinkSync('bond0', join(root, 'proc/net/bonding/bond0'));
	const {text} = collect(root);
	assert.match(text, /more than 40 symbolic links/);
});

test('names with /, .. or NUL are never joined into a path', () => {
	const root = tree();
	writeFileSync(join(root, 'sys/class/net/bonding_masters'), '.. ../../../host-secret bond\0x\n');
	rmSync(join(root, 'proc'), {recursive: true});
	const dev = (name: string) => `${name}: 1 2 0 0 0 0 0 0 3 4 0 0 0 0 0 0\n`;
	mkdirSync(join(root, 'proc/net'), {recursive: true});
	writeFileSync(join(root, 'proc/net/dev'), `Inter-|   Receive\n face |bytes\n${dev('..')}${dev('eth0')}`);
	// The would-be targets exist, so a join would have found them.
	writeFileSync(join(root, 'sys/class/flags'), '0x1003\n');
	const {snapshot, text} = collect(root);
	assert.ok(!text.includes('HOST-SECRET'));
	const warnings = snapshot.warnings.map((w) => w.message).join('\n');
	assert.match(warnings, /\.\.: not read \(the name is \.\.\)/);
	assert.match(warnings, /\.\.\/\.\.\/\.\.\/host-secret: not read \(the name contains \/\)/);
	assert.match(warnings, /bond\0x: not read \(the name contains NUL\)/);
	const dotdot = snapshot.interfaces.find((i) => i.name === '..');
	assert.ok(dotdot, 'the interface is still shown with its counters');
	assert.deepEqual(dotdot.flags, [], 'but nothing was read for it from sys/class/flags');
});

test('a FIFO is refused at once, not waited on', {timeout: 5_000}, () => {
	const root = tree();
	execFileSync('mkfifo', [join(root, 'proc/net/bonding/bond0')]);
	const {text} = collect(root);
	assert.match(text, /bond0: refused: not a regular file \(a FIFO\)/);
});

test('a character device is refused, live root included (/dev/zero)', {timeout: 5_000}, () => {
	const live = createHostFs('/');
	assert.equal(live.readText('dev/zero'), null);
	assert.deepEqual(live.takeWarnings(), [{source: '/dev/zero', message: 'refused: not a regular file (a character device)'}]);
	const root = tree();
	mkdirSync(join(root, 'dev'));
	symlinkSync('/dev/zero', join(root, 'dev/zero-link'));
	// As root (CI), a real device node inside the tree; otherwise the link alone (read inside the root).
	try {
		execFileSync('mknod', [join(root, 'dev/zero'), 'c', '1', '5'], {stdio: 'ignore'});
	} catch {}
	symlinkSync('/dev/zero', join(root, 'proc/net/bonding/bond0'));
	const fs = createHostFs(root);
	assert.equal(fs.readText('proc/net/bonding/bond0'), null);
	const warnings = fs.takeWarnings().map((w) => w.message).join();
	if (process.getuid?.() === 0) assert.match(warnings, /character device/);
});

test('a 100 MB sparse file is refused without reading it', {timeout: 10_000}, () => {
	const root = tree();
	const file = join(root, 'proc/net/bonding/bond0');
	writeFileSync(file, bondingText);
	truncateSync(file, 100 * 1024 * 1024);
	const before = process.memoryUsage().rss;
	const {text} = collect(root);
	assert.match(text, new RegExp(`bond0: refused: 104857600 bytes, more than the ${maxFileBytes} read at most`));
	assert.ok(process.memoryUsage().rss - before < 50 * 1024 * 1024, 'memory did not grow by the file');
});

test('a file just under the cap is read, one over it is not', () => {
	const root = tree();
	writeFileSync(join(root, 'proc/net/bonding/bond0'), bondingText + 'x'.repeat(maxFileBytes - bondingText.length - 1) + '\n');
	writeFileSync(join(root, 'proc/net/bonding/bond1'), bondingText + 'x'.repeat(maxFileBytes) + '\n');
	const {snapshot} = collect(root);
	assert.deepEqual(snapshot.bonds.map((b) => b.name), ['bond0']);
	assert.match(snapshot.warnings.map((w) => w.message).join('\n'), /refused: \d+ bytes, more than/);
});

test('directory listings are capped', () => {
	const root = tree();
	for (let i = 0; i < maxDirEntries + 10; i++) writeFileSync(join(root, 'proc/net/bonding', `b${i}`), '');
	const fs = createHostFs(root);
	assert.equal(fs.listDir('proc/net/bonding')!.length, maxDirEntries);
	assert.match(fs.takeWarnings()[0]!.message, /only the first 4096 entries/);
});

test('a name that is not valid UTF-8 is listed with U+FFFD, and refused for actions', () => {
	const root = tree();
	const raw = Buffer.concat([Buffer.from(join(root, 'proc/net/bonding/')), Buffer.from([0x62, 0x6f, 0x6e, 0x64, 0xff])]);
	writeFileSync(raw, bondingText);
	const [name] = createHostFs(root).listDir('proc/net/bonding')!;
	assert.equal(name, 'bond\uFFFD');
	assert.match(interfaceNameProblem(name!) ?? '', /not valid UTF-8/);
	const {snapshot} = collect(root);
	assert.match(snapshot.warnings.map((w) => w.message).join(), /bond\uFFFD: not read \(the name is not valid UTF-8/);
});

test('a link to a file elsewhere in the tree does not change where its directory is', () => {
	const root = tree();
	mkdirSync(join(root, 'elsewhere'));
	writeFileSync(join(root, 'elsewhere/b0'), 'the link target\n');
	writeFileSync(join(root, 'elsewhere/b2'), 'a decoy\n');
	writeFileSync(join(root, 'proc/net/bonding/b2'), 'the real b2\n');
	symlinkSync('../../../elsewhere/b0', join(root, 'proc/net/bonding/b1'));
	mkdirSync(join(root, 'real/net'), {recursive: true});
	writeFileSync(join(root, 'real/net/dev'), 'dev through a linked directory\n');
	symlinkSync('/real/net', join(root, 'proc/linked'));
	const fs = createHostFs(root);
	// One sample: the same HostFs, no takeWarnings in between (its directory cache is live).
	assert.equal(fs.readText('proc/net/bonding/b1'), 'the link target\n');
	assert.equal(fs.readText('proc/net/bonding/b2'), 'the real b2\n');
	assert.equal(fs.readText('proc/linked/dev'), 'dev through a linked directory\n');
	assert.equal(fs.readText('proc/net/bonding/b2'), 'the real b2\n');
	assert.deepEqual(fs.listDir('proc/linked'), ['dev']);
	assert.deepEqual(fs.takeWarnings(), []);
});
