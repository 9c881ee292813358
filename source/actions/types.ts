/**
 * What bondtop can change on a host. The real implementation runs iproute2 with argv arrays; the
 * demo implements the same interface on its simulated driver; tests pass fakes.
 */

/** Outcome of one action; never thrown into the UI. */
/** `message` is English; `shown`, when set, the same in the screen's language (bondtop's own words, not ip's). */
export type ActionResult = {ok: true} | {ok: false; message: string; shown?: string};

export type LinkActions = {
	/** `ip link set <name> down`. */
	setLinkDown(name: string): Promise<ActionResult>;
	/** `ip link set <name> up`. */
	setLinkUp(name: string): Promise<ActionResult>;
	/** `ip link set <bond> type bond active_slave <slave>`. */
	setActiveSlave(bond: string, slave: string): Promise<ActionResult>;
};
