/**
 * "Same file name: the earlier directory wins", as systemd (/etc over /run over /usr/lib),
 * netplan (/run over /etc over /lib), modprobe.d and modules-load.d order their files; the
 * survivors are then read in the lexical order of their names. Pure.
 */
export type DirListing = {dir: string; names: readonly string[]};
export type ChosenFile = {name: string; dir: string; path: string; shadowed: string[]};

/** `listings` in priority order (highest first); only names that `accept` returns true for. */
export function shadowByName(listings: readonly DirListing[], accept: (name: string) => boolean): ChosenFile[] {
	const chosen = new Map<string, ChosenFile>();
	for (const {dir, names} of listings) {
		for (const name of names) {
			if (!accept(name)) continue;
			const path = `${dir}/${name}`;
			const existing = chosen.get(name);
			if (existing) existing.shadowed.push(path);
			else chosen.set(name, {name, dir, path, shadowed: []});
		}
	}
	return [...chosen.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
