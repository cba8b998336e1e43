import type { PartOfSpeech } from 'wink-nlp';

export interface TaggedToken {
  text: string;
  lemma: string;
  pos: PartOfSpeech;
  isStopWord: boolean;
  /** Where it starts in the tagged text. */
  offset: number;
  /** No space before it: "two-phase" arrives as three attached tokens. */
  attached: boolean;
}

export interface NounPhrase {
  /** Lower case with the head noun singular: what counts as "the same term". */
  key: string;
  /** How the term is shown: head singular, proper nouns and acronyms in their own case. */
  display: string;
  /** Cased like `display` but in the number spoken: headings read better as "Isolation Levels". */
  surface: string;
  /** As spoken, lower case: how a definition pattern finds the phrase in the sentence. */
  spoken: string;
  /** The phrase without its first modifier, so "strict two-phase locking" also counts for "two-phase locking" and "locking". */
  shorter: NounPhrase | undefined;
  /**
   * What its capitals say: true for a name ("José", "Peter Mitchell": capitalised
   * words the tagger calls proper nouns), false for a word said in lower case or
   * an acronym, undefined when only the sentence start capitalises it.
   */
  looksLikeName: boolean | undefined;
}

interface Word extends TaggedToken {
  isSentenceStart: boolean;
}

const MAX_PHRASE_WORDS = 4;

/** Nouns that name nothing in particular; on their own they are not a term. */
export const VAGUE_HEADS: ReadonlySet<string> = new Set([
  'thing', 'lot', 'way', 'kind', 'sort', 'type', 'bit', 'stuff', 'time', 'today', 'question', 'answer', 'example',
  'part', 'point', 'slide', 'lecture', 'class', 'minute', 'everyone', 'everybody', 'guy', 'people', 'topic', 'idea',
  'problem', 'reason', 'case', 'number', 'step', 'fact', 'course', 'term', 'word', 'moment', 'end', 'start', 'side',
  'okay', 'yes', 'yeah', 'hello', 'talk', 'story', 'plan', 'recap', 'solution', 'lesson', 'advice', 'warning', 'notice',
  'others', 'half', 'rest', 'deal', 'trick', 'joke', 'definition', 'sense', 'mind', 'thanks', 'welcome', 'morning',
  'afternoon', 'evening', 'hi', 'bye',
]);

/** Adjectives that grade or order rather than name: "the important concept" is just "concept". */
const VAGUE_MODIFIERS = new Set([
  'good', 'great', 'important', 'big', 'little', 'small', 'different', 'same', 'other', 'next', 'last', 'first',
  'second', 'third', 'many', 'few', 'certain', 'whole', 'real', 'main', 'new', 'nice', 'interesting', 'specific',
  'particular', 'various', 'several', 'own', 'key', 'simple', 'entire', 'previous', 'following', 'final',
  'typical', 'classic', 'famous', 'well-known', 'serious', 'best', 'worst', 'usual', 'obvious', 'remarkable',
  'wonderful', 'honest', 'subtle', 'quick', 'huge', 'tiny', 'actual', 'so-called',
]);

const NOMINAL: ReadonlySet<PartOfSpeech> = new Set(['NOUN', 'PROPN', 'ADJ']);
const NOMINAL_OR_VERB: ReadonlySet<PartOfSpeech> = new Set([...NOMINAL, 'VERB']);
/** After these, an -ing verb has an object and is a verb, not the end of a noun phrase. */
const TAKES_OBJECT: ReadonlySet<PartOfSpeech> = new Set(['DET', 'NOUN', 'PROPN', 'PRON', 'ADJ', 'NUM']);

const hasLetters = (text: string) => /\p{L}{2,}/u.test(text);
/** "Z" in "Z-scheme", "B" in "B-tree", "p" in "p-value". */
const isLetterPrefix = (text: string) => /^\p{L}$/u.test(text);
/** Acronyms and letter prefixes keep their capitals wherever they are said. */
const keepsOwnCase = (text: string) => /\p{Lu}/u.test(text.slice(1)) || /^\p{Lu}-/u.test(text);

/** The part of speech of "first-second": a number, a noun, or a modifier of the noun after it. */
function hyphenatedPos(before: TaggedToken | undefined, second: TaggedToken, after: TaggedToken | undefined): PartOfSpeech {
  // "forty-two" is a number: it ends a noun phrase rather than modifying one ("two-phase" does modify).
  if (second.pos === 'NUM') return 'NUM';
  if (second.pos === 'NOUN' || second.pos === 'PROPN') return second.pos;
  // "the trade-off is", "in wait-die,": after a determiner or preposition, with nothing nominal after it, the compound is the noun.
  const endsNounPhrase = ['DET', 'ADP'].includes(before?.pos ?? '') && !NOMINAL_OR_VERB.has(after?.pos ?? 'PUNCT');
  return endsNounPhrase ? 'NOUN' : 'ADJ';
}

/**
 * Joins what the tokenizer split: "two", "-", "phase" become one word, and so
 * do "2", "PL" ("2PL": one name, not a number and a stray "PL").
 */
function joinWords(tokens: readonly TaggedToken[]): Word[] {
  const words: Word[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    const next = tokens[index + 1];
    const afterNext = tokens[index + 2];
    const isSentenceStart = words.length === 0;
    const isHyphenated =
      next?.text === '-' && next.attached && afterNext?.attached && hasLetters(afterNext.text) && (hasLetters(token.text) || isLetterPrefix(token.text));
    const isNumberedName = token.pos === 'NUM' && /^\p{N}+$/u.test(token.text) && next?.attached && /^\p{L}+$/u.test(next.text);
    if (isHyphenated) {
      words.push({
        text: `${token.text}-${afterNext.text}`,
        lemma: `${token.text.toLowerCase()}-${afterNext.lemma}`,
        pos: hyphenatedPos(tokens[index - 1], afterNext, tokens[index + 3]),
        isStopWord: false,
        offset: token.offset,
        attached: token.attached,
        isSentenceStart,
      });
      index += 2;
    } else if (isNumberedName) {
      words.push({ ...next, text: `${token.text}${next.text}`, lemma: `${token.text}${next.lemma}`, offset: token.offset, attached: token.attached, isSentenceStart });
      index += 1;
    } else {
      words.push({ ...token, isSentenceStart });
    }
  }
  return words;
}

const ARTICLES = new Set(['a', 'an', 'the']);
/** What a bare verb may follow inside a compound: a singular noun ("group commit") or an adjective ("dirty write"). */
const takesCompoundVerb = (word: Word | undefined) =>
  word?.pos === 'ADJ' || (word?.pos === 'NOUN' && word.lemma.toLowerCase() === word.text.toLowerCase());
/** Verbs the tagger sometimes takes for plural nouns, and which definitions depend on: "a foreign key refers to". */
const DEFINING_VERBS = new Set(['refers', 'means', 'stands', 'denotes', 'represents', 'describes']);

/**
 * The small tagger often calls a noun a verb: "log" in "the write-ahead log
 * is", "read" in "a phantom read happens", "locking" in "two-phase locking
 * is", "reads" in "dirty reads, ...", "undo" in "an undo log". Where the
 * words around it leave no room for a verb, treat it as part of the noun phrase.
 */
function actsAsNoun(word: Word, previous: Word | undefined, next: Word | undefined, runLength: number): boolean {
  if (word.isStopWord || !hasLetters(word.text) || DEFINING_VERBS.has(word.text.toLowerCase())) return false;
  if (NOMINAL.has(word.pos)) return true;
  if (word.pos !== 'VERB') return false;
  const lower = word.text.toLowerCase();
  if (runLength === 0) {
    return ARTICLES.has(previous?.text.toLowerCase() ?? '') && (next?.pos === 'NOUN' || next?.pos === 'PROPN');
  }
  if (lower.endsWith('ed')) return false;
  // A hyphenated modifier ("write-ahead") is followed by its noun.
  if (previous?.pos === 'ADJ' && previous.text.includes('-')) return true;
  if (lower.endsWith('ing')) return !next || !TAKES_OBJECT.has(next.pos);
  // After a noun, "-s" is the verb agreeing with it ("the transaction commits"); after an adjective it is a plural ("dirty reads").
  if (/[^s]s$/u.test(lower)) return previous?.pos === 'ADJ';
  // A bare verb cannot follow a singular subject or an adjective, so with no object after it, it ends a compound: "group commit", "dirty write".
  const isBareVerb = word.lemma.toLowerCase() === lower;
  return next?.pos === 'VERB' || next?.pos === 'AUX' || (isBareVerb && takesCompoundVerb(previous) && (!next || !TAKES_OBJECT.has(next.pos)));
}

/** Before these, a plural-looking noun at the end of a phrase is its verb: "a transaction moves the database". */
const STARTS_OBJECT: ReadonlySet<PartOfSpeech> = new Set(['DET', 'NUM', 'PRON', 'ADJ']);

/**
 * English compounds rarely have a plural inside ("query returns new rows" is
 * a sentence the tagger read as one noun phrase): a plural before the head, or
 * a head followed by an object, is a verb, so the run splits there.
 */
function splitAtHiddenVerbs(run: readonly Word[], next: Word | undefined): Word[][] {
  const runs: Word[][] = [[]];
  run.forEach((word, index) => {
    const lower = word.text.toLowerCase();
    const looksPlural = word.pos !== 'PROPN' && /[^su]s$/u.test(lower) && word.lemma.toLowerCase() !== lower && word.text === lower;
    const isLast = index === run.length - 1;
    const isVerb = looksPlural && index > 0 && (!isLast || (next !== undefined && STARTS_OBJECT.has(next.pos)));
    if (isVerb) runs.push([]);
    else runs.at(-1)!.push(word);
  });
  return runs.filter((part) => part.length > 0);
}

/** The lemma when it is plainly the singular of the word ("anomalies"), else the word ("data", not "datum"). */
function singular(word: Word): string {
  const lower = word.text.toLowerCase();
  const lemma = word.lemma.toLowerCase();
  if (word.pos === 'VERB' && lower.endsWith('ing')) return lower;
  return lemma.length >= 3 && lower.startsWith(lemma.slice(0, -1)) ? lemma : lower;
}

/** Acronyms and mid-sentence proper nouns keep their case; everything else is shown in lower case. */
function displayed(word: Word, text: string): string {
  const keepsCase = keepsOwnCase(text) || (word.pos === 'PROPN' && !word.isSentenceStart && /^\p{Lu}/u.test(text));
  return keepsCase ? text : text.toLowerCase();
}

const isTitleCase = (text: string) => /^\p{Lu}[\p{Ll}\p{M}'’]+$/u.test(text);

function nameVote(words: readonly Word[]): boolean | undefined {
  if (!words.every((word) => word.pos === 'PROPN' && isTitleCase(word.text))) return false;
  return words.length === 1 && words[0]!.isSentenceStart ? undefined : true;
}

function toPhrase(words: readonly Word[]): NounPhrase {
  const head = words[words.length - 1]!;
  const headSingular = singular(head);
  const headText = keepsOwnCase(head.text) ? head.text : headSingular;
  const modifiers = words.slice(0, -1);
  const phrase: NounPhrase = {
    key: [...modifiers.map((word) => word.text.toLowerCase()), headSingular].join(' '),
    display: [...modifiers.map((word) => displayed(word, word.text)), displayed(head, headText)].join(' '),
    surface: words.map((word) => displayed(word, word.text)).join(' '),
    spoken: words.map((word) => word.text.toLowerCase()).join(' '),
    shorter: undefined,
    looksLikeName: nameVote(words),
  };
  const isVagueHead = modifiers.length === 1 && VAGUE_HEADS.has(headSingular);
  return modifiers.length > 0 && !isVagueHead ? { ...phrase, shorter: toPhrase(words.slice(1)) } : phrase;
}

/** A run of nominal words, trimmed to the part that names something. */
function trimRun(run: readonly Word[]): Word[] | undefined {
  let first = 0;
  while (first < run.length && VAGUE_MODIFIERS.has(run[first]!.text.toLowerCase())) first++;
  let last = run.length - 1;
  // Two adjectives in a row are a modifier and a noun the tagger misread: "foreign key", "primary key".
  const endsInNoun = last > first && run[last - 1]!.pos === 'ADJ';
  while (last >= first && run[last]!.pos === 'ADJ' && !(endsInNoun && last === run.length - 1)) last--;
  if (last < first) return undefined;
  // A vague noun names nothing on its own ("the start"), but a compound makes it specific: "slow start", "base case".
  if (last === first && VAGUE_HEADS.has(singular(run[last]!))) return undefined;
  return run.slice(Math.max(first, last + 1 - MAX_PHRASE_WORDS), last + 1);
}

/** The noun phrases of one tagged sentence, in order. */
export function nounPhrases(tokens: readonly TaggedToken[]): NounPhrase[] {
  const words = joinWords(tokens);
  const phrases: NounPhrase[] = [];
  let run: Word[] = [];
  const closeRun = (next: Word | undefined) => {
    for (const part of splitAtHiddenVerbs(run, next)) {
      const trimmed = trimRun(part);
      if (trimmed) phrases.push(toPhrase(trimmed));
    }
    run = [];
  };
  words.forEach((word, index) => {
    if (actsAsNoun(word, words[index - 1], words[index + 1], run.length)) run.push(word);
    else closeRun(word);
  });
  closeRun(undefined);
  return phrases;
}
