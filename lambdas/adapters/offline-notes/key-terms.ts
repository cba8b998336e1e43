import type { KeyTerm } from '../../../shared/contracts/notes';
import { findDefinition } from './definitions';
import { mentionsOf, type AnalysedSentence } from './sentence-analysis';

export interface RankedTerm {
  key: string;
  display: string;
  /** The most used spoken form, for headings. */
  surface: string;
  /** Empty when no sentence of the chunk defines the term. */
  definition: string;
  /** Position of the sentence that defines it. */
  definedAt: number | undefined;
  score: number;
  occurrences: number;
  /** Positions of the sentences that mention it, ascending. */
  positions: number[];
}

export interface TermRanking {
  /** Best first. */
  terms: RankedTerm[];
  definingPositions: ReadonlySet<number>;
}

interface Definition {
  text: string;
  position: number;
}

const MAX_KEY_TERMS = 8;
const DEFINED_BONUS = 2;

interface Tally {
  key: string;
  displays: Map<string, number>;
  surfaces: Map<string, number>;
  occurrences: number;
  positions: number[];
  /** Said on its own at least once, not only as the head of a compound ("level" in "isolation level"). */
  standsAlone: boolean;
}

const countInto = (counts: Map<string, number>, value: string) => counts.set(value, (counts.get(value) ?? 0) + 1);

/** The most used form; the first heard wins a tie. */
function mostUsed(counts: ReadonlyMap<string, number>): string {
  let best = '';
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount) [best, bestCount] = [value, count];
  }
  return best;
}

/**
 * Ranks the chunk's noun phrases: how often they are said, in how many
 * sentences, how far apart (a term the whole chunk returns to is its topic),
 * with a bonus for terms the lecturer takes the time to define.
 */
export function rankTerms(sentences: readonly AnalysedSentence[]): TermRanking {
  const tallies = new Map<string, Tally>();
  for (const sentence of sentences) {
    const phrases = new Set(sentence.phrases);
    for (const mention of mentionsOf(sentence)) {
      const tally: Tally = tallies.get(mention.key) ?? {
        key: mention.key,
        displays: new Map(),
        surfaces: new Map(),
        occurrences: 0,
        positions: [],
        standsAlone: false,
      };
      countInto(tally.displays, mention.display);
      countInto(tally.surfaces, mention.surface);
      tally.standsAlone ||= phrases.has(mention);
      tally.occurrences++;
      if (tally.positions.at(-1) !== sentence.position) tally.positions.push(sentence.position);
      tallies.set(mention.key, tally);
    }
  }

  const definitions = new Map<string, Definition>();
  sentences.forEach((sentence, index) => {
    const found = findDefinition(sentence, sentences[index - 1]);
    if (found && !definitions.has(found.term.key)) definitions.set(found.term.key, { text: found.definition, position: sentence.position });
  });

  const span = Math.max(1, sentences.length);
  const ranked = [...tallies.values()].filter((tally) => tally.standsAlone).map((tally): RankedTerm => {
    const definition = definitions.get(tally.key);
    const spread = (tally.positions.at(-1)! - tally.positions[0]!) / span;
    const extraWords = tally.key.split(' ').length - 1;
    return {
      key: tally.key,
      display: mostUsed(tally.displays),
      surface: mostUsed(tally.surfaces),
      definition: definition?.text ?? '',
      definedAt: definition?.position,
      occurrences: tally.occurrences,
      positions: tally.positions,
      score: tally.occurrences + 0.5 * tally.positions.length + spread + 0.25 * extraWords + (definition ? DEFINED_BONUS : 0),
    };
  });
  // A phrase said once and never defined is noise, unless the chunk has nothing better (short or non-English text).
  const supported = ranked.filter((term) => term.occurrences >= 2 || term.definition);
  const terms = (supported.length > 0 ? supported : ranked).sort(
    (a, b) => b.score - a.score || a.positions[0]! - b.positions[0]! || (a.key < b.key ? -1 : 1),
  );
  return { terms, definingPositions: new Set([...definitions.values()].map((definition) => definition.position)) };
}

/** The chunk's key terms, best first; a term the lecturer defined outranks one merely repeated. */
export function keyTermsOf(ranking: TermRanking): KeyTerm[] {
  const defined = ranking.terms.filter((term) => term.definition);
  const undefinedTerms = ranking.terms.filter((term) => !term.definition);
  return [...defined, ...undefinedTerms].slice(0, MAX_KEY_TERMS).map((term) => ({ term: term.display, definition: term.definition }));
}
