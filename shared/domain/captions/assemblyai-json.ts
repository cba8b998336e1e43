import * as z from 'zod';
import { describeIssues } from '../../contracts/schema-issues';
import type { Transcript } from '../../contracts/transcript';
import { assemblyAiSegments } from '../assemblyai-words';
import { JobError } from '../job-error';
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

const AssemblyAiTranscriptSchema = z.object({
  text: z.string().nullish(),
  words: z.array(AssemblyAiWordSchema).nullish(),
  audio_duration: z.number().nonnegative().nullish(),
  language_code: z.string().nullish(),
});

export function parseAssemblyAiJson(text: string, fileName: string): Transcript {
  const parsed = AssemblyAiTranscriptSchema.safeParse(parseJson(text, fileName));
  if (!parsed.success) {
    throw new JobError(
      'InvalidCaptions',
      `${fileName} is not an AssemblyAI transcript (${describeIssues(parsed.error, 'the file')}). Expected an object with "words" (times in milliseconds) or "text".`,
    );
  }
  const { words: assemblyWords, text: fullText, audio_duration: audioDuration, language_code: language } = parsed.data;
  const { words, segments } = assemblyAiSegments(assemblyWords ?? []);
  const languageField = language ? { language } : {};
  if (words.length === 0) {
    const plain = timePlainText(fullText ?? '', audioDuration ?? undefined);
    return { source: 'captions', durationSeconds: plain.durationSeconds, segments: plain.segments, ...languageField };
  }
  const lastEnd = words.reduce((latest, word) => Math.max(latest, word.end), 0);
  return {
    source: 'captions',
    durationSeconds: audioDuration ?? lastEnd,
    segments,
    words,
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
