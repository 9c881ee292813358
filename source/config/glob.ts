/**
 * Shell glob matching of one path segment (`*`, `?`, `[abc]`, `[a-z]`, `[!x]`), as ifupdown's
 * `source` and systemd's `Name=` use it. The classic two-pointer algorithm: linear in practice,
 * O(n·m) at worst, never exponential.
 */
export function hasGlob(pattern: string): boolean {
	for (const c of pattern) if (c === '*' || c === '?' || c === '[') return true;
	return false;
}

/** Length of the `[...]` class at `i`, and whether `c` is in it; null when `[` opens no class. */
function matchClass(pattern: string, i: number, c: string): {end: number; ok: boolean} | null {
	let j = i + 1;
	let negate = false;
	if (pattern[j] === '!' || pattern[j] === '^') {
		negate = true;
		j++;
	}
	let ok = false;
	let first = true;
	while (j < pattern.length && (first || pattern[j] !== ']')) {
		first = false;
		const lo = pattern[j]!;
		if (pattern[j + 1] === '-' && j + 2 < pattern.length && pattern[j + 2] !== ']') {
			const hi = pattern[j + 2]!;
			if (c >= lo && c <= hi) ok = true;
			j += 3;
		} else {
			if (c === lo) ok = true;
			j++;
		}
	}
	if (j >= pattern.length) return null;
	return {end: j + 1, ok: ok !== negate};
}

export function globMatch(pattern: string, name: string): boolean {
	let p = 0;
	let n = 0;
	let starP = -1;
	let starN = 0;
	while (n < name.length) {
		const pc = pattern[p];
		if (pc === '*') {
			starP = p++;
			starN = n;
			continue;
		}
		if (pc !== undefined) {
			if (pc === '?') {
				p++;
				n++;
				continue;
			}
			if (pc === '[') {
				const cls = matchClass(pattern, p, name[n]!);
				if (cls ? cls.ok : name[n] === '[') {
					p = cls ? cls.end : p + 1;
					n++;
					continue;
				}
			} else if (pc === name[n]) {
				p++;
				n++;
				continue;
			}
		}
		if (starP < 0) return false;
		p = starP + 1;
		n = ++starN;
	}
	while (pattern[p] === '*') p++;
	return p === pattern.length;
}

/** run-parts(8)'s default rule for `source-directory`: names of letters, digits, `_` and `-` only. */
export function isRunPartsName(name: string): boolean {
	if (name === '') return false;
	for (const c of name) {
		const ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_' || c === '-';
		if (!ok) return false;
	}
	return true;
}
