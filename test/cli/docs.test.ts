// --help, the man page (dist/bondtop.1) and the README's tables list the same flags and keys, the
// ones in source/cli/usage.ts and source/ui/keys.ts; the man page's JSON fields are in the output;
// the generated completion completes what the tables say, with bond and slave names read at
// completion time. Runs the built files (`npm run build`).
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {bondingDirectory} from '../../source/cli/completion.js';
import {jsonFields} from '../../source/cli/manual.js';
import {manPage} from '../../source/cli/man-page.js';
import {commandTable, commandWord, flagSynopsis, flagTable, type FlagSpec} from '../../source/cli/usage.js';
import {keyBindings, keyList} from '../../source/ui/keys.js';
import {bondModes} from '../../source/model/types.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(repo, 'dist/bondtop.js');
const manFile = join(repo, 'dist/bondtop.1');
const bashFile = join(repo, 'dist/completion/bash/bondtop');
const zshFile = join(repo, 'dist/completion/zsh/_bondtop');

const flags = flagTable as readonly FlagSpec[];
const expectedFlags = flags.map(flagSynopsis).sort();
const expectedKeys = keyBindings.map(keyList).sort();
const subcommands = commandTable.map(commandWord).filter((w): w is string => w !== null);

function sameList(actual: string[], expected: string[], what: string) {
	const missing = expected.filter((x) => !actual.includes(x));
	const extra = actual.filter((x) => !expected.includes(x));
	assert.deepEqual([...actual].sort(), expected, `${what}: missing ${JSON.stringify(missing)}, not in the tables ${JSON.stringify(extra)}`);
}

test('--help lists every flag and every key of the tables, and nothing else', () => {
	const result = spawnSync(process.execPath, [bin, '--help'], {encoding: 'utf8', timeout: 20_000});
	assert.equal(result.status, 0, result.stderr);
	const lines = result.stdout.split('\n').map((l) => l.trimEnd());
	const keysAt = lines.findIndex((l) => l.trim() === 'Keys in the TUI');
	assert.ok(keysAt > 0, 'a Keys section');
	const cell = (line: string) => line.trim().split(/ {2,}/)[0]!;
	sameList(lines.slice(0, keysAt).filter((l) => /^\s+-/.test(l)).map(cell), expectedFlags, '--help flags');
	const keyLines = lines.slice(keysAt + 1, lines.indexOf('', keysAt));
	sameList(keyLines.map(cell), expectedKeys, '--help keys');
});

/** The tags (`.TP` lines) of one section of a roff page, as plain text. */
function manTags(roff: string, section: string): string[] {
	const start = roff.indexOf(`\n.SH ${section}\n`);
	assert.ok(start >= 0, `man page section ${section}`);
	const end = roff.indexOf('\n.SH ', start + 1);
	const lines = roff.slice(start, end < 0 ? undefined : end).split('\n');
	return lines.flatMap((line, i) => (lines[i - 1] === '.TP' ? [unroff(line)] : []));
}

function unroff(text: string): string {
	return text
		.replace(/\\f[BIRP]/g, '')
		.replace(/\\\[u([0-9A-F]{4,6})\]/g, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
		.replace(/\\-/g, '-')
		.replace(/\\&/g, '')
		.replace(/\\e/g, '\\');
}

test('the man page lists every flag and every key of the tables, and nothing else', () => {
	const roff = readFileSync(manFile, 'utf8');
	sameList(manTags(roff, 'OPTIONS'), expectedFlags, 'man page OPTIONS');
	sameList(manTags(roff, 'KEYS'), expectedKeys, 'man page KEYS');
	// dist/ is what the sources make now (not a stale build), apart from the date.
	const withoutDate = (page: string) => page.replace(/^\.TH .*$/m, '');
	assert.equal(withoutDate(roff), withoutDate(manPage({version: '', date: ''})), 'dist/bondtop.1 is out of date: npm run build');
});

test('the man page renders without groff warnings', (t) => {
	const groff = spawnSync('groff', ['-man', '-Tutf8', '-ww', '-z', manFile], {encoding: 'utf8'});
	if (groff.error) return t.skip('no groff');
	assert.equal(groff.status, 0);
	assert.equal(groff.stderr, '', 'groff warnings');
	// Every non-ASCII character went in as a groff escape (the page is ASCII).
	assert.doesNotMatch(readFileSync(manFile, 'utf8'), /[^\x00-\x7f]/);
});

/** The first cells of the markdown table under a README heading, without backticks. */
function readmeColumn(readme: string, heading: string): string[] {
	const start = readme.indexOf(`\n${heading}\n`);
	assert.ok(start >= 0, `README heading ${heading}`);
	const lines = readme.slice(start + heading.length + 2).split('\n');
	const first = lines.findIndex((l) => l.startsWith('|'));
	const end = lines.findIndex((l, i) => i > first && !l.startsWith('|'));
	// Without the header row and the |---| line.
	return lines.slice(first + 2, end).map((line) => line.split('|')[1]!.trim().replace(/^`|`$/g, ''));
}

test("the README's option and key tables list every flag and key, and nothing else", () => {
	const readme = readFileSync(join(repo, 'README.md'), 'utf8');
	sameList(readmeColumn(readme, '#### Options'), expectedFlags, 'README options table');
	sameList(readmeColumn(readme, '### Keys'), expectedKeys, 'README keys table');
});

test("the man page's JSON fields are in `--demo --json` (extensions may be absent)", () => {
	const result = spawnSync(process.execPath, [bin, '--demo', '--json'], {encoding: 'utf8', timeout: 20_000});
	assert.equal(result.status, 0, result.stderr);
	const json: unknown = JSON.parse(result.stdout);
	const lookup = (value: unknown, path: string[]): boolean => {
		if (path.length === 0) return value !== undefined;
		const [head, ...rest] = path;
		const array = head!.endsWith('[]');
		const key = array ? head!.slice(0, -2) : head!;
		if (typeof value !== 'object' || value === null || !(key in value)) return false;
		const next = (value as Record<string, unknown>)[key];
		if (!array) return lookup(next, rest);
		return Array.isArray(next) && next.length > 0 && next.every((item) => lookup(item, rest));
	};
	for (const field of jsonFields) {
		if (field.extension) continue;
		assert.ok(lookup(json, field.path.split('.')), `${field.path} is not in the output`);
	}
	assert.ok(lookup(json, ['simulated']), 'the demo has the simulated extension');
	// And the other way: every field of the output (down to bonds[].slaves[].x) is on the page,
	// by its path or named in the meaning of a field beside it.
	const documented = (path: string) => {
		const parent = path.slice(0, path.lastIndexOf('.') + 1);
		const name = path.slice(parent.length);
		return jsonFields.some((f) => f.path === path || (f.path.startsWith(parent) && !f.path.slice(parent.length).includes('.') && new RegExp(`\\b${name}\\b`).test(f.meaning)));
	};
	const walk = (value: unknown, path: string, depth: number): string[] => {
		if (Array.isArray(value)) return value.flatMap((item) => walk(item, `${path}[]`, depth));
		if (typeof value !== 'object' || value === null || depth > 2 || path.endsWith('lacp') || path.endsWith('config')) return [];
		return Object.entries(value).flatMap(([key, v]) => {
			const p = path === '' ? key : `${path}.${key}`;
			return [p, ...(['bonds', 'bonds[].slaves', 'interfaces'].includes(p) ? walk(v, p, depth + 1) : [])];
		});
	};
	const undocumented = [...new Set(walk(json, '', 0))].filter((p) => !['bonds', 'interfaces', 'bonds[].slaves'].includes(p) && !documented(p));
	assert.deepEqual(undocumented, [], 'fields of --demo --json missing from jsonFields in source/cli/manual.ts (the man page)');
});

// ---- completion ------------------------------------------------------------------------------

/** A /proc/net/bonding of our own, with a name that would run a command if it were ever evaluated. */
function fakeBonding(): {dir: string; hostile: string; cleanup: () => void} {
	const dir = mkdtempSync(join(tmpdir(), 'bondtop-completion-'));
	const bonding = join(dir, 'bonding');
	mkdirSync(bonding);
	const hostile = '$(touch${IFS}pwned)';
	const status = (slaves: string[]) => `Ethernet Channel Bonding Driver: v6.1.0\n\nBonding Mode: fault-tolerance (active-backup)\n${slaves.map((s) => `\nSlave Interface: ${s}\nMII Status: up\n`).join('')}`;
	writeFileSync(join(bonding, 'bond0'), status(['eth0', 'eth1']));
	writeFileSync(join(bonding, hostile), status([`e;${hostile}`]));
	return {dir, hostile, cleanup: () => rmSync(dir, {recursive: true, force: true})};
}

function scriptFor(file: string, dir: string): string {
	const text = readFileSync(file, 'utf8');
	assert.ok(text.includes(bondingDirectory));
	return text.split(bondingDirectory).join(join(dir, 'bonding'));
}

test('bash completion: flags, subcommands, values, and bond and slave names read when completing', () => {
	const {dir, hostile, cleanup} = fakeBonding();
	try {
		writeFileSync(join(dir, 'bondtop.bash'), scriptFor(bashFile, dir));
		mkdirSync(join(dir, 'sub-directory'));
		const complete = (...words: string[]) => {
			const script = `source ./bondtop.bash; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _bondtop; printf '%s\\n' "\${COMPREPLY[@]}"`;
			const result = spawnSync('bash', ['--norc', '--noprofile', '-c', script], {cwd: dir, encoding: 'utf8'});
			assert.equal(result.status, 0, result.stderr);
			assert.equal(result.stderr, '');
			return result.stdout.split('\n').filter((l) => l !== '').sort();
		};
		const quoted = (name: string) => spawnSync('bash', ['-c', 'printf %q "$1"', '_', name], {encoding: 'utf8'}).stdout;
		const allFlags = flags.flatMap((f) => flagSynopsis(f).split(', ').map((s) => s.split(' ')[0]!)).sort();
		assert.deepEqual(complete('bondtop', '-'), allFlags);
		assert.deepEqual(complete('bondtop', '--no-c'), ['--no-color']);
		assert.deepEqual(complete('bondtop', ''), [quoted(hostile), 'bond0', ...subcommands].sort());
		assert.deepEqual(complete('bondtop', 'check', ''), [quoted(hostile), 'bond0'].sort());
		assert.deepEqual(complete('bondtop', 'bond0', ''), [quoted(hostile), 'bond0'].sort());
		assert.deepEqual(complete('bondtop', 'drill', ''), [quoted(`e;${hostile}`), 'eth0', 'eth1'].sort());
		assert.deepEqual(complete('bondtop', 'drill', 'eth'), ['eth0', 'eth1']);
		assert.deepEqual(complete('bondtop', '--for', '5', 'drill', ''), [quoted(`e;${hostile}`), 'eth0', 'eth1'].sort());
		assert.deepEqual(complete('bondtop', 'drill', 'eth0', ''), []);
		assert.deepEqual(complete('bondtop', 'lab', '--mode', ''), [...bondModes].sort());
		assert.deepEqual(complete('bondtop', 'lab', '--mode', '=', 'act'), ['active-backup']);
		assert.deepEqual(complete('bondtop', '--interval', ''), []);
		assert.deepEqual(complete('bondtop', '--root', 'sub'), ['sub-directory']);
		assert.ok(!existsSync(join(dir, 'pwned')), 'a name was evaluated as shell code');
	} finally {
		cleanup();
	}
});

test('zsh completion: parses, and its name and argument functions complete what the tables say', (t) => {
	if (spawnSync('zsh', ['--version']).error) return t.skip('no zsh (.ci/run installs it)');
	const syntax = spawnSync('zsh', ['-n', zshFile], {encoding: 'utf8'});
	assert.equal(syntax.status, 0, syntax.stderr);
	const {dir, hostile, cleanup} = fakeBonding();
	try {
		writeFileSync(join(dir, '_bondtop'), scriptFor(zshFile, dir));
		// Completion builtins replaced by functions that print what would be offered.
		const stubs = `
			_arguments() { print -rl -- "$@" > arguments.txt }
			compadd() { [[ $1 == -a ]] || return 1; shift; [[ $1 == - ]] && shift; local a; for a; print -rl -- "\${(@P)a}" }
			_describe() { local -a list; list=("\${(@P)4}"); print -rl -- "\${list[@]%%:*}" }
			_message() { : }
		`;
		const complete = (...words: string[]) => {
			const script = `${stubs}\nsource ./_bondtop\nwords=(bondtop ${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length + 1}; _bondtop_args`;
			const result = spawnSync('zsh', ['-f', '-c', script], {cwd: dir, encoding: 'utf8'});
			// (The status is 1 when nothing was offered, as completion functions do.)
			assert.equal(result.stderr, '');
			return result.stdout.split('\n').filter((l) => l !== '').sort();
		};
		// (words as zsh has them: the whole command line, the word being completed last.)
		assert.deepEqual(complete(''), [hostile, 'bond0', ...subcommands].sort());
		assert.deepEqual(complete('drill', ''), [`e;${hostile}`, 'eth0', 'eth1'].sort());
		assert.deepEqual(complete('drill', '--for', '5', ''), [`e;${hostile}`, 'eth0', 'eth1'].sort());
		assert.deepEqual(complete('drill', 'eth0', ''), []);
		assert.deepEqual(complete('bond0', ''), [hostile, 'bond0'].sort());
		assert.ok(!existsSync(join(dir, 'pwned')), 'a name was evaluated as shell code');
		// Every flag is in the _arguments specs (as `--name[` or `--name=[`).
		const specs = readFileSync(join(dir, 'arguments.txt'), 'utf8');
		for (const flag of flags) for (const word of flagSynopsis(flag).split(', ').map((s) => s.split(' ')[0]!)) assert.match(specs, new RegExp(`(^|\\))${word}=?\\[`, 'm'), word);
		assert.ok(readdirSync(dir).includes('arguments.txt'));
	} finally {
		cleanup();
	}
});

test('zsh completion in a real zsh (zpty): flags, values, subcommands, bond and slave names', (t) => {
	if (spawnSync('zsh', ['--version']).error) return t.skip('no zsh (.ci/run installs it)');
	const {dir, cleanup} = fakeBonding();
	try {
		mkdirSync(join(dir, 'functions'));
		writeFileSync(join(dir, 'functions', '_bondtop'), scriptFor(zshFile, dir));
		// Each case: type the words and a Tab into an interactive zsh, read until the expected text
		// shows (or 20 s pass), print what came back, then clear the line.
		// Flags typed as their shortest unique prefix, so that zsh completes them in one go.
		const words = flags.flatMap((f) => flagSynopsis(f).split(', ').map((w) => w.split(' ')[0]!));
		const unique = (word: string) => {
			for (let n = 3; n < word.length; n++) if (words.filter((w) => w.startsWith(word.slice(0, n))).length === 1) return word.slice(0, n);
			return word;
		};
		const cases: Array<[typed: string, expected: string]> = [
			[`bondtop ${unique('--no-color')}`, 'bondtop --no-color'],
			[`bondtop ${unique('--mode')}`, 'bondtop --mode'],
			['bondtop lab --mode=acti', 'active-backup'],
			['bondtop bo', 'bondtop bond0'],
			['bondtop dr', 'bondtop drill'],
			['bondtop drill eth', 'eth1'],
			[`bondtop drill eth0 ${unique('--force')}`, 'bondtop drill eth0 --force'],
			[`bondtop drill --for 5 ${unique('--target')}`, 'bondtop drill --for 5 --target'],
		];
		const driver = `
zmodload zsh/zpty
zpty -b z 'zsh -f -i'
zpty -w z 'PS1="> "; fpath=(${join(dir, 'functions')} $fpath); autoload -Uz compinit; compinit -u -D; setopt nobeep'
wait_for() { local chunk; REPLY=; local end=$((SECONDS + 20)); while (( SECONDS < end )); do if zpty -r -t z chunk; then REPLY+=$chunk; [[ -n $1 && $REPLY == *$1* ]] && return 0; else sleep 0.05; fi; done; return 1 }
wait_for 'NEVER-SHOWS' || true
typeset -a typed expected
typed=(${cases.map(([typed]) => `'${typed}'`).join(' ')})
expected=(${cases.map(([, expected]) => `'${expected}'`).join(' ')})
for i in {1..$#typed}; do
	zpty -n -w z "$typed[i]"$'\\t'
	if wait_for "$expected[i]"; then print -r -- "ok $i"; else print -r -- "FAIL $i: \${(q)REPLY}"; fi
	zpty -n -w z $'\\C-e\\C-u'
	zpty -r -t z REPLY; sleep 0.2; while zpty -r -t z REPLY; do :; done
done
zpty -d z
`;
		writeFileSync(join(dir, 'driver.zsh'), driver.replace('wait_for \'NEVER-SHOWS\' || true', 'sleep 1; while zpty -r -t z REPLY; do :; done'));
		const result = spawnSync('zsh', ['-f', join(dir, 'driver.zsh')], {cwd: dir, encoding: 'utf8', timeout: 180_000});
		assert.equal(result.status, 0, result.stderr);
		assert.deepEqual(result.stdout.trim().split('\n'), cases.map((_, i) => `ok ${i + 1}`));
		assert.ok(!existsSync(join(dir, 'pwned')), 'a name was evaluated as shell code');
	} finally {
		cleanup();
	}
});
