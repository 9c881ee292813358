/**
 * parseCommonCommandLine (source/cli/argv.ts) parses the common command lines without meow: every
 * command line it takes must come out exactly as meow gives it, and the ones people type most
 * must not need meow. meow itself is the reference here, with the flag table as cli.tsx gives it.
 */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import meow from 'meow';
import {argvProblem, parseCommonCommandLine} from '../../source/cli/argv.js';
import {flagTable, meowFlags, type FlagSpec} from '../../source/cli/usage.js';

function byMeow(argv: string[]): {input: string[]; flags: Record<string, unknown>} {
	const cli = meow('', {importMeta: import.meta, argv, version: '1.2.3', pkg: {name: 'bondtop', version: '1.2.3'}, allowUnknownFlags: true, flags: meowFlags() as never});
	return {input: cli.input, flags: cli.flags as Record<string, unknown>};
}

const flags = flagTable as readonly FlagSpec[];
const values = ['250', '0x10', '-5', '-.5', '1e3', '007', 'abc', '', 'de', 'bond0', '/tmp/x y', '"quoted"', "'q'", '-x', '--demo', 'true', 'false', '1_000', ' 12 '];

/** Every spelling of every flag with a few values, and words: one to four of them in a row. */
function pieces(): string[][] {
	const out: string[][] = [['bond0'], ['-'], ['check'], ['drill'], ['eth0'], ['-h'], ['-v'], ['-hv'], ['--help'], ['--version'], ['--bogus'], ['--bogus', 'x'], ['--no-interval'], ['---x']];
	for (const flag of flags) {
		if (flag.type === 'boolean') {
			out.push([`--${flag.name}`], [`--no-${flag.name}`], [`--${flag.name}=true`], [`--${flag.name}=false`], [`--${flag.name}`, 'false'], [`--${flag.name}`, 'true']);
		} else {
			for (const value of values) out.push([`--${flag.name}`, value], [`--${flag.name}=${value}`]);
			out.push([`--${flag.name}`]);
		}
	}
	return out;
}

test('every command line parseCommonCommandLine takes comes out as meow gives it', () => {
	const all = pieces();
	let seed = 12345;
	const random = (n: number) => {
		seed = (seed * 1103515245 + 12345) % 2 ** 31;
		return seed % n;
	};
	const lines: string[][] = [[], ...all];
	for (let i = 0; i < 3000; i++) {
		const line: string[] = [];
		for (let k = 1 + random(4); k > 0; k--) line.push(...all[random(all.length)]!);
		lines.push(line);
	}
	let taken = 0;
	for (const argv of lines) {
		const common = parseCommonCommandLine(argv);
		if (common === null) continue;
		taken++;
		// Only what argvProblem lets through reaches a parser (cli.tsx); the fast path must agree with meow on all of it and more.
		assert.deepStrictEqual(common, byMeow(argv), JSON.stringify(argv));
	}
	assert.ok(taken > 500, `the fast path took ${taken} of ${lines.length}`);
});

test('the command lines people type most need no meow', () => {
	for (const argv of [
		[],
		['--demo'],
		['--json', '--demo'],
		['--once', '--demo'],
		['--demo', '--interval', '250'],
		['--interval=500', 'bond0', 'bond1'],
		['--lang', 'de', '--no-color', '--ascii'],
		['--demo', '--demo-scenario', 'flapping', '--percent'],
		['--root', '/tmp/capture', '--once'],
		['--read-only', '--no-events', '--log', '/var/log/bondtop.jsonl'],
		['check', '--expect-active', 'primary', '--min-slaves', '2'],
		['drill', 'eth0', '--for', '5', '--target', '192.0.2.1'],
		['export', '--textfile', '/var/lib/node_exporter', '--interval', '15000'],
		['watch', '--json', '--interval', '1000'],
		['lab', '--mode', '802.3ad', '--slaves', '4'],
	]) {
		assert.equal(argvProblem(argv), null, argv.join(' '));
		const common = parseCommonCommandLine(argv);
		assert.ok(common, argv.join(' '));
		assert.deepStrictEqual(common, byMeow(argv), argv.join(' '));
	}
});

test('meow parses what the fast path leaves to it', () => {
	for (const argv of [['-h'], ['--help'], ['--version'], ['--demo', '--demo'], ['--color=false'], ['--color', 'false'], ['--target', '-x'], ['--log="a b"'], ['--root', ''], ['check', '--bogus']]) {
		assert.equal(parseCommonCommandLine(argv), null, argv.join(' '));
	}
});
