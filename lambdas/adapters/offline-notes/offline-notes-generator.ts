import type { ChunkNotes, NotesEngine, NotesSection, TokenUsage } from '../../../shared/contracts/notes';
import type { Chunk } from '../../../shared/contracts/transcript';
import type { NotesGenerator } from '../../../shared/ports/notes-generator';
import { chunkTitle, sectionHeadings } from './headings';
import { keyTermsOf, rankTerms, type TermRanking } from './key-terms';
import { sectionPoints } from './points';
import { splitIntoSections } from './sections';
import { analyseSentences, type AnalysedSentence } from './sentence-analysis';
import { weighSentences } from './sentence-weights';
import { summarise } from './summary';
import { loadWink } from './wink';

const NO_USAGE: TokenUsage = { inputTokens: 0, outputTokens: 0 };

/** What notes made by this engine record as their engine, however it is run. */
export const OFFLINE_NOTES_ENGINE: NotesEngine = { kind: 'offline', model: 'wink-eng-lite-web-model' };

/**
 * Extractive study notes without any network or API key: part-of-speech
 * tagging (wink-nlp) finds the key terms, and the notes quote the sentences
 * that use them most. It rephrases nothing.
 */
export class OfflineNotesGenerator implements NotesGenerator {
  readonly engine = OFFLINE_NOTES_ENGINE;

  async generate(chunk: Chunk): Promise<{ notes: ChunkNotes; usage: TokenUsage }> {
    const nlp = await loadWink();
    // The overlap belongs to the previous chunk, whose notes already cover it.
    const sentences = analyseSentences(nlp, chunk.sentences.slice(chunk.overlapSentences));
    const fallbackTitle = `Part ${chunk.index + 1}`;
    if (sentences.length === 0) {
      return { notes: { title: fallbackTitle, summary: '', keyTerms: [], sections: [] }, usage: NO_USAGE };
    }
    const ranking = rankTerms(sentences);
    const weights = weighSentences(sentences, ranking);
    const title = chunkTitle(sentences, ranking) ?? fallbackTitle;
    return {
      notes: {
        title,
        summary: summarise(sentences, weights),
        keyTerms: keyTermsOf(ranking),
        sections: notesSections(sentences, ranking, weights, { fallback: title, opensLecture: chunk.index === 0 }),
      },
      usage: NO_USAGE,
    };
  }
}

function notesSections(
  sentences: readonly AnalysedSentence[],
  ranking: TermRanking,
  weights: readonly number[],
  headingOptions: Parameters<typeof sectionHeadings>[2],
): NotesSection[] {
  const sections = splitIntoSections(sentences);
  const headings = sectionHeadings(sections, ranking, headingOptions);
  return sections.map((section, index) => ({
    heading: headings[index]!,
    start: Math.max(0, Math.min(...section.map((sentence) => sentence.start))),
    end: Math.max(0, ...section.map((sentence) => sentence.end)),
    points: sectionPoints(section, weights),
  }));
}
