import assert from 'node:assert/strict';
import {existsSync, readFileSync, statSync} from 'node:fs';
import {test} from 'node:test';

const readme = readFileSync('README.md', 'utf8');

test('every media/ file the README points at exists, is not empty and is small enough for a README', () => {
	const refs = [...readme.matchAll(/\]\((media\/[^)\s]+)\)/g)].map((m) => m[1]!);
	assert.ok(refs.includes('media/bondtop-failover.svg'), 'the animation is referenced');
	assert.ok(readme.indexOf('media/bondtop-failover.svg') < readme.indexOf('## Set-up'), 'the animation is at the top');
	for (const ref of new Set(refs)) {
		assert.ok(existsSync(ref), `${ref} exists`);
		const size = statSync(ref).size;
		assert.ok(size > 1000 && size < 400_000, `${ref}: ${size} bytes`);
	}
	for (const m of readme.matchAll(/!\[([^\]]*)\]\(media\//g)) assert.ok(m[1]!.length >= 40, `alt text says what the picture shows: "${m[1]}"`);
});

test('the failover cast is asciicast v2 from the kernel lab: 100x30, ordered, 15-35 s, the failover in it; the SVG is animated', () => {
	const lines = readFileSync('media/bondtop-failover.cast', 'utf8').trimEnd().split('\n');
	const header = JSON.parse(lines[0]!) as {version: number; width: number; height: number; title: string};
	assert.equal(header.version, 2);
	assert.deepEqual([header.width, header.height], [100, 30]);
	assert.match(header.title, /bonding driver/);
	const events = lines.slice(1).map((l) => JSON.parse(l) as [number, string, string]);
	let last = 0;
	for (const [t, kind, text] of events) {
		assert.equal(kind, 'o');
		assert.ok(t >= last, `times never go back (${t} after ${last})`);
		assert.equal(typeof text, 'string');
		last = t;
	}
	assert.ok(last >= 15 && last <= 35, `${last} s`);
	const all = events.map((e) => e[2]).join('');
	assert.match(all, /^\u001B\[\?1049h/, 'starts in the alternate screen, as bondtop does');
	assert.match(all, /active slave: eth0/);
	assert.match(all, /active slave: eth1/, 'the failover is in it');
	assert.match(all, /ip link set eth0 up: done/, 'and the way back');
	const svg = readFileSync('media/bondtop-failover.svg', 'utf8');
	assert.match(svg, /@keyframes/, 'animated');
	assert.doesNotMatch(svg, /<text[^>]*>[^<]*\u2800[^<]*<\/text>/, 'no blank braille cells left to a fallback font');
});
