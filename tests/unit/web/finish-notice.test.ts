import { describe, expect, it } from 'vitest';
import type { NotesVersionDocument } from '../../../shared/contracts/api';
import type { JobStatus } from '../../../shared/contracts/job-status';
import { finishNoticeBetween, shouldAskPermission, shouldNotify, stillUnderWay, type JobSighting } from '../../../web/src/jobs/finish-notice';

const version = (number: number, status: JobStatus, extra: Partial<NotesVersionDocument> = {}): NotesVersionDocument => ({
  version: number,
  style: number === 1 ? 'study' : 'summary',
  status,
  progress: status === 'completed' ? 100 : 40,
  createdAt: '2026-12-02T10:00:00.000Z',
  notesReady: status === 'completed',
  ...extra,
});

const job = (status: JobStatus, versions: NotesVersionDocument[] = [version(1, status)], error?: JobSighting['error']): JobSighting => ({
  jobId: 'job-7',
  fileName: 'thermodynamics.vtt',
  status,
  versions,
  ...(error && { error }),
});

describe('the notice of a finished job', () => {
  it('announces a job that ends between two looks, with the lecture and the outcome', () => {
    expect(finishNoticeBetween(job('generating_notes'), job('completed'))).toEqual({
      title: 'Notes ready: thermodynamics.vtt',
      body: expect.stringMatching(/written/),
      tag: 'job-7',
    });
    const failed = finishNoticeBetween(job('transcribing'), job('failed', undefined, { message: 'The file is not audio. Upload another.', stage: 'transcribing' }));
    expect(failed).toEqual({ title: 'No notes: thermodynamics.vtt', body: 'The file is not audio. Upload another.', tag: 'job-7' });
  });

  it('says nothing when nothing ended: still running, or already over at the first look', () => {
    expect(finishNoticeBetween(job('queued'), job('generating_notes'))).toBeUndefined();
    expect(finishNoticeBetween(job('completed'), job('completed'))).toBeUndefined();
    expect(finishNoticeBetween(job('failed'), job('failed'))).toBeUndefined();
  });

  it('announces a new version of the notes when it is written or fails, with its number and style', () => {
    const done = [version(1, 'completed')];
    const writing = job('completed', [...done, version(2, 'generating_notes')]);
    expect(finishNoticeBetween(writing, job('completed', [...done, version(2, 'completed')]))).toEqual({
      title: 'Notes ready: thermodynamics.vtt',
      body: 'The new version 2 (One-page summary) is written.',
      tag: 'job-7#2',
    });
    const failed = finishNoticeBetween(writing, job('completed', [...done, version(2, 'failed', { error: { message: 'The model refused.', stage: 'generating_notes' } })]));
    expect(failed).toMatchObject({ title: 'No new version: thermodynamics.vtt', body: expect.stringContaining('The model refused.'), tag: 'job-7#2' });
    expect(finishNoticeBetween(writing, writing)).toBeUndefined();
  });

  it('is shown only while the tab is hidden and the browser allows it', () => {
    expect(shouldNotify({ hidden: true, permission: 'granted' })).toBe(true);
    expect(shouldNotify({ hidden: false, permission: 'granted' })).toBe(false);
    expect(shouldNotify({ hidden: true, permission: 'denied' })).toBe(false);
    expect(shouldNotify({ hidden: true, permission: 'default' })).toBe(false);
    expect(shouldNotify({ hidden: true, permission: 'unsupported' })).toBe(false);
  });

  it('asks for permission only while the browser has never been answered', () => {
    expect(shouldAskPermission('default')).toBe(true);
    expect(shouldAskPermission('granted')).toBe(false);
    expect(shouldAskPermission('denied')).toBe(false);
    expect(shouldAskPermission('unsupported')).toBe(false);
  });

  it('keeps following a finished job while a version of its notes is being written', () => {
    expect(stillUnderWay(job('chunking'))).toBe(true);
    expect(stillUnderWay(job('completed', [version(1, 'completed'), version(2, 'queued')]))).toBe(true);
    expect(stillUnderWay(job('completed'))).toBe(false);
  });
});
