// The bin (dist/bondtop.js, from scripts/entry.js) refuses a Node.js older than package.json's
// engines.node with one line naming the version, before anything an old Node.js cannot parse.
// Real old Node.js binaries (8, 12) run it in test/package/run.mjs; here the version is faked.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(repo, 'dist/bondtop.js');

function runAs(version: string, ...args: string[]) {
	const dir = mkdtempSync(join(tmpdir(), 'bondtop-node-version-'));
	try {
		const fake = join(dir, 'fake.cjs');
		writeFileSync(fake, `Object.defineProperty(process, 'versions', {value: {...process.versions, node: ${JSON.stringify(version)}}});\nObject.defineProperty(process, 'version', {value: ${JSON.stringify(`v${version}`)}});\n`);
		return spawnSync(process.execPath, ['--require', fake, bin, ...args], {encoding: 'utf8', timeout: 20_000});
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}

test("the bin's minimum is package.json's engines.node", () => {
	const engines = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).engines.node as string;
	const entry = readFileSync(join(repo, 'scripts/entry.js'), 'utf8');
	assert.equal(`>=${/var minimum = (\d+);/.exec(entry)?.[1]}`, engines);
});

for (const version of ['16.20.2', '14.21.3', '12.22.12', '17.9.1']) {
	test(`Node.js ${version}: one line naming it, exit 1, nothing else run`, () => {
		const result = runAs(version, '--demo', '--json');
		assert.equal(result.status, 1);
		assert.equal(result.stdout, '');
		const lines = result.stderr.split('\n');
		assert.equal(lines.length, 2, result.stderr);
		assert.equal(lines[1], '');
		assert.match(lines[0]!, new RegExp(`^bondtop: needs Node\\.js 18 or newer; this is v${version.replace(/\./g, '\\.')} \\(`));
		assert.match(lines[0]!, /apt install nodejs.*https:\/\/nodejs\.org/);
	});
}

test('Node.js 18.0.0 is enough', () => {
	const result = runAs('18.0.0', '--version');
	assert.equal(result.status, 0, result.stderr);
	assert.match(result.stdout, /^\d+\.\d+\.\d+/);
});

test('the bin uses no syntax newer than ES5 apart from the import() inside a string', () => {
	const code = readFileSync(bin, 'utf8')
		.replace(/^#!.*\n/, '')
		.replace(/\/\/.*$/gm, '')
		.replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g, '""');
	for (const [pattern, what] of [[/\b(let|const|class|async|await|import|export)\b/, 'a keyword'], [/=>/, 'an arrow'], [/`/, 'a template'], [/\?\.|\?\?/, 'optional chaining'], [/\.\.\./, 'spread']] as const) {
		assert.doesNotMatch(code, pattern, `the bin has ${what}`);
	}
});
