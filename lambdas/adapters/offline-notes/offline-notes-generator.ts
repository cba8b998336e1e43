import type { ChunkNotes, Definition, GlossaryEntry, NotesEngine, NotesSection, ReviewQuestion, TokenUsage } from '../../../shared/contracts/notes';
import type { Chunk } from '../../../shared/contracts/transcript';
import { DEFAULT_NOTES_REQUEST, type NotesRequest } from '../../../shared/contracts/job';
import { NOTES_STYLES } from '../../../shared/domain/notes-styles';
import type { NotesGenerator } from '../../../shared/ports/notes-generator';
import { actionItemsIn } from './action-items';
import { countWords } from './word-budget';
import { formulasIn } from './formulas';
import { announcedLectureTopic, phrasesIn } from './announcements';
import { findDefinition, MAX_DEFINITION_WORDS, type FoundDefinition } from './definitions';
import { FRAMING_HEADINGS, sectionHeadings, titleCase } from './headings';
import { keyPoints } from './key-points';
import { rankTerms, type TermRanking } from './key-terms';
import { listsIn } from './lists';
import { analyseNeutralSentences } from './neutral-analysis';
import { definitionQuestion, exampleQuestion, listQuestion } from './review-questions';
import { splitIntoSections } from './sections';
import { analyseSentences, mentionsOf, type AnalysedSentence } from './sentence-analysis';
import { weighSentences } from './sentence-weights';
import { summarise } from './summary';
import { continuesPreviousTopic } from './topic-continuity';
import { loadWink } from './wink';
import { workedExamples } from './worked-examples';
import { primaryLanguage } from '../../../shared/domain/language';

const NO_USAGE: TokenUsage = { inputTokens: 0, outputTokens: 0 };

/** What notes made by this engine record as their engine, however it is run. */
export const OFFLINE_NOTES_ENGINE: NotesEngine = { kind: 'offline', model: 'wink-eng-lite-web-model' };

/** The languages the tagger and the definition patterns read; others get structure and quotes only. */
const FULLY_SUPPORTED_LANGUAGE = 'en';

/** Whether this engine reads a lecture in `language` in full, or writes only structure and quotes. */
export const readsInFull = (language: string): boolean => primaryLanguage(language) === FULLY_SUPPORTED_LANGUAGE;

/**
 * The share of the chunk's words study notes may quote (other styles scale it,
 * shared/domain/notes-styles.ts). The reduce step adds
 * an overview and picks review questions on top, and the whole lecture's
 * notes should hold 15–30 % of its words.
 */
const NOTES_WORD_SHARE = 0.17;

const EMPTY_NOTES: ChunkNotes = { continuesPreviousTopic: false, sections: [], glossary: [], reviewQuestions: [], actionItems: [] };

interface SectionFinds {
  sentences: readonly AnalysedSentence[];
  definitions: { definition: Definition; at: number; position: number }[];
  examples: ReturnType<typeof workedExamples>;
  formulas: ReturnType<typeof formulasIn>;
  lists: ReturnType<typeof listsIn>;
  summary: ReturnType<typeof summarise>;
}

/** "What is first?", "What is how much?": words that point or count are no terms. */
const NOT_A_TERM = /^(?:how|what|why|when|where|which|who|whom|first|second|third|fourth|fifth|next|last|one|another|other)(?![\p{L}-])/iu;
const MAX_HEADING_WORDS = 6;

/**
 * A one-word heading ("Fine", "Units") rarely names a section's topic: the
 * terms the section defines do, else the compound it keeps returning to.
 * Headings stay distinct, so the merge never joins two sections by a
 * heading this gave them.
 */
function namedHeadings(
  headings: readonly string[],
  parts: readonly AnalysedSentence[][],
  definitions: readonly SectionFinds['definitions'][],
  { ranking, opensChunkMidLecture }: { ranking: TermRanking; opensChunkMidLecture: boolean },
): string[] {
  const used = new Set(headings.map((heading) => heading.toLowerCase()));
  return headings.map((heading, index) => {
    // The chunk's first section may be the previous chunk's topic under another name; renamed, it could be joined to it by title.
    if (heading.includes(' ') || FRAMING_HEADINGS.has(heading) || (index === 0 && opensChunkMidLecture)) return heading;
    const defined = [...new Set(definitions[index]!.map(({ definition }) => definition.term))];
    const paired = defined.length > 1 ? `${defined[0]} and ${defined[1]}` : defined[0];
    const fromDefinitions = paired && paired.split(/\s+/u).length <= MAX_HEADING_WORDS ? paired : defined[0];
    const mentions = (key: string) => parts[index]!.filter((sentence) => mentionsOf(sentence).some((mention) => mention.key === key)).length;
    const compound = ranking.terms.find((term) => term.key.includes(' ') && !term.isVocabulary && mentions(term.key) >= 2)?.surface;
    const better = [fromDefinitions, compound].map((candidate) => candidate && titleCase(candidate)).find((candidate) => candidate && !used.has(candidate.toLowerCase()));
    if (!better) return heading;
    used.add(better.toLowerCase());
    return better;
  });
}

/**
 * A part of nothing but classroom talk ("Let's get started.") is no section:
 * it joins the part after it, or the one before at the end; a chunk of
 * nothing else has no sections.
 */
function withoutEmptyParts(parts: readonly AnalysedSentence[][]): AnalysedSentence[][] {
  const kept: AnalysedSentence[][] = [];
  let pending: AnalysedSentence[] = [];
  for (const part of parts) {
    if (part.every((sentence) => sentence.isFiller)) {
      pending.push(...part);
      continue;
    }
    kept.push([...pending, ...part]);
    pending = [];
  }
  if (pending.length > 0 && kept.length > 0) kept[kept.length - 1]!.push(...pending);
  return kept;
}

/** Letters a word shares with the term's last word to be a form of it: "serializable" of "serializability". */
const STEM_LETTERS = 7;

/** Whether the sentence says the term, or a form of its last word. */
function mentionsStem(sentence: AnalysedSentence, spoken: string): boolean {
  const last = spoken.split(/\s+/u).at(-1) ?? '';
  const words = sentence.text.toLowerCase().split(/[^\p{L}\p{N}'-]+/u);
  return sentence.text.toLowerCase().includes(spoken) || (last.length >= STEM_LETTERS && words.some((word) => word.startsWith(last.slice(0, STEM_LETTERS))));
}

/** A describing sentence beside a naming shorter than this says too little to define the term. */
const MIN_DESCRIBING_WORDS = 5;

/** A naming that points back ("We call this a deadlock", "That new row is the phantom") names what was just said. */
const POINTS_BACK = /\b(?:call(?:s|ed)?|name[sd]?)\s+(?:this|that|these|those|it|them)\b|^(?:this|that|these|those|it)\b/iu;

/**
 * The sentence beside a naming that describes the term, quoted as said: the
 * one before when the naming points back at it ("We call this a lost
 * update"), else the one after, which goes on to say what the named thing
 * does ("The solution is called group commit. The database waits ...").
 * A sentence that defines another term is not borrowed.
 */
function describedNearby(term: FoundDefinition['term'], naming: AnalysedSentence, sentences: readonly AnalysedSentence[]): AnalysedSentence | undefined {
  const usable = (sentence: AnalysedSentence | undefined) => {
    if (!sentence || sentence.isFiller || sentence.text.trimEnd().endsWith('?') || sentence.wordCount < MIN_DESCRIBING_WORDS || sentence.wordCount > MAX_DEFINITION_WORDS) return false;
    // "The gold standard is called serializability. An interleaved execution, which we call a schedule, is serializable if ...": it defines both.
    const other = findDefinition(sentence, undefined);
    return !other?.definition || other.term.key === term.key || mentionsStem(sentence, term.spoken);
  };
  const termAt = naming.text.toLowerCase().indexOf(term.spoken);
  const pointsBack = POINTS_BACK.test(termAt > 0 ? naming.text.slice(0, termAt) : naming.text);
  const beside = pointsBack ? sentences[naming.position - 1] : sentences[naming.position + 1];
  return usable(beside) ? beside : undefined;
}

/**
 * The section's defining sentences: each term once, where it is first
 * defined or named. An everyday noun the lecturer defines ("weight") is
 * taught there; a term named without a description is defined by the
 * sentence beside it.
 */
function definitionsIn(section: readonly AnalysedSentence[], chunk: readonly AnalysedSentence[]): SectionFinds['definitions'] {
  const seen = new Set<string>();
  const found: SectionFinds['definitions'] = [];
  section.forEach((sentence, index) => {
    const naming = findDefinition(sentence, section[index - 1]);
    if (!naming || seen.has(naming.term.key) || NOT_A_TERM.test(naming.term.key)) return;
    // The describing sentence may lie across the section's edge: a naming often opens or closes a part.
    const describing = naming.definition ? sentence : describedNearby(naming.term, sentence, chunk);
    if (!describing) return;
    const definition = naming.definition || describing.text.replace(/[.!]+$/u, '');
    seen.add(naming.term.key);
    found.push({ definition: { term: naming.term.display, definition }, at: Math.min(sentence.start, describing.start), position: describing.position });
  });
  return found;
}

/**
 * The lecture's first section opens with the lecturer saying what the
 * lecture is about: that sentence is its summary, so the reduce step finds
 * the lecture's topic in the notes.
 */
function openingSummary(section: readonly AnalysedSentence[], weights: readonly number[], defining: ReadonlySet<number>): ReturnType<typeof summarise> {
  const summary = summarise(section, weights, defining);
  const announcement = section
    .map((sentence) => ({ sentence, topic: announcedLectureTopic(sentence) }))
    .filter(({ sentence, topic }) => topic && phrasesIn(sentence, topic.text).length > 0)
    .sort((a, b) => a.topic!.strength - b.topic!.strength)[0]?.sentence;
  if (!announcement) return summary;
  return { text: announcement.text, positions: [announcement.position] };
}

/**
 * Extractive study notes without any network or API key. For English,
 * part-of-speech tagging (wink-nlp) finds the lecture's vocabulary, its
 * definitions, lists, examples and formulas, and the notes quote the most
 * central sentences; for other languages, sections and quotes only. It
 * rephrases nothing.
 */
export class OfflineNotesGenerator implements NotesGenerator {
  readonly engine = OFFLINE_NOTES_ENGINE;

  async generate(chunk: Chunk, request: NotesRequest = DEFAULT_NOTES_REQUEST): Promise<{ notes: ChunkNotes; usage: TokenUsage }> {
    const { lengths } = NOTES_STYLES[request.style];
    const readsEnglish = readsInFull(chunk.language);
    const analyse = readsEnglish ? analyseSentences.bind(undefined, await loadWink()) : analyseNeutralSentences;
    // The overlap belongs to the previous chunk, whose notes already cover it; here it only says whether the topic carries on.
    const sentences = analyse(chunk.sentences.slice(chunk.overlapSentences));
    if (sentences.length === 0) return { notes: EMPTY_NOTES, usage: NO_USAGE };
    const overlap = analyse(chunk.sentences.slice(0, chunk.overlapSentences));

    const ranking = rankTerms(sentences, { readsEnglish });
    const weights = weighSentences(sentences, ranking);
    const parts = withoutEmptyParts(splitIntoSections(sentences, { start: chunk.index > 0, end: chunk.index < chunk.count - 1 }));
    const definitions = parts.map((section) => (readsEnglish ? definitionsIn(section, sentences) : []));
    const headings = sectionHeadings(parts, ranking, { fallback: `Part ${chunk.index + 1}`, opensLecture: chunk.index === 0 });
    const titles = readsEnglish ? namedHeadings(headings, parts, definitions, { ranking, opensChunkMidLecture: chunk.index > 0 }) : headings;
    const finds: SectionFinds[] = parts.map((section, index) => {
      const defining = new Set(definitions[index]!.map((definition) => definition.position));
      return {
      sentences: section,
      definitions: definitions[index]!,
      examples: readsEnglish ? workedExamples(section) : [],
      // A law stated in words ("the net force equals its mass times its acceleration") is already its definition.
      formulas: readsEnglish ? formulasIn(section).filter((formula) => !defining.has(formula.position)) : [],
      lists: readsEnglish ? listsIn(section, titles[index]!) : [],
      summary: chunk.index === 0 && index === 0 ? openingSummary(section, weights, defining) : summarise(section, weights, defining),
      };
    });

    const actionItems = readsEnglish ? actionItemsIn(sentences) : [];
    const glossary: GlossaryEntry[] = finds.flatMap((find) => find.definitions.map(({ definition, at }) => ({ ...definition, firstExplainedAt: at })));
    const quotedWords = (find: SectionFinds) =>
      countWords(
        [
          find.summary.text,
          ...find.definitions.map(({ definition }) => `${definition.term} ${definition.definition}`),
          ...find.examples.map((example) => example.text),
          ...find.formulas.map((formula) => formula.text),
          ...find.lists.flatMap(({ list }) => [list.title, ...list.items]),
        ].join(' '),
      );
    const chunkWords = sentences.reduce((sum, sentence) => sum + sentence.wordCount, 0);
    const spent =
      finds.reduce((sum, find) => sum + quotedWords(find), 0) +
      countWords([...glossary.map((entry) => `${entry.term} ${entry.definition}`), ...actionItems.map((item) => `${item.task} ${item.due}`)].join(' '));
    const pointsBudget = Math.max(0, NOTES_WORD_SHARE * lengths.wordShare * chunkWords - spent);

    const sections: NotesSection[] = finds.map((find, index) => {
      const quoted = new Set([
        ...find.summary.positions,
        ...find.definitions.map((definition) => definition.position),
        ...find.examples.flatMap((example) => example.positions),
        ...find.formulas.map((formula) => formula.position),
        ...find.lists.flatMap((list) => list.positions),
      ]);
      const sectionWords = find.sentences.reduce((sum, sentence) => sum + sentence.wordCount, 0);
      // A section whose summary or definitions, examples, formulas or lists already say what it teaches needs no point beyond its budget.
      const mustSaySomething = !find.summary.text && find.definitions.length + find.examples.length + find.formulas.length + find.lists.length === 0;
      const mostPoints = lengths.keyPointsPerSection === undefined ? undefined : Math.max(lengths.keyPointsPerSection, mustSaySomething ? 1 : 0);
      return {
        title: titles[index]!,
        start: find.sentences[0]!.start,
        end: Math.max(...find.sentences.map((sentence) => sentence.end)),
        summary: find.summary.text,
        keyPoints: keyPoints(find.sentences, weights, quoted, {
          wordBudget: (pointsBudget * sectionWords) / chunkWords,
          mustSaySomething,
        }).slice(0, mostPoints),
        definitions: find.definitions.map(({ definition }) => definition),
        examples: find.examples.map((example) => example.text),
        formulas: find.formulas.map((formula) => formula.text),
        lists: find.lists.map(({ list }) => list),
      };
    });

    const reviewQuestions: ReviewQuestion[] = finds
      .flatMap((find, index) => [
        ...find.definitions.map(({ definition, at }) => definitionQuestion(definition, at)),
        ...find.lists.map(({ list, at }) => listQuestion(list, titles[index]!, at)),
        ...find.examples.map((example) => exampleQuestion(example, titles[index]!)),
      ])
      .sort((a, b) => a.at - b.at);

    return {
      notes: {
        continuesPreviousTopic: chunk.index > 0 && continuesPreviousTopic(overlap, parts[0] ?? []),
        sections,
        glossary,
        reviewQuestions,
        actionItems,
      },
      usage: NO_USAGE,
    };
  }
}
