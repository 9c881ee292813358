/** Lookups in demo snapshots that fail the test with a clear message when a name is missing. */
import assert from 'node:assert/strict';
import type {Bond, BondSlave, NetInterface, Snapshot} from '../../source/model/types.js';

export const start = 1_700_000_000_000;

export function bond(snapshot: Snapshot, name = 'bond0'): Bond {
	const found = snapshot.bonds.find(candidate => candidate.name === name);
	assert.ok(found, `no bond ${name}`);
	return found;
}

export function slave(snapshot: Snapshot, name: string, bondName = 'bond0'): BondSlave {
	const found = bond(snapshot, bondName).slaves.find(candidate => candidate.name === name);
	assert.ok(found, `no slave ${name}`);
	return found;
}

export function iface(snapshot: Snapshot, name: string): NetInterface {
	const found = snapshot.interfaces.find(candidate => candidate.name === name);
	assert.ok(found, `no interface ${name}`);
	return found;
}
