// Host side of the bondtop kernel lab: installs the tools, fetches Debian's cloud kernel, builds
// the initramfs and boots it under QEMU (TCG; KVM hangs on these machines).
// Everything here runs on the host. The guest side lives in ../guest/.
import {spawn, spawnSync, execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {
	chmodSync, copyFileSync, createWriteStream, existsSync, lstatSync, mkdirSync, readdirSync,
	readFileSync, readlinkSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync,
} from 'node:fs';
import {dirname, join, relative, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

export const LAB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO = resolve(LAB_DIR, '..', '..');
export const CACHE = join(REPO, '.cache', 'kernel');
export const OUT = join(LAB_DIR, 'out');

export function log(...args) {
	process.stderr.write(`[lab ${new Date().toISOString().slice(11, 23)}] ${args.join(' ')}\n`);
}

export class LabError extends Error {}

function run(cmd, args, opts = {}) {
	const r = spawnSync(cmd, args, {encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...opts});
	if (r.error) throw new LabError(`${cmd} ${args.join(' ')}: ${r.error.message}`);
	if (r.status !== 0 && !opts.allowFail) {
		throw new LabError(`${cmd} ${args.join(' ')} exited ${r.status}\n${(r.stderr || '').slice(-2000)}`);
	}
	return r;
}

function which(cmd) {
	for (const d of (process.env.PATH || '/usr/bin:/bin').split(':')) {
		const p = join(d, cmd);
		try {
			if (statSync(p).isFile()) return p;
		} catch {}
	}
	return null;
}

// --- tools -------------------------------------------------------------------------------------

const NEEDED = [
	// [package, path that proves it is installed]
	['qemu-system-x86', '/usr/bin/qemu-system-x86_64'],
	['busybox-static', '/bin/busybox'],
	['cpio', '/usr/bin/cpio'],
	['tmux', '/usr/bin/tmux'],
	['iproute2', '/usr/sbin/ip'],
	['iputils-ping', '/usr/bin/ping'],
];

let aptUpdated = false;
function aptUpdate() {
	if (aptUpdated) return;
	aptUpdated = true;
	log('apt-get update');
	// It may complain about one index it could not fetch; that is harmless.
	run('apt-get', ['update'], {allowFail: true, env: {...process.env, DEBIAN_FRONTEND: 'noninteractive'}});
}

function busyboxIsStatic() {
	if (!existsSync('/bin/busybox')) return false;
	const r = spawnSync('ldd', ['/bin/busybox'], {encoding: 'utf8'});
	return /not a dynamic executable|statically linked/.test((r.stdout || '') + (r.stderr || ''));
}

export function ensureTools() {
	const missing = NEEDED.filter(([, p]) => !existsSync(p)).map(([pkg]) => pkg);
	if (!missing.includes('busybox-static') && !busyboxIsStatic()) missing.push('busybox-static');
	if (!existsSync('/usr/lib/locale/C.utf8')) missing.push('libc-bin');
	if (missing.length === 0) return;
	if (process.getuid() !== 0) throw new LabError(`missing packages ${missing.join(' ')} and not root to install them`);
	aptUpdate();
	log('apt-get install', missing.join(' '));
	run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], {
		env: {...process.env, DEBIAN_FRONTEND: 'noninteractive'}, stdio: ['ignore', 'ignore', 'pipe'],
	});
	const still = NEEDED.filter(([, p]) => !existsSync(p));
	if (still.length) throw new LabError(`still missing after apt-get install: ${still.map((x) => x[1]).join(' ')}`);
}

// --- kernel ------------------------------------------------------------------------------------

function kernelPackageName() {
	const look = () => {
		const r = spawnSync('apt-cache', ['depends', 'linux-image-cloud-amd64'], {encoding: 'utf8'});
		const m = /Depends:\s*(linux-image-[0-9][^\s]*-cloud-amd64)\b/.exec(r.stdout || '');
		return m ? m[1] : null;
	};
	let name = look();
	if (!name) {
		aptUpdate();
		name = look();
	}
	return name;
}

// Returns {version, vmlinuz, modules} with the kernel unpacked under .cache/kernel/<package>/.
export function ensureKernel() {
	mkdirSync(CACHE, {recursive: true});
	const currentFile = join(CACHE, 'current.json');
	let pkg = null;
	if (process.env.BONDTOP_LAB_KERNEL_PKG) pkg = process.env.BONDTOP_LAB_KERNEL_PKG;
	else if (existsSync(currentFile)) pkg = JSON.parse(readFileSync(currentFile, 'utf8')).package;
	if (!pkg || !existsSync(join(CACHE, pkg, 'boot'))) {
		pkg = kernelPackageName();
		if (!pkg) throw new LabError('cannot find the package that linux-image-cloud-amd64 depends on (apt-cache depends)');
	}
	const dir = join(CACHE, pkg);
	if (!existsSync(join(dir, 'boot'))) {
		log('apt-get download', pkg);
		for (const f of readdirSync(CACHE)) if (f.endsWith('.deb')) rmSync(join(CACHE, f));
		let r = spawnSync('apt-get', ['download', pkg], {cwd: CACHE, encoding: 'utf8'});
		if (r.status !== 0) {
			aptUpdate();
			r = run('apt-get', ['download', pkg], {cwd: CACHE});
		}
		const deb = readdirSync(CACHE).find((f) => f.startsWith(pkg + '_') && f.endsWith('.deb'));
		if (!deb) throw new LabError(`apt-get download ${pkg} produced no .deb`);
		const tmp = dir + '.tmp';
		rmSync(tmp, {recursive: true, force: true});
		run('dpkg', ['-x', join(CACHE, deb), tmp]);
		rmSync(dir, {recursive: true, force: true});
		run('mv', [tmp, dir]);
		rmSync(join(CACHE, deb));
	}
	const boot = join(dir, 'boot');
	const vmlinuz = readdirSync(boot).find((f) => f.startsWith('vmlinuz-'));
	if (!vmlinuz) throw new LabError(`no vmlinuz in ${boot}`);
	const version = vmlinuz.slice('vmlinuz-'.length);
	writeFileSync(currentFile, JSON.stringify({package: pkg, version}, null, 2) + '\n');
	return {package: pkg, version, vmlinuz: join(boot, vmlinuz), modules: join(dir, 'lib', 'modules', version)};
}

// --- initramfs ---------------------------------------------------------------------------------

// Modules in load order (dependencies first). Paths are relative to lib/modules/<version>/kernel.
export const MODULES = [
	['tls', 'net/tls/tls.ko', true],
	['bonding', 'drivers/net/bonding/bonding.ko', true],
	['veth', 'drivers/net/veth.ko', true],
	['llc', 'net/llc/llc.ko', true],
	['stp', 'net/802/stp.ko', true],
	['bridge', 'net/bridge/bridge.ko', true],
	['dummy', 'drivers/net/dummy.ko', true],
	['sch_netem', 'net/sched/sch_netem.ko', false],
];

class Tree {
	constructor(root) {
		this.root = root;
	}
	path(p) {
		return join(this.root, p.replace(/^\/+/, ''));
	}
	mkdir(p) {
		mkdirSync(this.path(p), {recursive: true});
	}
	symlink(target, p) {
		const dst = this.path(p);
		mkdirSync(dirname(dst), {recursive: true});
		try {
			lstatSync(dst);
			return;
		} catch {}
		symlinkSync(target, dst);
	}
	write(p, content, mode = 0o644) {
		const dst = this.path(p);
		mkdirSync(dirname(dst), {recursive: true});
		writeFileSync(dst, content);
		chmodSync(dst, mode);
	}
	// Copy a host file to the same path in the tree, following symlinks on the host but keeping
	// the name the caller gave (plus the resolved name, so both work).
	copy(hostPath, guestPath = hostPath) {
		const real = realpathSync(hostPath);
		const dst = this.path(guestPath);
		mkdirSync(dirname(dst), {recursive: true});
		if (!existsSync(dst)) copyFileSync(real, dst);
		chmodSync(dst, statSync(real).mode & 0o7777);
		return dst;
	}
	copyDir(hostDir, guestDir = hostDir) {
		for (const e of readdirSync(hostDir, {withFileTypes: true})) {
			const src = join(hostDir, e.name);
			const dst = join(guestDir, e.name);
			if (e.isDirectory()) this.copyDir(src, dst);
			else if (e.isSymbolicLink()) this.symlink(readlinkSync(src), dst);
			else if (e.isFile()) this.copy(src, dst);
		}
	}
	// A binary plus the shared libraries ldd lists for it.
	copyBinary(hostPath, guestPath = hostPath) {
		this.copy(hostPath, guestPath);
		const r = spawnSync('ldd', [hostPath], {encoding: 'utf8'});
		for (const line of (r.stdout || '').split('\n')) {
			const m = /(?:=>\s*)?(\/\S+)\s+\(0x/.exec(line);
			if (m) this.copyLib(m[1]);
		}
	}
	copyLib(p) {
		// Host is usr-merged: /lib -> usr/lib; the tree mirrors that with symlinks, so copy to usr/.
		const real = realpathSync(p);
		this.copy(real, real);
		const base = p.replace(/^\/(lib|lib64)\//, '/usr/$1/');
		if (base !== real) this.symlink(real, base);
	}
}

function hashOf(parts) {
	const h = createHash('sha256');
	for (const p of parts) h.update(String(p)).update('\0');
	return h.digest('hex').slice(0, 16);
}

function fileSig(p) {
	const s = statSync(realpathSync(p));
	return `${p}:${s.size}:${s.mtimeMs}`;
}

function packCpio(dir, outFile, {gzip}) {
	// find | cpio -o -H newc, owned by root; optionally gzip -1.
	const list = run('find', ['.', '-mindepth', '1'], {cwd: dir}).stdout;
	const sorted = list.split('\n').filter(Boolean).sort().join('\n') + '\n';
	const cpio = spawnSync('cpio', ['-o', '-H', 'newc', '-R', '0:0', '--quiet'], {
		cwd: dir, input: sorted, maxBuffer: 1024 * 1024 * 1024,
	});
	if (cpio.status !== 0) throw new LabError(`cpio failed: ${cpio.stderr}`);
	let data = cpio.stdout;
	if (gzip) data = execFileSync('gzip', ['-1', '-n'], {input: data, maxBuffer: 1024 * 1024 * 1024});
	writeFileSync(outFile, data);
	return outFile;
}

const INIT = `#!/bin/sh
# /init of the bondtop kernel lab (generated by test/kernel/lib/host.mjs).
export PATH=/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/bb
export HOME=/root LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /dev/pts /dev/shm
mount -t devpts -o gid=5,mode=620,ptmxmode=666 devpts /dev/pts
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
mount -t tmpfs tmpfs /dev/shm
chmod 1777 /tmp
mkdir -p /run/netns /var/run
hostname bondtop-lab
ip() { /usr/sbin/ip "$@"; }
/usr/sbin/ip link set lo up
KV=$(uname -r)
M=/lib/modules/$KV/kernel
echo "@@LAB BOOTED $KV $(cut -d' ' -f1 /proc/uptime)"
while read -r name path required; do
  case "$name" in bonding) args="max_bonds=0";; dummy) args="numdummies=0";; *) args="";; esac
  if ! insmod "$M/$path" $args; then
    echo "@@LAB MODULE-FAILED $name"
    [ "$required" = 1 ] && echo "@@LAB FATAL module $name"
  fi
done < /lab/modules.txt
script=$(sed -n 's/.*lab\\.script=\\([^ ]*\\).*/\\1/p' /proc/cmdline)
cd /lab/guest
/usr/bin/node /lab/guest/main.mjs "$script"
echo "@@LAB EXIT $?"
sync
poweroff -f
sleep 5
`;

// The cached base: busybox, iproute2, ping, node, tmux, terminfo, locale, modules.
export function buildBase(kernel) {
	const sources = [
		'/bin/busybox', '/usr/sbin/ip', '/usr/bin/ping', process.execPath, '/usr/bin/tmux',
		'/usr/lib/locale/C.utf8/LC_CTYPE',
	];
	const key = hashOf([kernel.version, INIT, JSON.stringify(MODULES), ...sources.map(fileSig), 'v4']);
	const out = join(CACHE, `base-${key}.cpio`);
	if (existsSync(out)) return out;
	log('building initramfs base', key);
	for (const f of readdirSync(CACHE)) if (/^base-.*\.cpio/.test(f)) rmSync(join(CACHE, f));
	const dir = join(CACHE, 'base-root');
	rmSync(dir, {recursive: true, force: true});
	const t = new Tree(dir);
	for (const d of ['usr/bin', 'usr/sbin', 'usr/lib', 'usr/lib64', 'usr/local/bin', 'usr/local/lib/node_modules',
		'proc', 'sys', 'dev', 'tmp', 'run', 'root', 'etc', 'var', 'bb', 'lab']) t.mkdir(d);
	t.symlink('usr/bin', 'bin');
	t.symlink('usr/sbin', 'sbin');
	t.symlink('usr/lib', 'lib');
	t.symlink('usr/lib64', 'lib64');
	t.symlink('../run', 'var/run');
	// busybox: its applets go in /bb (last on PATH) so iproute2's ip and iputils' ping win.
	t.copy('/bin/busybox', '/usr/bin/busybox');
	const applets = run('/bin/busybox', ['--list']).stdout.split('\n').filter(Boolean);
	for (const a of applets) t.symlink('/usr/bin/busybox', `/bb/${a}`);
	t.symlink('busybox', '/usr/bin/sh');
	t.symlink('busybox', '/usr/bin/env');
	t.copyBinary('/usr/sbin/ip');
	t.copyBinary('/usr/bin/ping');
	t.copyBinary(process.execPath, '/usr/bin/node');
	t.copyBinary('/usr/bin/tmux');
	t.copyDir('/usr/lib/locale/C.utf8');
	for (const d of ['/lib/terminfo', '/usr/share/terminfo']) if (existsSync(d)) {
		for (const sub of readdirSync(d)) {
			for (const name of readdirSync(join(d, sub))) {
				if (/^(xterm|xterm-256color|screen|screen-256color|tmux|tmux-256color|linux|vt100|dumb)$/.test(name)) {
					t.copy(join(d, sub, name), join('/usr/share/terminfo', sub, name));
				}
			}
		}
	}
	t.write('/etc/passwd', 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/sh\n');
	t.write('/etc/group', 'root:x:0:\ntty:x:5:\nnogroup:x:65534:\n');
	t.write('/etc/hosts', '127.0.0.1 localhost bondtop-lab\n');
	t.write('/etc/nsswitch.conf', 'passwd: files\ngroup: files\nhosts: files\n');
	for (const [name, path, required] of MODULES) {
		const src = join(kernel.modules, 'kernel', path);
		if (!existsSync(src)) {
			if (required) throw new LabError(`kernel module missing: ${src}`);
			continue;
		}
		t.copy(src, join('/lib/modules', kernel.version, 'kernel', path));
	}
	t.write('/lab/modules.txt', MODULES.map(([n, p, r]) => `${n} ${p} ${r ? 1 : 0}`).join('\n') + '\n');
	t.write('/init', INIT, 0o755);
	packCpio(dir, out, {gzip: false});
	rmSync(dir, {recursive: true, force: true});
	return out;
}

// The per-run overlay: the guest scripts and (optionally) bondtop unpacked from `npm pack`.
export function buildOverlay(name, {bondtopTarball, extraFiles = {}} = {}) {
	mkdirSync(OUT, {recursive: true});
	const dir = join(OUT, `overlay-${name}`);
	rmSync(dir, {recursive: true, force: true});
	const t = new Tree(dir);
	t.copyDir(join(LAB_DIR, 'guest'), '/lab/guest');
	for (const [p, content] of Object.entries(extraFiles)) t.write(p, content);
	if (bondtopTarball) {
		const dest = t.path('/usr/local/lib/node_modules/bondtop');
		mkdirSync(dest, {recursive: true});
		run('tar', ['-xzf', bondtopTarball, '-C', dest, '--strip-components=1', '--no-same-owner']);
		const bin = JSON.parse(readFileSync(join(dest, 'package.json'), 'utf8')).bin;
		const rel = typeof bin === 'string' ? bin : bin.bondtop;
		t.symlink(join('../lib/node_modules/bondtop', rel), '/usr/local/bin/bondtop');
	}
	const out = join(OUT, `overlay-${name}.cpio`);
	packCpio(dir, out, {gzip: false});
	rmSync(dir, {recursive: true, force: true});
	return out;
}

// --- bondtop as a user gets it ---------------------------------------------------------------

export function packBondtop() {
	log('npm run build');
	const b = spawnSync('npm', ['run', 'build'], {cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
	if (b.status !== 0) {
		return {ok: false, error: `npm run build exited ${b.status}:\n${(b.stdout + b.stderr).slice(-3000)}`};
	}
	mkdirSync(OUT, {recursive: true});
	for (const f of readdirSync(OUT)) if (/^bondtop-.*\.tgz$/.test(f)) rmSync(join(OUT, f));
	// --ignore-scripts: "prepare" would build a second time.
	const p = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', OUT], {
		cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
	});
	if (p.status !== 0) return {ok: false, error: `npm pack exited ${p.status}:\n${p.stderr.slice(-3000)}`};
	const tgz = readdirSync(OUT).find((f) => /^bondtop-.*\.tgz$/.test(f));
	if (!tgz) return {ok: false, error: 'npm pack produced no tarball'};
	return {ok: true, tarball: join(OUT, tgz)};
}

// --- QEMU --------------------------------------------------------------------------------------

export function qemuWorks() {
	const q = which('qemu-system-x86_64') || '/usr/bin/qemu-system-x86_64';
	const r = spawnSync(q, ['--version'], {encoding: 'utf8'});
	if (r.status !== 0) throw new LabError(`qemu-system-x86_64 --version failed: ${r.error?.message || r.stderr}`);
	return q;
}

// Boots the kernel with base + overlay, runs /lab/guest/main.mjs <script>.
// Resolves {exitCode, timedOut, console, lines, exportB64}; never rejects on guest failure.
export function bootGuest({kernel, initrds, script, name = script, timeoutMs = 240_000, onLine}) {
	const qemu = qemuWorks();
	mkdirSync(OUT, {recursive: true});
	const initrd = join(OUT, `initrd-${name}.cpio`);
	// Concatenated newc archives are fine for the kernel.
	writeFileSync(initrd, Buffer.concat(initrds.map((f) => readFileSync(f))));
	const exportFile = join(OUT, `export-${name}.b64`);
	rmSync(exportFile, {force: true});
	const consoleFile = join(OUT, `console-${name}.log`);
	const args = [
		// thread=single: one host thread runs both vCPUs in turn. With multi-threaded TCG (the default)
		// node crashed now and then in the guest (SIGSEGV, SIGILL, wasm out of bounds: bad code run
		// while V8's compiler threads patch code on the other vCPU) with -cpu max and Nehalem alike,
		// never on the (real x86) host. BONDTOP_LAB_TCG_THREAD=multi brings the default back.
		'-accel', `tcg,thread=${process.env.BONDTOP_LAB_TCG_THREAD || 'single'}`, '-cpu', process.env.BONDTOP_LAB_CPU || 'max', '-smp', '2', '-m', '2048', '-nographic', '-no-reboot',
		'-monitor', 'none', '-serial', 'stdio', '-serial', `file:${exportFile}`,
		'-nic', 'none',
		'-kernel', kernel.vmlinuz, '-initrd', initrd,
		'-append', `console=ttyS0 panic=-1 quiet loglevel=3 lab.script=${script}`,
	];
	return new Promise((resolvePromise) => {
		const started = Date.now();
		const child = spawn(qemu, args, {stdio: ['ignore', 'pipe', 'pipe'], detached: false});
		const chunks = [];
		const sink = createWriteStream(consoleFile);
		let partial = '';
		let timedOut = false;
		let exitLine = null;
		const handle = (buf) => {
			chunks.push(buf);
			sink.write(buf);
			partial += buf.toString('utf8');
			let i;
			while ((i = partial.indexOf('\n')) >= 0) {
				const line = partial.slice(0, i).replace(/\r$/, '');
				partial = partial.slice(i + 1);
				if (line.includes('@@LAB EXIT')) exitLine = line.slice(line.indexOf('@@LAB EXIT'));
				if (onLine) onLine(line);
			}
		};
		child.stdout.on('data', handle);
		child.stderr.on('data', handle);
		const timer = setTimeout(() => {
			timedOut = true;
			log(`guest ${name} timed out after ${timeoutMs} ms; killing qemu pid ${child.pid}`);
			child.kill('SIGKILL');
		}, timeoutMs);
		child.on('error', (err) => handle(Buffer.from(`\n@@HOST qemu failed to start: ${err.message}\n`)));
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			sink.end();
			const text = Buffer.concat(chunks).toString('utf8').replace(/\r/g, '');
			let exportB64 = null;
			try {
				exportB64 = readFileSync(exportFile, 'utf8').replace(/[^A-Za-z0-9+/=]/g, '');
			} catch {}
			const guestExit = exitLine ? Number(exitLine.split(' ')[2]) : null;
			resolvePromise({
				qemuCode: code, signal, timedOut, console: text, consoleFile, exportB64,
				exitCode: guestExit, seconds: (Date.now() - started) / 1000,
				lines: text.split('\n'),
			});
		});
	});
}

export function relativeToRepo(p) {
	return relative(REPO, p);
}

// Boots the guest script `script` (its overlay built with `overlayOptions`), prints its @@LAB lines,
// and unpacks the tarball it exported into a fresh OUT/<script>-new. Resolves {dir, guest} (the
// bootGuest result); rejects with a LabError when the guest exported nothing or a cut export.
// For scripts that bring real-kernel output back to the host (fixtures, kmsg, recordings).
export async function bootAndUnpack(script, {kernel = ensureKernel(), overlayOptions, timeoutMs} = {}) {
	const base = buildBase(kernel);
	const overlay = buildOverlay(script, overlayOptions);
	const guest = await bootGuest({
		kernel, initrds: [base, overlay], script, timeoutMs,
		onLine: (l) => {
			if (l.startsWith('@@LAB') || l.startsWith('  ')) process.stderr.write(l + '\n');
		},
	});
	log(`guest finished in ${guest.seconds.toFixed(1)} s, exit ${guest.exitCode}${guest.timedOut ? ' (timed out)' : ''}`);
	const exported = guest.lines.find((l) => l.startsWith('@@LAB EXPORTED '));
	if (!exported || !guest.exportB64) throw new LabError(`guest exported nothing; console in ${guest.consoleFile}`);
	const want = Number(exported.split(' ')[2]);
	if (guest.exportB64.length !== want) throw new LabError(`export truncated: got ${guest.exportB64.length} of ${want} base64 chars`);
	const dir = join(OUT, `${script}-new`);
	rmSync(dir, {recursive: true, force: true});
	mkdirSync(dir, {recursive: true});
	const tgz = join(OUT, `${script}.tgz`);
	writeFileSync(tgz, Buffer.from(guest.exportB64, 'base64'));
	const t = spawnSync('tar', ['-xzf', tgz, '-C', dir, '--no-same-owner'], {encoding: 'utf8'});
	if (t.status !== 0) throw new LabError(`tar -x: ${t.stderr}`);
	return {dir, guest};
}
