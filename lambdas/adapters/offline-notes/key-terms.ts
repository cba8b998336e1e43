import { announcedLectureTopic, announcedTopic, phrasesIn } from './announcements';
import { isCommonNoun } from './common-nouns';
import { findDefinition } from './definitions';
import { mentionsOf, type AnalysedSentence } from './sentence-analysis';

export interface RankedTerm {
  key: string;
  display: string;
  /** The most used spoken form, for headings. */
  surface: string;
  /** Empty when no sentence of the chunk defines the term. */
  definition: string;
  /** Position of the sentence that defines or names it. */
  definedAt: number | undefined;
  /** Defined or named ("we call this ..."). */
  isNamed: boolean;
  /** Defined, named or announced as a topic: a concept the lecture teaches. */
  isTaught: boolean;
  /** An everyday noun on its own ("value", "row") that the lecture uses but does not teach. */
  isVocabulary: boolean;
  score: number;
  occurrences: number;
  /** Positions of the sentences that mention it, ascending. */
  positions: number[];
}

export interface TermRanking {
  /** Best first; names of people and places are left out. */
  terms: RankedTerm[];
  definingPositions: ReadonlySet<number>;
}

interface Naming {
  definition: string;
  position: number;
}

const DEFINED_BONUS = 4;
const NAMED_BONUS = 3;
const ANNOUNCED_BONUS = 2;
/** Each word past the first: a compound ("write-ahead log") is more specific than a single noun. */
const COMPOUND_BONUS = 0.5;
/** How much an everyday noun keeps of its score: it may still carry a heading when nothing else does. */
const VOCABULARY_FACTOR = 0.3;

interface Tally {
  key: string;
  displays: Map<string, number>;
  surfaces: Map<string, number>;
  occurrences: number;
  positions: number[];
  /** Said on its own at least once, not only as the head of a compound ("level" in "isolation level"). */
  standsAlone: boolean;
  /** Mentions that look like a name ("José") and mentions that do not: a term only ever said as a name is a person, place or day. */
  nameVotes: number;
  commonVotes: number;
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

function tallyMentions(sentences: readonly AnalysedSentence[]): Map<string, Tally> {
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
        nameVotes: 0,
        commonVotes: 0,
      };
      countInto(tally.displays, mention.display);
      countInto(tally.surfaces, mention.surface);
      tally.standsAlone ||= phrases.has(mention);
      if (mention.looksLikeName === true) tally.nameVotes++;
      if (mention.looksLikeName === false) tally.commonVotes++;
      tally.occurrences++;
      if (tally.positions.at(-1) !== sentence.position) tally.positions.push(sentence.position);
      tallies.set(mention.key, tally);
    }
  }
  return tallies;
}

interface Namings {
  /** By term key: the first description that stands on its own, else the first naming. */
  named: Map<string, Naming>;
  /** Term key by the key of its short form. */
  aliases: Map<string, string>;
}

/** The terms the chunk defines or names, and the short forms it gives them. */
function namings(sentences: readonly AnalysedSentence[]): Namings {
  const named = new Map<string, Naming>();
  const aliases = new Map<string, string>();
  sentences.forEach((sentence, index) => {
    const naming = findDefinition(sentence, sentences[index - 1]);
    if (!naming) return;
    const known = named.get(naming.term.key);
    if (!known || (!known.definition && naming.definition)) named.set(naming.term.key, { definition: naming.definition, position: sentence.position });
    if (naming.alias) aliases.set(naming.alias.key, naming.term.key);
  });
  return { named, aliases };
}

/** Mentions of a short form ("2PL") count for the term it abbreviates. */
function foldAliases(tallies: Map<string, Tally>, aliases: ReadonlyMap<string, string>): void {
  for (const [aliasKey, termKey] of aliases) {
    const alias = tallies.get(aliasKey);
    const term = tallies.get(termKey);
    if (!alias || !term) continue;
    term.occurrences += alias.occurrences;
    term.positions = [...new Set([...term.positions, ...alias.positions])].sort((a, b) => a - b);
    tallies.delete(aliasKey);
  }
}

/** The terms the lecturer announces as the topic of the lecture or of a part of it. */
function announcedKeys(sentences: readonly AnalysedSentence[]): Set<string> {
  const keys = new Set<string>();
  for (const sentence of sentences) {
    const topic = announcedLectureTopic(sentence)?.text ?? announcedTopic(sentence);
    if (topic) phrasesIn(sentence, topic).forEach((phrase) => keys.add(phrase.key));
  }
  return keys;
}

/**
 * Ranks the chunk's noun phrases: how often they are said, in how many
 * sentences, how far apart (a term the whole chunk returns to is its topic),
 * with bonuses for terms the lecturer defines, names or announces and for
 * compounds, and a penalty for everyday nouns that are used but not taught.
 * `readsEnglish` false: frequency and spread only.
 */
export function rankTerms(sentences: readonly AnalysedSentence[], { readsEnglish }: { readsEnglish: boolean }): TermRanking {
  const tallies = tallyMentions(sentences);
  // Definitions and announcements are found by English phrasing; in another language they would be guesses.
  const { named, aliases } = readsEnglish ? namings(sentences) : { named: new Map<string, Naming>(), aliases: new Map<string, string>() };
  foldAliases(tallies, aliases);
  const announced = readsEnglish ? announcedKeys(sentences) : new Set<string>();

  const span = Math.max(1, sentences.length);
  const isName = (tally: Tally) => tally.nameVotes > 0 && tally.commonVotes === 0;
  const ranked = [...tallies.values()]
    .filter((tally) => tally.standsAlone && !isName(tally))
    .map((tally): RankedTerm => {
      const naming = named.get(tally.key);
      const isAnnounced = announced.has(tally.key);
      const isTaught = naming !== undefined || isAnnounced;
      const isSingleWord = !tally.key.includes(' ');
      const spread = (tally.positions.at(-1)! - tally.positions[0]!) / span;
      const taughtBonus = (naming?.definition ? DEFINED_BONUS : naming ? NAMED_BONUS : 0) + (isAnnounced ? ANNOUNCED_BONUS : 0);
      // Announcing "how databases achieve isolation" teaches isolation, not databases.
      const isVocabulary = isSingleWord && isCommonNoun(tally.key) && naming === undefined;
      // The square root keeps a word said twenty times from burying a concept the lecturer took the time to name once.
      const frequency = 2 * Math.sqrt(tally.occurrences + 0.5 * tally.positions.length);
      const score = (frequency + spread + COMPOUND_BONUS * (tally.key.split(' ').length - 1) + taughtBonus) * (isVocabulary ? VOCABULARY_FACTOR : 1);
      return {
        key: tally.key,
        display: mostUsed(tally.displays),
        surface: mostUsed(tally.surfaces),
        definition: naming?.definition ?? '',
        definedAt: naming?.position,
        isNamed: naming !== undefined,
        isTaught,
        isVocabulary,
        occurrences: tally.occurrences,
        positions: tally.positions,
        score,
      };
    });
  // A phrase said once and never taught is noise, unless the chunk has nothing better (short or non-English text).
  const supported = ranked.filter((term) => term.occurrences >= 2 || term.isTaught);
  const terms = (supported.length > 0 ? supported : ranked).sort(
    (a, b) => b.score - a.score || a.positions[0]! - b.positions[0]! || (a.key < b.key ? -1 : 1),
  );
  const definingPositions = new Set([...named.values()].filter((naming) => naming.definition).map((naming) => naming.position));
  return { terms, definingPositions };
}
