import { announcedLectureTopic, announcedTopic, opensRecap, phrasesIn, topicNames } from './announcements';
import type { RankedTerm, TermRanking } from './key-terms';
import { mentionsOf, type AnalysedSentence } from './sentence-analysis';

const MAX_HEADING_WORDS = 8;
/** Two terms share a heading only while it stays short enough to scan. */
const MAX_PAIRED_WORDS = 6;
/** A second term joins the heading only when it is nearly as prominent as the first. */
const PAIRING_SCORE_RATIO = 0.5;

const MINOR_WORDS = new Set(['a', 'an', 'the', 'and', 'or', 'but', 'of', 'in', 'on', 'to', 'for', 'with', 'at', 'by', 'as', 'vs', 'via']);

function capitalisedWord(word: string, isEdge: boolean): string {
  if (/\p{Lu}/u.test(word.slice(1))) return word;
  if (!isEdge && MINOR_WORDS.has(word.toLowerCase())) return word.toLowerCase();
  return word
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('-');
}

/** A heading's capitals: every word but minor ones inside, acronyms as they are. */
export function titleCase(text: string): string {
  const words = text.trim().split(/\s+/u).slice(0, MAX_HEADING_WORDS);
  return words.map((word, index) => capitalisedWord(word, index === 0 || index === words.length - 1)).join(' ');
}

interface NamedTerm {
  key: string;
  surface: string;
  score: number;
  /** Defined, named or announced where the heading is used. */
  isTaught: boolean;
  /** An everyday noun: it may name a part only when nothing else does, and never shares a heading. */
  isVocabulary: boolean;
}

/** Shared word stems make a pair redundant: "Locks and Two-Phase Locking". */
const overlaps = (a: NamedTerm, b: NamedTerm) => {
  const stems = (term: NamedTerm) => term.key.split(/[\s-]/u).map((word) => word.slice(0, 4));
  const aStems = new Set(stems(a));
  return stems(b).some((stem) => aStems.has(stem));
};

/**
 * The best term, joined by the runner-up when that is a distinct, nearly as
 * prominent topic taught there: two nouns that are merely frequent ("Row and
 * Database") say nothing about the topic.
 */
function headingFromTerms(terms: readonly NamedTerm[]): string | undefined {
  const [top, ...rest] = terms;
  if (!top) return undefined;
  const runnerUp = rest
    .slice(0, 2)
    .find(
      (term) =>
        term.isTaught &&
        !top.isVocabulary &&
        !term.isVocabulary &&
        term.score >= PAIRING_SCORE_RATIO * top.score &&
        !overlaps(top, term),
    );
  const paired = runnerUp && `${top.surface} and ${runnerUp.surface}`;
  return titleCase(paired && paired.split(' ').length <= MAX_PAIRED_WORDS ? paired : top.surface);
}

interface TopicTerm {
  key: string;
  surface: string;
}

/**
 * The terms an announced topic names: the sentence's own noun phrases, and
 * the chunk's terms, which the tagger may not see as nouns in the
 * announcement itself ("let's move on to slow start").
 */
function termsNamedBy(sentence: AnalysedSentence, topic: string, ranking: TermRanking): TopicTerm[] {
  const inSentence = phrasesIn(sentence, topic).filter((phrase) => phrase.looksLikeName !== true);
  const known = new Set(inSentence.map((phrase) => phrase.key));
  const ranked = ranking.terms.filter((term) => !known.has(term.key) && (topicNames(topic, term.key) || topicNames(topic, term.surface)));
  return [...inSentence, ...ranked];
}

/** Terms a section defines or names are what it teaches. */
const TAUGHT_HERE_BONUS = 3;
/** Sentences at the start of a section where the lecturer may announce its topic, after a filler or two. */
const ANNOUNCEMENT_WINDOW = 2;
/** An everyday noun names a section only when nothing more specific is said there. */
const VOCABULARY_FACTOR = 0.3;
/** Headings of the parts the lecturer frames rather than teaches. */
const INTRODUCTION_HEADING = 'Introduction';
const RECAP_HEADING = 'Recap';
export const FRAMING_HEADINGS: ReadonlySet<string> = new Set([INTRODUCTION_HEADING, RECAP_HEADING]);

/** A sentence that announces a topic belongs to what follows it, not to the section it closes. */
const speaksOfSection = (section: readonly AnalysedSentence[]) =>
  section.filter((sentence, index) => index < ANNOUNCEMENT_WINDOW || announcedTopic(sentence) === undefined);

/**
 * Terms ranked by how much they belong to this section: said often here and
 * rarely elsewhere in the chunk, the less the more sections also use them
 * (a word every section says names none of them).
 */
function sectionTerms(section: readonly AnalysedSentence[], sectionsUsing: ReadonlyMap<string, number>, sectionCount: number, ranking: TermRanking): NamedTerm[] {
  const global = new Map<string, RankedTerm>(ranking.terms.map((term) => [term.key, term]));
  const positions = new Set(section.map((sentence) => sentence.position));
  const local = new Map<string, number>();
  for (const mention of speaksOfSection(section).flatMap(mentionsOf)) {
    if (global.has(mention.key)) local.set(mention.key, (local.get(mention.key) ?? 0) + 1);
  }
  const ranked = [...local].map(([key, count]): NamedTerm => {
    const term = global.get(key)!;
    const taughtHere = term.definedAt !== undefined && positions.has(term.definedAt);
    const distinctiveness = Math.log(1 + sectionCount / (sectionsUsing.get(key) ?? 1)) / Math.log(1 + sectionCount);
    const concentration = ((count * count) / term.occurrences) * distinctiveness + (taughtHere ? TAUGHT_HERE_BONUS : 0) + 0.01 * term.score;
    return { key, surface: term.surface, score: concentration * (term.isVocabulary ? VOCABULARY_FACTOR : 1), isTaught: taughtHere, isVocabulary: term.isVocabulary };
  });
  return ranked.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1));
}

/**
 * The topic a section's opening announces ("now let's move on to the C in
 * ACID, consistency"): of the phrases the last announcement names, the one
 * that belongs most to the section, the first on a tie.
 */
function announcedHeading(section: readonly AnalysedSentence[], terms: readonly NamedTerm[], ranking: TermRanking): string | undefined {
  const vocabulary = new Set(ranking.terms.filter((term) => term.isVocabulary).map((term) => term.key));
  const announcements = section.slice(0, ANNOUNCEMENT_WINDOW).map((sentence) => {
    const topic = announcedTopic(sentence);
    return topic ? termsNamedBy(sentence, topic, ranking).filter((term) => !vocabulary.has(term.key)) : [];
  });
  // A second announcement narrows the first: "how databases achieve isolation", then "the classic technique: two-phase locking".
  const announced = announcements.filter((named) => named.length > 0).at(-1) ?? [];
  const localScore = new Map(terms.map((term) => [term.key, term.score]));
  const score = (term: TopicTerm) => localScore.get(term.key) ?? 0;
  const best = announced.reduce<TopicTerm | undefined>((chosen, term) => (chosen && score(chosen) >= score(term) ? chosen : term), undefined);
  return best && titleCase(best.surface);
}

/** "Introduction" for the lecture's opening part when it announces the lecture's topic, "Recap" for a recap. */
function framingHeading(section: readonly AnalysedSentence[], isLectureOpening: boolean): string | undefined {
  if (isLectureOpening && section.some((sentence) => announcedLectureTopic(sentence) !== undefined)) return INTRODUCTION_HEADING;
  return section.slice(0, ANNOUNCEMENT_WINDOW).some(opensRecap) ? RECAP_HEADING : undefined;
}

/**
 * A short heading for each section: what the lecturer calls it (the topic its
 * opening announces, an introduction or a recap), else its most
 * characteristic terms; headings differ within the chunk when possible, and
 * `fallback` heads a section with no terms at all. `opensLecture` says the
 * sections are the start of the lecture, where its introduction is.
 */
export function sectionHeadings(
  sections: readonly (readonly AnalysedSentence[])[],
  ranking: TermRanking,
  { fallback, opensLecture }: { fallback: string; opensLecture: boolean },
): string[] {
  const sectionsUsing = new Map<string, number>();
  for (const section of sections) {
    for (const key of new Set(speaksOfSection(section).flatMap(mentionsOf).map((mention) => mention.key))) sectionsUsing.set(key, (sectionsUsing.get(key) ?? 0) + 1);
  }
  const used = new Set<string>();
  return sections.map((section, index) => {
    const terms = sectionTerms(section, sectionsUsing, sections.length, ranking);
    const candidates = [
      framingHeading(section, opensLecture && index === 0 && sections.length > 1),
      announcedHeading(section, terms, ranking),
      headingFromTerms(terms),
      ...terms.map((term) => titleCase(term.surface)),
    ].filter((heading) => heading !== undefined);
    const heading = candidates.find((candidate) => !used.has(candidate.toLowerCase())) ?? candidates[0] ?? fallback;
    used.add(heading.toLowerCase());
    return heading;
  });
}
