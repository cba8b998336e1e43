import { describe, expect, it } from 'vitest';
import { SNIFF_BYTES, inspectUpload, type UploadToInspect } from '../../../shared/domain/upload-content';
import { contentTypeFor, sourceKindOf } from '../../../shared/domain/upload-types';

const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

const bytesOf = (...parts: (string | number[] | Uint8Array)[]) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...new TextEncoder().encode(part)] : [...part])));

/** Inspects `body` uploaded as `fileName`, with the type and kind POST /jobs gives that name, the whole file arrived. */
function inspectAs(fileName: string, body: Uint8Array, overrides: Partial<UploadToInspect> = {}) {
  const declaredContentType = contentTypeFor(fileName);
  const expectedKind = declaredContentType && sourceKindOf(fileName, declaredContentType);
  if (!declaredContentType || !expectedKind) throw new Error(`POST /jobs would refuse ${fileName}`);
  return inspectUpload({
    fileName,
    declaredContentType,
    declaredSize: body.length,
    expectedKind,
    storedSize: body.length,
    firstBytes: body.slice(0, SNIFF_BYTES),
    maxUploadBytes: MAX_UPLOAD_BYTES,
    ...overrides,
  });
}

/** A RIFF/WAVE file of `dataBytes` bytes of samples, whose header states its length. */
function wav(dataBytes: number, statedRiffSize = 36 + dataBytes): Uint8Array {
  const file = Buffer.alloc(44 + dataBytes, 128);
  file.write('RIFF', 0);
  file.writeUInt32LE(statedRiffSize, 4);
  file.write('WAVEfmt ', 8);
  file.writeUInt32LE(16, 16);
  file.write('data', 36);
  file.writeUInt32LE(dataBytes, 40);
  return new Uint8Array(file);
}

function aiff(statedFormSize: number, totalBytes: number): Uint8Array {
  const file = Buffer.alloc(totalBytes);
  file.write('FORM', 0);
  file.writeUInt32BE(statedFormSize, 4);
  file.write('AIFFCOMM', 8);
  return new Uint8Array(file);
}

const padding = new Array<number>(64).fill(0x55);
const PNG = bytesOf([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR', padding);
const MP3_WITH_ID3 = bytesOf('ID3', [4, 0, 0, 0, 0, 0, 0], padding);
const VTT = 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nWelcome back.\n';

describe('inspectUpload: audio by its magic numbers', () => {
  it.each([
    { name: 'an ID3 tag', fileName: 'talk.mp3', body: MP3_WITH_ID3, format: 'MP3 audio' },
    { name: 'a bare MPEG-1 Layer III frame', fileName: 'talk.mp3', body: bytesOf([0xff, 0xfb, 0x90, 0x64], padding), format: 'MP3 audio' },
    { name: 'an MPEG-2 Layer III frame with CRC', fileName: 'talk.mp3', body: bytesOf([0xff, 0xf2, 0x50, 0xc4], padding), format: 'MP3 audio' },
    { name: 'ADTS AAC (MPEG-4)', fileName: 'talk.aac', body: bytesOf([0xff, 0xf1, 0x50, 0x80], padding), format: 'AAC audio' },
    { name: 'ADTS AAC (MPEG-2)', fileName: 'talk.aac', body: bytesOf([0xff, 0xf9, 0x50, 0x80], padding), format: 'AAC audio' },
    { name: 'RIFF WAVE', fileName: 'talk.wav', body: wav(100), format: 'WAV audio' },
    { name: 'FORM AIFF', fileName: 'talk.wav', body: aiff(92, 100), format: 'AIFF audio' },
    { name: 'OggS', fileName: 'talk.ogg', body: bytesOf('OggS', [0, 2], padding), format: 'Ogg audio' },
    { name: 'fLaC', fileName: 'talk.flac', body: bytesOf('fLaC', [0, 0, 0, 34], padding), format: 'FLAC audio' },
    { name: 'an M4A ftyp box', fileName: 'talk.m4a', body: bytesOf([0, 0, 0, 0x20], 'ftypM4A ', padding), format: 'MP4 or QuickTime media' },
    { name: 'an MP4 ftyp box', fileName: 'talk.mp4', body: bytesOf([0, 0, 0, 0x18], 'ftypisom', padding), format: 'MP4 or QuickTime media' },
    { name: 'a QuickTime ftyp box', fileName: 'talk.mov', body: bytesOf([0, 0, 0, 0x14], 'ftypqt  ', padding), format: 'MP4 or QuickTime media' },
    { name: 'an EBML header', fileName: 'talk.webm', body: bytesOf([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81], padding), format: 'WebM or Matroska media' },
  ])('recognises $name', ({ fileName, body, format }) => {
    expect(inspectAs(fileName, body)).toEqual({ kind: 'audio', format });
  });

  it('does not take bytes that only resemble an MPEG frame (reserved bitrate) for audio', () => {
    expect(() => inspectAs('talk.mp3', bytesOf([0xff, 0xfb, 0xf0, 0x64], padding))).toThrow(/talk\.mp3 .*not audio/);
  });

  it('refuses a still image in an ISO media box', () => {
    expect(() => inspectAs('photo.mp4', bytesOf([0, 0, 0, 0x1c], 'ftypheic', padding))).toThrow(/HEIC or AVIF image/);
  });
});

describe('inspectUpload: captions as UTF-8 text', () => {
  it.each([
    { fileName: 'week-3.vtt', text: VTT, format: 'WebVTT captions' },
    { fileName: 'week-3.vtt', text: '00:00:01.000 --> 00:00:04.000\nNo header, still a cue.\n', format: 'WebVTT captions' },
    { fileName: 'week-3.srt', text: '1\n00:00:01,000 --> 00:00:04,000\nWelcome back.\n', format: 'SubRip captions' },
    { fileName: 'week-3.txt', text: 'Welcome back. Today we study entropy.', format: 'plain text' },
    { fileName: 'week-3.json', text: '  {"text": "Welcome back.", "words": []}', format: 'transcript JSON' },
  ])('takes $fileName ($format)', ({ fileName, text, format }) => {
    expect(inspectAs(fileName, bytesOf(text))).toEqual({ kind: 'captions', format });
  });

  it('takes a byte order mark, CRLF line ends and non-ASCII text', () => {
    const text = '\uFEFF1\r\n00:00:01,000 --> 00:00:04,000\r\nÜbung: Entropie ΔS ≥ 0 — 熱力学 🔥\r\n';

    expect(inspectAs('übung.srt', bytesOf(text))).toEqual({ kind: 'captions', format: 'SubRip captions' });
  });

  it('reads past a character cut in two by the end of the sample, but not by the end of the file', () => {
    // "é" is two bytes; the sample ends between them.
    const text = bytesOf(VTT, 'a'.repeat(SNIFF_BYTES - VTT.length - 1), 'é', ' and more text after the sample.');
    const cutInTheFile = text.slice(0, SNIFF_BYTES);

    expect(inspectAs('week-3.vtt', text).kind).toBe('captions');
    expect(() => inspectAs('week-3.vtt', cutInTheFile)).toThrow(/encoding other than UTF-8/);
  });

  it.each([
    { case: 'NUL bytes', body: bytesOf('WEBVTT\n\n', [0, 0, 0], 'text'), names: /binary data/ },
    { case: 'Windows-1252 text', body: bytesOf('1\n00:00:01,000 --> 00:00:04,000\nR', [0xe9], 'sum', [0xe9], '\n'), names: /encoding other than UTF-8/ },
    { case: 'UTF-16 text', body: bytesOf([0xff, 0xfe], [0x57, 0, 0x45, 0, 0x42, 0]), names: /UTF-16 text/ },
  ])('refuses $case, saying to save it as UTF-8', ({ body, names }) => {
    expect(() => inspectAs('week-3.srt', body)).toThrow(names);
    expect(() => inspectAs('week-3.srt', body)).toThrow(/UTF-8 text\./);
  });

  it('refuses a .vtt or .srt with neither a WEBVTT header nor a cue timing line', () => {
    expect(() => inspectAs('week-3.srt', bytesOf('Welcome back. Today we study entropy.'))).toThrow(/no WEBVTT header and no cue timing line.*\.txt/);
  });

  it('refuses a .json that is not a JSON object', () => {
    expect(() => inspectAs('week-3.json', bytesOf('["Welcome", "back"]'))).toThrow(/week-3\.json is not a JSON object/);
  });
});

describe('inspectUpload: a file renamed to what it is not', () => {
  it.each([
    { fileName: 'lecture.vtt', body: MP3_WITH_ID3, says: /lecture\.vtt looks like MP3 audio, not captions.*audio file name/ },
    { fileName: 'slides.vtt', body: PNG, says: /slides\.vtt looks like a PNG image, not captions/ },
    { fileName: 'photo.srt', body: bytesOf([0xff, 0xd8, 0xff, 0xe0], padding), says: /a JPEG image/ },
    { fileName: 'handout.txt', body: bytesOf('%PDF-1.7\n', padding), says: /a PDF document/ },
    { fileName: 'slides.txt', body: bytesOf('PK', [3, 4], padding), says: /a ZIP archive \(Word and PowerPoint/ },
    { fileName: 'week-3.mp3', body: bytesOf(VTT), says: /week-3\.mp3 was sent as audio\/mpeg but looks like text, not audio.*caption file name/ },
    { fileName: 'slides.m4a', body: PNG, says: /slides\.m4a was sent as audio\/mp4 but looks like a PNG image/ },
  ])('refuses $fileName, saying what it looks like', ({ fileName, body, says }) => {
    let thrown: unknown;
    try {
      inspectAs(fileName, body);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ name: 'InvalidUpload', message: expect.stringMatching(says) });
  });
});

describe('inspectUpload: size', () => {
  const body = bytesOf(VTT);

  it('refuses an empty file', () => {
    expect(() => inspectAs('week-3.vtt', new Uint8Array(), { declaredSize: 2_048 })).toThrow('week-3.vtt is empty');
  });

  it('refuses fewer bytes than declared as cut off, with both sizes', () => {
    expect(() => inspectAs('week-3.vtt', body, { declaredSize: 12_345 })).toThrow(
      `we expected 12,345 bytes and received ${body.length} bytes. The upload was cut off`,
    );
  });

  it('refuses more bytes than declared as another file', () => {
    expect(() => inspectAs('week-3.vtt', body, { declaredSize: body.length - 1 })).toThrow(/not the file this job was created for/);
  });

  it('takes a file of exactly the limit and refuses one byte more', () => {
    expect(inspectAs('week-3.vtt', body, { maxUploadBytes: body.length }).kind).toBe('captions');
    expect(() => inspectAs('week-3.vtt', body, { maxUploadBytes: body.length - 1 })).toThrow(
      `is ${body.length} bytes, over the limit of ${body.length - 1} bytes`,
    );
  });

  it('refuses a WAV file shorter than its header says, even when all of it was uploaded', () => {
    const whole = wav(1_000);

    expect(inspectAs('talk.wav', whole).kind).toBe('audio');
    expect(() => inspectAs('talk.wav', whole.slice(0, 700))).toThrow('talk.wav is truncated: its WAV audio header says 1,044 bytes and the file has 700 bytes');
  });

  it('refuses an AIFF file shorter than its (big-endian) header says', () => {
    expect(inspectAs('talk.wav', aiff(92, 100)).kind).toBe('audio');
    expect(() => inspectAs('talk.wav', aiff(192, 100))).toThrow(/truncated: its AIFF audio header says 200 bytes/);
  });

  it.each([0, 0xffffffff])('takes a WAV file whose recorder could not state its length (%s)', (statedRiffSize) => {
    expect(inspectAs('talk.wav', wav(1_000, statedRiffSize)).kind).toBe('audio');
  });
});
