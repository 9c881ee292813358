import assert from 'node:assert/strict';
import {test} from 'node:test';
import {SimulatedHost} from '../../source/demo/simulated-host.js';
import {decimal, setLanguage, t} from '../../source/i18n/i18n.js';
import type {NetInterface} from '../../source/model/types.js';
import {humanBytes, interfaceLines} from '../../source/output/format.js';
import {rateText, scaleLabel} from '../../source/ui/chart-scale.js';

const start = Date.UTC(2026, 0, 1, 12, 0, 0);

/** Runs `body` in German and switches back, so a failed assertion does not leave the language set. */
function inGerman<T>(body: () => T): T {
	setLanguage('de');
	try {
		return body();
	} finally {
		setLanguage('en');
	}
}

test('numbers: German decimal comma for display, English point by default; whole numbers unchanged', () => {
	assert.equal(decimal(10.75, 1), '10.8');
	assert.equal(humanBytes(11_324_620), '10.8 MiB');
	assert.equal(rateText(187_500, 'bits'), '1.5 Mbit/s');
	assert.equal(scaleLabel(187_500, 'bits'), '1.5Mb');
	inGerman(() => {
		assert.equal(decimal(10.75, 1), '10,8');
		assert.equal(decimal(294), '294');
		assert.equal(decimal(1500), '1500', 'no thousands separator: counters stay as ifconfig prints them');
		assert.equal(humanBytes(11_324_620), '10,8 MiB');
		assert.equal(humanBytes(79), '79 B');
		assert.equal(rateText(187_500, 'bits'), '1,5 Mbit/s');
		assert.equal(rateText(150_000, 'bytes'), '150 kB/s');
		assert.equal(rateText(12_500_000 / 8, 'bits'), '12,5 Mbit/s');
		assert.equal(scaleLabel(187_500, 'bits'), '1,5Mb');
		assert.equal(t('panel.mask', {mask: '255.255.255.0'}), 'Maske:255.255.255.0', 'an address in a placeholder keeps its dots');
	});
});

test("the panel in German uses net-tools' German labels (the origin's ifconfig output), and leaves English what net-tools leaves English", () => {
	const bond0 = new SimulatedHost({}, start).snapshot(start).interfaces.find((i) => i.name === 'bond0')!;
	const lines = inGerman(() => interfaceLines(bond0, null)).map((l) => l.trim());
	const text = lines.join('\n');
	// From /work/shared/origin/ifconfig-de.txt (the umlauts as net-tools' de.po has them).
	assert.match(lines[0]!, /^bond0\s+Link encap:Ethernet {2}Hardware Adresse b8:27:eb:ef:ea:34$/);
	assert.ok(lines.includes('inet Adresse:192.168.176.20  Bcast:192.168.176.255  Maske:255.255.255.0'), text);
	assert.ok(lines.includes('inet6-Adresse: fe80::ba27:ebff:feef:ea34/64 Gültigkeitsbereich:Verbindung'), text);
	assert.match(text, /\/64 Gültigkeitsbereich:Global$/m);
	assert.ok(lines.includes('UP BROADCAST RUNNING MASTER MULTICAST  MTU:1500  Metrik:1'), text);
	assert.match(text, /^RX packets:\d+ errors:0 dropped:\d+ overruns:0 frame:0$/m);
	assert.match(text, /^TX packets:\d+ errors:0 dropped:\d+ overruns:0 carrier:0$/m);
	assert.match(text, /^Kollisionen:0 Sendewarteschlangenlänge:\d+$/m);
	assert.match(text, /^RX bytes:\d+ \(\d+,\d KiB\) {2}TX bytes:\d+ \(\d+,\d KiB\)$/m);
	for (const english of ['HWaddr', 'inet addr', 'Mask:', 'Scope:', 'collisions', 'txqueuelen', 'Metric']) assert.doesNotMatch(text, new RegExp(english), english);
	// The same panel in English is classic ifconfig.
	const english = interfaceLines(bond0, null).map((l) => l.trim());
	assert.ok(english.includes('inet addr:192.168.176.20  Bcast:192.168.176.255  Mask:255.255.255.0'), english.join('\n'));
	assert.ok(english.includes('UP BROADCAST RUNNING MASTER MULTICAST  MTU:1500  Metric:1'), english.join('\n'));
	assert.ok(english.includes('inet6 addr: fe80::ba27:ebff:feef:ea34/64 Scope:Link'), english.join('\n'));
});

test('the loopback in German: Lokale Schleife, Gültigkeitsbereich:Maschine', () => {
	const lo: NetInterface = {
		name: 'lo',
		flags: ['UP', 'LOOPBACK', 'RUNNING'],
		mtu: 65536,
		macAddress: '00:00:00:00:00:00',
		master: null,
		driver: null,
		ipv4: [{address: '127.0.0.1', prefixLength: 8, broadcast: null}],
		ipv6: [{address: '::1', prefixLength: 128, scope: 'host'}],
		rx: {bytes: 79, packets: 1, errors: 0, dropped: 0, overruns: 0, frame: 0},
		tx: {bytes: 79, packets: 1, errors: 0, dropped: 0, overruns: 0, carrier: 0, collisions: 0},
		txQueueLen: 0,
	};
	const lines = inGerman(() => interfaceLines(lo, null)).map((l) => l.trim());
	assert.equal(lines[0], 'lo         Link encap:Lokale Schleife');
	assert.equal(lines[1], 'inet Adresse:127.0.0.1  Maske:255.0.0.0');
	assert.equal(lines[2], 'inet6-Adresse: ::1/128 Gültigkeitsbereich:Maschine');
	assert.equal(lines[3], 'UP LOOPBACK RUNNING  MTU:65536  Metrik:1');
	assert.equal(lines[6], 'Kollisionen:0 Sendewarteschlangenlänge:0');
	assert.equal(lines[7], 'RX bytes:79 (79 B)  TX bytes:79 (79 B)');
	assert.equal(lines[8], 'Treiber:unbekannt  Speed:unbekannt  Duplex:unbekannt');
});
