#!/usr/bin/env node
// Runs every test/**/*.test.ts(x) (except the QEMU lab, which has its own runner) with Node's
// own test runner. Node 20 does not expand globs for --test, so the files are listed here.
import {readdirSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {spawnSync} from 'node:child_process';

const skip = new Set(['test/kernel', 'test/fixtures']);
function find(dir) {
	const out = [];
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (skip.has(path)) continue;
		if (statSync(path).isDirectory()) out.push(...find(path));
		else if (/\.test\.tsx?$/.test(name)) out.push(path);
	}
	return out;
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : find('test').sort();
if (files.length === 0) {
	console.error('run-unit-tests: no test files found');
	process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
	stdio: 'inherit',
});
process.exit(result.status ?? 1);
