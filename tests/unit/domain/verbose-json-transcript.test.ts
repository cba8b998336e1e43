import { describe, expect, it } from 'vitest';
import { TranscriptSchema } from '../../../shared/contracts/transcript';
import { VerboseTranscriptionSchema, transcriptOfVerboseJson } from '../../../shared/domain/verbose-json-transcript';

const read = (answer: unknown) => transcriptOfVerboseJson(VerboseTranscriptionSchema.parse(answer));

describe('transcriptOfVerboseJson', () => {
  it('trims the leading spaces Whisper writes and keeps times in seconds', () => {
    const transcript = read({
      language: 'french',
      duration: 4.5,
      text: ' Bonjour à tous.',
      segments: [{ start: 0.2, end: 1.9, text: ' Bonjour à tous.' }],
      words: [
        { word: ' Bonjour', start: 0.2, end: 0.8 },
        { word: ' à', start: 0.9, end: 1.0 },
        { word: ' tous.', start: 1.1, end: 1.9 },
      ],
    });
    expect(TranscriptSchema.parse(transcript)).toEqual({
      source: 'openai-compatible',
      language: 'fr',
      durationSeconds: 4.5,
      segments: [{ start: 0.2, end: 1.9, text: 'Bonjour à tous.' }],
      words: [
        { text: 'Bonjour', start: 0.2, end: 0.8 },
        { text: 'à', start: 0.9, end: 1 },
        { text: 'tous.', start: 1.1, end: 1.9 },
      ],
    });
  });

  it('takes what servers vary in: numbers as strings, null lists, no duration, an end before the start', () => {
    const transcript = read({
      text: 'Hello there.',
      language: null,
      segments: null,
      words: [
        { word: 'Hello', start: '0.5', end: '0.9' },
        { word: 'there.', start: 1.2, end: 1.1 },
      ],
    });
    expect(transcript).toEqual({
      source: 'openai-compatible',
      durationSeconds: 1.2,
      segments: [{ start: 0, end: 1.2, text: 'Hello there.' }],
      words: [
        { text: 'Hello', start: 0.5, end: 0.9 },
        { text: 'there.', start: 1.2, end: 1.2 },
      ],
    });
  });

  it("takes the words from inside the segments, where whisper.cpp's server writes them", () => {
    const transcript = read({
      text: " That's one small step.",
      segments: [
        { id: 0, start: 0, end: 5, text: " That's one small step.", words: [{ word: ' That', start: 0.16, end: 0.31, probability: 0.3 }, { word: "'s", start: 0.38, end: 0.49 }] },
      ],
    });
    expect(transcript?.words).toEqual([
      { text: 'That', start: 0.16, end: 0.31 },
      { text: "'s", start: 0.38, end: 0.49 },
    ]);
    expect(transcript?.segments).toEqual([{ start: 0, end: 5, text: "That's one small step." }]);
  });

  it('is undefined when the server heard nothing', () => {
    expect(read({ text: '  ', segments: [], words: [], duration: 60 })).toBeUndefined();
    expect(read({ text: '', segments: [{ start: 0, end: 30, text: ' ' }] })).toBeUndefined();
  });
});
