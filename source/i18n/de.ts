/**
 * Die deutschen Meldungen. Typed as a record of every English key: a missing or extra key fails
 * `tsc`; the unit test test/i18n/catalogue.test.ts also checks that both have the same
 * `{placeholders}`. The panel uses net-tools' German labels (ifconfig under `LANG=de_DE`, net-tools'
 * po/de.po); what net-tools leaves English (RX packets, errors, dropped) stays English.
 * Bonding terms as in the German kernel documentation and admin usage: Slave, aktiver Slave, Bond.
 */
import type {MessageKey} from './en.js';

export const de: Readonly<Record<MessageKey, string>> = {
	'panel.encapEthernet': 'Link encap:Ethernet',
	'panel.encapLoopback': 'Link encap:Lokale Schleife',
	'panel.hwaddr': 'Hardware Adresse {mac}',
	'panel.inet': 'inet Adresse:{address}',
	'panel.bcast': 'Bcast:{address}',
	'panel.mask': 'Maske:{mask}',
	'panel.inet6': 'inet6-Adresse: {address}/{prefix} Gültigkeitsbereich:{scope}',
	'panel.scopeLink': 'Verbindung',
	'panel.scopeGlobal': 'Global',
	'panel.scopeHost': 'Maschine',
	'panel.scopeSite': 'Standort',
	'panel.mtu': 'MTU:{mtu}  Metrik:1',
	'panel.flagsUnknown': '(Flags unbekannt)',
	'panel.collisions': 'Kollisionen:{collisions} Sendewarteschlangenlänge:{queue}',
	'panel.driver': 'Treiber:{driver}',
	'panel.speed': 'Speed:{speed}',
	'panel.duplex': 'Duplex:{duplex}',
	'panel.state': 'Status:{state}',
	'panel.slaveOf': 'Slave von {bond}',
	'panel.linkFailures': 'Link-Ausfälle:{count}',
	'panel.permHwaddr': 'Perm. Adresse:{mac}',
	'panel.aggregator': 'Aggregator:{id}',
	'panel.lacp': 'LACP Actor {actor}  Partner {partner}',
	'panel.noInterfaceData': '(keine Schnittstellendaten)',
	'panel.adminDown': '(admin down)',
	'word.unknown': 'unbekannt',
	'word.none': 'keine',
	'word.noneState': '(keine)',
	'word.noAddress': 'keine',
};
