import assert from 'node:assert/strict';
import {test} from 'node:test';
import {setLanguage} from '../../source/i18n/i18n.js';
import {bindingsFor} from '../../source/ui/keys.js';
import {titleLine, type TitleInput} from '../../source/ui/title.js';

const live: TitleInput = {
	hostname: 'raspberrypi',
	simulated: false,
	warnings: 2,
	intervalMs: 1000,
	paused: true,
	eventDriven: true,
	limitedByPrivilege: true,
	offline: null,
	readOnly: null,
	bindings: bindingsFor({readOnly: false}),
};

test('title: in full when it fits', () => {
	assert.equal(
		titleLine(live),
		'bondtop  raspberrypi  ·  PAUSED (Space resumes)  ·  2 warnings (w)  ·  every 1000 ms (+/-)  ·  kernel link events on  ·  LIVE: keys d u a p change links  ·  not root: some 802.3ad details hidden',
	);
});

test('title: narrower, whole parts go, the least important first; the host and PAUSED stay', () => {
	const widths = [160, 126, 110, 80, 60, 40, 10];
	const lines = widths.map((w) => titleLine(live, w));
	for (const [i, line] of lines.entries()) {
		assert.ok(line.startsWith('bondtop  raspberrypi  ·  PAUSED (Space resumes)'), line);
		if (widths[i]! >= 49) assert.ok(line.length <= widths[i]!, `${line.length} > ${widths[i]}: ${line}`);
		// Never half a part: every part is one of the full ones.
		for (const part of line.split('  ·  ')) assert.ok(titleLine(live).includes(part), part);
	}
	assert.doesNotMatch(lines[1]!, /kernel link events on/, 'events go first');
	assert.equal(lines[1], 'bondtop  raspberrypi  ·  PAUSED (Space resumes)  ·  2 warnings (w)  ·  every 1000 ms (+/-)  ·  LIVE: keys d u a p change links');
	assert.equal(lines[2], 'bondtop  raspberrypi  ·  PAUSED (Space resumes)  ·  2 warnings (w)  ·  LIVE: keys d u a p change links', 'the keys that change links outlast the interval');
	assert.equal(lines[3], 'bondtop  raspberrypi  ·  PAUSED (Space resumes)  ·  2 warnings (w)');
	assert.equal(lines[4], 'bondtop  raspberrypi  ·  PAUSED (Space resumes)');
	assert.equal(lines[6], 'bondtop  raspberrypi  ·  PAUSED (Space resumes)', 'what must not be missed stays (the Line cuts the rest)');
});

test('title: an offline capture keeps OFFLINE and its date; read-only and rates unknown go before the warnings', () => {
	const offline: TitleInput = {...live, paused: false, offline: {capturedAt: 'Mon, 30 Nov 2026 14:49:26 GMT'}, limitedByPrivilege: false};
	assert.equal(titleLine(offline, 200), 'bondtop  raspberrypi  ·  OFFLINE capture, taken Mon, 30 Nov 2026 14:49:26 GMT  ·  2 warnings (w)  ·  read-only  ·  rates unknown');
	assert.equal(titleLine(offline, 96), 'bondtop  raspberrypi  ·  OFFLINE capture, taken Mon, 30 Nov 2026 14:49:26 GMT  ·  2 warnings (w)');
	assert.equal(titleLine(offline, 60), 'bondtop  raspberrypi  ·  OFFLINE capture, taken Mon, 30 Nov 2026 14:49:26 GMT');
});

test('title: German at 60 columns is not cut mid-number', () => {
	setLanguage('de');
	try {
		const line = titleLine({...live, paused: false, warnings: 0, limitedByPrivilege: false, intervalMs: 1000}, 60);
		assert.ok(line.length <= 60, line);
		assert.doesNotMatch(line, /alle 10?0?…|…$/);
		assert.ok(line.split('  ·  ').every((part) => titleLine({...live, paused: false, warnings: 0, limitedByPrivilege: false}).includes(part)), line);
	} finally {
		setLanguage('en');
	}
});
