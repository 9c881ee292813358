/**
 * The man page's prose, as data: what `--help` has no room for (description, JSON output, files,
 * safety, examples). The flags, subcommands, keys, exit codes and environment come from
 * `usage.ts` and `ui/keys.ts`; `man-page.ts` turns both into roff. Plain text here: no roff, no
 * markdown; `code` spans in backticks are set in bold.
 */

/** One paragraph, or a list of them. */
export type Prose = readonly string[];

/** A field of the `--json` output (schema 1). `path` as in `bonds[].slaves[].name`. */
export type JsonField = {
	path: string;
	meaning: string;
	/** An extension: present only where known (a test checks the others are in `--demo --json`). */
	extension?: boolean;
};

export const manualName = 'live terminal UI for Linux network bonding';

export const manualDescription: Prose = [
	"bondtop shows what the kernel's bonding driver is doing: a header per bond (mode, MII status, miimon, up and down delay, primary, the active slave, ARP monitoring, 802.3ad partner), an ifconfig-like panel per interface with RX and TX sparklines, the active slave highlighted, and an event log of failovers with millisecond timestamps.",
	'Keys take a slave down (`ip link set SLAVE down`), like pulling its cable, bring it back, make a slave the active one, and run a timed failover drill. Links bondtop took down are brought back up when it quits, and on SIGTERM and SIGHUP.',
	'It reads /proc/net/bonding, /proc/net/dev and /sys/class/net; on the live host it also follows the kernel\'s link notifications (`ip -timestamp monitor link`). With `--root` it reads the same files under another directory, such as an unpacked sosreport, and changes nothing. When standard output is not a terminal, bondtop prints one plain-text snapshot (`--once`).',
];

export const manualJson: Prose = [
	'`bondtop --json` prints one JSON object, schema 1. Field names are a contract: they are only ever added to, never renamed or removed. Strings from the kernel are escaped JSON strings. Rates are null in a single snapshot.',
];

export const jsonFields: readonly JsonField[] = [
	{path: 'schema', meaning: 'always 1'},
	{path: 'hostname', meaning: 'the host the snapshot is of'},
	{path: 'takenAt', meaning: 'when, as an ISO 8601 UTC time'},
	{path: 'bonds[].name', meaning: 'the bond interface'},
	{path: 'bonds[].mode', meaning: 'balance-rr, active-backup, balance-xor, broadcast, 802.3ad, balance-tlb or balance-alb'},
	{path: 'bonds[].activeSlave', meaning: 'the active slave, or null'},
	{path: 'bonds[].primary', meaning: 'the primary slave, or null'},
	{path: 'bonds[].primaryReselect', meaning: 'always, better or failure'},
	{path: 'bonds[].failOverMac', meaning: 'none, active or follow'},
	{path: 'bonds[].miiStatus', meaning: "the bond's MII status"},
	{path: 'bonds[].miimonMs', meaning: 'MII polling interval; updelayMs and downdelayMs beside it'},
	{path: 'bonds[].arpIntervalMs', meaning: 'ARP monitoring interval (0: off), with arpIpTargets'},
	{path: 'bonds[].xmitHashPolicy', meaning: 'transmit hash policy where the mode has one, else null'},
	{path: 'bonds[].lacp', meaning: 'null outside 802.3ad, else rate, aggregatorId, numberOfPorts, actorKey, partnerKey, partnerMac (null where the kernel hides them from non-root readers)'},
	{path: 'bonds[].slaves[].name', meaning: 'the slave interface'},
	{path: 'bonds[].slaves[].state', meaning: 'active, backup or null'},
	{path: 'bonds[].slaves[].miiStatus', meaning: 'up, down, going down or going back; null when the kernel printed no MII Status line'},
	{path: 'bonds[].slaves[].linkFailureCount', meaning: "the driver's link failure count"},
	{path: 'bonds[].slaves[].permHwAddr', meaning: 'permanent MAC address'},
	{path: 'bonds[].slaves[].speedMbps', meaning: 'speed, with duplex beside it'},
	{path: 'bonds[].slaves[].aggregatorId', meaning: '802.3ad aggregator, else null'},
	{path: 'interfaces[].name', meaning: 'every interface, bonded or not'},
	{path: 'interfaces[].flags', meaning: 'UP, BROADCAST, RUNNING, MASTER, SLAVE, MULTICAST as ifconfig shows them'},
	{path: 'interfaces[].mtu', meaning: 'MTU; txQueueLen, macAddress, master and driver beside it'},
	{path: 'interfaces[].ipv4', meaning: 'address, prefixLength, broadcast'},
	{path: 'interfaces[].ipv6', meaning: 'address, prefixLength, scope'},
	{path: 'interfaces[].rx', meaning: 'bytes, packets, errors, dropped, overruns, frame'},
	{path: 'interfaces[].tx', meaning: 'bytes, packets, errors, dropped, overruns, carrier, collisions'},
	{path: 'interfaces[].rxBytesPerSecond', meaning: 'null in --json (one sample gives no rate); txBytesPerSecond likewise'},
	{path: 'simulated', meaning: 'true under --demo', extension: true},
	{path: 'warnings', meaning: 'lines that could not be read or understood', extension: true},
	{path: 'interfaces[].operState', meaning: 'operstate from sysfs; speedMbps, duplex, carrier likewise', extension: true},
	{path: 'bonds[].slaves[].actorPortState', meaning: '802.3ad: decoded LACP port state bits; partnerPortState, partnerMac and partnerKey likewise', extension: true},
	{path: 'bonds[].verdict', meaning: 'status (OK, WARNING, CRITICAL or UNKNOWN) and a one-line reason', extension: true},
	{path: 'bonds[].findings', meaning: 'id, severity (info, warning, critical), bond, subject, message, reference', extension: true},
	{path: 'bonds[].config', meaning: 'null when no configuration names the bond, else sources, settings (name, configured, running, source, drift), drift, notes', extension: true},
	{path: 'configuredNotRunning', meaning: 'bonds configured but not running: name, kind, source, reasons', extension: true},
	{path: 'configSources', meaning: 'configuration files read, unreadable (path, reason), notes', extension: true},
];

/** Files bondtop reads or writes. */
export const manualFiles: ReadonlyArray<{path: string; meaning: string}> = [
	{path: '/proc/net/bonding/*', meaning: "the bonding driver's status of each bond"},
	{path: '/proc/net/dev', meaning: 'interface counters'},
	{path: '/sys/class/net/*', meaning: 'flags, operstate, MTU, addresses, driver, bonding and bonding_slave attributes'},
	{path: '$XDG_CACHE_HOME/bondtop/, ~/.cache/bondtop/', meaning: 'the opt-in start-up code cache (BONDTOP_CODE_CACHE=1): about 1 MB per bondtop and Node.js version, the newest four kept; deleting it is always safe'},
];

export const manualSafety: Prose = [
	'Reading is safe for anyone. Changing links (the d, u, a and p keys, `bondtop drill`, `bondtop lab`) needs CAP_NET_ADMIN: when bondtop is not root it tries `sudo -n`, which never prompts, and otherwise says why nothing changed. Interface names go to ip(8) as arguments, never through a shell. Names and text from the kernel or from files are shown with control characters escaped.',
	'Taking down the last working slave of a bond, or the bond itself, asks for a second, explicit confirmation that names what will happen. The lockout guard finds the interface carrying your SSH session (SSH_CONNECTION) and refuses to take down its bond or last working slave without that confirmation (y in the TUI, `--force` on the command line).',
	'Before bondtop takes a link down (d, or a drill), one watchdog process outside bondtop (a small sh script, with the privilege ip uses) covers it: if bondtop dies for any reason, kill -9 included, the watchdog brings the link back up and ends the ip monitor child; a drill also keeps its time limit. A link bondtop brings back itself (u, quit, a signal) is disarmed, so nothing brings it up later. With `--root` or `--read-only` nothing is changed: d, u, a and p are not bound.',
];

export const manualExamples: ReadonlyArray<{command: string; meaning: string}> = [
	{command: 'bondtop', meaning: 'Watch every bond on this host (and the other interfaces, collapsed).'},
	{command: 'bondtop bond0', meaning: 'Only bond0 and its slaves.'},
	{command: 'bondtop --demo', meaning: 'A simulated active-backup bond: press d on the active slave to see a failover.'},
	{command: 'bondtop --json | jq \'.bonds[] | {name, activeSlave}\'', meaning: 'The active slave of each bond, for a script.'},
	{command: 'bondtop --root /tmp/sosreport-host --once', meaning: 'What the bonds looked like when a sosreport was taken.'},
	{command: 'bondtop check bond0', meaning: 'A monitoring plugin: one status line with performance data, one line per finding, exit 0 to 3.'},
	{command: 'bondtop watch --json --interval 5000', meaning: 'One JSON line every 5 seconds, with rates and the events since the line before.'},
	{command: 'bondtop export --textfile /var/lib/prometheus/node-exporter', meaning: "Bond metrics for node_exporter's textfile collector (systemd units and alert rules are in /usr/share/doc/bondtop/examples/)."},
	{command: 'sudo bondtop drill eth0 --for 5 --json', meaning: 'Take eth0 down for 5 seconds, time the failover and the outage, bring it back.'},
	{command: 'sudo bondtop lab --mode 802.3ad --slaves 3', meaning: 'Try an 802.3ad bond with a real LACP partner in network namespaces.'},
];

export const manualSeeAlso: readonly string[] = ['ip(8)', 'ip-link(8)', 'ping(8)', 'systemd-run(1)', 'prometheus-node-exporter(1)'];

export const manualSeeAlsoText: Prose = [
	"The kernel's bonding documentation: Documentation/networking/bonding.rst in the Linux source tree, https://www.kernel.org/doc/html/latest/networking/bonding.html.",
];
