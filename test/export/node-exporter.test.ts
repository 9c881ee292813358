// Against the real components: Debian's prometheus-node-exporter reads what `bondtop export`
// wrote (from --demo and from a --root capture) through its textfile collector, and promtool
// (Debian's prometheus package) checks the file and the alert rules. In CI (CI set) a missing
// binary fails the test; elsewhere it is skipped with the apt command to install them.
import assert from 'node:assert/strict';
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync} from 'node:fs';
import {get} from 'node:http';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, test} from 'node:test';
import {fileURLToPath} from 'node:url';

const bin = fileURLToPath(new URL('../../dist/bondtop.js', import.meta.url));
const capture = fileURLToPath(new URL('../fixtures/capture/sosreport-active-backup', import.meta.url));
const rules = fileURLToPath(new URL('../../contrib/prometheus/bondtop.rules.yml', import.meta.url));

function which(name: string): string | null {
	for (const dir of (process.env.PATH ?? '/usr/bin').split(':')) if (existsSync(join(dir, name))) return join(dir, name);
	return null;
}
const nodeExporter = which('prometheus-node-exporter') ?? which('node_exporter');
const promtool = which('promtool');
const missing = [nodeExporter ? null : 'prometheus-node-exporter', promtool ? null : 'promtool (Debian package prometheus)'].filter(Boolean);
const skip = missing.length > 0 && !process.env.CI ? `needs ${missing.join(' and ')}: apt-get install prometheus-node-exporter prometheus` : false;

test('the real components are installed (in CI they must be)', {skip}, () => {
	assert.deepEqual(missing, [], `missing ${missing.join(', ')}: .ci/run installs them with apt-get`);
});

/** bondtop --json's verdict and findings by severity of bond0, for the same source. */
function judgedByJson(args: string[]): {status: number; findings: Record<string, number>} {
	const r = spawnSync(process.execPath, [bin, '--json', ...args], {encoding: 'utf8', timeout: 30_000});
	assert.equal(r.status, 0, r.stderr);
	const bond = JSON.parse(r.stdout).bonds[0];
	const findings: Record<string, number> = {info: 0, warning: 0, critical: 0};
	for (const f of bond.findings as Array<{severity: string}>) findings[f.severity] = (findings[f.severity] ?? 0) + 1;
	return {status: ['OK', 'WARNING', 'CRITICAL', 'UNKNOWN'].indexOf(bond.verdict.status), findings};
}

function assertJudgement(m: Map<string, number>, expected: {status: number; findings: Record<string, number>}) {
	assert.ok(expected.status >= 0);
	assert.equal(m.get('bondtop_bond_verdict{master="bond0"}'), expected.status, 'the same verdict as --json');
	for (const severity of ['info', 'warning', 'critical']) {
		assert.equal(m.get(`bondtop_bond_findings{master="bond0",severity="${severity}"}`), expected.findings[severity], severity);
	}
}

function exportTo(args: string[]): string {
	const dir = mkdtempSync(join(tmpdir(), 'bondtop-textfile-'));
	const r = spawnSync(process.execPath, [bin, 'export', ...args, '--textfile', dir], {encoding: 'utf8', timeout: 30_000});
	assert.equal(r.status, 0, r.stderr);
	assert.equal(r.stderr, '');
	return dir;
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const {port} = server.address() as {port: number};
			server.close(() => resolve(port));
		});
	});
}

function fetchText(url: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const req = get(url, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (d) => (body += d));
			res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`HTTP ${res.statusCode}`))));
		});
		req.on('error', reject);
		req.setTimeout(5000, () => req.destroy(new Error('timeout')));
	});
}

const started: ChildProcess[] = [];
after(() => {
	for (const child of started) if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(child.pid, 'SIGTERM');
});

/** Starts node_exporter with only the textfile collector on DIR and returns its /metrics text. */
async function scrape(dir: string): Promise<Map<string, number>> {
	const port = await freePort();
	const child = spawn(nodeExporter!, [`--web.listen-address=127.0.0.1:${port}`, '--collector.disable-defaults', '--collector.textfile', `--collector.textfile.directory=${dir}`], {stdio: ['ignore', 'ignore', 'pipe']});
	started.push(child);
	let log = '';
	child.stderr!.on('data', (d) => (log += d));
	try {
		const deadline = Date.now() + 15_000;
		for (;;) {
			try {
				const text = await fetchText(`http://127.0.0.1:${port}/metrics`);
				const samples = new Map<string, number>();
				for (const line of text.split('\n')) {
					const m = /^(\w+(?:\{.*\})?) (\S+)$/.exec(line);
					if (m) samples.set(m[1]!, Number(m[2]));
				}
				return samples;
			} catch (error) {
				if (Date.now() > deadline || child.exitCode !== null) throw new Error(`node_exporter did not answer: ${String(error)}\n${log}`);
				await new Promise((r) => setTimeout(r, 100));
			}
		}
	} finally {
		process.kill(child.pid!, 'SIGTERM');
		await new Promise((r) => (child.exitCode === null && child.signalCode === null ? child.once('exit', r) : r(null)));
	}
}

test('node_exporter serves what bondtop export wrote from --demo, without a scrape error; promtool accepts the file', {skip}, async () => {
	const dir = exportTo(['--demo']);
	const check = spawnSync(promtool!, ['check', 'metrics'], {input: readFileSync(join(dir, 'bondtop.prom')), encoding: 'utf8'});
	assert.equal(check.status, 0, check.stdout + check.stderr);
	const m = await scrape(dir);
	assert.equal(m.get('node_textfile_scrape_error'), 0);
	assert.ok([...m.keys()].some((k) => k.startsWith('node_textfile_mtime_seconds')), 'node_exporter saw the file');
	// The demo is the origin story's Pi 2: eth1 (USB) active, eth0 without carrier, no primary.
	assert.equal(m.get('bondtop_bond_info{active_slave="eth1",master="bond0",mode="active-backup",primary=""}'), 1, 'node_exporter sorts labels');
	assert.equal(m.get('bondtop_bond_slaves{master="bond0"}'), 2);
	assert.equal(m.get('bondtop_bond_slaves_up{master="bond0"}'), 1);
	assert.equal(m.get('bondtop_bond_on_primary{master="bond0"}'), undefined, 'no primary, no on-primary gauge');
	assert.equal(m.get('bondtop_bond_miimon_seconds{master="bond0"}'), 0.1);
	assert.equal(m.get('bondtop_bond_downdelay_seconds{master="bond0"}'), 0.2);
	assert.equal(m.get('bondtop_slave_active{master="bond0",slave="eth0"}'), 0);
	assert.equal(m.get('bondtop_slave_active{master="bond0",slave="eth1"}'), 1);
	assert.equal(m.get('bondtop_active_slave_changes_total{master="bond0"}'), 0);
	assertJudgement(m, judgedByJson(['--demo']));
});

test('node_exporter serves the metrics of a --root capture: the failover from its kernel log counted and timed', {skip}, async () => {
	const dir = exportTo(['--root', capture]);
	const check = spawnSync(promtool!, ['check', 'metrics'], {input: readFileSync(join(dir, 'bondtop.prom')), encoding: 'utf8'});
	assert.equal(check.status, 0, check.stdout + check.stderr);
	const m = await scrape(dir);
	assert.equal(m.get('node_textfile_scrape_error'), 0);
	assert.equal(m.get('bondtop_bond_info{active_slave="eth1",master="bond0",mode="active-backup",primary=""}'), 1);
	assert.equal(m.get('bondtop_active_slave_changes_total{master="bond0"}'), 1, 'the one failover in the capture\'s dmesg');
	// btime 1795000000 + 29.749254 s after boot (sos_commands/kernel/dmesg); node_exporter prints it in e-notation.
	assert.ok(Math.abs(m.get('bondtop_last_failover_timestamp_seconds{master="bond0"}')! - 1795000029.749254) < 0.001);
	assert.equal(m.get('bondtop_slave_link_failures_total{master="bond0",slave="eth0"}'), 1);
	assert.equal(m.get('bondtop_slave_mii_up{master="bond0",slave="eth0"}'), 1);
	assertJudgement(m, judgedByJson(['--root', capture]));
});

test('promtool accepts the alert rules in contrib/prometheus', {skip}, () => {
	const r = spawnSync(promtool!, ['check', 'rules', rules], {encoding: 'utf8'});
	assert.equal(r.status, 0, r.stdout + r.stderr);
	assert.match(r.stdout, /SUCCESS: 8 rules found/);
});
