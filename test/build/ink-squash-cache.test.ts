/**
 * The bundle caches Ink's squashTextNodes per text node (scripts/esbuild-plugins.mjs,
 * inkSquashCache): a node whose children, text values and transforms are the same as last time
 * returns the last result. This edits random text trees (values, transforms, children added,
 * removed and moved, nested text) and checks the cached squash against Ink's own after every edit.
 */
import {strict as assert} from 'node:assert';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
// @ts-expect-error: plain JS build helpers without types
import {inkSquashCache} from '../../scripts/esbuild-plugins.mjs';
import {bundleInkModule} from '../helpers/ink-build.js';

type Transform = (text: string, index: number) => string;
type TextNode = {nodeName: '#text'; nodeValue: string};
type ElementNode = {nodeName: 'ink-text' | 'ink-virtual-text'; childNodes: Array<TreeNode | undefined>; internal_transform?: Transform};
type TreeNode = TextNode | ElementNode;
type Squash = (node: ElementNode) => string;

let directory = '';
let cached: Squash;
let original: Squash;


before(async () => {
	directory = mkdtempSync(join(tmpdir(), 'bondtop-ink-squash-'));
	cached = await bundleInkModule<Squash>(directory, 'cached', 'squash-text-nodes.js', [inkSquashCache]);
	original = await bundleInkModule<Squash>(directory, 'original', 'squash-text-nodes.js', []);
});
after(() => rmSync(directory, {recursive: true, force: true}));

function random(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (state * 1664525 + 1013904223) >>> 0;
		return state / 4294967296;
	};
}

const words = ['eth0', 'RX 1.2 Mbit/s', '⣿⣀', '', ' ', '\x1b[31mred\x1b[39m', 'a\x1b]8;;x\x07b', 'MII up'];
const transforms: Transform[] = [(t) => `\x1b[32m${t}\x1b[39m`, (t, i) => `${i}:${t}`, (t) => t.toUpperCase()];

test('the cached squash equals Ink\'s after every edit of random text trees (2,000 edits)', () => {
	const next = random(11);
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
	const text = (): TextNode => ({nodeName: '#text', nodeValue: pick(words)});
	// A fresh closure each time, as a re-rendered Text makes: the same behaviour, another identity.
	const transform = (): Transform => {
		const f = pick(transforms);
		return (t, i) => f(t, i);
	};
	const virtual = (): ElementNode => ({nodeName: 'ink-virtual-text', childNodes: [text(), text()], internal_transform: transform()});
	for (let tree = 0; tree < 40; tree++) {
		const root: ElementNode = {nodeName: 'ink-text', childNodes: [text(), virtual()], internal_transform: transform()};
		const elements = (): ElementNode[] => {
			const out: ElementNode[] = [];
			const walk = (n: ElementNode) => {
				out.push(n);
				for (const c of n.childNodes) if (c && c.nodeName !== '#text') walk(c);
			};
			walk(root);
			return out;
		};
		for (let edit = 0; edit < 50; edit++) {
			const target = pick(elements());
			const roll = next();
			if (roll < 0.3) {
				const t = target.childNodes.find((c): c is TextNode => c?.nodeName === '#text');
				if (t) t.nodeValue = pick(words);
			} else if (roll < 0.45) {
				target.internal_transform = transform();
			} else if (roll < 0.6) {
				target.childNodes.splice(Math.floor(next() * (target.childNodes.length + 1)), 0, next() < 0.5 ? text() : virtual());
			} else if (roll < 0.7 && target.childNodes.length > 0) {
				target.childNodes.splice(Math.floor(next() * target.childNodes.length), 1);
			} else if (roll < 0.8 && target.childNodes.length > 1) {
				target.childNodes.reverse();
			} else if (roll < 0.85) {
				target.childNodes.push(undefined);
			}
			// Nothing changed (the other rolls): the cache answers.
			assert.equal(cached(root), original(root), `tree ${tree}, edit ${edit}`);
			assert.equal(cached(root), original(root), `tree ${tree}, edit ${edit}, again`);
		}
	}
});

test('an unchanged node gives the very same string without running its transforms again', () => {
	let calls = 0;
	const node: ElementNode = {
		nodeName: 'ink-text',
		childNodes: [{nodeName: 'ink-virtual-text', childNodes: [{nodeName: '#text', nodeValue: 'bond0'}], internal_transform: (t) => (calls++, `\x1b[1m${t}\x1b[22m`)}],
	};
	const first = cached(node);
	assert.equal(calls, 1);
	assert.equal(cached(node), first);
	assert.equal(calls, 1);
	(node.childNodes[0] as ElementNode).childNodes[0] = {nodeName: '#text', nodeValue: 'bond1'};
	assert.equal(cached(node), '\x1b[1mbond1\x1b[22m');
	assert.equal(calls, 2);
});
