/**
 * Compares a catalogue with the English one: missing and extra keys, and messages whose
 * `{placeholders}` differ (a translation that drops `{slave}` would hide a name). Pure; used by
 * the unit test, which fails the build on any problem.
 */

function placeholders(text: string): string[] {
	return [...new Set([...text.matchAll(/\{([a-zA-Z]+)(?:\|[^|{}]*\|[^|{}]*)?\}/g)].map((m) => m[1]!))].sort();
}

/** One line per problem; empty when `other` matches `english`. */
export function catalogueProblems(english: Readonly<Record<string, string>>, other: Readonly<Record<string, string>>): string[] {
	const problems: string[] = [];
	for (const key of Object.keys(english)) if (!Object.hasOwn(other, key)) problems.push(`missing key ${key}`);
	for (const key of Object.keys(other)) if (!Object.hasOwn(english, key)) problems.push(`extra key ${key}`);
	for (const key of Object.keys(english)) {
		if (!Object.hasOwn(other, key)) continue;
		const a = placeholders(english[key]!);
		const b = placeholders(other[key]!);
		if (a.join(',') !== b.join(',')) problems.push(`${key}: placeholders {${a.join(', ')}} in English, {${b.join(', ')}} here`);
	}
	return problems;
}
