import { describe, expect, it } from 'vitest';
import { readWaitOption, startedJobOutput, statusUrlOf } from '../../../cli/wait-option';

const API = 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/';

describe('--wait', () => {
  it('waits for the notes unless told not to', () => {
    expect(readWaitOption(undefined, {})).toEqual({ wait: true });
    expect(readWaitOption('true', {})).toEqual({ wait: true });
    expect(readWaitOption('false', { api: API })).toEqual({ wait: false });
  });

  it('refuses a value that is not true or false', () => {
    expect(readWaitOption('no', { api: API })).toEqual({ problem: '--wait takes true or false, not "no".' });
  });

  it('refuses --wait false with the local runtime, which stops with the command, and says what to run instead', () => {
    const choice = readWaitOption('false', {});
    expect(choice).toEqual({ problem: expect.stringMatching(/needs --api.*`npm start`.*--api http:\/\/127\.0\.0\.1:8787 --token/) });
  });

  it('refuses --out and --format with --wait false: there are no notes to write yet', () => {
    expect(readWaitOption('false', { api: API, out: 'notes.md' })).toHaveProperty('problem');
    expect(readWaitOption('false', { api: API, format: 'docx' })).toHaveProperty('problem');
  });

  it('prints the job id alone, or {jobId, statusUrl} as JSON, with the stage path of the API kept', () => {
    expect(startedJobOutput(API, 'job-1', false)).toBe('job-1\n');
    expect(JSON.parse(startedJobOutput(API, 'job-1', true))).toEqual({ jobId: 'job-1', statusUrl: 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/jobs/job-1' });
    expect(statusUrlOf('http://127.0.0.1:8787', 'a/b')).toBe('http://127.0.0.1:8787/jobs/a%2Fb');
  });
});
