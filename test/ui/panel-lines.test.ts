/**
 * A panel's ifconfig-like lines are made once per interface per sample (panelBodyLines), however
 * often the layout asks for heights; a new sample's objects get fresh lines.
 */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {SimulatedHost} from '../../source/demo/simulated-host.js';
import {layoutItems} from '../../source/model/layout.js';
import {interfaceBodyLines} from '../../source/output/format.js';
import {panelBodyLines, panelHeight} from '../../source/ui/components/interface-panel.js';

const start = Date.UTC(2026, 0, 1, 12, 0, 0);

test('the same sample gives the very same lines; every panel height agrees with interfaceBodyLines', () => {
	const host = new SimulatedHost({}, start);
	const first = layoutItems(host.snapshot(start));
	const slave = first.find((i) => i.iface && i.slave)!;
	assert.ok(slave, 'the demo has a slave with interface data');
	const lines = panelBodyLines(slave.iface!, slave.bond, slave.slave);
	assert.equal(panelBodyLines(slave.iface!, slave.bond, slave.slave), lines, 'memoised: the same array');
	assert.deepEqual(lines, interfaceBodyLines(slave.iface!, {bond: slave.bond!, slave: slave.slave!}));
	for (const item of first) {
		if (!item.iface) continue;
		const context = item.bond && item.slave ? {bond: item.bond, slave: item.slave} : null;
		assert.equal(panelHeight(item, 'full'), 1 + interfaceBodyLines(item.iface, context).length + 2, item.name);
		assert.equal(panelHeight(item, 'full', 3), 1 + interfaceBodyLines(item.iface, context).length + 8, item.name);
	}
	// Without the slave context (the same interface asked as a plain one), no slave lines.
	assert.deepEqual(panelBodyLines(slave.iface!, null, null), interfaceBodyLines(slave.iface!, null));
	assert.ok(panelBodyLines(slave.iface!, null, null).length < lines.length);
});

test('a later sample gets its own lines (counters move)', () => {
	const host = new SimulatedHost({}, start);
	const before = layoutItems(host.snapshot(start)).find((i) => i.name === 'bond0')!;
	const after = layoutItems(host.snapshot(start + 5000)).find((i) => i.name === 'bond0')!;
	const a = panelBodyLines(before.iface!, before.bond, before.slave);
	const b = panelBodyLines(after.iface!, after.bond, after.slave);
	assert.notEqual(a, b);
	assert.deepEqual(b, interfaceBodyLines(after.iface!, null));
	assert.notDeepEqual(a, b, 'the RX/TX counters of five seconds later differ');
});
