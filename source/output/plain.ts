/**
 * `--once`: one plain-text snapshot in the ifconfig-like layout of the TUI, no colour. Every line
 * goes through the one sanitiser at the end (names, hostnames, values and warnings are untrusted).
 */
import {t} from '../i18n/i18n.js';
import {configContext} from '../judge/config-context.js';
import {judgeSnapshot, type Judgement} from '../judge/judge.js';
import {layoutGroups} from '../model/layout.js';
import type {Snapshot} from '../model/types.js';
import {sanitizeText} from '../text/sanitize.js';
import type {ConfigComparison} from '../judge/drift.js';
import {bondConfigLines, configTrailerLines} from './config-view.js';
import {bareSlaveLines, bondHeaderLines, interfaceLines} from './format.js';

/** The snapshot as text; each bond starts with its verdict, its findings end its header. */
export function renderPlain(
	snapshot: Snapshot,
	config: ConfigComparison | null = null,
	judgements: Map<string, Judgement> = judgeSnapshot(snapshot, configContext(config)),
): string {
	const out: string[] = [];
	out.push(`bondtop  ${snapshot.hostname}${snapshot.simulated ? t('plain.simulated') : ''}  ${new Date(snapshot.takenAtMs).toISOString()}`);
	if (snapshot.bonds.length === 0) out.push(t('plain.noBond'));
	if (snapshot.limitedByPrivilege) out.push(t('plain.hidden'));
	out.push('');
	for (const group of layoutGroups(snapshot)) {
		if (group.bond) {
			out.push(...bondHeaderLines(group.bond, {simulated: snapshot.simulated, judgement: judgements.get(group.bond.name)}));
			if (config) out.push(...bondConfigLines(group.bond.name, config));
			out.push('');
		}
		for (const item of group.items) {
			if (item.iface) out.push(...interfaceLines(item.iface, item.bond && item.slave ? {bond: item.bond, slave: item.slave} : null));
			else if (item.bond && item.slave) out.push(...bareSlaveLines(item.bond, item.slave));
			else continue;
			out.push('');
		}
	}
	if (config) out.push(...configTrailerLines(config));
	for (const warning of snapshot.warnings) out.push(t('plain.warning', {source: warning.source, message: warning.message}));
	while (out.length > 0 && out[out.length - 1] === '') out.pop();
	return out.map(sanitizeText).join('\n') + '\n';
}
