/** The CLI's exit statuses, and the error a command throws for a user-facing failure. */

export const EXIT_FAILURE = 1;
/** A bad argument or option (the input does not exist, a range is out of bounds). */
export const EXIT_USAGE = 2;
/** Exit status of a run stopped by Ctrl-C, as shells report SIGINT. */
export const EXIT_CANCELLED = 130;

/** Thrown by commands for a user-facing failure: printed as one line, no stack. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = EXIT_FAILURE,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
