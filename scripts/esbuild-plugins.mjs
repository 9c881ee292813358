// esbuild plugins shared by the bundle (scripts/build.mjs) and the frame benchmark.
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {readFileSync} from 'node:fs';
import {dirname} from 'node:path';
import {fileURLToPath} from 'node:url';
import {plainRun} from './plain-run.js';

/** Every `string-width` import gets the real module wrapped by scripts/string-width-memo.js. */
export const memoisedStringWidth = {
	name: 'memoised-string-width',
	setup(build) {
		const memo = fileURLToPath(new URL('string-width-memo.js', import.meta.url));
		build.onResolve({filter: /^string-width$/}, async (args) => {
			if (args.pluginData?.real) return undefined;
			const real = await build.resolve('string-width', {kind: args.kind, resolveDir: args.resolveDir, pluginData: {real: true}});
			if (real.errors.length > 0) return {errors: real.errors};
			return {path: real.path, namespace: 'memoised-string-width'};
		});
		build.onLoad({filter: /.*/, namespace: 'memoised-string-width'}, (args) => ({
			contents: `import stringWidth from ${JSON.stringify(args.path)};\nimport {memoise} from ${JSON.stringify(memo)};\nexport default memoise(stringWidth);\n`,
			resolveDir: dirname(args.path),
		}));
	},
};

/**
 * Ink rebuilds its whole Output for every frame: fresh tokeniser and width caches, one object per
 * character of every written line and of every blank of the screen, every row re-serialised cell
 * by cell, although most of bondtop's lines do not change between frames and most rows are a few
 * self-contained strings side by side. These patches to ink/build/output.js (pinned ink version;
 * the build fails if the code moved) keep that work out of the frame: caches that reach back one
 * frame, and a get() (scripts/ink-output-get.js) that joins a row's strings directly when that is
 * exactly what Ink's grid would print, falling back to the grid row by row otherwise.
 * Profile of the demo before them: tokenising, string-width and row serialising were most of
 * bondtop's CPU.
 */
const plainRunSource = plainRun.toString();
const inkGetSha256 = '584200c7a022a7e5dfb52adcebe9fe0c6a1de09d132c47438b599dc8d89bf047';
export const inkSharedCaches = {
	name: 'ink-output-caches',
	setup(build) {
		build.onLoad({filter: /ink[\\/]build[\\/]output\.js$/}, (args) => {
			let source = readFileSync(args.path, 'utf8');
			const patch = (from, to) => {
				if (!source.includes(from)) throw new Error(`ink's output.js changed: "${from}" not found; update scripts/esbuild-plugins.mjs`);
				source = source.replace(from, to);
			};
			// 1. Tokeniser and width caches that reach back one frame, and a cache of which lines
			//    can be joined as they are (plainRun below).
			patch('caches = new OutputCaches();', 'caches = outputCaches();');
			patch('cached = styledCharsFromTokens(tokenize(line));', 'cached = this.previous?.styledChars.get(line) ?? styledCharsFromTokens(tokenize(line));');
			patch('cached = stringWidth(text);', 'cached = this.previous?.widths.get(text) ?? stringWidth(text);');
			patch(
				'    getWidestLine(text) {',
				`    plainRuns = new Map();
    isPlainRun(line, width) {
        let cached = this.plainRuns.get(line);
        if (cached === undefined) {
            cached = this.previous?.plainRuns.get(line) ?? plainRun(line, width);
            this.plainRuns.set(line, cached);
        }
        return cached;
    }
    getWidestLine(text) {`,
			);
			// 2. get(): rows joined directly where exact, Ink's grid otherwise.
			const at = source.indexOf('    get() {');
			const original = source.slice(at);
			if (at < 0 || createHash('sha256').update(original).digest('hex') !== inkGetSha256) {
				throw new Error("ink's Output.get() changed; review scripts/ink-output-get.js against it and update inkGetSha256");
			}
			const replacement = readFileSync(fileURLToPath(new URL('ink-output-get.js', import.meta.url)), 'utf8');
			source = source.slice(0, at) + replacement.slice(replacement.indexOf('    get() {'));
			const helpers = `
// Generational: each frame's caches fall back to the previous frame's, so a line unchanged since
// the last frame costs a lookup, and nothing older than one frame is kept (bounded memory).
let lastFrameCaches;
function outputCaches() {
	const caches = new OutputCaches();
	if (lastFrameCaches) lastFrameCaches.previous = undefined;
	caches.previous = lastFrameCaches;
	lastFrameCaches = caches;
	return caches;
}
const blankCell = Object.freeze({type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([])});
// Each row's writes (column, text, column, text, ...) and string in the last frame: get() reuses
// the string when a row's writes are the same (scripts/ink-output-get.js).
let lastFrameRows = {width: -1, writes: [], texts: []};
function sameWrites(a, b) {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}
// A row whose cells are the very same objects as last frame's gives the same string.
let previousRows = [];
function rowString(cells, rowIndex) {
	const previous = previousRows[rowIndex];
	if (previous && previous.cells.length === cells.length) {
		let same = true;
		for (let i = 0; i < cells.length; i++) {
			if (previous.cells[i] !== cells[i]) {
				same = false;
				break;
			}
		}
		if (same) return previous.text;
	}
	const text = styledCharsToString(cells).trimEnd();
	if (rowIndex > 500) previousRows = [];
	previousRows[rowIndex] = {cells, text};
	return text;
}
${plainRunSource}
`;
			patch('export default class Output', `${helpers}export default class Output`);
			return {contents: source, loader: 'js'};
		});
	},
};

/**
 * yoga-layout (Ink's layout engine) ships its wasm as a base64 data: URL and, when a global fetch
 * exists (Node 18+), loads it with fetch(): that pulls in Node's whole fetch implementation and
 * percent-decodes 100 KB, about 280 ms of every start-up here (seconds on a Pi). Its own fallback
 * decodes the same base64 synchronously; this makes it take that path. That fallback decodes with
 * atob (JavaScript in Node) into a string and copies it into bytes one character at a time: 4-8 ms
 * of every start-up here for 94 KB. Buffer.from(base64) gives the same bytes natively
 * (test/build/start-up-patches.test.ts compares them).
 */
export const yogaWithoutFetch = {
	name: 'yoga-without-fetch',
	setup(build) {
		build.onLoad({filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/}, (args) => {
			let source = readFileSync(args.path, 'utf8');
			const patch = (from, to) => {
				if (!source.includes(from)) throw new Error(`yoga-layout changed: "${from}" not found; update scripts/esbuild-plugins.mjs`);
				source = source.replace(from, to);
			};
			patch('"function"!=typeof fetch', 'true');
			patch('var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c', 'var d=Buffer.from(a.slice(37),"base64")');
			return {contents: source, loader: 'js'};
		});
	},
};

/**
 * Ink's wrap-text.js and measure-text.js cache every distinct text they ever saw, forever: with
 * counters that change every second that is a leak (tens of MB a day). This bounds both caches
 * (started afresh past 2000 entries).
 */
export const inkBoundedTextCaches = {
	name: 'ink-bounded-text-caches',
	setup(build) {
		const edits = {
			'wrap-text.js': [
				['const cache = {};', 'let cache = {};\nlet cacheSize = 0;'],
				['cache[cacheKey] = wrappedText;', 'if (++cacheSize > 2000) {\n        cache = {};\n        cacheSize = 1;\n    }\n    cache[cacheKey] = wrappedText;'],
			],
			'measure-text.js': [
				['const cache = new Map();', 'let cache = new Map();'],
				['cache.set(text, dimensions);', 'if (cache.size >= 2000) cache = new Map();\n    cache.set(text, dimensions);'],
			],
		};
		build.onLoad({filter: /ink[\\/]build[\\/](wrap-text|measure-text)\.js$/}, (args) => {
			let source = readFileSync(args.path, 'utf8');
			for (const [from, to] of edits[args.path.split(/[\\/]/).pop()]) {
				if (!source.includes(from)) throw new Error(`ink changed: "${from}" not found in ${args.path}; update scripts/esbuild-plugins.mjs`);
				source = source.replace(from, to);
			}
			return {contents: source, loader: 'js'};
		});
	},
};

/**
 * Ink frees a removed node's Yoga (wasm) memory at once. In the kernel lab bondtop crashed with
 * "RuntimeError: memory access out of bounds" inside Yoga's calculateLayout right after commits
 * that removed nodes (a failover rewrites the event log; the first `j` reshapes panels): the
 * family of use-after-free bugs reported against Ink (ink#904, gemini-cli#14591, qwen-code#6820).
 * Detaching without freeing trades a few hundred bytes of wasm memory per removed node (bondtop
 * removes nodes only when events arrive or the layout changes, not per tick) for no crash.
 */
export const inkKeepRemovedYogaNodes = {
	name: 'ink-keep-removed-yoga-nodes',
	setup(build) {
		build.onLoad({filter: /ink[\\/]build[\\/]reconciler\.js$/}, (args) => {
			const source = readFileSync(args.path, 'utf8');
			const target = '    node?.freeRecursive();\n';
			if (!source.includes(target)) throw new Error(`ink's reconciler.js changed: "${target.trim()}" not found; update scripts/esbuild-plugins.mjs`);
			return {contents: source.replace(target, '    // Not freed: see inkKeepRemovedYogaNodes in scripts/esbuild-plugins.mjs.\n'), loader: 'js'};
		});
	},
};

/**
 * Ink asks `is-in-ci` (the environment variables CI and CONTINUOUS_INTEGRATION) whether it runs in
 * CI and, if so, draws nothing until it exits: only the last frame is written. bondtop starts the
 * TUI only when stdout is a terminal (otherwise it prints --once), so a person whose shell or CI
 * job exports CI=true and who runs bondtop in a terminal (tmux in a CI job, a pty in a test) got a
 * blank screen. The answer for bondtop is always "not in CI": checked by test/build/not-in-ci.test.ts.
 */
export const inkNeverInCi = {
	name: 'ink-never-in-ci',
	setup(build) {
		build.onResolve({filter: /^is-in-ci$/}, () => ({path: 'is-in-ci', namespace: 'ink-never-in-ci'}));
		build.onLoad({filter: /.*/, namespace: 'ink-never-in-ci'}, () => ({contents: 'export default false;\n', loader: 'js'}));
	},
};

/**
 * Ink squashes every text node's children into one string on every frame (and again when Yoga
 * measures it): string concatenation, each coloured child's chalk transform, then sanitizeAnsi,
 * which tokenises any text holding an escape sequence. bondtop's rows are memoised components,
 * so most text nodes have the very same children from frame to frame. This keeps, per text node,
 * the inputs the result depends on (each child node, a text child's value, an element child's
 * transform function, nested text nodes recursively) and the result; when all are the same the
 * result is returned as it is. Ink's transforms are pure functions of the text, the index and
 * their closure (a re-rendered Text gets a new closure, which misses). The WeakMap drops removed
 * nodes. test/build/ink-squash-cache.test.ts checks it against Ink's own on random DOM edits.
 */
export const inkSquashCache = {
	name: 'ink-squash-cache',
	setup(build) {
		build.onLoad({filter: /ink[\\/]build[\\/]squash-text-nodes\.js$/}, (args) => {
			let source = readFileSync(args.path, 'utf8');
			const patch = (from, to) => {
				if (!source.includes(from)) throw new Error(`ink's squash-text-nodes.js changed: "${from}" not found; update scripts/esbuild-plugins.mjs`);
				source = source.replace(from, to);
			};
			patch('const squashTextNodes = (node) => {', 'const squashTextNodesUncached = (node) => {');
			patch(
				'export default squashTextNodes;',
				`const squashed = new WeakMap();
function unchanged(node, entry) {
    const children = node.childNodes;
    const inputs = entry.inputs;
    if (children.length * 2 !== inputs.length) {
        return false;
    }
    for (let index = 0; index < children.length; index++) {
        const child = children[index];
        if (child !== inputs[index * 2]) {
            return false;
        }
        if (child === undefined) {
            continue;
        }
        if (child.nodeName === '#text') {
            if (child.nodeValue !== inputs[index * 2 + 1]) {
                return false;
            }
            continue;
        }
        if (child.internal_transform !== inputs[index * 2 + 1]) {
            return false;
        }
        if (child.nodeName === 'ink-text' || child.nodeName === 'ink-virtual-text') {
            const inner = squashed.get(child);
            if (inner === undefined || !unchanged(child, inner)) {
                return false;
            }
        }
    }
    return true;
}
function squashTextNodes(node) {
    const entry = squashed.get(node);
    if (entry !== undefined && unchanged(node, entry)) {
        return entry.text;
    }
    const text = squashTextNodesUncached(node);
    const inputs = [];
    for (const child of node.childNodes) {
        inputs.push(child, child === undefined ? undefined : child.nodeName === '#text' ? child.nodeValue : child.internal_transform);
    }
    squashed.set(node, {inputs, text});
    return text;
}
export default squashTextNodes;`,
			);
			return {contents: source, loader: 'js'};
		});
	},
};

/**
 * string-width (four copies), slice-ansi and @alcalzone/ansi-tokenize each make an
 * Intl.Segmenter when they are loaded. The first one loads ICU's segmentation data: 5-15 ms of
 * every start-up on this machine, before the first frame, though bondtop's first frame needs none
 * (its texts take string-width-memo's one-column fast path and the direct row path of Output).
 * Each becomes an object with the one method these modules call, `segment`, that makes the real
 * segmenter on first use. The build fails if a module uses its segmenter any other way.
 */
export const lazySegmenters = {
	name: 'lazy-segmenters',
	setup(build) {
		build.onLoad({filter: /([\\/]string-width[\\/]index|[\\/]slice-ansi[\\/]tokenize-ansi|[\\/]ansi-tokenize[\\/]build[\\/]tokenize)\.js$/}, (args) => {
			let source = readFileSync(args.path, 'utf8');
			const declaration = /const (\w+) = new Intl\.Segmenter\(([^;]*)\);/.exec(source);
			if (!declaration) throw new Error(`${args.path}: no "const x = new Intl.Segmenter(...)"; update lazySegmenters in scripts/esbuild-plugins.mjs`);
			const [whole, name, options] = declaration;
			const uses = source.split(whole).join('').match(new RegExp(`\\b${name}\\b(\\.\\w+)?`, 'g')) ?? [];
			if (uses.some((use) => use !== `${name}.segment`)) throw new Error(`${args.path}: ${name} is used other than as ${name}.segment(); update lazySegmenters`);
			source = source.replace(whole, `let ${name}Made;\nconst ${name} = {segment: (text) => (${name}Made ??= new Intl.Segmenter(${options})).segment(text)};`);
			return {contents: source, loader: 'js'};
		});
	},
};

/**
 * esbuild gives every ES module that imports a CommonJS module its own copy of the exports:
 * `__toESM(require_react())`, a new object with a getter per export. React has 46 exports and 70
 * modules import react or react/jsx-runtime (Ink's and bondtop's): about 3,000 getters defined
 * before the first frame, 10-20 ms of every start-up here. Each of these packages is imported
 * through one small ES module instead, `const m = require(path); export default m; export const
 * {...} = m;`: its named exports are the CommonJS module's properties, read once (React's are plain
 * data properties, set once when it loads; the build fails if one is not), so an import is a
 * variable, as between ES modules. The names are read from the production build the bundle holds.
 */
export const cjsExportsOnce = {
	name: 'cjs-exports-once',
	setup(build) {
		const packages = /^react(\/jsx-runtime)?$/;
		build.onResolve({filter: packages}, async (args) => {
			if (args.kind !== 'import-statement') return undefined;
			const real = await build.resolve(args.path, {kind: 'require-call', resolveDir: args.resolveDir});
			if (real.errors.length > 0) return {errors: real.errors};
			return {path: real.path, namespace: 'cjs-exports-once'};
		});
		build.onLoad({filter: /.*/, namespace: 'cjs-exports-once'}, (args) => {
			const names = JSON.parse(
				execFileSync(process.execPath, ['-e', `
					const m = require(${JSON.stringify(args.path)});
					const names = Object.keys(m).filter((k) => k !== 'default');
					const odd = names.filter((k) => !/^[A-Za-z_$][\\w$]*$/.test(k) || !('value' in Object.getOwnPropertyDescriptor(m, k)));
					if (odd.length > 0) throw new Error('not plain data properties: ' + odd.join(', '));
					process.stdout.write(JSON.stringify(names));
				`], {encoding: 'utf8', env: {...process.env, NODE_ENV: 'production'}}),
			);
			return {contents: `const m = require(${JSON.stringify(args.path)});\nexport default m;\nexport const {${names.join(', ')}} = m;\n`, loader: 'js', resolveDir: dirname(args.path)};
		});
	},
};

/**
 * meow 13 reads package.json (read-package-up: a walk up the directories, parse-json with Babel's
 * code frame) and normalises it (normalize-package-data: semver, hosted-git-info, the SPDX licence
 * lists, sorted with localeCompare, which loads ICU's collation data) on every start, though
 * bondtop passes its package data (`pkg: {name, version}`), which replaces what was read, and reads
 * nothing of it but the name (process.title). All of that code ran at load: 110 KB of the bundle
 * and 20-30 ms of every start-up here. This cuts it out of meow's bundled dependencies: what is
 * read becomes nothing found, as in a directory without package.json, and normalising does
 * nothing. The build fails if the cut's ends moved; test/build/meow-without-package-json.test.ts
 * checks that meow parses bondtop's command lines as the original does.
 */
export const meowWithoutPackageJson = {
	name: 'meow-without-package-json',
	setup(build) {
		build.onLoad({filter: /[\\/]meow[\\/]build[\\/]dependencies\.js$/}, (args) => {
			const source = readFileSync(args.path, 'utf8');
			const from = "const debug$1 = (\n  typeof process === 'object' &&";
			const to = 'const handlePreserveConsecutiveUppercase = ';
			const start = source.indexOf(from);
			const end = source.indexOf(to);
			if (start < 0 || end < start || source.indexOf(from, start + 1) >= 0) throw new Error(`meow changed: the package.json section of ${args.path} is not where meowWithoutPackageJson cuts; update scripts/esbuild-plugins.mjs`);
			const cut = source.slice(start, end);
			for (const needed of ['function readPackageUpSync(', 'const normalizePackageData = ']) {
				if (!cut.includes(needed)) throw new Error(`meow changed: "${needed}" is not in the section meowWithoutPackageJson cuts; update scripts/esbuild-plugins.mjs`);
			}
			const replacement = '// (bondtop: read-package-up and normalize-package-data cut out, see meowWithoutPackageJson)\nconst normalizePackageData = () => {};\nfunction readPackageUpSync() {\n\treturn undefined;\n}\n';
			return {contents: source.slice(0, start) + replacement + source.slice(end), loader: 'js'};
		});
	},
};

/**
 * systeminformation's network module, which bondtop asks only for the default gateway (the
 * inventory, a slow path after the first frame), requires node:child_process, node:os and its own
 * 40 KB util module as it loads, and runs their set-up: 2-4 ms of every start-up here. An import of
 * it becomes an object whose properties load it on first use (only the default import; a named one
 * fails the build). test/build/start-up-patches.test.ts checks that the demo's start-up loads
 * neither it nor node:child_process, and that the live inventory still gets the gateway from it.
 */
export const lazySystemInformation = {
	name: 'lazy-systeminformation',
	setup(build) {
		build.onResolve({filter: /^systeminformation[\\/]lib[\\/]network\.js$/}, async (args) => {
			if (args.kind !== 'import-statement') return undefined;
			const real = await build.resolve(args.path, {kind: 'require-call', resolveDir: args.resolveDir});
			if (real.errors.length > 0) return {errors: real.errors};
			return {path: real.path, namespace: 'lazy-systeminformation'};
		});
		build.onLoad({filter: /.*/, namespace: 'lazy-systeminformation'}, (args) => ({
			contents: `let m;\nexport default new Proxy({}, {get: (_, key) => (m ??= require(${JSON.stringify(args.path)}))[key]});\n`,
			loader: 'js',
			resolveDir: dirname(args.path),
		}));
	},
};

/**
 * drawille-canvas-blessed-contrib (the braille chart's context) requires all of gl-matrix (55 KB
 * of the bundle, and its set-up at every start) for two of its modules, mat2d and vec2. It gets
 * those two modules of the same gl-matrix version instead (its ES module sources, which the UMD
 * build is made from), copied into plain objects as the UMD build has them (a chart calls them per
 * point; esbuild's module namespaces have getters); test/build/start-up-patches.test.ts draws the
 * same charts with both.
 */
export const drawilleTwoGlMatrixModules = {
	name: 'drawille-two-gl-matrix-modules',
	setup(build) {
		build.onLoad({filter: /[\\/]drawille-canvas-blessed-contrib[\\/]index\.js$/}, (args) => {
			const source = readFileSync(args.path, 'utf8');
			const target = "var glMatrix = require('gl-matrix');";
			if (!source.includes(target)) throw new Error(`drawille-canvas-blessed-contrib changed: "${target}" not found; update scripts/esbuild-plugins.mjs`);
			const uses = [...new Set(source.match(/\b(mat2d|vec2|glMatrix)\.\w+/g))].filter((use) => !/^(mat2d|vec2)\./.test(use) && use !== 'glMatrix.mat2d' && use !== 'glMatrix.vec2');
			if (uses.length > 0) throw new Error(`drawille-canvas-blessed-contrib uses more of gl-matrix (${uses.join(', ')}); update drawilleTwoGlMatrixModules`);
			return {contents: source.replace(target, "var glMatrix = {mat2d: Object.assign({}, require('gl-matrix/lib/gl-matrix/mat2d.js')), vec2: Object.assign({}, require('gl-matrix/lib/gl-matrix/vec2.js'))};"), loader: 'js', resolveDir: dirname(args.path)};
		});
	},
};
