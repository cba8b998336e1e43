import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import SrtParser from 'srt-parser-2';
import { WebVTTParser, type WebVTTNode } from 'webvtt-parser';
import { describe, expect, it } from 'vitest';
import type { Transcript } from '../../../../shared/contracts/transcript';
import { parseCaptions } from '../../../../shared/domain/captions';
import { renderSrt, renderWebVtt } from '../../../../shared/domain/exports/transcript-subtitles';

const transcript = (segments: Transcript['segments']): Transcript => ({
  source: 'assemblyai',
  durationSeconds: Math.max(0, ...segments.map((segment) => segment.end)),
  segments,
});

/** The full table of character references: the parser's own short default knows "&lt" but not "&lt;". */
const ENTITIES = createRequire(import.meta.url)('webvtt-parser/html-entities.json') as Record<string, string>;

/** Parsed by W3C's WebVTT parser, the one its validator runs: it reports every deviation from the spec. */
function parseVtt(text: string) {
  const { cues, errors } = new WebVTTParser(ENTITIES).parse(text, 'metadata');
  expect(errors).toEqual([]);
  return cues;
}

const parseSrt = (text: string) => new SrtParser().fromSrt(text);

/** The text a cue shows, as the parser reads it (entities decoded, a voice span's text included). */
const shownText = (nodes: readonly WebVTTNode[]): string => nodes.map((node) => (node.type === 'text' ? (node.value ?? '') : shownText(node.children ?? []))).join('');

const LONG_TURN =
  'A transaction is a unit of work that either commits as a whole or rolls back as a whole, and the database keeps that promise even when the power fails halfway through writing the pages to disk.';

describe('renderWebVtt', () => {
  it('writes a file the WebVTT parser reads without an error, cue for cue with the segments and their times', () => {
    const cues = parseVtt(
      renderWebVtt(
        transcript([
          { start: 0, end: 2.5, text: 'Good morning, everyone.' },
          { start: 2.5, end: 5.25, text: 'Today: transactions.' },
          { start: 3723.5, end: 3725, text: 'See you next week.' },
        ]),
      ),
    );

    expect(cues.map(({ startTime, endTime, text }) => ({ startTime, endTime, text }))).toEqual([
      { startTime: 0, endTime: 2.5, text: 'Good morning, everyone.' },
      { startTime: 2.5, endTime: 5.25, text: 'Today: transactions.' },
      { startTime: 3723.5, endTime: 3725, text: 'See you next week.' },
    ]);
  });

  it('splits a long segment into cues of at most two 42-character lines and 7 seconds, in order, covering its time and its words', () => {
    const cues = parseVtt(renderWebVtt(transcript([{ start: 10, end: 40, text: LONG_TURN }])));

    expect(cues.length).toBeGreaterThan(2);
    for (const cue of cues) {
      const lines = cue.text.split('\n');
      expect(lines.length).toBeLessThanOrEqual(2);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(42);
      expect(cue.endTime - cue.startTime).toBeLessThanOrEqual(7.001);
      expect(cue.endTime).toBeGreaterThan(cue.startTime);
    }
    expect(cues[0]!.startTime).toBe(10);
    expect(cues.at(-1)!.endTime).toBe(40);
    for (const [index, cue] of cues.slice(1).entries()) expect(cue.startTime).toBeCloseTo(cues[index]!.endTime, 3);
    expect(cues.map((cue) => cue.text.replace(/\n/g, ' ')).join(' ')).toBe(LONG_TURN);
  });

  it('times the cues of a long segment by its words where the transcript has word times', () => {
    // One word every 0.4 s, with a pause of 3 s after the 20th: the cue after it starts when speech does.
    const words = LONG_TURN.split(' ').map((text, index) => {
      const start = 10 + index * 0.4 + (index >= 20 ? 3 : 0);
      return { text, start, end: start + 0.3 };
    });
    const segment = { start: words[0]!.start, end: words.at(-1)!.end, text: LONG_TURN };

    const cues = parseVtt(renderWebVtt({ ...transcript([segment]), words }));

    expect(cues.length).toBeGreaterThan(2);
    const starts = new Set(words.map((word) => Number(word.start.toFixed(3))));
    const ends = new Set(words.map((word) => Number(word.end.toFixed(3))));
    for (const cue of cues) {
      expect(starts.has(cue.startTime)).toBe(true);
      expect(ends.has(cue.endTime)).toBe(true);
    }
    expect(cues.map((cue) => cue.text.replace(/\n/g, ' ')).join(' ')).toBe(LONG_TURN);
  });

  it('falls back to sharing the time by length when the word times do not make up the segment', () => {
    const words = [{ text: 'Something', start: 0, end: 1 }, { text: 'else', start: 1, end: 2 }];

    const cues = parseVtt(renderWebVtt({ ...transcript([{ start: 0, end: 30, text: LONG_TURN }]), words }));

    expect(cues[0]!.startTime).toBe(0);
    expect(cues.at(-1)!.endTime).toBe(30);
  });

  it('keeps markup and arrows in the text as text, and a speaker as a voice span', () => {
    const text = 'If a < b && b > c --> then <b>a</b> < c';
    const [cue] = parseVtt(renderWebVtt(transcript([{ start: 1, end: 4, text, speaker: 'Dr. <Ada>' }])));

    const voice = cue!.tree.children[0]!;
    // The annotation is written with references, as the syntax has it; this parser hands them back undecoded.
    expect(voice).toMatchObject({ type: 'object', name: 'v', value: 'Dr. &lt;Ada&gt;' });
    expect(shownText(cue!.tree.children).replace(/\n/g, ' ')).toBe(text);
  });

  it('leaves out empty segments, orders cues by start and gives a segment with no length a moment on screen', () => {
    const cues = parseVtt(
      renderWebVtt(
        transcript([
          { start: 8, end: 8, text: 'Right.' },
          { start: 5, end: 6, text: '  \n ' },
          { start: 2, end: 4, text: 'First\nline' },
        ]),
      ),
    );

    expect(cues.map(({ startTime, endTime, text }) => [startTime, endTime, text])).toEqual([
      [2, 4, 'First line'],
      [8, 9, 'Right.'],
    ]);
  });

  it('reads back through the app’s own caption import with the same text and times', async () => {
    const sample = parseCaptions(await readFile('samples/how-databases-keep-promises.vtt', 'utf8'), 'lecture.vtt');

    const again = parseCaptions(renderWebVtt(sample), 'lecture.vtt');

    expect(again.segments.map((segment) => segment.text).join(' ')).toBe(sample.segments.map((segment) => segment.text).join(' '));
    expect(again.segments[0]!.start).toBe(sample.segments[0]!.start);
    expect(again.segments.at(-1)!.end).toBe(sample.segments.at(-1)!.end);
  });
});

describe('renderSrt', () => {
  it('writes numbered cues a SubRip parser reads with their times and text, long segments split as for WebVTT', () => {
    const text = renderSrt(
      transcript([
        { start: 0.25, end: 2, text: 'Good morning.' },
        { start: 3600, end: 3630, text: LONG_TURN },
      ]),
    );

    const cues = parseSrt(text);
    expect(cues.map((cue) => cue.id)).toEqual(cues.map((_, index) => String(index + 1)));
    expect(cues[0]).toMatchObject({ startTime: '00:00:00,250', endTime: '00:00:02,000', startSeconds: 0.25, endSeconds: 2, text: 'Good morning.' });
    expect(cues[1]!.startTime).toBe('01:00:00,000');
    expect(cues.at(-1)!.endSeconds).toBe(3630);
    expect(cues.slice(1).map((cue) => cue.text.replace(/\n/g, ' ')).join(' ')).toBe(LONG_TURN);
    for (const cue of cues) expect(cue.text.split('\n').every((line) => line.length <= 42)).toBe(true);
  });

  it('keeps an arrow in the text from reading as a timing line', () => {
    const cues = parseSrt(renderSrt(transcript([{ start: 1, end: 2, text: 'a --> b' }, { start: 2, end: 3, text: 'next' }])));

    expect(cues.map((cue) => cue.text)).toEqual(['a -> b', 'next']);
  });
});
