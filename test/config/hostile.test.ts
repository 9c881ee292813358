// The parsers take a stranger's files (a --root tree): they never throw, and they stay linear on
// input made to be slow.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {bondsFromIfcfg} from '../../source/config/ifcfg.js';
import {bondsFromInterfaces, parseInterfacesFile} from '../../source/config/interfaces.js';
import {parseModprobeFiles} from '../../source/config/modprobe.js';
import {bondsFromNetplan} from '../../source/config/netplan.js';
import {bondsFromNetworkd} from '../../source/config/networkd.js';
import {bondFromNmcli, bondsFromKeyfiles} from '../../source/config/networkmanager.js';
import {cpuMs} from '../helpers/cpu-time.js';

const alphabet = ['\n', ' ', '\t', ':', '-', '[', ']', '{', '}', ',', '"', "'", '#', '=', '\\', 'bond0', 'bond-slaves', 'bond-master', 'iface', 'auto', 'source', 'network:', 'bonds:', 'parameters:', 'mode', '[Bond]', '[NetDev]', 'Kind=bond', 'Name=', 'MIIMonitorSec=', 'BONDING_OPTS=', 'MASTER=', 'options bonding', 'miimon=', '100', 'all', '\u0000', '\u001b', '\u202e', '\ud800', '__proto__', 'constructor'];

/** A deterministic pseudo-random generator, so a failure can be replayed. */
function random(seed: number) {
	let s = seed >>> 0;
	return () => {
		s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
		return s / 2 ** 32;
	};
}

function parseAll(text: string) {
	bondsFromInterfaces([parseInterfacesFile('/f', text)], 'ifupdown');
	bondsFromInterfaces([parseInterfacesFile('/f', text)], 'ifupdown2');
	bondsFromNetworkd([{path: '/a.netdev', text}], [{path: '/b.network', text}]);
	bondsFromNetplan([{path: '/c.yaml', text}]);
	bondsFromKeyfiles([{path: '/d', text}]);
	bondFromNmcli('x', text);
	bondsFromIfcfg([{path: '/ifcfg-bond0', text}]);
	parseModprobeFiles([{path: '/e.conf', text}]);
}

test('3000 random files of the formats\' own tokens: no parser throws', () => {
	const next = random(20261130);
	for (let i = 0; i < 3000; i++) {
		let text = '';
		const n = Math.floor(next() * 60);
		for (let j = 0; j < n; j++) text += alphabet[Math.floor(next() * alphabet.length)];
		assert.doesNotThrow(() => parseAll(text), `seed 20261130, file ${i}: ${JSON.stringify(text)}`);
	}
});

test('a mismatched bracket inside a flow sequence (found by the random test: it looped forever)', () => {
	const {bonds, notes} = bondsFromNetplan([{path: '/n.yaml', text: 'a{]: [=options bonding}source]mode[Bond]100\nb: [x}, y]\n'}]);
	assert.deepEqual(bonds, []);
	assert.ok(notes.some((n) => n.message === '"}" inside "[": ignored'));
});

test('large and pathological inputs stay fast', () => {
	const cases = [
		'iface bond0 inet manual\n' + '  bond-slaves eth0\\\n'.repeat(20_000),
		'a: ' + '['.repeat(50_000),
		'network:\n' + '  '.repeat(2_000) + 'x: 1\n',
		'- '.repeat(50_000),
		'"'.repeat(100_000),
		`[Bond]\nARPIPTargets=${'1.2.3.4 '.repeat(20_000)}\n`,
		`BONDING_OPTS="${'mode=1 '.repeat(20_000)}"\n`,
		`network:\n  bonds:\n${Array.from({length: 5000}, (_, i) => `    bond${i}:\n      interfaces: [eth${i}]\n`).join('')}`,
	];
	// CPU time, not wall-clock (other work on the machine does not count): each case takes well under
	// a second of CPU; the quadratic continuation handling this test once caught took minutes.
	for (const text of cases) {
		const {ms} = cpuMs(() => parseAll(text));
		assert.ok(ms < 5000, `${ms.toFixed(0)} ms of CPU for ${JSON.stringify(text.slice(0, 40))}…`);
	}
});

test('names like __proto__ are plain keys', () => {
	const {bonds} = bondsFromInterfaces([parseInterfacesFile('/f', 'iface __proto__ inet manual\n  bond-slaves constructor\n  bond-mode 1\n')]);
	assert.deepEqual(bonds.map((b) => [b.name, b.settings.mode?.value]), [['__proto__', 'active-backup']]);
	const netplan = bondsFromNetplan([{path: '/n.yaml', text: 'network:\n  bonds:\n    __proto__:\n      parameters: {mode: active-backup}\n'}]);
	assert.deepEqual(netplan.bonds.map((b) => b.name), ['__proto__']);
	assert.equal(({} as Record<string, unknown>).mode, undefined, 'Object.prototype untouched');
});
