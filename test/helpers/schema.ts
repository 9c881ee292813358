// Schema 1 of `bondtop --json`, as the README documents it: shared by the CLI tests and the fuzz test.
import assert from 'node:assert/strict';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const nullableString = (v: unknown) => v === null || typeof v === 'string';
const nullableNumber = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v) && v >= 0);

/** Checks one JSON snapshot against schema 1 as the README documents it. */
export function assertSchema1(json: unknown) {
	assert.ok(isObject(json));
	assert.equal(json.schema, 1);
	assert.equal(typeof json.hostname, 'string');
	assert.ok(!Number.isNaN(Date.parse(String(json.takenAt))) && String(json.takenAt).endsWith('Z'));
	assert.ok(Array.isArray(json.bonds) && Array.isArray(json.interfaces));
	for (const bond of json.bonds as unknown[]) {
		assert.ok(isObject(bond));
		assert.ok([null, 'balance-rr', 'active-backup', 'balance-xor', 'broadcast', '802.3ad', 'balance-tlb', 'balance-alb'].includes(bond.mode as string), 'mode: a kernel name, or null when the file was not understood');
		for (const key of ['name', 'failOverMac', 'miiStatus']) assert.equal(typeof bond[key], 'string', key);
		for (const key of ['activeSlave', 'primary', 'primaryReselect', 'xmitHashPolicy']) assert.ok(nullableString(bond[key]), key);
		for (const key of ['miimonMs', 'updelayMs', 'downdelayMs', 'arpIntervalMs']) assert.ok(nullableNumber(bond[key]), key);
		assert.ok(Array.isArray(bond.arpIpTargets));
		if (bond.lacp !== null) {
			assert.ok(isObject(bond.lacp));
			assert.deepEqual(Object.keys(bond.lacp).sort(), ['actorKey', 'aggregatorId', 'numberOfPorts', 'partnerKey', 'partnerMac', 'rate']);
		}
		for (const slave of bond.slaves as unknown[]) {
			assert.ok(isObject(slave));
			assert.equal(typeof slave.name, 'string');
			assert.ok([null, 'active', 'backup'].includes(slave.state as string));
			assert.ok(slave.miiStatus === null || ['up', 'down', 'going down', 'going back'].includes(slave.miiStatus as string));
			assert.equal(typeof slave.linkFailureCount, 'number');
			assert.ok(nullableString(slave.permHwAddr) && nullableString(slave.duplex));
			assert.ok(nullableNumber(slave.speedMbps) && nullableNumber(slave.aggregatorId));
		}
	}
	for (const iface of json.interfaces as unknown[]) {
		assert.ok(isObject(iface));
		assert.ok(Array.isArray(iface.flags) && Array.isArray(iface.ipv4) && Array.isArray(iface.ipv6));
		for (const key of ['macAddress', 'master', 'driver']) assert.ok(nullableString(iface[key]), key);
		for (const key of ['mtu', 'txQueueLen', 'rxBytesPerSecond', 'txBytesPerSecond']) assert.ok(nullableNumber(iface[key]), key);
		assert.ok(isObject(iface.rx) && isObject(iface.tx));
		assert.deepEqual(Object.keys(iface.rx).sort(), ['bytes', 'dropped', 'errors', 'frame', 'overruns', 'packets']);
		assert.deepEqual(Object.keys(iface.tx).sort(), ['bytes', 'carrier', 'collisions', 'dropped', 'errors', 'overruns', 'packets']);
		for (const a of iface.ipv4 as Array<Record<string, unknown>>) assert.deepEqual(Object.keys(a).sort(), ['address', 'broadcast', 'prefixLength']);
		for (const a of iface.ipv6 as Array<Record<string, unknown>>) assert.deepEqual(Object.keys(a).sort(), ['address', 'prefixLength', 'scope']);
	}
}

