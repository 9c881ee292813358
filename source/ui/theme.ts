/**
 * Colours in one place. With `--no-color` or NO_COLOR every colour is undefined and the words on
 * screen (ACTIVE, DOWN, the `>` of the selection) still carry the meaning.
 */
export type Theme = {
	active?: string;
	carrying?: string;
	backup?: string;
	down?: string;
	warning?: string;
	accent?: string;
	dim: boolean;
	rx?: string;
	tx?: string;
	simulated?: string;
	/** The verdict UNKNOWN (OK, WARNING, CRITICAL use active, warning, down). */
	unknown?: string;
	/** A failover in the event log (the line also has a marker and is bold, for NO_COLOR). */
	failover?: string;
};

export const colourTheme: Theme = {
	active: 'green',
	carrying: 'cyan',
	down: 'red',
	warning: 'yellow',
	accent: 'blue',
	dim: true,
	rx: 'green',
	tx: 'magenta',
	simulated: 'yellow',
	unknown: 'magenta',
	failover: 'cyanBright',
};

export const plainTheme: Theme = {dim: false};

export function themeFor(useColour: boolean): Theme {
	return useColour ? colourTheme : plainTheme;
}
