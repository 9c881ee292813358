import {test} from 'node:test';
import assert from 'node:assert/strict';
import {demoFlows, ipv4Le32, portsLe32, reverseFlow, xmitHash, type Flow} from '../../source/demo/hash.js';
import {SimulatedHost} from '../../source/demo/simulated-host.js';
import {bond, iface, start} from './helpers.js';

// A flow from the origin's bond0 through its gateway to an HTTPS server.
const toServer: Flow = {
	srcMac: 'b8:27:eb:ef:ea:34',
	dstMac: 'c8:0e:14:5a:3b:01',
	etherType: 0x0800,
	srcIp: '192.168.176.20',
	dstIp: '93.184.216.34',
	srcPort: 50_412,
	dstPort: 443,
};

test('raw loads are little-endian, as on the Pi (ARM) and x86', () => {
	// 192.168.176.20 = c0 a8 b0 14 in memory -> 0x14b0a8c0.
	assert.equal(ipv4Le32('192.168.176.20'), 0x14_b0_a8_c0);
	assert.equal(ipv4Le32('93.184.216.34'), 0x22_d8_b8_5d);
	// Ports 50412 (0xc4ec) and 443 (0x01bb) = c4 ec 01 bb in memory -> 0xbb01ecc4.
	assert.equal(portsLe32(50_412, 443), 0xbb_01_ec_c4);
});

test('layer2: dst MAC[5] ^ src MAC[5] ^ EtherType, worked by hand', () => {
	// 0x01 ^ 0x34 ^ 0x0800 = 0x0835.
	assert.equal(xmitHash('layer2', toServer), 0x08_35);
	// Every flow to the gateway hashes the same, whatever the addresses and ports.
	assert.equal(xmitHash('layer2', {...toServer, dstIp: '151.101.1.69', srcPort: 50_414}), 0x08_35);
	assert.equal(0x08_35 % 4, 1, 'so with four slaves all of it leaves on the second slave');
});

test('layer2+3: the layer2 hash, then ^ src IP ^ dst IP, ^ >> 16, ^ >> 8, worked by hand', () => {
	// 0x14b0a8c0 ^ 0x22d8b85d = 0x3668109d; ^ 0x0835 = 0x366818a8;
	// ^ (>> 16 = 0x3668) = 0x36682ec0; ^ (>> 8 = 0x0036682e) = 0x365e46ee.
	assert.equal(xmitHash('layer2+3', toServer), 0x36_5e_46_ee);
	assert.equal(0x36_5e_46_ee % 4, 2);
});

test('layer3+4: the ports word, then ^ src IP ^ dst IP, ^ >> 16, ^ >> 8, >> 1, worked by hand', () => {
	// 0xbb01ecc4 ^ 0x3668109d = 0x8d69fc59; ^ 0x8d69 = 0x8d697130; ^ 0x008d6971 = 0x8de41841; >> 1 = 0x46f20c20.
	assert.equal(xmitHash('layer3+4', toServer), 0x46_f2_0c_20);
	// Source port 50414 = 0xc4ee -> word 0xbb01eec4; ^ IPs = 0x8d69fe59; ^ 0x8d69 = 0x8d697330;
	// ^ 0x008d6973 = 0x8de41a43; >> 1 = 0x46f20d21.
	assert.equal(xmitHash('layer3+4', {...toServer, srcPort: 50_414}), 0x46_f2_0d_21);
	// The reverse flow swaps the ports in the word, so the partner may place it elsewhere.
	assert.notEqual(xmitHash('layer3+4', reverseFlow(toServer)), xmitHash('layer3+4', toServer));
	assert.equal(xmitHash('layer2', reverseFlow(toServer)), xmitHash('layer2', toServer), 'layer2 is symmetric');
});

test('the demo flows: shares add up to 1; most go through the gateway', () => {
	const flows = demoFlows('b8:27:eb:ef:ea:34', '192.168.176.20');
	assert.ok(Math.abs(flows.reduce((sum, f) => sum + f.share, 0) - 1) < 1e-9);
	const viaGateway = flows.filter(f => f.dstMac === 'c8:0e:14:5a:3b:01');
	assert.ok(viaGateway.reduce((sum, f) => sum + f.share, 0) >= 0.6);
	// Under layer2 all of them hash alike; under layer3+4 they spread over four slaves.
	assert.equal(new Set(viaGateway.map(f => xmitHash('layer2', f) % 4)).size, 1);
	assert.ok(new Set(viaGateway.map(f => xmitHash('layer3+4', f) % 4)).size >= 2);
});

/** Bytes each slave of a bond sent between two snapshots. */
function txPerSlave(host: SimulatedHost, bondName: string, from: number, to: number): Map<string, number> {
	const a = host.snapshot(from);
	const b = host.snapshot(to);
	return new Map(bond(b, bondName).slaves.map(x => [x.name, iface(b, x.name).tx.bytes - iface(a, x.name).tx.bytes]));
}

test('four 802.3ad slaves with layer2: the gateway\'s traffic all on one slave, not a quarter each', () => {
	const host = new SimulatedHost({bonds: 2, slavesPerBond: 4, scenario: 'steady'}, start);
	assert.equal(bond(host.snapshot(start), 'bond1').xmitHashPolicy, 'layer2');
	const sent = txPerSlave(host, 'bond1', start + 1000, start + 61_000);
	const total = [...sent.values()].reduce((a, b) => a + b, 0);
	const shares = [...sent.values()].map(v => v / total).sort((a, b) => b - a);
	// 65 % of the flows go to the gateway; the NAS and the PC add theirs wherever they hash.
	assert.ok(shares[0]! >= 0.64, `the busiest slave sends ${(shares[0]! * 100).toFixed(1)} %`);
	assert.ok(shares.filter(s => s === 0).length >= 1, 'at least one slave sends nothing');

	const l34 = new SimulatedHost({bonds: 2, slavesPerBond: 4, scenario: 'steady', xmitHashPolicy: 'layer3+4'}, start);
	const spread = txPerSlave(l34, 'bond1', start + 1000, start + 61_000);
	const spreadTotal = [...spread.values()].reduce((a, b) => a + b, 0);
	const spreadMax = Math.max(...spread.values()) / spreadTotal;
	assert.ok(spreadMax < shares[0]!, `layer3+4 spreads it: busiest ${(spreadMax * 100).toFixed(1)} %`);
});

test('a hashed flow moves when its slave goes: the remaining slaves take it (hash % fewer slaves)', () => {
	const host = new SimulatedHost({bonds: 2, slavesPerBond: 4, scenario: 'steady'}, start);
	const before = txPerSlave(host, 'bond1', start + 1000, start + 11_000);
	const busiest = [...before.entries()].sort((a, b) => b[1] - a[1])[0]![0];
	host.setLinkDown(busiest, start + 11_000);
	const after = txPerSlave(host, 'bond1', start + 12_000, start + 22_000);
	assert.equal(after.get(busiest), 0);
	const total = [...after.values()].reduce((a, b) => a + b, 0);
	assert.ok(total > 0, 'the traffic still leaves');
	assert.equal(bond(host.snapshot(start + 22_000), 'bond1').slaves.filter(x => x.state === 'active').length, 3);
});
