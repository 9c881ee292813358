#!/usr/bin/env node
// Prints the README's findings table from the rule table (source/judge/rules.ts), which a unit
// test compares with the README. Run: node --import tsx scripts/findings-table.mjs
const {rules} = await import('../source/judge/rules.ts');
const lines = ['| id | severity | meaning and what to do | reference |', '| --- | --- | --- | --- |'];
for (const rule of rules) {
	if (/[|\n]/.test(rule.meaning + rule.reference)) throw new Error(`${rule.id}: a | or line break would break the table`);
	lines.push(`| \`${rule.id}\` | ${rule.severity} | ${rule.meaning} | ${rule.reference} |`);
}
process.stdout.write(`${lines.join('\n')}\n`);
