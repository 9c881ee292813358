// The verdict and the LACP port states in the TUI, from real kernel captures read by the real
// collector: the 802.3ad bond as uid 65534 (rtnetlink's JSON from the same lab run fills in what
// the proc file hid), and the every-slave-down capture.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';
import {render} from 'ink-testing-library';
import React from 'react';
import {RestoringActions} from '../../source/actions/restore.js';
import type {ActionResult, LinkActions} from '../../source/actions/types.js';
import {App} from '../../source/app.js';
import {createHostFs} from '../../source/collect/host-fs.js';
import {SnapshotCollector} from '../../source/collect/snapshot.js';
import type {DataSource} from '../../source/collect/source.js';
import {headerFindings, verdictColour} from '../../source/ui/components/bond-header.js';
import {judgeSnapshot} from '../../source/judge/judge.js';
import {bondHeaderLines} from '../../source/output/format.js';
import {colourTheme, plainTheme} from '../../source/ui/theme.js';

const kernelDir = (name: string) => new URL(`../fixtures/kernel/${name}/`, import.meta.url).pathname;

const refuse = async (): Promise<ActionResult> => ({ok: false, message: 'test: no actions'});
const noActions: LinkActions = {setLinkDown: refuse, setLinkUp: refuse, setActiveSlave: refuse};

function fixtureSource(name: string, ipLinkJson: (() => string | null) | null = null): DataSource {
	const collector = new SnapshotCollector({fs: createHostFs(kernelDir(name)), ipLinkJson});
	return {sample: (now) => collector.collect(now)};
}

async function frameOf(source: DataSource, colour = false): Promise<string> {
	const app = render(<App source={source} actions={new RestoringActions(noActions)} intervalMs={60_000} colour={colour} />);
	for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
	const frame = app.lastFrame() ?? '';
	app.unmount();
	return frame;
}

test('802.3ad as non-root: the verdict line is first in the header, each slave shows its decoded LACP port states', async () => {
	const frame = await frameOf(fixtureSource('802.3ad-nonroot', () => readFileSync(`${kernelDir('802.3ad-nonroot')}ip-link.json`, 'utf8')));
	const lines = frame.split('\n');
	const verdict = lines.findIndex((l) => l.startsWith('bond0: OK  2/2 slaves up, 2 ports in aggregator 1, failover ready'));
	assert.ok(verdict > 0, frame);
	assert.match(lines[verdict + 1]!, /^bond0 +active slave: all up slaves +MII up +mode 802\.3ad/, 'the verdict sits at the top of the bond header');
	const lacp = lines.filter((l) => /LACP actor 63 active fast agg SYNC COLL DIST {2}partner 63/.test(l));
	assert.ok(lacp.length >= 1, frame); // the panels shown in full (the rest are compact on the test terminal)
	assert.match(frame, /partner 6a:96:b0:ce:7c:3d/, 'the partner MAC rtnetlink gave');
});

test('without rtnetlink the non-root frame says nothing about port states (unknown stays unknown)', async () => {
	const frame = await frameOf(fixtureSource('802.3ad-nonroot'));
	assert.doesNotMatch(frame, /LACP actor/);
	assert.match(frame, /bond0: OK /);
});

test('every slave down: CRITICAL with the finding under the header; the verdict colours', async () => {
	const plain = await frameOf(fixtureSource('all-slaves-down'));
	assert.match(plain, /^bond0: CRITICAL  no slave up$/m);
	assert.doesNotMatch(plain, /No slave of bond0 is up/, 'a 40-row terminal lists no finding under the header: the verdict line names it');
	assert.deepEqual([30, 40, 41, 49, 50, 80].map(headerFindings), [0, 0, 1, 1, 3, 3]);
	const collector = new SnapshotCollector({fs: createHostFs(kernelDir('all-slaves-down'))});
	const snapshot = collector.collect(1_000);
	const judgement = judgeSnapshot(snapshot).get('bond0')!;
	const lines = bondHeaderLines(snapshot.bonds[0]!, {judgement, maxFindings: headerFindings(60)});
	assert.equal(lines[0], 'bond0: CRITICAL  no slave up');
	assert.match(lines[lines.length - 1]!, /^ {2}! No slave of bond0 is up \(eth0 down, eth1 down\): the bond has no link.*\[no-slave-up\]$/);
	// (ink-testing-library has no colour support; the colour is the theme's, per status.)
	assert.deepEqual(
		(['OK', 'WARNING', 'CRITICAL', 'UNKNOWN'] as const).map((status) => verdictColour(status, colourTheme)),
		['green', 'yellow', 'red', 'magenta'],
	);
	assert.deepEqual((['OK', 'CRITICAL'] as const).map((status) => verdictColour(status, plainTheme)), [undefined, undefined], 'NO_COLOR: the word alone');
});
