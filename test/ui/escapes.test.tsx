// TUI frames of a --root tree whose names and values hold terminal controls: every row shows them
// as visible escapes (title, bond header, panels, warnings).
import assert from 'node:assert/strict';
import {rmSync} from 'node:fs';
import {after, test} from 'node:test';
import {render} from 'ink-testing-library';
import React from 'react';
import {RestoringActions} from '../../source/actions/restore.js';
import type {LinkActions} from '../../source/actions/types.js';
import {App} from '../../source/app.js';
import {createHostFs} from '../../source/collect/host-fs.js';
import {SnapshotCollector} from '../../source/collect/snapshot.js';
import type {DataSource} from '../../source/collect/source.js';
import {hostileTree, rawControl} from '../helpers/hostile-tree.js';

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
