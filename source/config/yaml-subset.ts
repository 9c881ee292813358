/**
 * A strict, small YAML subset: what netplan files use. Block mappings and sequences by
 * indentation, `- key: value` items, flow sequences `[a, b]` and flow mappings `{a: b}` (nested),
 * plain, single- and double-quoted scalars, `#` comments. Not supported (kept as notes, the rest of
 * the file still read): block scalars (`|`, `>`), anchors and aliases, tags, multi-document
 * streams, tabs in indentation. Every node keeps its line number, for "file:line".
 *
 * Why not the `yaml` package: bondtop is one bundle that a Raspberry Pi loads on every start, and
 * `yaml` (2.9.1, `parse` only, minified) is 115 KB against this file's 4.5 KB, parsed at every
 * start for the few hosts that have netplan files; netplan's files use this small part of YAML.
 * Linear: one pass over the lines, no
 * backtracking regular expressions; depth is bounded.
 */
import type {ConfigNote} from './types.js';

export type YamlNode =
	| {kind: 'map'; line: number; entries: Map<string, {keyLine: number; value: YamlNode}>}
	| {kind: 'seq'; line: number; items: YamlNode[]}
	| {kind: 'scalar'; line: number; value: string; quoted: boolean};

type Line = {indent: number; text: string; line: number};

const maxDepth = 64;

/** Strips a comment (`#` at the start or after a blank, outside quotes) and trailing blanks. */
function stripComment(text: string): string {
	let quote: string | null = null;
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (quote) {
			if (c === '\\' && quote === '"') i++;
			else if (c === quote) quote = null;
		} else if (c === '"' || c === "'") {
			if (i === 0 || ' \t[{,:-'.includes(text[i - 1]!)) quote = c;
		} else if (c === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t')) {
			return text.slice(0, i).trimEnd();
		}
	}
	return text.trimEnd();
}

/** Index of the `:` that ends a mapping key (followed by a blank or the end), outside quotes and brackets; -1 if none. */
function keyColon(text: string): number {
	let quote: string | null = null;
	let depth = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (quote) {
			if (c === '\\' && quote === '"') i++;
			else if (c === quote) quote = null;
			continue;
		}
		if ((c === '"' || c === "'") && i === 0) quote = c;
		else if (c === '[' || c === '{') depth++;
		else if (c === ']' || c === '}') depth--;
		else if (c === ':' && depth === 0 && (i + 1 === text.length || text[i + 1] === ' ')) return i;
	}
	return -1;
}

function unquote(text: string, notes: ConfigNote[], path: string, line: number): {value: string; quoted: boolean} {
	const t = text.trim();
	if (t.length >= 2 && t.startsWith("'") && t.endsWith("'")) return {value: t.slice(1, -1).replaceAll("''", "'"), quoted: true};
	if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) {
		let out = '';
		for (let i = 1; i < t.length - 1; i++) {
			const c = t[i]!;
			if (c !== '\\') {
				out += c;
				continue;
			}
			const n = t[++i];
			out += n === 'n' ? '\n' : n === 't' ? '\t' : n === '"' ? '"' : n === '\\' ? '\\' : n === '/' ? '/' : `\\${n ?? ''}`;
		}
		return {value: out, quoted: true};
	}
	if (t.startsWith('&') || t.startsWith('*') || t.startsWith('!')) notes.push({path, line, message: `anchors, aliases and tags are not supported: "${t}" read as text`});
	return {value: t, quoted: false};
}

/** Parses a flow collection or scalar starting at `s[i]`; returns the node and the index after it. */
function parseFlow(s: string, i: number, line: number, depth: number, notes: ConfigNote[], path: string): [YamlNode, number] {
	while (s[i] === ' ') i++;
	const open = s[i];
	if ((open === '[' || open === '{') && depth < maxDepth) {
		const close = open === '[' ? ']' : '}';
		i++;
		const items: YamlNode[] = [];
		const entries = new Map<string, {keyLine: number; value: YamlNode}>();
		for (;;) {
			while (s[i] === ' ') i++;
			if (i >= s.length) {
				notes.push({path, line, message: `unclosed "${open}"`});
				break;
			}
			if (s[i] === close) {
				i++;
				break;
			}
			if (s[i] === ',') {
				i++;
				continue;
			}
			if (s[i] === ']' || s[i] === '}') {
				// The other kind of bracket: skip it (every step must consume something).
				notes.push({path, line, message: `"${s[i]}" inside "${open}": ignored`});
				i++;
				continue;
			}
			if (open === '[') {
				const [node, next] = parseFlow(s, i, line, depth + 1, notes, path);
				items.push(node);
				i = next;
			} else {
				let j = i;
				while (j < s.length && s[j] !== ':' && s[j] !== ',' && s[j] !== '}' && s[j] !== ']') j++;
				const key = unquote(s.slice(i, j), notes, path, line).value;
				if (s[j] === ':') {
					const [node, next] = parseFlow(s, j + 1, line, depth + 1, notes, path);
					entries.set(key, {keyLine: line, value: node});
					i = next;
				} else {
					entries.set(key, {keyLine: line, value: {kind: 'scalar', line, value: '', quoted: false}});
					i = j;
				}
			}
		}
		return [open === '[' ? {kind: 'seq', line, items} : {kind: 'map', line, entries}, i];
	}
	// A scalar inside a flow collection ends at `,`, `]` or `}` (outside quotes).
	let j = i;
	let quote: string | null = null;
	while (j < s.length) {
		const c = s[j]!;
		if (quote) {
			if (c === quote) quote = null;
		} else if (c === '"' || c === "'") quote = c;
		else if (c === ',' || c === ']' || c === '}') break;
		j++;
	}
	const {value, quoted} = unquote(s.slice(i, j), notes, path, line);
	return [{kind: 'scalar', line, value, quoted}, j];
}

function valueNode(text: string, line: number, notes: ConfigNote[], path: string): YamlNode {
	const t = text.trim();
	if (t.startsWith('[') || t.startsWith('{')) return parseFlow(t, 0, line, 0, notes, path)[0];
	if (t === '|' || t === '>' || t.startsWith('|') || t.startsWith('>')) notes.push({path, line, message: 'block scalars (| and >) are not supported'});
	const {value, quoted} = unquote(t, notes, path, line);
	return {kind: 'scalar', line, value, quoted};
}

export function parseYamlSubset(path: string, text: string): {root: YamlNode | null; notes: ConfigNote[]} {
	const notes: ConfigNote[] = [];
	const lines: Line[] = [];
	const physical = text.split('\n');
	for (let i = 0; i < physical.length; i++) {
		let raw = physical[i]!;
		if (raw.endsWith('\r')) raw = raw.slice(0, -1);
		let indent = 0;
		while (indent < raw.length && raw[indent] === ' ') indent++;
		if (raw[indent] === '\t') {
			notes.push({path, line: i + 1, message: 'a tab in the indentation (YAML forbids it): line skipped'});
			continue;
		}
		const body = stripComment(raw.slice(indent));
		if (body === '') continue;
		if (body === '---' || body === '...') {
			if (lines.length > 0) notes.push({path, line: i + 1, message: 'a second YAML document: not read'});
			if (lines.length > 0) break;
			continue;
		}
		lines.push({indent, text: body, line: i + 1});
	}
	if (lines.length === 0) return {root: null, notes};
	const state = {i: 0};
	const root = parseBlock(lines, state, lines[0]!.indent, 0, notes, path);
	while (state.i < lines.length) {
		notes.push({path, line: lines[state.i]!.line, message: 'unexpected indentation: line ignored'});
		state.i++;
	}
	return {root, notes};
}

function isSeqLine(text: string): boolean {
	return text === '-' || text.startsWith('- ');
}

function parseBlock(lines: Line[], state: {i: number}, indent: number, depth: number, notes: ConfigNote[], path: string): YamlNode {
	const first = lines[state.i]!;
	if (depth > maxDepth) {
		notes.push({path, line: first.line, message: 'nested too deeply'});
		while (state.i < lines.length && lines[state.i]!.indent >= indent) state.i++;
		return {kind: 'scalar', line: first.line, value: '', quoted: false};
	}
	if (isSeqLine(first.text)) {
		const items: YamlNode[] = [];
		while (state.i < lines.length && lines[state.i]!.indent === indent && isSeqLine(lines[state.i]!.text)) {
			const l = lines[state.i]!;
			const rest = l.text.slice(1).trimStart();
			if (rest === '') {
				state.i++;
				const next = lines[state.i];
				items.push(next && next.indent > indent ? parseBlock(lines, state, next.indent, depth + 1, notes, path) : {kind: 'scalar', line: l.line, value: '', quoted: false});
			} else if (keyColon(rest) > 0 || isSeqLine(rest)) {
				// `- key: value` opens a mapping whose keys sit where `key` starts.
				lines[state.i] = {indent: indent + (l.text.length - rest.length), text: rest, line: l.line};
				items.push(parseBlock(lines, state, lines[state.i]!.indent, depth + 1, notes, path));
			} else {
				items.push(valueNode(rest, l.line, notes, path));
				state.i++;
			}
		}
		return {kind: 'seq', line: first.line, items};
	}
	const entries = new Map<string, {keyLine: number; value: YamlNode}>();
	while (state.i < lines.length && lines[state.i]!.indent === indent && !isSeqLine(lines[state.i]!.text)) {
		const l = lines[state.i]!;
		const colon = keyColon(l.text);
		if (colon <= 0) {
			notes.push({path, line: l.line, message: `not "key: value": ignored`});
			state.i++;
			while (state.i < lines.length && lines[state.i]!.indent > indent) state.i++;
			continue;
		}
		const key = unquote(l.text.slice(0, colon), notes, path, l.line).value;
		const rest = l.text.slice(colon + 1).trim();
		state.i++;
		let value: YamlNode;
		if (rest !== '') value = valueNode(rest, l.line, notes, path);
		else {
			const next = lines[state.i];
			if (next && (next.indent > indent || (next.indent === indent && isSeqLine(next.text)))) value = parseBlock(lines, state, next.indent, depth + 1, notes, path);
			else value = {kind: 'scalar', line: l.line, value: '', quoted: false};
		}
		if (entries.has(key)) notes.push({path, line: l.line, message: `key "${key}" given twice: the later is used`});
		entries.set(key, {keyLine: l.line, value});
	}
	return {kind: 'map', line: first.line, entries};
}

/** The node at a path of mapping keys, or null. */
export function yamlGet(node: YamlNode | null | undefined, ...keys: string[]): YamlNode | null {
	let n: YamlNode | null | undefined = node;
	for (const k of keys) {
		if (!n || n.kind !== 'map') return null;
		n = n.entries.get(k)?.value;
	}
	return n ?? null;
}
