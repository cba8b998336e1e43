import { describe, expect, it } from 'vitest';
import { uploadFormData, uploadRefusalMessage } from '../../../web/src/api/upload-form';

const upload = {
  url: 'http://127.0.0.1:4569/lecture-notes-local',
  method: 'POST' as const,
  fields: { key: 'uploads/job-1/lecture.srt', 'Content-Type': 'application/x-subrip', Policy: 'eyJ…', 'X-Amz-Signature': 'abc' },
};

describe('the presigned upload form', () => {
  it('carries every field as given, then the file last, named "file", with the declared type', async () => {
    const form = uploadFormData(upload, new Blob(['1\n00:00:00,000 --> 00:00:01,000\nHi.\n']), 'lecture.srt');
    const entries = [...form.entries()];
    expect(entries.map(([name]) => name)).toEqual(['key', 'Content-Type', 'Policy', 'X-Amz-Signature', 'file']);
    expect(entries.slice(0, 4).map(([, value]) => value)).toEqual(Object.values(upload.fields));
    const file = form.get('file') as File;
    expect(file.name).toBe('lecture.srt');
    expect(file.type).toBe('application/x-subrip');
    expect(await file.text()).toContain('Hi.');
  });

  it("explains storage's refusals in words", () => {
    expect(uploadRefusalMessage(403, '<Error><Code>AccessDenied</Code><Message>Invalid according to Policy: Policy expired.</Message></Error>')).toMatch(/link expired/);
    expect(uploadRefusalMessage(400, '<Error><Code>EntityTooLarge</Code><Message>Your proposed upload exceeds the maximum allowed size</Message></Error>')).toMatch(/size changed/);
    expect(uploadRefusalMessage(503, '<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>')).toBe(
      'Storage refused the file (HTTP 503, SlowDown): Please reduce your request rate.',
    );
    expect(uploadRefusalMessage(502, 'Bad gateway')).toBe('Storage refused the file (HTTP 502).');
  });
});

