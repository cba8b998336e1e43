import { describe, expect, it } from 'vitest';
import { TranscriptSchema } from '../../../shared/contracts/transcript';
import { parseCaptions } from '../../../shared/domain/captions';
import { JobError } from '../../../shared/domain/job-error';

const lines = (...text: string[]) => text.join('\n');
const texts = (fileText: string, fileName = 'lecture.vtt') => parseCaptions(fileText, fileName).segments.map((segment) => segment.text);

function captionsError(fileText: string, fileName: string): JobError {
  try {
    parseCaptions(fileText, fileName);
  } catch (error) {
    expect(error).toBeInstanceOf(JobError);
    expect((error as JobError).name).toBe('InvalidCaptions');
    return error as JobError;
  }
  throw new Error(`parsing ${fileName} did not fail`);
}

const WEBVTT = lines(
  'WEBVTT - Lecture 3',
  'Kind: captions',
  'Language: en',
  '',
  'NOTE This note',
  'spans two lines',
  '',
  'STYLE',
  '::cue { color: yellow }',
  '',
  'REGION',
  'id:left width:40%',
  '',
  'intro',
  '00:00:01.000 --> 00:00:04.000 align:start position:10%',
  'Welcome to',
  'the course.',
  '',
  '2',
  '00:00:04.500 --> 00:00:07.250',
  'Today: entropy.',
  '',
);

describe('parseCaptions: WebVTT', () => {
  it('reads cues with their times, skipping the header, notes, styles and regions', () => {
    const transcript = parseCaptions(WEBVTT, 'lecture.vtt');
    expect(transcript).toEqual({
      source: 'captions',
      language: 'en',
      durationSeconds: 7.25,
      segments: [
        { start: 1, end: 4, text: 'Welcome to the course.' },
        { start: 4.5, end: 7.25, text: 'Today: entropy.' },
      ],
    });
    expect(TranscriptSchema.safeParse(transcript).success).toBe(true);
  });

  it('survives a byte order mark and CRLF or CR line endings', () => {
    const expected = parseCaptions(WEBVTT, 'lecture.vtt');
    expect(parseCaptions(`\uFEFF${WEBVTT.replaceAll('\n', '\r\n')}`, 'lecture.vtt')).toEqual(expected);
    expect(parseCaptions(`\uFEFF${WEBVTT.replaceAll('\n', '\r')}`, 'lecture.vtt')).toEqual(expected);
  });

  it('reads cues without a WEBVTT header, whatever the file is called', () => {
    const headless = lines('00:00:01.000 --> 00:00:02.000', 'First.', '', '00:00:02.000 --> 00:00:03.500', 'Second.');
    for (const fileName of ['lecture.vtt', 'lecture.txt', 'lecture']) {
      expect(parseCaptions(headless, fileName).segments).toEqual([
        { start: 1, end: 2, text: 'First.' },
        { start: 2, end: 3.5, text: 'Second.' },
      ]);
    }
  });

  it('accepts timestamps with and without hours', () => {
    const transcript = parseCaptions(lines('WEBVTT', '', '01:02.500 --> 00:01:04.000', 'Short form.', '', '01:00:00.000 --> 01:00:01.250', 'An hour in.'), 'x.vtt');
    expect(transcript.segments.map(({ start, end }) => [start, end])).toEqual([
      [62.5, 64],
      [3600, 3601.25],
    ]);
    expect(transcript.durationSeconds).toBe(3601.25);
  });

  it('keeps the speaker of a voice tag and splits a cue where the voice changes', () => {
    const voices = lines(
      'WEBVTT',
      '',
      '00:00:00.000 --> 00:00:02.000',
      '<v Prof. Lee>Good morning.</v>',
      '',
      '00:00:02.000 --> 00:00:06.000',
      '<v.loud Ana Ruiz>Question</v>',
      '<v Prof. Lee>Response',
    );
    expect(parseCaptions(voices, 'x.vtt').segments).toEqual([
      { speaker: 'Prof. Lee', start: 0, end: 2, text: 'Good morning.' },
      { speaker: 'Ana Ruiz', start: 2, end: 4, text: 'Question' },
      { speaker: 'Prof. Lee', start: 4, end: 6, text: 'Response' },
    ]);
  });

  it('removes WebVTT markup and inline timestamps but keeps other angle brackets as text', () => {
    const cue = lines(
      'WEBVTT',
      '',
      '00:00:00.000 --> 00:00:05.000',
      '<c.yellow.bg_blue>Heat</c> <i>flows</i> <b>from</b> <u>hot</u> <00:00:01.500><c>to</c> <01:02.000><lang en-GB>colour</lang>',
      '<ruby>熱<rt>ねつ</rt></ruby> x <y and <script>alert(1)</script> <br> <font color="red">f</font>',
    );
    expect(texts(cue)).toEqual(['Heat flows from hot to colour 熱 x <y and <script>alert(1)</script> <br> <font color="red">f</font>']);
  });

  it('decodes character references once, after markup is removed', () => {
    const cue = lines(
      'WEBVTT',
      '',
      '00:00:00.000 --> 00:00:05.000',
      'R&amp;D &lt;i&gt;not markup&lt;/i&gt; a&nbsp;b &#39;q&#x27; &quot;s&quot; &amp;lt; &copy; &#0; &bogus',
    );
    expect(texts(cue)).toEqual([`R&D <i>not markup</i> a b 'q' "s" &lt; &copy; &#0; &bogus`]);
  });

  it('keeps accents, CJK and emoji as they are', () => {
    const cue = lines('WEBVTT', '', '00:00:00.000 --> 00:00:05.000', 'Café déjà vu — 热力学第二定律。 🔥 Ñandú');
    expect(texts(cue)).toEqual(['Café déjà vu — 热力学第二定律。 🔥 Ñandú']);
  });

  it('keeps only what each rolling auto-caption cue adds', () => {
    const rolling = lines(
      'WEBVTT',
      '',
      '00:00:00.000 --> 00:00:02.000',
      'so today we look at',
      '',
      '00:00:02.000 --> 00:00:02.010',
      'so today we look at',
      '',
      '00:00:02.010 --> 00:00:04.000',
      'so today we look at',
      'the second law of',
      '',
      '00:00:04.000 --> 00:00:06.000',
      'the second law of',
      'thermodynamics',
    );
    expect(texts(rolling).join(' ')).toBe('so today we look at the second law of thermodynamics');
  });

  it('keeps a word that only happens to end one cue and start the next', () => {
    const cues = lines('WEBVTT', '', '00:00:00.000 --> 00:00:02.000', 'we start with the', '', '00:00:02.000 --> 00:00:04.000', 'the basics');
    expect(texts(cues)).toEqual(['we start with the', 'the basics']);
  });

  it('sorts cues that are out of order and takes the duration from the latest end', () => {
    const cues = lines('WEBVTT', '', '00:00:05.000 --> 00:00:09.000', 'Second.', '', '00:00:00.000 --> 00:00:10.000', 'First.');
    const transcript = parseCaptions(cues, 'x.vtt');
    expect(transcript.segments.map((segment) => segment.text)).toEqual(['First.', 'Second.']);
    expect(transcript.durationSeconds).toBe(10);
  });
});

describe('parseCaptions: SubRip', () => {
  const srt = lines(
    '1',
    '00:00:01,000 --> 00:00:03,500',
    '<i>Multi-line</i>',
    'subtitle &amp; more',
    '',
    '2',
    '00:00:04,000 --> 00:00:06,000 X1:10 X2:100 Y1:10 Y2:50',
    'Second cue',
    '',
    'after a stray blank line',
    '',
  );

  it('reads numbered cues with comma milliseconds, joining text lines', () => {
    expect(parseCaptions(srt, 'lecture.srt')).toEqual({
      source: 'captions',
      durationSeconds: 6,
      segments: [
        { start: 1, end: 3.5, text: 'Multi-line subtitle & more' },
        { start: 4, end: 6, text: 'Second cue after a stray blank line' },
      ],
    });
  });

  it('is recognised by its content even when named .txt or .vtt', () => {
    const expected = parseCaptions(srt, 'lecture.srt');
    expect(parseCaptions(srt, 'lecture.txt')).toEqual(expected);
    expect(parseCaptions(srt.replaceAll('\n', '\r\n'), 'lecture.vtt')).toEqual(expected);
  });
});

describe('parseCaptions: AssemblyAI transcript JSON', () => {
  const assemblyAi = {
    text: 'Hello world. Yes indeed',
    audio_duration: 12,
    language_code: 'en_us',
    words: [
      { text: 'Hello', start: 0, end: 480, confidence: 0.98, speaker: 'A' },
      { text: 'world.', start: 520, end: 900, confidence: 0.91, speaker: 'A' },
      { text: 'Yes', start: 1000, end: 1200, confidence: 0.99, speaker: 'B' },
      { text: 'indeed', start: 3000, end: 3400, confidence: 0.6, speaker: 'B' },
    ],
    utterances: null,
  };

  it('keeps the words in seconds and builds segments at sentence ends, speaker changes and pauses', () => {
    const transcript = parseCaptions(JSON.stringify(assemblyAi), 'transcript.json');
    expect(transcript.words).toEqual([
      { text: 'Hello', start: 0, end: 0.48, confidence: 0.98 },
      { text: 'world.', start: 0.52, end: 0.9, confidence: 0.91 },
      { text: 'Yes', start: 1, end: 1.2, confidence: 0.99 },
      { text: 'indeed', start: 3, end: 3.4, confidence: 0.6 },
    ]);
    expect(transcript.segments).toEqual([
      { start: 0, end: 0.9, text: 'Hello world.', speaker: 'A' },
      { start: 1, end: 1.2, text: 'Yes', speaker: 'B' },
      { start: 3, end: 3.4, text: 'indeed', speaker: 'B' },
    ]);
    expect(transcript.durationSeconds).toBe(12);
    expect(transcript.language).toBe('en_us');
    expect(TranscriptSchema.safeParse(transcript).success).toBe(true);
  });

  it('takes the duration from the last word when audio_duration is missing', () => {
    const { audio_duration: _unused, ...withoutDuration } = assemblyAi;
    expect(parseCaptions(JSON.stringify(withoutDuration), 'transcript.json').durationSeconds).toBe(3.4);
  });

  it('spreads a transcript that has only text over audio_duration', () => {
    const transcript = parseCaptions(JSON.stringify({ text: 'One two three. Four five six seven eight.', audio_duration: 16, words: null }), 't.json');
    expect(transcript.words).toBeUndefined();
    expect(transcript.durationSeconds).toBe(16);
    expect(transcript.segments).toEqual([{ start: 0, end: 16, text: 'One two three. Four five six seven eight.' }]);
  });
});

describe('parseCaptions: plain text', () => {
  it('makes a segment per paragraph, timed at about 150 words a minute', () => {
    const transcript = parseCaptions('First paragraph has five words.\r\n\r\nThe second paragraph has exactly ten words in it, see.\n', 'notes.txt');
    expect(transcript).toEqual({
      source: 'captions',
      durationSeconds: 6,
      segments: [
        { start: 0, end: 2, text: 'First paragraph has five words.' },
        { start: 2, end: 6, text: 'The second paragraph has exactly ten words in it, see.' },
      ],
    });
  });

  it('splits a long paragraph into segments of at most three sentences', () => {
    const paragraph = Array.from({ length: 7 }, (_, index) => `Sentence number ${index + 1} is here.`).join(' ');
    const segments = parseCaptions(paragraph, 'notes.txt').segments;
    const sentenceCounts = segments.map((segment) => segment.text.match(/Sentence/g)!.length);
    expect(sentenceCounts).toHaveLength(3);
    expect(Math.max(...sentenceCounts)).toBe(3);
    expect(segments.map((segment) => segment.text).join(' ')).toBe(paragraph);
    segments.slice(1).forEach((segment, index) => expect(segment.start).toBe(segments[index]!.end));
  });

  it('keeps text that looks like markup, since plain text has none', () => {
    expect(texts('Use <b>bold</b> &amp; more', 'notes.txt')).toEqual(['Use <b>bold</b> &amp; more']);
  });
});

describe('parseCaptions: errors a person can act on', () => {
  it('names the line of a broken timing, what was found and what was expected', () => {
    const error = captionsError(lines('WEBVTT', '', '00:00:01.000 --> 00:00:02.000', 'ok', '', '00:00:03.000 --> 00:00:4.000', 'bad'), 'week1.vtt');
    expect(error.message).toContain('Line 6 of week1.vtt');
    expect(error.message).toContain('found "00:00:03.000 --> 00:00:4.000"');
    expect(error.message).toContain('00:01:02.500 --> 00:01:04.000');
  });

  it('names a SubRip timing line whose arrow is broken, with the SubRip form expected', () => {
    const error = captionsError(lines('1', '00:00:01,000 --> 00:00:02,000', 'ok', '', '2', '00:00:03,000 -> 00:00:04,000', 'bad'), 'week1.srt');
    expect(error.message).toContain('Line 6 of week1.srt');
    expect(error.message).toContain('found "00:00:03,000 -> 00:00:04,000"');
    expect(error.message).toContain('00:01:02,500 --> 00:01:04,000');
  });

  it('says when a cue ends before it starts', () => {
    const error = captionsError(lines('WEBVTT', '', '00:00:09.000 --> 00:00:02.000', 'backwards'), 'x.vtt');
    expect(error.message).toMatch(/Line 3 of x\.vtt: the cue ends \(00:00:02\.000\) before it starts \(00:00:09\.000\)/);
  });

  it('asks for a blank line when a timing line sits inside cue text', () => {
    const error = captionsError(lines('1', '00:00:01,000 --> 00:00:02,000', 'text', '00:00:03,000 --> 00:00:04,000', 'more'), 'x.srt');
    expect(error.message).toContain('Line 4 of x.srt');
    expect(error.message).toContain('blank line');
  });

  it.each([
    ['an empty file', '', 'empty.vtt'],
    ['only a byte order mark and blank lines', '\uFEFF\r\n\r\n  \n', 'blank.srt'],
    ['only a header', 'WEBVTT\n\nNOTE nothing here\n', 'header.vtt'],
    ['cues without text', lines('WEBVTT', '', '00:00:01.000 --> 00:00:02.000', '<c></c>', '', '00:00:02.000 --> 00:00:03.000', '&nbsp;'), 'markup.vtt'],
    ['JSON without words or text', JSON.stringify({ text: null, words: [] }), 'transcript.json'],
  ])('says the file has no caption text for %s', (_case, fileText, fileName) => {
    const error = captionsError(fileText, fileName);
    expect(error.message).toContain(`${fileName} has no caption text`);
  });

  it('says a .srt file without timing lines has none, and suggests .txt', () => {
    const error = captionsError('Just a paragraph of prose.\n\nAnd another.', 'talk.srt');
    expect(error.message).toContain('talk.srt has text but no cue timing lines');
    expect(error.message).toContain('.txt');
  });

  it('reports JSON that does not parse or is not an AssemblyAI transcript', () => {
    expect(captionsError('{"words": [', 't.json').message).toContain('t.json is not valid JSON');
    const wrongShape = captionsError(JSON.stringify({ words: [{ text: 'a', start: 'soon', end: 5 }] }), 't.json');
    expect(wrongShape.message).toContain('t.json is not an AssemblyAI transcript');
    expect(wrongShape.message).toContain('words.0.start');
    expect(captionsError('[1, 2]', 't.json').message).toContain('not an AssemblyAI transcript');
  });

  it('fails only with InvalidCaptions, never a TypeError, on malformed input', () => {
    const malformed = [
      '-->',
      'WEBVTT\n\n-->\n',
      'WEBVTT\n\n00:00:01.000 -->\n',
      '1\n\n2\n\n3',
      '{}',
      'null',
      '{"words": [null]}',
      '{"words": [{"text": 5, "start": 0, "end": 1}]}',
      '00:00:01.000 --> 00:00:02.000',
      'WEBVTT\n\n99:99:99.999 --> 00:00:01.000\nx',
      '<v>\n',
    ];
    for (const fileText of malformed) {
      for (const fileName of ['f.vtt', 'f.srt', 'f.json', 'f.txt']) {
        try {
          parseCaptions(fileText, fileName);
        } catch (error) {
          expect(error, `${fileName}: ${JSON.stringify(fileText)}`).toBeInstanceOf(JobError);
        }
      }
    }
  });
});
