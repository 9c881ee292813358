/**
 * The configuration of the `--demo` host: the origin story's `/etc/network/interfaces` (bond0,
 * active-backup, miimon 100, up/down delay 200, `bond-slaves all`, `bond-master bond0` in eth0's and
 * eth1's stanzas), which is what the simulated bond0 runs, on a host with ifupdown and ifenslave.
 * Simulated like everything under --demo: no file is read.
 */
import {bondsFromInterfaces, parseInterfacesFile} from '../config/interfaces.js';
import type {HostConfig} from '../config/types.js';

const originInterfaces = `auto lo
iface lo inet loopback

auto eth0
iface eth0 inet manual
bond-master bond0

auto eth1
iface eth1 inet manual
bond-master bond0

auto bond0
iface bond0 inet static
address 192.168.176.20
netmask 255.255.255.0
network 192.168.176.0
broadcast 192.168.176.255
gateway 192.168.176.1
bond-mode active-backup
bond-miimon 100
bond-slaves all
bond-updelay 200
bond-downdelay 200
`;

export function demoHostConfig(): HostConfig {
	const parsed = bondsFromInterfaces([parseInterfacesFile('/etc/network/interfaces', originInterfaces)]);
	return {
		bonds: parsed.bonds,
		module: {settings: {}, maxBonds: null, blocked: null, notes: []},
		bondingAtBoot: {path: '/etc/modules', line: 1},
		bondingModuleLoaded: true,
		tools: {ifupdown: true, ifupdownFlavour: 'ifupdown', ifenslave: true, networkd: false, netplan: false, networkManager: false, nmcli: false},
		filesRead: ['/etc/network/interfaces (simulated)'],
		unreadable: [],
		notes: parsed.notes,
		hasEtc: true,
	};
}
