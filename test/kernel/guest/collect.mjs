// Reads what bondtop reads from a live kernel and prints it as JSON {files: {path: text},
// errors: {path: message}}, paths relative to a --root style tree. Run directly
// (node collect.mjs [--nonroot]); with --nonroot it drops to uid/gid 65534 first, so
// root-only lines and files come out as an unprivileged user sees them.
import {spawnSync} from 'node:child_process';
import {readFileSync, readdirSync, readlinkSync, statSync} from 'node:fs';
import {basename} from 'node:path';

const nonroot = process.argv.includes('--nonroot');
if (nonroot) {
	process.setgroups?.([]);
	process.setgid(65534);
	process.setuid(65534);
}

const files = {};
const errors = {};

function grab(abs, rel = abs.replace(/^\//, '')) {
	try {
		files[rel] = readFileSync(abs, 'utf8');
	} catch (e) {
		errors[rel] = e.code || e.message;
	}
}

function grabDir(absDir, relDir) {
	let names;
	try {
		names = readdirSync(absDir).sort();
	} catch (e) {
		errors[relDir] = e.code || e.message;
		return;
	}
	for (const n of names) {
		const abs = `${absDir}/${n}`;
		let st;
		try {
			st = statSync(abs);
		} catch (e) {
			continue;
		}
		if (st.isFile()) grab(abs, `${relDir}/${n}`);
	}
}

grab('/proc/net/dev');
grab('/sys/class/net/bonding_masters');
const bonds = (files['sys/class/net/bonding_masters'] || '').trim().split(/\s+/).filter(Boolean);
for (const b of bonds) grab(`/proc/net/bonding/${b}`);

for (const ifname of readdirSync('/sys/class/net').sort()) {
	const dir = `/sys/class/net/${ifname}`;
	if (!statSync(dir).isDirectory()) continue;
	const rel = `sys/class/net/${ifname}`;
	grabDir(dir, rel);
	grabDir(`${dir}/statistics`, `${rel}/statistics`);
	for (const sub of ['bonding', 'bonding_slave']) {
		try {
			if (statSync(`${dir}/${sub}`).isDirectory()) grabDir(`${dir}/${sub}`, `${rel}/${sub}`);
		} catch {}
	}
	try {
		files[`${rel}/master_name`] = basename(readlinkSync(`${dir}/master`)) + '\n';
	} catch {}
}

for (const [name, args] of [['ip-link.json', ['-d', '-j', 'link', 'show']], ['ip-addr.json', ['-j', 'addr', 'show']]]) {
	const r = spawnSync('/usr/sbin/ip', args, {encoding: 'utf8'});
	if (r.status === 0) files[name] = JSON.stringify(JSON.parse(r.stdout), null, 2) + '\n';
	else errors[name] = r.stderr;
}

process.stdout.write(JSON.stringify({uid: process.getuid(), files, errors}));
