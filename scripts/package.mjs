#!/usr/bin/env node
// `npm run package` (after `npm run build`): the npm tarball and the Debian package, in dist/package/:
//   bondtop-VERSION.tgz        `npm pack`: dist/ (bin, launcher, bundle, man page, completion),
//                              README.md, LICENSE, package.json; no dependencies (the bundle has them)
//   bondtop_VERSION_all.deb    the same files laid out for Debian (below), built with dpkg-deb
// The .deb is made from the tarball's files, so the two hold the same program:
//   /usr/lib/bondtop/          bondtop.js (bin), bondtop-launcher.cjs, bondtop-main.js, package.json
//   /usr/bin/bondtop           exec /usr/bin/node /usr/lib/bondtop/bondtop.js "$@"
//   /usr/share/man/man1/bondtop.1.gz, /usr/share/bash-completion/completions/bondtop,
//   /usr/share/zsh/vendor-completions/_bondtop,
//   /usr/share/doc/bondtop/    copyright (DEP-5), changelog.gz, README.md.gz, examples/ (contrib/)
// Timestamps are the last commit's (SOURCE_DATE_EPOCH wins), so a checkout gives the same files.
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {chmodSync, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync} from 'node:fs';
import {dirname, join, relative} from 'node:path';
import {gzipSync} from 'node:zlib';

const repo = join(dirname(new URL(import.meta.url).pathname), '..');
process.chdir(repo);
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const out = process.env.BONDTOP_PACKAGE_DIR ?? join('dist', 'package');
const version = pkg.version;
const maintainer = typeof pkg.author === 'string' ? pkg.author : `${pkg.author.name} <${pkg.author.email}>`;

function fail(message) {
	console.error(`package: ${message}`);
	process.exit(1);
}

for (const file of pkg.files) if (!existsSync(file)) fail(`${file} is missing: run npm run build (or npm run package, which builds)`);
if (Object.keys(pkg.dependencies ?? {}).length > 0) {
	fail('package.json has dependencies, but the bundle holds everything the program needs: make them devDependencies (npm install -D)');
}

function sourceDateEpoch() {
	const env = process.env.SOURCE_DATE_EPOCH;
	if (env && /^\d+$/.test(env)) return Number(env);
	try {
		return Number(execFileSync('git', ['log', '-1', '--format=%ct'], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim());
	} catch {
		return Math.floor(Date.now() / 1000);
	}
}
const epoch = sourceDateEpoch();

// ---- the npm tarball ------------------------------------------------------------------------
rmSync(out, {recursive: true, force: true});
mkdirSync(out, {recursive: true});
// --ignore-scripts: "prepare" would build again; npm run package has just built.
const packed = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', out], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit']}));
const tarball = join(out, packed[0].filename);

// ---- the Debian package ---------------------------------------------------------------------
const unpacked = join(out, 'npm');
mkdirSync(unpacked);
execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1', '--no-same-owner', '--no-same-permissions']);
const root = join(out, 'deb');
const paths = {
	lib: 'usr/lib/bondtop',
	man: 'usr/share/man/man1',
	bash: 'usr/share/bash-completion/completions',
	zsh: 'usr/share/zsh/vendor-completions',
	doc: 'usr/share/doc/bondtop',
};
for (const dir of [...Object.values(paths), 'usr/bin', 'DEBIAN']) mkdirSync(join(root, dir), {recursive: true});

function put(path, content, mode = 0o644) {
	writeFileSync(join(root, path), content);
	chmodSync(join(root, path), mode);
}
const gzip = (data) => gzipSync(data, {level: 9}); // no name, no timestamp: like gzip -9n

// The program: the bin, the launcher, the bundle, and a package.json ("type": "commonjs": the bin
// and the launcher are CommonJS scripts, as dist/package.json says in the npm package).
// Without its #! line: here it is not run directly but by /usr/bin/bondtop.
put(`${paths.lib}/bondtop.js`, readFileSync(join(unpacked, 'dist/bondtop.js'), 'utf8').replace(/^#!.*\n/, ''));
put(`${paths.lib}/bondtop-launcher.cjs`, readFileSync(join(unpacked, 'dist/bondtop-launcher.cjs')));
put(`${paths.lib}/bondtop-main.js`, readFileSync(join(unpacked, 'dist/bondtop-main.js')));
put(`${paths.lib}/package.json`, `${JSON.stringify({name: pkg.name, version, description: pkg.description, license: pkg.license, type: 'commonjs', private: true}, null, 2)}\n`);
// /usr/bin/bondtop runs it with Debian's node (package nodejs): /usr/lib holds no executables.
put('usr/bin/bondtop', '#!/bin/sh\n# bondtop(1) is a JavaScript program in /usr/lib/bondtop, run by Node.js.\nexec /usr/bin/node /usr/lib/bondtop/bondtop.js "$@"\n', 0o755);

put(`${paths.man}/bondtop.1.gz`, gzip(readFileSync(join(unpacked, 'dist/bondtop.1'))));
put(`${paths.bash}/bondtop`, readFileSync(join(unpacked, 'dist/completion/bash/bondtop')));
put(`${paths.zsh}/_bondtop`, readFileSync(join(unpacked, 'dist/completion/zsh/_bondtop')));

// Documentation.
const year = new Date(epoch * 1000).getUTCFullYear();
const licenseText = readFileSync(join(unpacked, 'LICENSE'), 'utf8');
const licenseBody = licenseText.slice(licenseText.indexOf('Permission is hereby granted'));
const asField = (text) => text.trim().split('\n').map((line) => (line.trim() === '' ? ' .' : ` ${line}`)).join('\n');
put(
	`${paths.doc}/copyright`,
	`Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: bondtop
Upstream-Contact: ${maintainer}

Files: *
Copyright: ${year} The bondtop developers
License: MIT
Comment: usr/lib/bondtop/bondtop-main.js bundles bondtop with the JavaScript libraries it uses
 at run time (Ink, React, meow, systeminformation, yoga-layout, drawille-canvas-blessed-contrib
 and their dependencies), all under the MIT licence or compatible permissive licences; their
 notices are in usr/share/doc/bondtop/THIRD-PARTY-NOTICES.gz.

License: MIT
${asField(licenseBody)}
`,
);
const changelogDate = execFileSync('date', ['-u', '-R', '-d', `@${epoch}`], {encoding: 'utf8'}).trim();
put(
	`${paths.doc}/changelog.gz`,
	gzip(`bondtop (${version}) unstable; urgency=medium

  * bondtop ${version}, packaged from the bondtop source tree (npm run package).

 -- ${maintainer}  ${changelogDate}
`),
);
put(`${paths.doc}/README.md.gz`, gzip(readFileSync(join(unpacked, 'README.md'))));
if (existsSync('dist/THIRD-PARTY-NOTICES')) put(`${paths.doc}/THIRD-PARTY-NOTICES.gz`, gzip(readFileSync('dist/THIRD-PARTY-NOTICES')));
else fail('dist/THIRD-PARTY-NOTICES is missing: run npm run build');
// Examples (systemd units, alert rules) from contrib/, as they are: not installed, not enabled.
if (existsSync('contrib')) {
	cpSync('contrib', join(root, paths.doc, 'examples'), {recursive: true, dereference: false});
}

// Modes: directories 0755, files 0644 unless executable (0755); owner root (dpkg-deb --root-owner-group).
const files = [];
function walk(dir) {
	for (const name of readdirSync(dir).sort()) {
		const path = join(dir, name);
		const stat = lstatSync(path);
		if (stat.isSymbolicLink()) continue;
		if (stat.isDirectory()) {
			chmodSync(path, 0o755);
			walk(path);
		} else {
			chmodSync(path, stat.mode & 0o111 ? 0o755 : 0o644);
			files.push(path);
		}
	}
}
walk(join(root, 'usr'));

// DEBIAN/md5sums and control.
const md5sums = files.map((path) => `${createHash('md5').update(readFileSync(path)).digest('hex')}  ${relative(root, path)}\n`).join('');
let installedKiB = 0;
for (const path of files) installedKiB += Math.ceil(lstatSync(path).size / 1024);
put('DEBIAN/md5sums', md5sums);
put(
	'DEBIAN/control',
	`Package: bondtop
Version: ${version}
Architecture: all
Maintainer: ${maintainer}
Installed-Size: ${installedKiB}
Depends: nodejs (>= 18)
Recommends: iproute2, iputils-ping
Section: net
Priority: optional
Description: live terminal UI for Linux network bonding
 bondtop shows what the kernel's bonding driver is doing: a header per bond
 (mode, MII status, delays, primary, ARP monitoring, 802.3ad partner), an
 ifconfig-like panel per interface with RX/TX sparklines, the active slave
 highlighted, and an event log of failovers with millisecond timestamps.
 .
 Keys take a slave down (ip link set SLAVE down), like pulling its cable, and
 a failover drill times the failover and the outage a user sees, with a
 dead-man restore and a guard against cutting off your own SSH session.
 .
 It also prints plain-text and JSON snapshots, reads unpacked sosreports
 read-only, and has a simulated bond (--demo) and a network-namespace sandbox
 (bondtop lab). It runs on Node.js 18 or newer, on any architecture.
`,
);
chmodSync(join(root, 'DEBIAN'), 0o755);

// Same timestamps for every build of the same commit.
function clamp(dir) {
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (lstatSync(path).isDirectory()) clamp(path);
		if (!lstatSync(path).isSymbolicLink()) utimesSync(path, epoch, epoch);
	}
	utimesSync(dir, epoch, epoch);
}
clamp(root);

const deb = join(out, `bondtop_${version}_all.deb`);
execFileSync('dpkg-deb', ['--build', '--root-owner-group', root, deb], {stdio: ['ignore', 'ignore', 'inherit'], env: {...process.env, SOURCE_DATE_EPOCH: String(epoch)}});
rmSync(unpacked, {recursive: true, force: true});
rmSync(root, {recursive: true, force: true});
const size = (path) => `${(lstatSync(path).size / 1024).toFixed(0)} KiB`;
console.log(`${deb} (${size(deb)}, installed ${installedKiB} KiB)`);
console.log(`${tarball} (${size(tarball)})`);
