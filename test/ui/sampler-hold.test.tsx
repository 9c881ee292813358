import assert from 'node:assert/strict';
import {mock, test} from 'node:test';
import React from 'react';
import {Text} from 'ink';
import type {DataSource} from '../../source/collect/source.js';
import {useSampler} from '../../source/ui/hooks/use-sampler.js';
import {snap} from '../helpers/model.js';
import {renderAt, settle} from './render-at.js';

const start = Date.UTC(2026, 0, 1, 12, 0, 0);

// A source that counts its samples and hands out its notification callback.
function counting() {
	const taken: number[] = [];
	let notify: (holdMs?: number) => void = () => {};
	const source: DataSource = {
		sample(nowMs) {
			taken.push(nowMs - start);
			return snap(nowMs, [], []);
		},
		subscribe(onChange) {
			notify = onChange;
			return () => {};
		},
	};
	return {source, taken, notify: (holdMs?: number) => notify(holdMs)};
}

function Probe({source}: {source: DataSource}) {
	useSampler(source, 60_000);
	return <Text>x</Text>;
}

async function run(steps: (c: ReturnType<typeof counting>, tick: (ms: number) => Promise<void>) => Promise<void>) {
	mock.timers.enable({apis: ['setTimeout', 'Date'], now: start});
	const c = counting();
	const app = renderAt(<Probe source={c.source} />, 20, 5);
	try {
		await settle();
		const tick = async (ms: number) => {
			for (let i = 0; i < ms; i++) (mock.timers.tick(1), await settle());
		};
		await steps(c, tick);
	} finally {
		app.unmount();
		mock.timers.reset();
	}
}

test('a notification without a hold is read 2 ms later, a burst once', async () => {
	await run(async (c, tick) => {
		const before = c.taken.length;
		c.notify();
		c.notify();
		await tick(1);
		assert.equal(c.taken.length, before, 'not yet');
		await tick(2);
		assert.equal(c.taken.length, before + 1, 'one read for the burst');
		await tick(50);
		assert.equal(c.taken.length, before + 1);
	});
});

test('a held notification is read after its hold; one that asks for less brings it forward, never back', async () => {
	await run(async (c, tick) => {
		const before = c.taken.length;
		c.notify(120);
		await tick(100);
		assert.equal(c.taken.length, before, 'held for 120 ms');
		await tick(25);
		assert.equal(c.taken.length, before + 1, 'read after the hold');

		c.notify(120);
		await tick(30);
		c.notify(0); // the bond's own notification
		await tick(3);
		assert.equal(c.taken.length, before + 2, 'brought forward by the bond');
		await tick(150);
		assert.equal(c.taken.length, before + 2, 'and not read again at the end of the hold');

		c.notify(0);
		c.notify(120);
		await tick(3);
		assert.equal(c.taken.length, before + 3, 'a later hold does not push back a pending read');
	});
});
