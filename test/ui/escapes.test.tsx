// TUI frames of a --root tree whose names and values hold terminal controls: every row shows them
// as visible escapes (title, bond header, panels, warnings).
import assert from 'node:assert/strict';
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, test} from 'node:test';
import {render} from 'ink-testing-library';
import React from 'react';
import {RestoringActions} from '../../source/actions/restore.js';
import type {LinkActions} from '../../source/actions/types.js';
import {App} from '../../source/app.js';
import {createHostFs} from '../../source/collect/host-fs.js';
import {SnapshotCollector} from '../../source/collect/snapshot.js';
import type {DataSource} from '../../source/collect/source.js';
import {hostileBond, hostileTree, rawControl} from '../helpers/hostile-tree.js';

const root = hostileTree();
after(() => rmSync(root, {recursive: true, force: true}));

const refuse = async () => ({ok: false as const, message: 'not in tests'});
const noActions: LinkActions = {setLinkDown: refuse, setLinkUp: refuse, setActiveSlave: refuse};

async function settle() {
	for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

test('TUI: hostile names, hostname and sysfs values are escaped on every row', async () => {
	const collector = new SnapshotCollector({fs: createHostFs(root)});
	const source: DataSource = {sample: (now) => collector.collect(now)};
	const app = render(<App source={source} actions={new RestoringActions(noActions)} intervalMs={60_000} colour={false} events={false} />);
	await settle();
	const frame = app.lastFrame() ?? '';
	app.unmount();
	assert.doesNotMatch(frame, rawControl, 'no raw control character in the frame');
	assert.ok(frame.includes('h\\x85\\x9b2Jost'), 'the hostname in the title');
	assert.ok(frame.includes('b\\x1b]0;PWNED\\x07'), 'the bond name');
	assert.ok(frame.includes('e\\x1b[31mX'), 'the slave name');
});

test('TUI: the title counts the warnings and w lists them, escaped, cut to fit 80x24', async () => {
	const dir = hostileTree();
	try {
		// Forty more lines the parser does not know: more warnings than rows.
		const file = join(dir, 'proc/net/bonding', hostileBond);
		writeFileSync(file, readFileSync(file, 'utf8') + Array.from({length: 40}, (_, i) => `Mystery ${i} \u001b[5m`).join('\n'));
		const collector = new SnapshotCollector({fs: createHostFs(dir)});
		const count = collector.collect(0).warnings.length;
		assert.ok(count > 40);
		const source: DataSource = {sample: (now) => collector.collect(now)};
		const app = render(<App source={source} actions={new RestoringActions(noActions)} intervalMs={60_000} colour={false} events={false} />);
		Object.defineProperty(app.stdout, 'columns', {value: 80});
		Object.defineProperty(app.stdout, 'rows', {value: 24});
		app.stdout.emit('resize');
		await settle();
		assert.match(app.lastFrame() ?? '', new RegExp(`${count} warnings \\(w\\)`), 'the count in the title');
		app.stdin.write('w');
		await settle();
		const frame = app.lastFrame() ?? '';
		app.stdin.write('w');
		await settle();
		const closed = app.lastFrame() ?? '';
		app.unmount();
		assert.doesNotMatch(frame, rawControl);
		assert.match(frame, new RegExp(`warnings: ${count} \\(press w to close\\)`));
		assert.match(frame, /line 10 not understood: Bell \\x07 line \\x1/);
		assert.match(frame, /… and \d+ more \(bondtop --once lists them all\)/);
		const rows = frame.split('\n');
		assert.ok(rows.length <= 24, `${rows.length} rows`);
		assert.ok(rows.every((r) => r.length <= 80), 'no row wider than the terminal');
		assert.doesNotMatch(closed, /press w to close/, 'w again closes');
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});
