/**
 * A --root tree with names and values made to attack a terminal: OSC 0 (window title) in a bond
 * and a slave name, CSI in a sysfs value, C1 (U+0085, U+009B) in the hostname, BEL in a line the
 * parser does not understand. Used by the CLI and TUI tests of the sanitiser.
 */
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export const hostileBond = 'b\u001b]0;PWNED\u0007';
export const hostileSlave = 'e\u001b[31mX';
export const hostileHost = 'h\u0085\u009b2Jost';

/** Every raw control character a hostile tree holds: none may reach a terminal as is. */
export const rawControl = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

export function hostileTree(): string {
	const root = mkdtempSync(join(tmpdir(), 'bondtop-hostile-'));
	mkdirSync(join(root, 'proc/net/bonding'), {recursive: true});
	mkdirSync(join(root, 'proc/sys/kernel'), {recursive: true});
	writeFileSync(join(root, 'proc/sys/kernel/hostname'), `${hostileHost}\n`);
	writeFileSync(
		join(root, 'proc/net/bonding', hostileBond),
		`Ethernet Channel Bonding Driver: v6.1.0

Bonding Mode: fault-tolerance (active-backup)
Primary Slave: None
Currently Active Slave: ${hostileSlave}
MII Status: up
MII Polling Interval (ms): 100
Up Delay (ms): 0
Down Delay (ms): 0
Bell \u0007 line \u001b]52;c;cHduZWQ=\u0007

Slave Interface: ${hostileSlave}
MII Status: up
Speed: 1000 Mbps
Duplex: full
Link Failure Count: 0
Permanent HW addr: 52:54:00:00:00:01
Slave queue ID: 0
`,
	);
	const dev = (name: string) => `${name}: 100 2 0 0 0 0 0 0 300 4 0 0 0 0 0 0\n`;
	writeFileSync(join(root, 'proc/net/dev'), `Inter-|   Receive\n face |bytes\n${dev(hostileBond)}${dev(hostileSlave)}`);
	for (const name of [hostileBond, hostileSlave]) {
		mkdirSync(join(root, 'sys/class/net', name), {recursive: true});
		writeFileSync(join(root, 'sys/class/net', name, 'flags'), '0x1003\n');
		writeFileSync(join(root, 'sys/class/net', name, 'operstate'), 'up\u001b[2J\n');
		writeFileSync(join(root, 'sys/class/net', name, 'duplex'), 'full\u009b6n\n');
	}
	return root;
}
