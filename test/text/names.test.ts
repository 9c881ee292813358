import assert from 'node:assert/strict';
import {test} from 'node:test';
import {interfaceNameProblem} from '../../source/text/names.js';

test('interfaceNameProblem: kernel-valid names pass, including control bytes and a leading -', () => {
	for (const name of ['eth0', 'bond0', 'enx00e04c680001', '-a', 'eth\u001b]0;x', '__proto__', 'wlan0.1']) assert.equal(interfaceNameProblem(name), null, name);
});

test('interfaceNameProblem: names the kernel refuses or that cannot be used safely are refused with a reason', () => {
	const cases: Array<[string, RegExp]> = [
		['', /empty/],
		['.', /is \./],
		['..', /is \.\./],
		['../etc', /\//],
		['a:b', /:/],
		['a\u0000b', /NUL/],
		['a b', /white space/],
		['a\tb', /white space/],
		['a\ufffdb', /UTF-8/],
		['a'.repeat(16), /15 bytes/],
		['ä'.repeat(8), /15 bytes/],
	];
	for (const [name, reason] of cases) assert.match(interfaceNameProblem(name) ?? 'null', reason, JSON.stringify(name));
});
