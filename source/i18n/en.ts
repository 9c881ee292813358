/**
 * The English messages: the source of truth for every key (de.ts must have the same keys, with
 * the same `{placeholders}`; a unit test and `tsc` check both). Keys are grouped by where they
 * are shown: `panel.*` the ifconfig-like panel (net-tools' own words), `header.*` the bond
 * header, `help.*`, `footer.*`, `finding.*` and so on.
 */
export const en = {
	// The ifconfig-like panel: net-tools' English labels (ifconfig(8) of net-tools 1.60).
	'panel.encapEthernet': 'Link encap:Ethernet',
	'panel.encapLoopback': 'Link encap:Local Loopback',
	'panel.hwaddr': 'HWaddr {mac}',
	'panel.inet': 'inet addr:{address}',
	'panel.bcast': 'Bcast:{address}',
	'panel.mask': 'Mask:{mask}',
	'panel.inet6': 'inet6 addr: {address}/{prefix} Scope:{scope}',
	'panel.scopeLink': 'Link',
	'panel.scopeGlobal': 'Global',
	'panel.scopeHost': 'Host',
	'panel.scopeSite': 'Site',
	'panel.mtu': 'MTU:{mtu}  Metric:1',
	'panel.flagsUnknown': '(flags unknown)',
	'panel.collisions': 'collisions:{collisions} txqueuelen:{queue}',
	'panel.driver': 'Driver:{driver}',
	'panel.speed': 'Speed:{speed}',
	'panel.duplex': 'Duplex:{duplex}',
	'panel.state': 'State:{state}',
	'panel.slaveOf': 'Slave of {bond}',
	'panel.linkFailures': 'Link failures:{count}',
	'panel.permHwaddr': 'Perm HWaddr:{mac}',
	'panel.aggregator': 'Aggregator:{id}',
	'panel.lacp': 'LACP actor {actor}  partner {partner}',
	'panel.noInterfaceData': '(no interface data)',
	'panel.adminDown': '(admin down)',
	// Words for values that are not known or not there.
	'word.unknown': 'unknown',
	'word.none': 'none',
	'word.noneState': '(none)',
	'word.noAddress': 'none',
} as const;

/** A message's name. */
export type MessageKey = keyof typeof en;
