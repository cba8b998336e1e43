import { describe, expect, it } from 'vitest';
import { checkLectureFile } from '../../../web/src/upload/file-checks';

const LIMIT = 2 * 1024 ** 3;

describe('checking a file before anything is sent', () => {
  it('takes caption files the browser gives no type, with the type their name implies', () => {
    expect(checkLectureFile({ name: 'week 3.srt', type: '', size: 9361 }, LIMIT)).toEqual({ ok: true, contentType: 'application/x-subrip', sourceKind: 'captions' });
    expect(checkLectureFile({ name: 'LECTURE.VTT', type: 'application/octet-stream', size: 10 }, LIMIT)).toEqual({ ok: true, contentType: 'text/vtt', sourceKind: 'captions' });
  });

  it("keeps the browser's own audio type, without codec parameters", () => {
    expect(checkLectureFile({ name: 'Recording.webm', type: 'audio/webm;codecs=opus', size: 5000 }, LIMIT)).toEqual({ ok: true, contentType: 'audio/webm', sourceKind: 'audio' });
    expect(checkLectureFile({ name: 'talk.m4a', type: 'audio/x-m4a', size: 5000 }, LIMIT)).toEqual({ ok: true, contentType: 'audio/x-m4a', sourceKind: 'audio' });
  });

  it('falls back to the name when the browser reports a type the API does not know', () => {
    expect(checkLectureFile({ name: 'notes.srt', type: 'text/srt', size: 100 }, LIMIT)).toMatchObject({ ok: true, contentType: 'application/x-subrip' });
  });

  it('refuses what is neither audio nor captions, saying what is accepted', () => {
    const check = checkLectureFile({ name: 'slides.pdf', type: 'application/pdf', size: 100 }, LIMIT);
    expect(check).toEqual({ ok: false, message: expect.stringMatching(/“slides\.pdf” is not a file we can make notes from\. Choose audio .*\.vtt/) });
  });

  it('refuses an empty file and one over the limit, with both sizes', () => {
    expect(checkLectureFile({ name: 'a.vtt', type: 'text/vtt', size: 0 }, LIMIT)).toEqual({ ok: false, message: expect.stringContaining('“a.vtt” is empty') });
    expect(checkLectureFile({ name: 'long.mp3', type: 'audio/mpeg', size: 3 * 1024 ** 3 }, LIMIT)).toEqual({
      ok: false,
      message: '“long.mp3” is 3 GB; the largest file accepted is 2 GB.',
    });
    expect(checkLectureFile({ name: 'exact.mp3', type: 'audio/mpeg', size: LIMIT }, LIMIT).ok).toBe(true);
  });
});
