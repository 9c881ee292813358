import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';
import {parseNetDev} from '../../source/kernel/net-dev.js';
import {decodeInterfaceFlags, enumName, intValue, ipv4Broadcast, listValue, prefixLengthOfMask, textValue} from '../../source/kernel/sysfs-values.js';

test('parseNetDev reads a real /proc/net/dev (x86 VM)', () => {
	const {interfaces, unparsed} = parseNetDev(readFileSync(new URL('../fixtures/host/proc-net-dev-x86-vm.txt', import.meta.url), 'utf8'));
	assert.deepEqual(unparsed, []);
	assert.deepEqual(interfaces.map((i) => i.name), ['lo', 'ifb0', 'ifb1', 'eth0']);
	const eth0 = interfaces[3]!;
	assert.equal(eth0.rx.bytes, 306572988);
	assert.equal(eth0.rx.packets, 7863);
	assert.equal(eth0.tx.bytes, 408051);
	assert.equal(eth0.tx.packets, 4475);
});

test('parseNetDev reads the bonding lab kernel, and maps every column', () => {
	const text = readFileSync(new URL('../fixtures/kernel/active-backup/proc/net/dev', import.meta.url), 'utf8');
	const {interfaces} = parseNetDev(text);
	assert.ok(interfaces.some((i) => i.name === 'bond0'));
	const line = ' eth9: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16';
	const [eth9] = parseNetDev(line).interfaces;
	assert.deepEqual(eth9!.rx, {bytes: 1, packets: 2, errors: 3, dropped: 4, overruns: 5, frame: 6});
	assert.deepEqual(eth9!.tx, {bytes: 9, packets: 10, errors: 11, dropped: 12, overruns: 13, collisions: 14, carrier: 15});
});

test('parseNetDev reports broken lines instead of throwing', () => {
	const {interfaces, unparsed} = parseNetDev('eth0: 1 2 3\nnonsense\nlo: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n');
	assert.deepEqual(interfaces.map((i) => i.name), ['lo']);
	assert.equal(unparsed.length, 2);
});

test('interface flags decode like ifconfig, RUNNING from operstate', () => {
	assert.deepEqual(decodeInterfaceFlags('0x1403', 'up'), ['UP', 'BROADCAST', 'RUNNING', 'MASTER', 'MULTICAST']);
	assert.deepEqual(decodeInterfaceFlags('0x1803', 'down'), ['UP', 'BROADCAST', 'SLAVE', 'MULTICAST']);
	assert.deepEqual(decodeInterfaceFlags('0x9', 'unknown'), ['UP', 'LOOPBACK', 'RUNNING']);
	assert.deepEqual(decodeInterfaceFlags('0x1802', 'up'), ['BROADCAST', 'SLAVE', 'MULTICAST'], 'admin down is never RUNNING');
	assert.deepEqual(decodeInterfaceFlags('junk', 'up'), []);
});

const table: Array<[string, unknown, unknown]> = [
	['enumName', enumName('active-backup 1\n'), 'active-backup'],
	['enumName empty', enumName(''), null],
	['intValue', intValue('100\n'), 100],
	['intValue unknown speed', intValue('-1'), null],
	['intValue N/A', intValue('N/A'), null],
	['intValue missing', intValue(null), null],
	['textValue empty', textValue('\n'), null],
	['listValue', listValue('eth0 eth1\n'), ['eth0', 'eth1']],
	['prefix 24', prefixLengthOfMask('255.255.255.0'), 24],
	['prefix non-contiguous', prefixLengthOfMask('255.0.255.0'), null],
	['broadcast', ipv4Broadcast('192.168.1.50', 24), '192.168.1.255'],
	['broadcast /31', ipv4Broadcast('10.0.0.0', 31), null],
	['broadcast /8', ipv4Broadcast('10.1.2.3', 8), '10.255.255.255'],
];
for (const [name, actual, expected] of table) test(`sysfs value: ${name}`, () => assert.deepEqual(actual, expected));
