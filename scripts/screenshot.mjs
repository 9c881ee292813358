// Regenerate the README screenshots: `node scripts/screenshot.mjs` (needs tmux; builds dist/ if missing).
// It runs `bondtop --demo` at 80x24 and at 160x50 side by side in a private tmux server, as a user
// sees it after minutes of use: ~90 s of traffic (the origin scenario plugs eth0 in at 10 s), then
// j j d (eth1, the active USB adapter, down: failover to eth0), 45 s, u (eth1 back, as backup: no
// primary), 15 s, so the charts hold the traffic before, the move to eth0, and after. It captures
// each pane with colours into media/bondtop-80x24.svg and media/bondtop-160x50.svg, and the ? help
// screen at 80x24 as media/bondtop-help.svg. SCREENSHOT_PNG=1 adds PNGs (rsvg-convert, from
// librsvg2-bin). SCREENSHOT_FILL_SECONDS / SCREENSHOT_DOWN_SECONDS / SCREENSHOT_UP_SECONDS change
// the timeline (90 / 45 / 15); SCREENSHOT_ARGS adds bondtop flags (e.g. `--lang de`), SCREENSHOT_SUFFIX a
// file-name suffix (`-de`).
import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, rmSync, writeFileSync} from 'node:fs';
import {dirname, join, relative} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mediaDir = join(root, 'media');
const SIZES = [
	[80, 24],
	[160, 50],
];
const FILL_SECONDS = Number(process.env.SCREENSHOT_FILL_SECONDS ?? 90);
const DOWN_SECONDS = Number(process.env.SCREENSHOT_DOWN_SECONDS ?? 45);
const UP_SECONDS = Number(process.env.SCREENSHOT_UP_SECONDS ?? 15);
const EXTRA_ARGS = process.env.SCREENSHOT_ARGS ?? '';
const SUFFIX = process.env.SCREENSHOT_SUFFIX ?? '';
const socket = `bondtop-shot-${process.pid}`;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message) => process.stderr.write(`screenshot: ${message}\n`);

function tmux(...args) {
	return execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], {encoding: 'utf8', cwd: root, stdio: ['ignore', 'pipe', 'pipe']});
}

function capture(session, {colours}) {
	return tmux('capture-pane', '-p', ...(colours ? ['-e'] : []), '-t', session);
}

async function waitFor(session, text, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const screen = capture(session, {colours: false});
		if (typeof text === 'string' ? screen.includes(text) : text.test(screen)) return screen;
		if (tmux('display-message', '-p', '-t', session, '#{pane_dead}').trim() === '1') {
			throw new Error(`bondtop exited; last screen:\n${screen}`);
		}
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${JSON.stringify(text)}; screen:\n${screen}`);
		await sleep(100);
	}
}

// ---------------------------------------------------------------------------------------------
// ANSI (as printed by `tmux capture-pane -e -p`) -> grid of cells -> SVG

// A dark palette (GitHub dark's terminal colours): 0-7 normal, 8-15 bright.
const PALETTE16 = [
	'#484f58', '#ff7b72', '#3fb950', '#d29922', '#58a6ff', '#bc8cff', '#39c5cf', '#b1bac4',
	'#6e7681', '#ffa198', '#56d364', '#e3b341', '#79c0ff', '#d2a8ff', '#56d4dd', '#f0f6fc',
];
const DEFAULT_FG = '#e6edf3';
const DEFAULT_BG = '#0d1117';
const hex2 = (n) => n.toString(16).padStart(2, '0');
const rgb = (r, g, b) => `#${hex2(r)}${hex2(g)}${hex2(b)}`;

function colour256(n) {
	if (n < 16) return PALETTE16[n];
	if (n < 232) {
		const level = (v) => (v === 0 ? 0 : 55 + v * 40);
		const i = n - 16;
		return rgb(level(Math.floor(i / 36)), level(Math.floor(i / 6) % 6), level(i % 6));
	}
	const grey = 8 + (n - 232) * 10;
	return rgb(grey, grey, grey);
}

function mix(a, b, t) {
	const p = (hex, i) => parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16);
	return rgb(...[0, 1, 2].map((i) => Math.round(p(a, i) * (1 - t) + p(b, i) * t)));
}

function isWide(cp) {
	return (
		(cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
		(cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) ||
		(cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) ||
		(cp >= 0x20000 && cp <= 0x3fffd)
	);
}

const initialStyle = () => ({fg: null, bg: null, bold: false, dim: false, inverse: false});

/** Applies one SGR parameter list (foreground 30-37/90-97/38;5;n/38;2;r;g;b, background likewise, bold, dim, inverse, resets). */
function applySgr(style, paramText) {
	const params = paramText === '' ? [0] : paramText.split(/[;:]/).map((p) => (p === '' ? 0 : Number(p)));
	for (let i = 0; i < params.length; i++) {
		const p = params[i];
		if (p === 0) Object.assign(style, initialStyle());
		else if (p === 1) style.bold = true;
		else if (p === 2) style.dim = true;
		else if (p === 22) style.bold = style.dim = false;
		else if (p === 7) style.inverse = true;
		else if (p === 27) style.inverse = false;
		else if (p >= 30 && p <= 37) style.fg = PALETTE16[p - 30];
		else if (p >= 90 && p <= 97) style.fg = PALETTE16[p - 90 + 8];
		else if (p === 39) style.fg = null;
		else if (p >= 40 && p <= 47) style.bg = PALETTE16[p - 40];
		else if (p >= 100 && p <= 107) style.bg = PALETTE16[p - 100 + 8];
		else if (p === 49) style.bg = null;
		else if (p === 38 || p === 48) {
			let colour = null;
			if (params[i + 1] === 5) {
				colour = colour256(params[i + 2] & 255);
				i += 2;
			} else if (params[i + 1] === 2) {
				colour = rgb(params[i + 2] & 255, params[i + 3] & 255, params[i + 4] & 255);
				i += 4;
			} else break;
			if (p === 38) style.fg = colour;
			else style.bg = colour;
		}
		// anything else (italic, underline, blink, ...) is ignored
	}
}

/** Parses captured ANSI text into rows of cells; the SGR state carries over line ends like in tmux's output. */
export function parseAnsi(text, cols, rows) {
	const grid = Array.from({length: rows}, () => Array.from({length: cols}, () => null));
	const style = initialStyle();
	let row = 0;
	let col = 0;
	const chars = Array.from(text.replace(/\r/g, ''));
	for (let i = 0; i < chars.length; i++) {
		const ch = chars[i];
		if (ch === '\x1b') {
			const next = chars[i + 1];
			if (next === '[') {
				let j = i + 2;
				while (j < chars.length && !/[@-~]/.test(chars[j])) j++;
				if (chars[j] === 'm') applySgr(style, chars.slice(i + 2, j).join(''));
				i = j;
			} else if (next === ']' || next === 'P' || next === '_' || next === '^') {
				// OSC / DCS / APC / PM: skip to BEL or ST
				let j = i + 2;
				while (j < chars.length && chars[j] !== '\x07' && !(chars[j] === '\x1b' && chars[j + 1] === '\\')) j++;
				i = chars[j] === '\x07' ? j : j + 1;
			} else i += 1; // two-character escape
			continue;
		}
		if (ch === '\n') {
			row++;
			col = 0;
			continue;
		}
		const cp = ch.codePointAt(0);
		if (cp < 0x20 || cp === 0x7f) continue;
		if (/\p{M}/u.test(ch) || cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f)) {
			// zero width: joins the previous cell
			const prev = grid[row]?.[col - 1];
			if (prev) prev.ch += ch;
			continue;
		}
		const width = isWide(cp) ? 2 : 1;
		if (row < rows && col + width <= cols) {
			grid[row][col] = {ch, width, ...style};
			if (width === 2) grid[row][col + 1] = {ch: '', width: 0, ...style};
		}
		col += width;
	}
	return grid;
}

const isBraille = (ch) => ch.length === 1 && ch.charCodeAt(0) >= 0x2800 && ch.charCodeAt(0) <= 0x28ff;
/** [bit, column, row] of each dot in a braille cell (U+2800 + bits). */
const BRAILLE_DOTS = [[0x01, 0, 0], [0x02, 0, 1], [0x04, 0, 2], [0x40, 0, 3], [0x08, 1, 0], [0x10, 1, 1], [0x20, 1, 2], [0x80, 1, 3]];

const escapeXml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Renders the grid as a self-contained SVG of a dark terminal window; every glyph is placed at its column. */
export function gridToSvg(grid, {title = 'bondtop', cols = grid[0].length} = {}) {
	const fontSize = 14;
	const cellW = 8.4; // 0.6 em, the advance of common monospace fonts
	const lineH = 18;
	const pad = 16;
	const barH = 30;
	const width = Math.round(pad * 2 + cols * cellW);
	const height = Math.round(barH + pad * 2 + grid.length * lineH);
	const x = (c) => +(pad + c * cellW).toFixed(1);
	const top = (r) => barH + pad + r * lineH;
	const dotR = 1.5;
	const resolve = (cell) => {
		let fg = cell.fg ?? DEFAULT_FG;
		let bg = cell.bg;
		if (cell.inverse) [fg, bg] = [bg ?? DEFAULT_BG, fg];
		if (cell.dim) fg = mix(fg, bg ?? DEFAULT_BG, 0.45);
		return {fg, bg, bold: cell.bold};
	};

	const out = [];
	out.push(
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
		`<style>text{font-family:ui-monospace,'SF Mono',SFMono-Regular,Menlo,Consolas,'DejaVu Sans Mono','Liberation Mono','Noto Sans Mono',monospace;font-size:${fontSize}px;white-space:pre}.b{font-weight:700}</style>`,
		`<rect width="${width}" height="${height}" rx="8" fill="${DEFAULT_BG}"/>`,
		`<rect width="${width}" height="${barH}" rx="8" fill="#161b22"/><rect y="${barH - 8}" width="${width}" height="8" fill="#161b22"/>`,
		`<rect y="${barH}" width="${width}" height="1" fill="#30363d"/>`,
		`<circle cx="${pad + 6}" cy="${barH / 2}" r="6" fill="#ff5f57"/><circle cx="${pad + 26}" cy="${barH / 2}" r="6" fill="#febc2e"/><circle cx="${pad + 46}" cy="${barH / 2}" r="6" fill="#28c840"/>`,
		`<text x="${width / 2}" y="${barH / 2 + 4.5}" text-anchor="middle" fill="#8b949e" style="font-size:13px">${escapeXml(title)}</text>`,
	);

	grid.forEach((cells, r) => {
		// backgrounds: runs of one colour
		for (let c = 0; c < cells.length; ) {
			const bg = cells[c] ? resolve(cells[c]).bg : null;
			let end = c + 1;
			while (end < cells.length && (cells[end] ? resolve(cells[end]).bg : null) === bg) end++;
			if (bg) out.push(`<rect x="${x(c)}" y="${top(r)}" width="${+((end - c) * cellW).toFixed(1)}" height="${lineH}" fill="${bg}"/>`);
			c = end;
		}
		// glyphs: runs of one style without blanks, each glyph at its own column (x list)
		const baseline = top(r) + 13.5;
		for (let c = 0; c < cells.length; ) {
			const cell = cells[c];
			const blank = !cell || cell.width === 0 || cell.ch === ' ' || cell.ch === '\u2800';
			if (blank) {
				c++;
				continue;
			}
			const st = resolve(cell);
			if (isBraille(cell.ch)) {
				// braille (the sparklines): drawn as dots, so they look the same whatever font the viewer has
				let d = '';
				let end = c;
				for (; end < cells.length && cells[end] && isBraille(cells[end].ch) && resolve(cells[end]).fg === st.fg; end++) {
					const bits = cells[end].ch.codePointAt(0) - 0x2800;
					BRAILLE_DOTS.forEach(([bit, dx, dy]) => {
						if (bits & bit) d += `M${+(x(end) + (dx + 0.5) * (cellW / 2) - dotR).toFixed(2)} ${+(top(r) + (dy + 0.5) * (lineH / 4)).toFixed(2)}a${dotR} ${dotR} 0 1 0 ${2 * dotR} 0a${dotR} ${dotR} 0 1 0 ${-2 * dotR} 0`;
					});
				}
				if (d) out.push(`<path d="${d}" fill="${st.fg}"/>`);
				c = end;
				continue;
			}
			const xs = [];
			let text = '';
			let end = c;
			while (end < cells.length) {
				const e = cells[end];
				if (!e) break;
				if (e.width === 0) {
					end++;
					continue;
				}
				if (e.ch === ' ' || isBraille(e.ch)) break;
				const s = resolve(e);
				if (s.fg !== st.fg || s.bold !== st.bold) break;
				xs.push(x(end));
				text += e.ch;
				end += e.width;
			}
			out.push(`<text x="${xs.join(' ')}" y="${baseline}" fill="${st.fg}"${st.bold ? ' class="b"' : ''}>${escapeXml(text)}</text>`);
			c = end;
		}
	});
	out.push('</svg>');
	return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------

function writeMedia(name, ansi, title, [cols, rows]) {
	const svgPath = join(mediaDir, `${name}.svg`);
	const grid = parseAnsi(ansi, cols, rows);
	// the terminal is always cols x rows; blank rows at the bottom are left out of the picture
	while (grid.length > 1 && grid.at(-1).every((cell) => !cell || (cell.ch.trim() === '' && !cell.bg && !cell.inverse))) grid.pop();
	writeFileSync(svgPath, gridToSvg(grid, {title, cols}));
	log(`wrote ${relative(root, svgPath)}`);
	if (process.env.SCREENSHOT_PNG !== '1') return;
	const pngPath = join(mediaDir, `${name}.png`);
	execFileSync('rsvg-convert', ['--format', 'png', '--output', pngPath, svgPath]);
	log(`wrote ${relative(root, pngPath)}`);
}

const sessionOf = ([cols, rows]) => `shot${cols}x${rows}`;
const selectedName = (screen) => screen.split('\n').find((l) => l.startsWith('>'))?.slice(1).trim().split(/\s+/)[0] ?? null;

/** j until `name` is selected (one press at a time, each waited for). */
async function select(session, name) {
	for (let i = 0; i < 6 && selectedName(capture(session, {colours: false})) !== name; i++) {
		tmux('send-keys', '-t', session, 'j');
		await sleep(400);
	}
	const screen = capture(session, {colours: false});
	if (selectedName(screen) !== name) throw new Error(`${session}: could not select ${name}; screen:\n${screen}`);
}

async function main() {
	if (!existsSync(join(root, 'dist/bondtop.js'))) {
		log('dist/bondtop.js missing: npm run build');
		execFileSync('npm', ['run', 'build'], {cwd: root, stdio: 'inherit'});
	}
	mkdirSync(mediaDir, {recursive: true});

	const command = `exec env -u CI -u NO_COLOR -u FORCE_COLOR -u COLORTERM TERM=xterm-256color LANG=C.UTF-8 node dist/bondtop.js --demo ${EXTRA_ARGS}`;
	tmux('start-server', ';', 'set-option', '-g', 'status', 'off', ';', 'set-option', '-g', 'remain-on-exit', 'on');
	try {
		for (const size of SIZES) {
			tmux('new-session', '-d', '-s', sessionOf(size), '-x', String(size[0]), '-y', String(size[1]), '-c', root, command);
			const got = tmux('display-message', '-p', '-t', sessionOf(size), '#{pane_width}x#{pane_height}').trim();
			if (got !== `${size[0]}x${size[1]}`) throw new Error(`pane is ${got}, wanted ${size[0]}x${size[1]}`);
		}
		for (const size of SIZES) await waitFor(sessionOf(size), /SIMULATED host|SIMULIERTER Host/, 15_000);
		log(`bondtop --demo is up at ${SIZES.map((s) => s.join('x')).join(' and ')}; ${FILL_SECONDS} s of traffic first`);
		await sleep(FILL_SECONDS * 1000);
		for (const size of SIZES) await select(sessionOf(size), 'eth1'); // the active USB adapter, as in the origin story
		for (const size of SIZES) tmux('send-keys', '-t', sessionOf(size), 'd'); // its cable pulled: the bond fails over to eth0
		for (const size of SIZES) await waitFor(sessionOf(size), /(active slave|aktiver Slave): eth0/, 5000);
		log(`eth1 down, bond0 on eth0; ${DOWN_SECONDS} s`);
		await sleep(DOWN_SECONDS * 1000);
		for (const size of SIZES) tmux('send-keys', '-t', sessionOf(size), 'u'); // back: as a backup, no primary
		for (const size of SIZES) await waitFor(sessionOf(size), /^> eth1 +BACKUP/m, 5000);
		log(`eth1 back as backup; ${UP_SECONDS} s`);
		await sleep(UP_SECONDS * 1000);
		for (const size of SIZES) writeMedia(`bondtop-${size.join('x')}${SUFFIX}`, capture(sessionOf(size), {colours: true}), `bondtop --demo ${EXTRA_ARGS}`.trim(), size);

		const small = SIZES[0];
		tmux('send-keys', '-t', sessionOf(small), '?');
		await waitFor(sessionOf(small), /bondtop help|bondtop-Hilfe/, 5000);
		await sleep(300);
		writeMedia(`bondtop-help${SUFFIX}`, capture(sessionOf(small), {colours: true}), `bondtop --demo ${EXTRA_ARGS} (? help)`.trim(), small);
		tmux('send-keys', '-t', sessionOf(small), '?');
		for (const size of SIZES) tmux('send-keys', '-t', sessionOf(size), 'q');
		const deadline = Date.now() + 5000;
		const running = () => {
			try {
				return SIZES.some((size) => tmux('display-message', '-p', '-t', sessionOf(size), '#{pane_dead}').trim() !== '1');
			} catch {
				return false; // the server is gone with its panes
			}
		};
		while (running() && Date.now() < deadline) await sleep(100);
	} finally {
		let socketPath = '';
		try {
			socketPath = tmux('display-message', '-p', '#{socket_path}').trim();
			tmux('kill-server');
		} catch {
			// already gone
		}
		if (socketPath.endsWith(socket)) rmSync(socketPath, {force: true}); // tmux 3.3 leaves the socket file behind
	}
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	main().catch((error) => {
		log(error.stack ?? String(error));
		process.exit(1);
	});
}
