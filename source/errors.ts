/** An error meant for the user: printed as one line (no stack trace), exit code 2. */
export class UsageError extends Error {}
