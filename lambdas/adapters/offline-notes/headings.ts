import type { RankedTerm, TermRanking } from './key-terms';
import { announcedTopic } from './sections';
import type { NounPhrase } from './noun-phrases';
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

function titleCase(text: string): string {
  const words = text.trim().split(/\s+/u).slice(0, MAX_HEADING_WORDS);
  return words.map((word, index) => capitalisedWord(word, index === 0 || index === words.length - 1)).join(' ');
}

interface NamedTerm {
  key: string;
  surface: string;
  score: number;
}

/** Shared word stems make a pair redundant: "Locks and Two-Phase Locking". */
const overlaps = (a: NamedTerm, b: NamedTerm) => {
  const stems = (term: NamedTerm) => term.key.split(/[\s-]/u).map((word) => word.slice(0, 4));
  const aStems = new Set(stems(a));
  return stems(b).some((stem) => aStems.has(stem));
};

/** The best term, joined by the runner-up when that is a distinct and nearly as prominent topic. */
function headingFromTerms(terms: readonly NamedTerm[]): string | undefined {
  const [top, ...rest] = terms;
  if (!top) return undefined;
  const runnerUp = rest.slice(0, 2).find((term) => term.score >= PAIRING_SCORE_RATIO * top.score && !overlaps(top, term));
  const paired = runnerUp && `${top.surface} and ${runnerUp.surface}`;
  return titleCase(paired && paired.split(' ').length <= MAX_PAIRED_WORDS ? paired : top.surface);
}

/** The chunk's title: its main topic, named by its top key terms. */
export function chunkTitle(ranking: TermRanking): string | undefined {
  return headingFromTerms(ranking.terms);
}

/** Terms a section defines are what it teaches. */
const DEFINED_HERE_BONUS = 2;
/** Sentences at the start of a section where the lecturer may announce its topic, after a filler or two. */
const ANNOUNCEMENT_WINDOW = 2;

/** Terms ranked by how much they belong to this section: said often here and rarely elsewhere in the chunk. */
function sectionTerms(section: readonly AnalysedSentence[], ranking: TermRanking): NamedTerm[] {
  const global = new Map<string, RankedTerm>(ranking.terms.map((term) => [term.key, term]));
  const positions = new Set(section.map((sentence) => sentence.position));
  const local = new Map<string, number>();
  for (const mention of section.flatMap(mentionsOf)) {
    if (global.has(mention.key)) local.set(mention.key, (local.get(mention.key) ?? 0) + 1);
  }
  const ranked = [...local].map(([key, count]): NamedTerm => {
    const term = global.get(key)!;
    const definedHere = term.definedAt !== undefined && positions.has(term.definedAt);
    return { key, surface: term.surface, score: (count * count) / term.occurrences + (definedHere ? DEFINED_HERE_BONUS : 0) + 0.01 * term.score };
  });
  return ranked.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1));
}

/** The noun phrase a section's opening announces as its topic ("now let's talk about isolation"), if any. */
function announcedPhrase(section: readonly AnalysedSentence[]): NounPhrase | undefined {
  for (const sentence of section.slice(0, ANNOUNCEMENT_WINDOW)) {
    const topic = announcedTopic(sentence)
      ?.toLowerCase()
      .replace(/^(?:a|an|the)\s+/u, '')
      .replace(/[\s.!?]+$/u, '');
    if (!topic) continue;
    const phrase = sentence.phrases
      .filter((candidate) => topic === candidate.spoken || topic.startsWith(`${candidate.spoken} `) || topic.startsWith(`${candidate.spoken},`))
      .sort((a, b) => b.spoken.length - a.spoken.length)[0];
    if (phrase) return phrase;
  }
  return undefined;
}

/**
 * A short heading for a section: the topic its opening announces, else its
 * most characteristic terms; different from the headings already used in the
 * chunk when possible.
 */
export function sectionHeading(section: readonly AnalysedSentence[], ranking: TermRanking, used: ReadonlySet<string>): string | undefined {
  const announced = announcedPhrase(section);
  const terms = sectionTerms(section, ranking);
  const candidates = [announced && titleCase(announced.surface), headingFromTerms(terms), ...terms.map((term) => titleCase(term.surface))].filter(
    (heading) => heading !== undefined,
  );
  return candidates.find((heading) => !used.has(heading.toLowerCase())) ?? candidates[0];
}
