// The licences of the libraries the bundle holds (esbuild's metafile says which files went in),
// for dist/THIRD-PARTY-NOTICES: the MIT and ISC licences ask that their notice travel with every
// copy, and the bundle drops the source files' comments (legalComments: 'none').
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';

/** The package directory (`node_modules/a/node_modules/@s/b`) of a bundled input path, or null. */
function packageDirectory(input) {
	const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
	return match ? match[1] : null;
}

function licenseFile(dir) {
	const name = readdirSync(dir).find((n) => /^(licen[cs]e|copying)(\.(md|txt|markdown))?$/i.test(n));
	return name ? readFileSync(join(dir, name), 'utf8').trim() : null;
}

/** The notices text for the inputs of an esbuild metafile. Throws when a package has no licence. */
export function thirdPartyNotices(metafile) {
	const dirs = new Set();
	for (const input of Object.keys(metafile.inputs)) {
		const dir = packageDirectory(input.replace(/^[a-z-]+:/, ''));
		if (dir && existsSync(join(dir, 'package.json'))) dirs.add(dir);
	}
	const entries = [];
	for (const dir of dirs) {
		const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
		const license = typeof pkg.license === 'string' ? pkg.license : pkg.license?.type;
		const text = licenseFile(dir);
		if (!license && !text) throw new Error(`third-party notices: ${dir} states no licence`);
		// Packages that bundle their own dependencies list those licences too (meow: build/licenses.md).
		const bundled = ['licenses.md', 'build/licenses.md', 'ThirdPartyNotices.txt'].filter((f) => existsSync(join(dir, f))).map((f) => readFileSync(join(dir, f), 'utf8').trim());
		const author = typeof pkg.author === 'string' ? pkg.author : pkg.author?.name;
		entries.push({name: pkg.name, version: pkg.version, license: license ?? 'see the text', text: [text, ...bundled].filter(Boolean).join('\n\n') || null, author});
	}
	entries.sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
	const seen = new Set();
	const parts = [];
	for (const e of entries) {
		const key = `${e.name}@${e.version}`;
		if (seen.has(key)) continue;
		seen.add(key);
		const missing = `Licensed under the ${e.license} licence${e.author ? `, by ${e.author}` : ''}; the package ships no licence text.`;
		parts.push(`${key} (${e.license})\n\n${e.text ?? missing}`);
	}
	return `bondtop's bundle (bondtop-main.js) contains these libraries, under these licences:\n\n${parts.map((p) => `${'-'.repeat(72)}\n${p}\n`).join('\n')}`;
}
