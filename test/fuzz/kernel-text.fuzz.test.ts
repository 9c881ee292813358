// Fuzz: the real kernel samples (test/fixtures/kernel, test/fixtures/corpus), mutated with a
// fixed-seed PRNG (truncation, duplicated and shuffled lines, flipped bytes, huge and negative
// numbers, 1 MiB lines, NUL, invalid UTF-8, CRLF, 1,000 slaves, `__proto__`/`constructor` names,
// terminal escapes), through the parsers, the collector on a temporary --root tree, and the JSON
// and plain renderers. Asserts: nothing throws, schema 1 holds (null mode allowed), no number is
// negative or not finite, every parse stays under a time bound, nothing lands on
// Object.prototype, and the plain text holds no raw control character.
//
// BONDTOP_FUZZ_N inputs (default 1000: 11 s on the 2-core machine at load 19), BONDTOP_FUZZ_SEED (default 9),
// BONDTOP_FUZZ_SAVE=FILE (keeps the input of a parse over the bound).
import assert from 'node:assert/strict';
import {cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, test} from 'node:test';
import {createHostFs} from '../../source/collect/host-fs.js';
import {SnapshotCollector} from '../../source/collect/snapshot.js';
import {parseBondingStatus} from '../../source/kernel/bonding-status.js';
import {MonitorParser} from '../../source/kernel/ip-monitor.js';
import {parseNetDev} from '../../source/kernel/net-dev.js';
import {interfaceRates} from '../../source/model/rates.js';
import type {Snapshot} from '../../source/model/types.js';
import {toJsonSnapshot} from '../../source/output/json.js';
import {renderPlain} from '../../source/output/plain.js';
import {safeJsonStringify} from '../../source/text/sanitize.js';
import {assertSchema1} from '../helpers/schema.js';
import {cpuMs} from '../helpers/cpu-time.js';

const inputs = Number(process.env.BONDTOP_FUZZ_N ?? 1000);
const seed = Number(process.env.BONDTOP_FUZZ_SEED ?? 9);
/** CPU time every single parse must stay under (a 1 MiB line included; the old parser took 20 s on 200 KB). */
const parseBoundMs = 500;
/** CPU time of one collector sample on a tree (1,000 slaves included). */
const collectBoundMs = 2000;

const fixtures = new URL('../fixtures/', import.meta.url).pathname;
const kernelTrees = readdirSync(join(fixtures, 'kernel')).filter((n) => existsSync(join(fixtures, 'kernel', n, 'proc/net/bonding')));
const bondingSamples = [
	...kernelTrees.flatMap((tree) => readdirSync(join(fixtures, 'kernel', tree, 'proc/net/bonding')).map((f) => join(fixtures, 'kernel', tree, 'proc/net/bonding', f))),
	...readdirSync(join(fixtures, 'corpus'))
		.filter((f) => f.endsWith('.txt') && !f.startsWith('sysfs-'))
		.map((f) => join(fixtures, 'corpus', f)),
].map((path) => readFileSync(path, 'utf8'));
const netDevSamples = [...kernelTrees.map((tree) => join(fixtures, 'kernel', tree, 'proc/net/dev')), join(fixtures, 'host/proc-net-dev-x86-vm.txt')]
	.filter((p) => existsSync(p))
	.map((p) => readFileSync(p, 'utf8'));
const monitorSample = readFileSync(join(fixtures, 'host/ip-timestamp-monitor-link.txt'), 'utf8');

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function prng(s: number) {
	let a = s >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

type Random = ReturnType<typeof prng>;
const pick = <T>(r: Random, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

const hostileNames = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '..', '../../etc', 'a/b', 'e\u001b]0;PWNED\u0007', 'x\u0085y', '-rle.', 'eth\u0000', 'é\u202eth'];
const hostileNumbers = ['9'.repeat(400), '-1', '-1000', '4294967296', '18446744073709551616', '1e309', 'NaN', 'Infinity', '-0', '0x10', '2147483648', ''];

/** One mutation of `text`. Heavy ones (1 MiB lines, 1,000 slaves) are rare, to keep the run short. */
function mutate(r: Random, text: string): string {
	const lines = text.split('\n');
	const roll = r();
	switch (Math.floor(r() * 13)) {
		case 0:
			return text.slice(0, Math.floor(r() * text.length));
		case 1: {
			const at = Math.floor(r() * lines.length);
			const count = 1 + Math.floor(r() * 5);
			lines.splice(at, 0, ...Array.from({length: count}, () => lines[at] ?? ''));
			return lines.join('\n');
		}
		case 2: {
			for (let i = lines.length - 1; i > 0; i--) {
				const j = Math.floor(r() * (i + 1));
				[lines[i], lines[j]] = [lines[j]!, lines[i]!];
			}
			return lines.join('\n');
		}
		case 3: {
			// Flipped bytes: decoding them gives U+FFFD and odd characters, as a damaged file would.
			const bytes = Buffer.from(text, 'utf8');
			for (let n = 1 + Math.floor(r() * 8); n > 0 && bytes.length > 0; n--) bytes[Math.floor(r() * bytes.length)]! ^= 1 << Math.floor(r() * 8);
			return bytes.toString('utf8');
		}
		case 4:
			return text.replace(/\d+/g, (m) => (r() < 0.3 ? pick(r, hostileNumbers) : m));
		case 5:
			if (roll < 0.08) {
				const at = Math.floor(r() * lines.length);
				lines.splice(at, 0, pick(r, ['Transmit Hash Policy: ', 'Bonding Mode: ', 'Ethernet Channel Bonding Driver: v', 'Slave Interface: ', '', 'MII Polling Interval (ms): ']) + pick(r, [' ', '(', 'a:', '9', ', ']).repeat(1 << 19));
				return lines.join('\n');
			}
			return text.replace(/\n/g, (m) => (r() < 0.1 ? '\u0000' : m));
		case 6:
			return text.replace(/\n/g, '\r\n');
		case 7:
			return text.replace(/^(Slave Interface: |\s*)(\S+)/gm, (m, a: string) => (r() < 0.4 ? a + pick(r, hostileNames) : m));
		case 8: {
			if (roll > 0.05 || text.length > 64 * 1024) return text.replace(/Slave Interface: \S+/, `Slave Interface: ${pick(r, hostileNames)}`);
			const block = text.slice(text.indexOf('Slave Interface:'));
			if (block.length === 0) return text;
			return text + Array.from({length: 1000}, (_, i) => block.replace(/Slave Interface: \S+/, `Slave Interface: s${i}`)).join('\n');
		}
		case 9:
			return lines.map((l) => (r() < 0.2 ? l + pick(r, ['\u001b[2J', '\u0007', '\u009b31m', '\u001b]52;c;aGk=\u0007', '\ud800']) : l)).join('\n');
		case 10:
			return lines.filter(() => r() > 0.3).join('\n');
		case 11: {
			const bytes = Buffer.from(text, 'utf8');
			const at = Math.floor(r() * (bytes.length + 1));
			return Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82]), bytes.subarray(at)]).toString('utf8');
		}
		default:
			return text.replace(/: /g, (m) => (r() < 0.1 ? ':' : r() < 0.1 ? ':  :  ' : m));
	}
}

/** Largest input: a --root file is read up to 4 MiB (host-fs.ts); 2 MiB keeps the run short. */
const maxInputChars = 2 * 1024 * 1024;

function mutateMany(r: Random, text: string): string {
	let out = text;
	for (let n = 1 + Math.floor(r() * 3); n > 0; n--) out = mutate(r, out).slice(0, maxInputChars);
	return out;
}

/** The text being parsed, for BONDTOP_FUZZ_SAVE. */
let currentInput = '';

function timed<T>(run: () => T, stats: {maxMs: number; parses: number}, bound = parseBoundMs, what = ''): T {
	// CPU time, not wall time: eight developers share two cores, and what is bounded is the work.
	const {value, ms} = cpuMs(run);
	stats.maxMs = Math.max(stats.maxMs, ms);
	stats.parses++;
	// BONDTOP_FUZZ_SAVE=FILE keeps the input of a slow parse, to reproduce it.
	if (ms >= bound && process.env.BONDTOP_FUZZ_SAVE) writeFileSync(process.env.BONDTOP_FUZZ_SAVE, currentInput);
	assert.ok(ms < bound, `${what} took ${ms.toFixed(0)} ms`);
	return value;
}

/** Every number in the JSON is finite and not negative. */
function assertSaneNumbers(value: unknown, path = '$'): void {
	if (typeof value === 'number') assert.ok(Number.isFinite(value) && value >= 0, `${path} = ${value}`);
	else if (Array.isArray(value)) value.forEach((v, i) => assertSaneNumbers(v, `${path}[${i}]`));
	else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) assertSaneNumbers(v, `${path}.${k}`);
}

const rawControl = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

function checkOutputs(snapshot: Snapshot): void {
	const json = safeJsonStringify(toJsonSnapshot(snapshot, interfaceRates(null, snapshot)), 2);
	assert.doesNotMatch(json, /[\u007f-\u009f]/, 'JSON escapes DEL and C1');
	const parsed = JSON.parse(json);
	assertSchema1(parsed);
	assertSaneNumbers(parsed.bonds);
	assertSaneNumbers(parsed.interfaces);
	const plain = renderPlain(snapshot);
	assert.doesNotMatch(plain, rawControl, 'plain text holds no raw control character');
}

const scratch = mkdtempSync(join(tmpdir(), 'bondtop-fuzz-'));
after(() => rmSync(scratch, {recursive: true, force: true}));

test(`fuzz: ${inputs} mutated kernel samples through the parsers, the collector and the renderers (seed ${seed})`, {timeout: Math.max(600_000, inputs * 100)}, (t) => {
	const r = prng(seed);
	const protoBefore = Reflect.ownKeys(Object.prototype).map(String).sort();
	const stats = {maxMs: 0, parses: 0};
	const collectStats = {maxMs: 0, parses: 0};
	// A --root tree copied once from a real capture; each collector run rewrites its proc files and a
	// few sysfs values.
	const tree = join(scratch, 'tree');
	cpSync(join(fixtures, 'kernel', 'active-backup'), tree, {recursive: true, verbatimSymlinks: true});
	const sysNet = join(tree, 'sys/class/net');
	const started = performance.now();
	let collected = 0;
	for (let n = 0; n < inputs; n++) {
		const bonding = mutateMany(r, pick(r, bondingSamples));
		const netDev = r() < 0.5 ? mutateMany(r, pick(r, netDevSamples)) : pick(r, netDevSamples);
		currentInput = bonding;
		const parsed = timed(() => parseBondingStatus(pick(r, ['bond0', '__proto__', 'b\u001b[31m']), bonding), stats, parseBoundMs, `input ${n}: bonding`);
		assert.ok(parsed.bond.mode === null || typeof parsed.bond.mode === 'string');
		if (parsed.notBondingStatus !== null) assert.equal(parsed.bond.mode, null);
		currentInput = netDev;
		const dev = timed(() => parseNetDev(netDev), stats, parseBoundMs, `input ${n}: net/dev`);
		if (n % 10 === 0) {
			const monitor = new MonitorParser();
			timed(() => mutateMany(r, monitorSample).split('\n').forEach((line) => monitor.push(line)), stats, parseBoundMs, `input ${n}: ip monitor`);
		}
		const snapshot: Snapshot = {
			hostname: pick(r, ['pi', 'h\u0085ost', '__proto__']),
			takenAtMs: 1_800_000_000_000,
			bonds: [parsed.bond],
			interfaces: dev.interfaces.map((c) => ({name: c.name, flags: ['UP'], mtu: 1500, macAddress: null, master: null, driver: null, ipv4: [], ipv6: [], rx: c.rx, tx: c.tx, txQueueLen: null})),
			warnings: parsed.unparsed.map((u) => ({source: '/proc/net/bonding/bond0', message: u.text})),
			simulated: false,
			limitedByPrivilege: parsed.hiddenWithoutRoot,
		};
		checkOutputs(snapshot);

		// One in ten through the real collector on the --root tree.
		if (n % 10 === 0) {
			rmSync(join(tree, 'proc/net/bonding'), {recursive: true, force: true});
			mkdirSync(join(tree, 'proc/net/bonding'));
			writeFileSync(join(tree, 'proc/net/bonding', pick(r, ['bond0', 'bond0', '__proto__', 'constructor', 'e\u001b]0;x\u0007'])), bonding);
			writeFileSync(join(tree, 'proc/net/dev'), netDev);
			for (const name of ['eth0', 'eth1', 'bond0']) {
				for (const file of ['speed', 'mtu', 'flags', 'operstate', 'carrier']) {
					if (r() < 0.2 && existsSync(join(sysNet, name, file))) writeFileSync(join(sysNet, name, file), mutateMany(r, readFileSync(join(fixtures, 'kernel/active-backup/sys/class/net', name, file), 'utf8')));
				}
			}
			const snap = timed(() => new SnapshotCollector({fs: createHostFs(tree)}).collect(1_800_000_000_000), collectStats, collectBoundMs, `input ${n}: collect`);
			checkOutputs(snap);
			collected++;
		}
	}
	const totalMs = performance.now() - started;
	assert.deepEqual(Reflect.ownKeys(Object.prototype).map(String).sort(), protoBefore, 'nothing landed on Object.prototype');
	assert.equal(({} as Record<string, unknown>)['Actor Churn State'], undefined);
	t.diagnostic(
		`fuzz: ${inputs} inputs (seed ${seed}), ${stats.parses} parses, ${collected} collector samples in ${(totalMs / 1000).toFixed(1)} s; ` +
			`slowest parse ${stats.maxMs.toFixed(1)} ms CPU, slowest collector sample ${collectStats.maxMs.toFixed(1)} ms CPU`,
	);
});
