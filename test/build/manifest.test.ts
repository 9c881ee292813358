// package.json as npm publishes it: the bundle holds every library, so the package has no
// dependencies to install (an offline `npm install -g bondtop-x.tgz` needs nothing else), and its
// `files` are the runtime that `npm run build` makes.
import assert from 'node:assert/strict';
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));

test('no runtime dependencies: libraries are bundled, so they are devDependencies (npm install -D)', () => {
	assert.deepEqual(Object.keys(pkg.dependencies ?? {}), [], 'add libraries with npm install -D: the bundle (dist/bondtop-main.js) contains them');
	assert.equal(pkg.bundleDependencies ?? pkg.bundledDependencies, undefined);
	// npm 11 warns about each of these on install of the tarball (prepare too), and would run them.
	for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) assert.equal(pkg.scripts[hook], undefined, `an ${hook} script would run (or warn) on every user's install: use prepack`);
});

test('files, bin and man are what npm run build writes', () => {
	for (const file of pkg.files as string[]) assert.ok(existsSync(join(repo, file)), `${file} (npm run build)`);
	const inFiles = (path: string) => (pkg.files as string[]).some((f) => path === f || (f.endsWith('/') && path.startsWith(f)));
	assert.ok(inFiles(pkg.bin.bondtop), 'bin');
	for (const page of pkg.man as string[]) assert.ok(inFiles(page), page);
	// What the bin loads at run time.
	for (const file of ['dist/bondtop-launcher.cjs', 'dist/bondtop-main.js', 'dist/package.json']) assert.ok(inFiles(file), file);
});
