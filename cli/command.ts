import { ApiError } from '../shared/contracts/api-client';

/** A command line that cannot be run as given: its message is shown with the usage, and the command exits 2. */
export class UsageError extends Error {}

/**
 * Runs a command's `main` and sets the exit code: its own, 2 for a command line
 * it cannot run or a request the API refused, 1 for anything else, with one line saying why.
 */
export async function runCommand(main: () => Promise<number>, usage: string): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${usage}\n`);
      process.exitCode = 2;
    } else if (error instanceof ApiError && error.status >= 400) {
      process.stderr.write(`The API refused the request (${error.status} ${error.code}): ${error.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    }
  }
}
