/* `--wait false`: `npm run notes` answers with the job once its file is uploaded, for a script that
   follows the job itself (GET its statusUrl until it is completed or failed). */

export type WaitChoice = { wait: boolean } | { problem: string };

/** `--wait true|false` (true when left out), and what it cannot go with. */
export function readWaitOption(value: string | undefined, given: { api?: string; stack?: string; out?: string; format?: string }): WaitChoice {
  if (value === undefined || value === 'true') return { wait: true };
  if (value !== 'false') return { problem: `--wait takes true or false, not "${value}".` };
  if (!given.api && !given.stack) {
    return {
      problem:
        '--wait false needs --api (or --stack): without it the local runtime runs inside this command and stops when it returns, job and all. ' +
        'Run `npm start` in another terminal and pass --api http://127.0.0.1:8787 --token "$(npm run -s token -- NAME)", or leave --wait out.',
    };
  }
  if (given.out !== undefined || given.format !== undefined) return { problem: '--out and --format say where the notes go; with --wait false there are no notes yet. Fetch them from the statusUrl once the job has completed.' };
  return { wait: false };
}

/** Where the job's status is read: the API's base URL as given (a stage path included) and the job's path. */
export const statusUrlOf = (apiUrl: string, jobId: string) => `${apiUrl.replace(/\/+$/, '')}/jobs/${encodeURIComponent(jobId)}`;

/** What goes to stdout: the job id alone, for `JOB=$(npm run -s notes -- ... --wait false)`, or with --json `{jobId, statusUrl}`. */
export const startedJobOutput = (apiUrl: string, jobId: string, json: boolean) =>
  json ? `${JSON.stringify({ jobId, statusUrl: statusUrlOf(apiUrl, jobId) })}\n` : `${jobId}\n`;
