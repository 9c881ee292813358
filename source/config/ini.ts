/**
 * The ini-style files of systemd (systemd.syntax(7)) and NetworkManager's keyfiles (GLib key files):
 * `[Section]` headers and `Key=Value` lines, comments starting with `#` (and `;` for systemd), a
 * trailing backslash continuing a systemd line. Pure, linear, never throws: a line that is neither
 * is kept as a note.
 */
import type {ConfigNote} from './types.js';

export type IniEntry = {section: string; key: string; value: string; line: number};
export type IniFile = {entries: IniEntry[]; notes: ConfigNote[]};

export function parseIni(path: string, text: string, dialect: 'systemd' | 'glib'): IniFile {
	const entries: IniEntry[] = [];
	const notes: ConfigNote[] = [];
	let section = '';
	const lines = text.split('\n');
	for (let i = 0; i < lines.length; i++) {
		const lineNumber = i + 1;
		let line = lines[i]!;
		if (line.endsWith('\r')) line = line.slice(0, -1);
		if (dialect === 'systemd' && line.endsWith('\\')) {
			// Pieces joined once at the end: appending to one string would copy it every line.
			const pieces = [line.slice(0, -1)];
			let open = true;
			while (open && i + 1 < lines.length) {
				i++;
				let next = lines[i]!;
				if (next.endsWith('\r')) next = next.slice(0, -1);
				const t = next.trimStart();
				if (t.startsWith('#') || t.startsWith(';')) continue;
				open = next.endsWith('\\');
				pieces.push(open ? next.slice(0, -1) : next);
			}
			line = pieces.join(' ');
		}
		const trimmed = line.trim();
		if (trimmed === '' || trimmed.startsWith('#') || (dialect === 'systemd' && trimmed.startsWith(';'))) continue;
		if (trimmed.startsWith('[')) {
			if (trimmed.endsWith(']')) section = trimmed.slice(1, -1).trim();
			else notes.push({path, line: lineNumber, message: `section header without "]": ignored`});
			continue;
		}
		const eq = trimmed.indexOf('=');
		if (eq <= 0) {
			notes.push({path, line: lineNumber, message: `not a Key=Value line: ignored`});
			continue;
		}
		entries.push({section, key: trimmed.slice(0, eq).trim(), value: trimmed.slice(eq + 1).trim(), line: lineNumber});
	}
	return {entries, notes};
}
