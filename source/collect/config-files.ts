/**
 * The only code that reads bond configuration: ifupdown's interfaces files (with `source` and
 * `source-directory`), systemd-networkd units, netplan YAML, NetworkManager keyfiles (or nmcli
 * when they are not readable), ifcfg files, modprobe.d and modules-load.d. Everything goes through
 * the root-aware HostFs, so under `--root` it all comes from the tree. Cold path: called at start
 * and on request (the TUI's `c`), never per tick. Give it a HostFs of its own (its refused-read
 * warnings become notes here, not the sampler's warnings). The parsing is done by the pure parsers of
 * source/config/.
 */
import {execFile} from 'node:child_process';
import {globMatch, hasGlob, isRunPartsName} from '../config/glob.js';
import {bondsFromIfcfg} from '../config/ifcfg.js';
import {bondsFromInterfaces, parseInterfacesFile, type InterfacesFile} from '../config/interfaces.js';
import {bondingLoadedAtBoot, parseModprobeFiles} from '../config/modprobe.js';
import {bondsFromNetplan} from '../config/netplan.js';
import {bondsFromNetworkd, type UnitFile} from '../config/networkd.js';
import {bondFromNmcli, bondProfilesFromNmcliList, bondsFromKeyfiles} from '../config/networkmanager.js';
import {shadowByName} from '../config/precedence.js';
import type {BondConfig, ConfigNote, HostConfig, InstalledTools} from '../config/types.js';
import type {HostFs} from './host-fs.js';

/** Runs a command (argv, no shell) and gives its stdout, or null on failure or timeout. */
export type RunCommand = (argv: string[], timeoutMs: number) => Promise<string | null>;

export const runCommand: RunCommand = (argv, timeoutMs) =>
	new Promise((resolve) => {
		execFile(argv[0]!, argv.slice(1), {timeout: timeoutMs, maxBuffer: 256 * 1024, env: {...process.env, LC_ALL: 'C'}}, (error, stdout) => {
			resolve(error ? null : String(stdout));
		});
	});

/** At most this many files per directory, includes in total, and levels of `source`. */
const maxFilesPerDir = 256;
const maxIncludedFiles = 256;
const maxIncludeDepth = 8;

/** Resolves `rel` against the host directory `base` lexically; `..` never climbs above `/`. */
export function hostPath(base: string, rel: string): string {
	const parts: string[] = [];
	for (const part of (rel.startsWith('/') ? rel : `${base}/${rel}`).split('/')) {
		if (part === '' || part === '.') continue;
		if (part === '..') parts.pop();
		else parts.push(part);
	}
	return `/${parts.join('/')}`;
}

const dirname = (path: string) => path.slice(0, path.lastIndexOf('/')) || '/';
const basename = (path: string) => path.slice(path.lastIndexOf('/') + 1);

type Reader = {
	fs: HostFs;
	read(path: string): string | null;
	list(path: string): string[] | null;
	exists(path: string): boolean;
	filesRead: string[];
	unreadable: Array<{path: string; reason: string}>;
	notes: ConfigNote[];
};

function makeReader(fs: HostFs): Reader {
	const rel = (path: string) => path.replace(/^\/+/, '');
	const listings = new Map<string, Set<string>>();
	const reader: Reader = {
		fs,
		filesRead: [],
		unreadable: [],
		notes: [],
		read(path) {
			const text = fs.readText(rel(path));
			if (text !== null) reader.filesRead.push(path);
			return text;
		},
		list(path) {
			const names = fs.listDir(rel(path));
			if (names === null) return null;
			if (names.length > maxFilesPerDir) reader.notes.push({path, line: 0, message: `${names.length} entries: only the first ${maxFilesPerDir} (by name) are read`});
			return [...names].sort().slice(0, maxFilesPerDir);
		},
		exists(path) {
			// One listing per directory per collection (/usr/sbin answers for several tools).
			const dir = rel(dirname(path));
			if (!listings.has(dir)) listings.set(dir, new Set(fs.listDir(dir) ?? []));
			return listings.get(dir)!.has(basename(path));
		},
	};
	return reader;
}

/** Expands a `source` pattern (shell glob, each path segment) to existing host paths, sorted. */
function expandGlob(reader: Reader, pattern: string): string[] {
	let paths = ['/'];
	for (const segment of pattern.split('/').filter((s) => s !== '' && s !== '.')) {
		const next: string[] = [];
		for (const dir of paths) {
			if (segment === '..' || !hasGlob(segment)) {
				next.push(hostPath(dir, segment));
				continue;
			}
			for (const name of reader.list(dir) ?? []) {
				if (name.startsWith('.') && !segment.startsWith('.')) continue;
				if (globMatch(segment, name)) next.push(hostPath(dir, name));
			}
		}
		paths = next.slice(0, maxIncludedFiles);
	}
	return paths.filter((p) => p !== '/');
}

function readInterfaces(reader: Reader): InterfacesFile[] {
	const files: InterfacesFile[] = [];
	const seen = new Set<string>();
	const visit = (path: string, depth: number) => {
		if (seen.has(path) || files.length >= maxIncludedFiles) return;
		seen.add(path);
		const text = reader.read(path);
		if (text === null) return;
		const file = parseInterfacesFile(path, text);
		files.push(file);
		for (const inc of file.includes) {
			if (depth >= maxIncludeDepth) {
				reader.notes.push({path, line: inc.line, message: `includes nested more than ${maxIncludeDepth} deep: not followed`});
				continue;
			}
			const target = hostPath(dirname(path), inc.pattern);
			if (inc.kind === 'source') {
				const matched = hasGlob(inc.pattern) ? expandGlob(reader, target) : [target];
				for (const p of matched) visit(p, depth + 1);
			} else {
				for (const name of reader.list(target) ?? []) if (isRunPartsName(name)) visit(`${target}/${name}`, depth + 1);
			}
		}
	};
	visit('/etc/network/interfaces', 0);
	return files;
}

/** Reads the files chosen by name precedence; masked ones (empty, or a link to /dev/null) are skipped. */
function readShadowed(reader: Reader, dirs: string[], accept: (name: string) => boolean): Array<{path: string; text: string; name: string}> {
	const listings = dirs.map((dir) => ({dir, names: reader.list(dir) ?? []}));
	const out: Array<{path: string; text: string; name: string}> = [];
	for (const chosen of shadowByName(listings, accept)) {
		if (reader.fs.readLink(chosen.path.slice(1)) === '/dev/null') continue;
		const text = reader.read(chosen.path);
		if (text === null) reader.unreadable.push({path: chosen.path, reason: 'not readable'});
		// An empty file masks (systemd) or shadows with nothing: either way it adds nothing.
		else if (text.trim() !== '') out.push({path: chosen.path, text, name: chosen.name});
	}
	return out;
}

const networkdDirs = ['/etc/systemd/network', '/run/systemd/network', '/usr/local/lib/systemd/network', '/usr/lib/systemd/network', '/lib/systemd/network'];

function readNetworkd(reader: Reader): {netdevs: UnitFile[]; networks: UnitFile[]} {
	const withDropIns = (files: Array<{path: string; text: string; name: string}>): UnitFile[] =>
		files.map((f) => ({
			path: f.path,
			text: f.text,
			dropIns: readShadowed(reader, networkdDirs.map((d) => `${d}/${f.name}.d`), (n) => n.endsWith('.conf')).map(({path, text}) => ({path, text})),
		}));
	return {
		netdevs: withDropIns(readShadowed(reader, networkdDirs, (n) => n.endsWith('.netdev'))),
		networks: withDropIns(readShadowed(reader, networkdDirs, (n) => n.endsWith('.network'))),
	};
}

function detectTools(reader: Reader): InstalledTools {
	const any = (...paths: string[]) => paths.some((p) => reader.exists(p));
	const ifupdown2 = any('/usr/share/ifupdown2');
	const ifupdownNg = any('/usr/libexec/ifupdown-ng', '/usr/lib/ifupdown-ng');
	return {
		ifupdown: any('/sbin/ifup', '/usr/sbin/ifup'),
		ifupdownFlavour: ifupdown2 ? 'ifupdown2' : ifupdownNg ? 'ifupdown-ng' : 'ifupdown',
		ifenslave: any('/sbin/ifenslave', '/usr/sbin/ifenslave', '/etc/network/if-pre-up.d/ifenslave'),
		networkd: any('/lib/systemd/systemd-networkd', '/usr/lib/systemd/systemd-networkd'),
		netplan: any('/usr/sbin/netplan', '/sbin/netplan'),
		networkManager: any('/usr/sbin/NetworkManager', '/sbin/NetworkManager'),
		nmcli: any('/usr/bin/nmcli', '/bin/nmcli'),
	};
}

const nmDirs = ['/etc/NetworkManager/system-connections', '/run/NetworkManager/system-connections', '/usr/lib/NetworkManager/system-connections'];

async function readNetworkManager(reader: Reader, tools: InstalledTools, live: boolean, run: RunCommand): Promise<BondConfig[]> {
	const files: Array<{path: string; text: string}> = [];
	let hidden = false;
	for (const dir of nmDirs) {
		const names = reader.list(dir);
		if (names === null) {
			if (reader.exists(dir)) {
				hidden = true;
				reader.unreadable.push({path: dir, reason: 'directory not readable (NetworkManager keeps it for root)'});
			}
			continue;
		}
		for (const name of names) {
			if (name.startsWith('.') || name.endsWith('~')) continue;
			const path = `${dir}/${name}`;
			const text = reader.read(path);
			if (text === null) {
				hidden = true;
				reader.unreadable.push({path, reason: 'not readable (keyfiles are 0600 root)'});
			} else files.push({path, text});
		}
	}
	const parsed = bondsFromKeyfiles(files);
	reader.notes.push(...parsed.notes);
	const bonds = parsed.bonds;
	// Not root: ask NetworkManager itself, on the live host only (a --root tree is not this host).
	if (hidden && live && tools.nmcli) {
		const list = await run(['nmcli', '-t', '-f', 'NAME,TYPE', 'connection', 'show'], 3000);
		for (const id of list === null ? [] : bondProfilesFromNmcliList(list).slice(0, 16)) {
			const out = await run(['nmcli', '-t', '-f', 'connection.id,connection.interface-name,bond.options', 'connection', 'show', 'id', id], 3000);
			const bond = out === null ? null : bondFromNmcli(id, out);
			if (bond && !bonds.some((b) => b.name === bond.name)) bonds.push(bond);
		}
	}
	return bonds;
}

function readIfcfg(reader: Reader): BondConfig[] {
	const files: Array<{path: string; text: string}> = [];
	for (const dir of ['/etc/sysconfig/network-scripts', '/etc/sysconfig/network']) {
		for (const name of reader.list(dir) ?? []) {
			if (!name.startsWith('ifcfg-') || name === 'ifcfg-lo' || /(~|\.bak|\.orig|\.rpmnew|\.rpmsave|\.old)$/.test(name)) continue;
			const path = `${dir}/${name}`;
			const text = reader.read(path);
			if (text !== null) files.push({path, text});
		}
	}
	const parsed = bondsFromIfcfg(files);
	reader.notes.push(...parsed.notes);
	return parsed.bonds;
}

export type CollectConfigOptions = {
	/** The live host (root `/`): nmcli may be asked. Never for a --root tree. */
	live: boolean;
	run?: RunCommand;
};

export async function collectHostConfig(fs: HostFs, options: CollectConfigOptions): Promise<HostConfig> {
	const reader = makeReader(fs);
	const tools = detectTools(reader);
	const hasEtc = reader.list('/etc') !== null;

	const ifupdown = bondsFromInterfaces(readInterfaces(reader), tools.ifupdownFlavour);
	const netplan = bondsFromNetplan(readShadowed(reader, ['/run/netplan', '/etc/netplan', '/lib/netplan'], (n) => n.endsWith('.yaml')));
	const {netdevs, networks} = readNetworkd(reader);
	const networkd = bondsFromNetworkd(netdevs, networks);
	const nm = await readNetworkManager(reader, tools, options.live, options.run ?? runCommand);
	const ifcfg = readIfcfg(reader);
	const modprobeDirs = ['/etc/modprobe.d', '/run/modprobe.d', '/usr/local/lib/modprobe.d', '/usr/lib/modprobe.d', '/lib/modprobe.d'];
	const module = parseModprobeFiles(readShadowed(reader, modprobeDirs, (n) => n.endsWith('.conf')));
	const loadDirs = ['/etc/modules-load.d', '/run/modules-load.d', '/usr/local/lib/modules-load.d', '/usr/lib/modules-load.d', '/lib/modules-load.d'];
	const etcModules = reader.read('/etc/modules');
	const bondingAtBoot = bondingLoadedAtBoot([...(etcModules === null ? [] : [{path: '/etc/modules', text: etcModules}]), ...readShadowed(reader, loadDirs, (n) => n.endsWith('.conf'))]);
	const sysModule = fs.listDir('sys/module');
	const bondingModuleLoaded = sysModule === null ? null : sysModule.includes('bonding');

	// netplan writes networkd units and NetworkManager profiles under /run: one bond, not two.
	const fromNetplan = new Set(netplan.bonds.map((b) => b.name));
	const generated = (b: BondConfig) => fromNetplan.has(b.name) && /^(10-netplan-|netplan-)/.test(basename(b.declaredAt.path));
	const bonds = [...ifupdown.bonds, ...netplan.bonds, ...networkd.bonds.filter((b) => !generated(b)), ...nm.filter((b) => !generated(b)), ...ifcfg];
	const refused = fs.takeWarnings().map((w) => ({path: w.source, line: 0, message: w.message}));
	const notes = [...reader.notes, ...ifupdown.notes, ...netplan.notes, ...networkd.notes, ...module.notes, ...refused];
	return {bonds, module, bondingAtBoot, bondingModuleLoaded, tools, filesRead: [...new Set(reader.filesRead)], unreadable: reader.unreadable, notes, hasEtc};
}
