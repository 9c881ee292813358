// Offline (--root) and --read-only views: the keys that change links are not bound and not shown,
// the title says what the view is. Real kernel captures (test/fixtures/kernel) as the data.
import assert from 'node:assert/strict';
import {mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {render} from 'ink-testing-library';
import React from 'react';
import {RestoringActions} from '../../source/actions/restore.js';
import type {LinkActions} from '../../source/actions/types.js';
import {App} from '../../source/app.js';
import {captureDate} from '../../source/collect/capture-date.js';
import {createHostFs} from '../../source/collect/host-fs.js';
import {createLiveSource} from '../../source/collect/open-source.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/kernel/${name}`, import.meta.url));

async function settle() {
	for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Actions that only record what was asked of them. */
function recordingActions() {
	const calls: string[] = [];
	const record = (what: string) => async () => {
		calls.push(what);
		return {ok: true as const};
	};
	const inner: LinkActions = {setLinkDown: record('down'), setLinkUp: record('up'), setActiveSlave: record('active')};
	return {calls, actions: new RestoringActions(inner)};
}

const linkKeyLabels = ['d down', 'u up', 'a make active', 'p drill'];

async function pressEverything(app: ReturnType<typeof render>) {
	for (const key of ['j', 'd', 'y', 'u', 'a', 'p', 'y', 'j', 'd', 'y']) {
		app.stdin.write(key);
		await settle();
	}
}

for (const view of ['offline', 'read-only'] as const) {
	test(`${view}: d u a p are not bound, not in the footer, not in the help; the title says so`, async () => {
		const opened = createLiveSource({root: fixture('active-backup'), bondFilter: []});
		const {calls, actions} = recordingActions();
		const props = view === 'offline' ? {offline: {capturedAt: 'Mon Nov 23 21:16:49 UTC 2026'}} : {readOnly: '--read-only'};
		const app = render(<App source={opened.source} actions={actions} intervalMs={1000} colour={false} {...props} />);
		await settle();
		const frame = app.lastFrame()!;
		const title = frame.split('\n')[0]!;
		if (view === 'offline') {
			assert.match(title, /OFFLINE capture, taken Mon Nov 23 21:16:49 UTC 2026/);
			assert.doesNotMatch(title, /every \d+ ms/);
			assert.match(frame, /RX\s+–\s+TX\s+–/, 'rates are unknown, not 0');
			assert.doesNotMatch(frame, /RX\s+0 bit\/s/);
		} else {
			assert.match(title, /READ-ONLY \(--read-only\)/);
			assert.doesNotMatch(title, /change links/);
		}
		const footer = frame.trimEnd().split('\n').at(-1)!;
		assert.match(footer, /q quit/);
		for (const label of linkKeyLabels) assert.ok(!footer.includes(label), `footer has no ${label}`);
		await pressEverything(app);
		assert.deepEqual(calls, [], 'no key reached an action');
		app.stdin.write('?');
		await settle();
		const help = app.lastFrame()!;
		assert.match(help, /q\s+quit/);
		for (const label of linkKeyLabels) assert.ok(!help.includes(label), `help has no ${label}`);
		assert.match(help, /Read-only \(.*\): no key changes a link here/);
		app.unmount();
	});
}

test('live: the title says the keys change links, the footer has them, d reaches the action', async () => {
	const opened = createLiveSource({root: fixture('active-backup'), bondFilter: []});
	const {calls, actions} = recordingActions();
	const app = render(<App source={opened.source} actions={actions} intervalMs={1000} colour={false} />);
	await settle();
	const frame = app.lastFrame()!;
	assert.match(frame.split('\n')[0]!, /LIVE: keys d u a p change links/);
	for (const label of linkKeyLabels) assert.ok(frame.includes(label), `footer has ${label}`);
	app.stdin.write('j'); // bond0 -> eth0, the active slave; eth1 is up, so no confirmation
	await settle();
	app.stdin.write('d');
	await settle();
	assert.deepEqual(calls, ['down']);
	app.unmount();
});

test('capture date: a sosreport date file first, else the newest file time, else unknown', () => {
	const root = mkdtempSync(join(tmpdir(), 'bondtop-capture-'));
	try {
		mkdirSync(join(root, 'proc/net/bonding'), {recursive: true});
		writeFileSync(join(root, 'proc/net/bonding/bond0'), 'Bonding Mode: active-backup\n');
		writeFileSync(join(root, 'proc/net/dev'), '');
		utimesSync(join(root, 'proc/net/bonding/bond0'), new Date('2026-11-23T21:16:49Z'), new Date('2026-11-23T21:16:49Z'));
		utimesSync(join(root, 'proc/net/dev'), new Date('2026-11-20T10:00:00Z'), new Date('2026-11-20T10:00:00Z'));
		assert.equal(captureDate(createHostFs(root)), '2026-11-23 21:16:49 UTC (newest file time)');
		mkdirSync(join(root, 'sos_commands/date'), {recursive: true});
		writeFileSync(join(root, 'sos_commands/date/date'), '\nMon Nov 23 22:16:49 CET 2026\n');
		assert.equal(captureDate(createHostFs(root)), 'Mon Nov 23 22:16:49 CET 2026');
		writeFileSync(join(root, 'sos_commands/date/date_--utc'), 'Mon Nov 23 21:16:49 UTC 2026\n');
		assert.equal(captureDate(createHostFs(root)), 'Mon Nov 23 21:16:49 UTC 2026', 'the UTC one first');
		writeFileSync(join(root, 'sos_commands/date/date_--utc'), `${'9'.repeat(500)}\n`);
		assert.equal(captureDate(createHostFs(root))!.length, 65, 'bounded');
	} finally {
		rmSync(root, {recursive: true, force: true});
	}
	const empty = mkdtempSync(join(tmpdir(), 'bondtop-capture-'));
	try {
		assert.equal(captureDate(createHostFs(empty)), null);
	} finally {
		rmSync(empty, {recursive: true, force: true});
	}
});
