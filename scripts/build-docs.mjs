#!/usr/bin/env node
// Writes the man page and the shell completion from the command-line tables (source/cli/usage.ts,
// source/ui/keys.ts, source/cli/manual.ts), so they list what --help lists:
//   dist/bondtop.1                 man page (roff)
//   dist/completion/bash/bondtop   bash completion
//   dist/completion/zsh/_bondtop   zsh completion
// Part of `npm run build`. The page's date is the last commit's (SOURCE_DATE_EPOCH wins), so the
// same checkout gives the same files.
import {execFileSync} from 'node:child_process';
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {tsImport} from 'tsx/esm/api';

const out = process.env.BONDTOP_DOCS_DIR ?? 'dist';
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const {manPage} = await tsImport('../source/cli/man-page.ts', import.meta.url);
const {bashCompletion, zshCompletion} = await tsImport('../source/cli/completion.ts', import.meta.url);

function pageDate() {
	const epoch = process.env.SOURCE_DATE_EPOCH;
	if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString().slice(0, 10);
	try {
		const date = execFileSync('git', ['log', '-1', '--format=%cs'], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim();
		if (/^\d{4}-\d\d-\d\d$/.test(date)) return date;
	} catch {}
	return new Date().toISOString().slice(0, 10);
}

function write(path, text, mode = 0o644) {
	mkdirSync(dirname(path), {recursive: true});
	writeFileSync(path, text, {mode});
}

write(join(out, 'bondtop.1'), manPage({version: pkg.version, date: pageDate()}));
write(join(out, 'completion', 'bash', 'bondtop'), bashCompletion());
write(join(out, 'completion', 'zsh', '_bondtop'), zshCompletion());
