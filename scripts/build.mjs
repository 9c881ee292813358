#!/usr/bin/env node
// Bundles source/cli.tsx into one file, dist/bondtop.js, so start-up reads one file instead of
// walking hundreds of node_modules files (an SD card on a Pi is slow at that).
import {build} from 'esbuild';
import {chmodSync, readFileSync} from 'node:fs';
import {inkBoundedTextCaches, inkKeepRemovedYogaNodes, inkSharedCaches, memoisedStringWidth, yogaWithoutFetch} from './esbuild-plugins.mjs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
await build({
	entryPoints: ['source/cli.tsx'],
	outfile: process.env.BONDTOP_OUTFILE ?? 'dist/bondtop.js',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node18',
	minify: process.env.BONDTOP_MINIFY !== '0',
	legalComments: 'none',
	jsx: 'automatic',
	define: {
		'process.env.NODE_ENV': '"production"',
		BONDTOP_VERSION: JSON.stringify(pkg.version),
	},
	// Ink imports react-devtools-core only when DEV is set; it must not be bundled.
	alias: {'react-devtools-core': './scripts/stub-devtools.js', ws: './scripts/stub-devtools.js'},
	banner: {
		// V8 grows its young generation from 1 MB to 16 MB semi-spaces as objects survive scavenges;
		// for a screen that allocates a few hundred KB a second that only costs RSS (15-25 MB). A
		// growth factor of 1, set at run time before the heap grows, keeps the 1 MB semi-spaces
		// without re-executing node. (A sh/JS polyglot first line that re-executed node with
		// --max-semi-space-size=1 was tried before and removed: node crashed in QEMU lab runs with it.)
		js: "#!/usr/bin/env node\nimport {createRequire as __bondtopCreateRequire} from 'node:module';import {setFlagsFromString as __bondtopV8Flags} from 'node:v8';if(!process.env.BONDTOP_V8_DEFAULTS)__bondtopV8Flags('--semi-space-growth-factor=1');const require=__bondtopCreateRequire(import.meta.url);",
	},
	plugins: [inkSharedCaches, inkBoundedTextCaches, inkKeepRemovedYogaNodes, memoisedStringWidth, yogaWithoutFetch],
	logLevel: 'warning',
});
chmodSync(process.env.BONDTOP_OUTFILE ?? 'dist/bondtop.js', 0o755);
