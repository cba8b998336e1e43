import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { OfflineNotesGenerator } from '../../../lambdas/adapters/offline-notes/offline-notes-generator';
import { OfflineNotesReducer } from '../../../lambdas/adapters/offline-notes/offline-notes-reducer';
import type { NotesRequest } from '../../../shared/contracts/job';
import type { StoredChunkNotes } from '../../../shared/contracts/notes';
import { parseCaptions } from '../../../shared/domain/captions';
import { chunkTranscript } from '../../../shared/domain/chunking';
import { mergeChunkNotes } from '../../../shared/domain/notes-merge';
import { NOTES_STYLES, type NotesStyleName } from '../../../shared/domain/notes-styles';
import { countWords } from '../../../lambdas/adapters/offline-notes/word-budget';
import { fixtureLectures } from '../../fixtures/lectures';

/** A whole lecture through the offline engine in one style, as the pipeline runs it. */
async function notesIn(captions: string, request: NotesRequest) {
  const transcript = parseCaptions(captions, 'lecture.vtt');
  const generator = new OfflineNotesGenerator();
  const stored: StoredChunkNotes[] = [];
  for (const chunk of chunkTranscript(transcript).map((chunk) => ({ ...chunk, language: 'en' }))) {
    const { notes, usage } = await generator.generate(chunk, request);
    stored.push({ chunkIndex: chunk.index, start: chunk.start, end: chunk.end, notes, engine: generator.engine, usage });
  }
  const merged = mergeChunkNotes({ jobId: 'job-1', chunks: stored, fileName: 'lecture.vtt', durationSeconds: transcript.durationSeconds, language: 'en' });
  const { reduction, caveats } = await new OfflineNotesReducer().reduce(merged, request);
  return { merged, reduction, caveats };
}

const keyPointWords = (notes: Awaited<ReturnType<typeof notesIn>>) => countWords(notes.merged.sections.flatMap((section) => section.keyPoints).join(' '));
/** Words of what the reader reads beyond the sections' summaries: the overview, the points and the questions with their answers. */
const notesWords = (notes: Awaited<ReturnType<typeof notesIn>>) =>
  countWords(notes.reduction.overview) + keyPointWords(notes) + countWords(notes.reduction.reviewQuestions.map((question) => `${question.question} ${question.answer}`).join(' '));
const sentences = (text: string) => text.split(/(?<=[.!?])\s+/u).filter(Boolean).length;

describe('the offline engine in each style', () => {
  const byStyle = {} as Record<NotesStyleName, Awaited<ReturnType<typeof notesIn>>>;

  beforeAll(async () => {
    const captions = await readFile(fixtureLectures.find((lecture) => lecture.name === 'how-databases-keep-promises')!.transcriptPath, 'utf8');
    for (const style of Object.keys(NOTES_STYLES) as NotesStyleName[]) byStyle[style] = await notesIn(captions, { style });
  }, 60_000);

  it('keeps a summary to a shorter overview and fewer points', () => {
    const { summary, study } = byStyle;
    expect(sentences(summary.reduction.overview)).toBeLessThan(sentences(study.reduction.overview));
    expect(sentences(summary.reduction.overview)).toBeLessThanOrEqual(NOTES_STYLES.summary.lengths.overviewSentences.max);
    expect(keyPointWords(summary)).toBeLessThanOrEqual(keyPointWords(study));
    expect(notesWords(summary)).toBeLessThan(notesWords(study));
    expect(summary.reduction.reviewQuestions.length).toBeLessThanOrEqual(NOTES_STYLES.summary.lengths.questions.max);
  });

  it('gives detailed notes a larger word budget, and exam preparation more questions', () => {
    expect(keyPointWords(byStyle.detailed)).toBeGreaterThan(keyPointWords(byStyle.study));
    expect(byStyle['exam-prep'].reduction.reviewQuestions.length).toBeGreaterThan(byStyle.study.reduction.reviewQuestions.length);
  });

  it('follows the style but not free-text instructions, and says so in the caveats', async () => {
    expect(byStyle.study.caveats).toEqual([]);
    const captions = await readFile(fixtureLectures.find((lecture) => lecture.name === 'how-databases-keep-promises')!.transcriptPath, 'utf8');
    const asked = await notesIn(captions, { style: 'summary', instructions: 'Only the formulas, please.' });
    expect(asked.reduction).toEqual(byStyle.summary.reduction);
    expect(asked.caveats).toEqual([expect.stringMatching(/applies the one-page summary style's lengths but cannot follow free-text instructions/)]);
  });
});
