import { z } from 'zod';
import type { TimedWord, Transcript, TranscriptSegment } from '../../contracts/transcript';
import { JobError } from '../job-error';
import { PAUSE_BREAK_SECONDS, normalizeWhitespace } from '../sentences';
import { timePlainText } from './plain-text';

/* An AssemblyAI transcript as its API returns it: word times in milliseconds, the recording's
   length in seconds, and null for what was not requested. */
const AssemblyAiWordSchema = z.object({
  text: z.string(),
  start: z.number().nonnegative(),
  end: z.number().nonnegative(),
  confidence: z.number().min(0).max(1).nullish(),
  speaker: z.string().nullish(),
});
type AssemblyAiWord = z.infer<typeof AssemblyAiWordSchema>;

const AssemblyAiTranscriptSchema = z.object({
  text: z.string().nullish(),
  words: z.array(AssemblyAiWordSchema).nullish(),
  audio_duration: z.number().nonnegative().nullish(),
  language_code: z.string().nullish(),
});

/** A word ending in terminal punctuation closes a segment (an abbreviation may too: segments need not be sentences). */
const ENDS_SENTENCE = /[.?!。！？]["'”’)\]]*$/u;

export function parseAssemblyAiJson(text: string, fileName: string): Transcript {
  const parsed = AssemblyAiTranscriptSchema.safeParse(parseJson(text, fileName));
  if (!parsed.success) {
    const problem = parsed.error.issues[0];
    const where = problem?.path.length ? ` at ${problem.path.join('.')}` : '';
    throw new JobError(
      'InvalidCaptions',
      `${fileName} is not an AssemblyAI transcript: ${problem?.message ?? 'unexpected shape'}${where}. Expected an object with "words" (times in milliseconds) or "text".`,
    );
  }
  const { words: assemblyWords, text: fullText, audio_duration: audioDuration, language_code: language } = parsed.data;
  const timed = timedWordsOf(assemblyWords ?? []);
  const languageField = language ? { language } : {};
  if (timed.length === 0) {
    const { segments, durationSeconds } = timePlainText(fullText ?? '', audioDuration ?? undefined);
    return { source: 'captions', durationSeconds, segments, ...languageField };
  }
  const lastEnd = timed.reduce((latest, { word }) => Math.max(latest, word.end), 0);
  return {
    source: 'captions',
    durationSeconds: audioDuration ?? lastEnd,
    segments: segmentsOf(timed),
    words: timed.map(({ word }) => word),
    ...languageField,
  };
}

function parseJson(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new JobError('InvalidCaptions', `${fileName} is not valid JSON (${reason}).`, { cause: error });
  }
}

type SpokenWord = { word: TimedWord; speaker?: string };

function timedWordsOf(words: AssemblyAiWord[]): SpokenWord[] {
  return words.flatMap(({ text, start, end, confidence, speaker }) => {
    const wordText = normalizeWhitespace(text);
    if (!wordText) return [];
    const word: TimedWord = { text: wordText, start: start / 1000, end: end / 1000, ...(confidence != null ? { confidence } : {}) };
    return [speaker ? { word, speaker } : { word }];
  });
}

/** Segments end at a sentence's end, a change of speaker, or a pause. */
function segmentsOf(words: SpokenWord[]): TranscriptSegment[] {
  const segments: TranscriptSegment[] = [];
  let current: SpokenWord[] = [];
  const close = () => {
    if (current.length > 0) segments.push(segmentOf(current));
    current = [];
  };
  for (const spoken of words) {
    const previous = current.at(-1);
    const startsNew =
      previous !== undefined &&
      (ENDS_SENTENCE.test(previous.word.text) ||
        previous.speaker !== spoken.speaker ||
        spoken.word.start - previous.word.end >= PAUSE_BREAK_SECONDS);
    if (startsNew) close();
    current.push(spoken);
  }
  close();
  return segments;
}

function segmentOf(words: SpokenWord[]): TranscriptSegment {
  const { speaker } = words[0]!;
  return {
    start: words[0]!.word.start,
    end: words.at(-1)!.word.end,
    text: words.map(({ word }) => word.text).join(' '),
    ...(speaker ? { speaker } : {}),
  };
}
