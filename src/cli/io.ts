/** Where the CLI writes, so that it can be run inside another program as well as from main.ts. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is a terminal (the waiter's spinner shows only then). */
  errIsTty: boolean;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  errIsTty: process.stderr.isTTY === true,
};

/** Exit statuses, as the aliyun CLI and most Unix tools use them. */
export const EXIT_OK = 0;
/** The API answered an error, the endpoint could not be reached, or a waiter timed out. */
export const EXIT_FAILED = 1;
/** The command line is wrong: nothing was sent. */
export const EXIT_USAGE = 2;

/** A mistake in the command line: one line on stderr, exit status 2, nothing sent. */
export class UsageError extends Error {}

/** The call failed after it was sent (or could not be): one line on stderr, exit status 1. */
export class CallFailed extends Error {}
