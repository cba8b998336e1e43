import type { PartOfSpeech } from 'wink-nlp';
import { countWords, endsDangling } from './word-budget';
import { VAGUE_HEADS, type NounPhrase, type TaggedToken } from './noun-phrases';
import type { AnalysedSentence } from './sentence-analysis';

export interface FoundDefinition {
  term: NounPhrase;
  /**
   * What the lecturer says the term is; empty when the sentence names the term
   * without a description that stands on its own ("The solution is called
   * group commit", "We call this a deadlock" after a worked example).
   */
  definition: string;
  /** The short form given with the name ("two-phase locking, or 2PL"), counted as the same term. */
  alias?: NounPhrase;
}

/** A definition is quoted whole; one longer than this explains rather than defines, and is not used as a definition. */
export const MAX_DEFINITION_WORDS = 40;
/** "We call this X" points at the sentence before; a longer one is a run-on transcript line, not a description. */
const MAX_DESCRIBING_SENTENCE_WORDS = 40;
const MIN_DEFINITION_WORDS = 3;
const MIN_DEFINITION_CONTENT_WORDS = 2;
/** "The number of distinct values in a column" defines; "the moment of truth" does not: a vague noun needs this much after it. */
const MIN_CONTENT_WORDS_AFTER_VAGUE_GENUS = 3;

/** An optional scene-setter before the subject: "In a database, a transaction is ...". */
const INTRO = String.raw`^(?:(?:in|for|with|by|at|on|under)\s[^,]{1,50},\s*)?`;
const SUBJECT = String.raw`(?<term>[^,;:]{2,60}?)`;

/** The term comes first and the definition follows it. */
const TERM_FIRST = [
  new RegExp(`${INTRO}${SUBJECT}\\s+(?:is|are)\\s+defined\\s+as\\s+(?<definition>.+)$`, 'iu'),
  new RegExp(`${INTRO}${SUBJECT}\\s+refers?\\s+to\\s+(?<definition>.+)$`, 'iu'),
  // An event is defined by when it happens: "A dirty read happens when a transaction reads ...".
  new RegExp(`${INTRO}${SUBJECT}\\s+(?:happens|occurs|arises)\\s+(?<definition>(?:when|if)\\s.+)$`, 'iu'),
  // A law or principle is defined by what it says: "Newton's third law says that ...".
  new RegExp(`${INTRO}${SUBJECT}\\s+(?:says|states|tells us)\\s+that\\s+(?<definition>.+)$`, 'iu'),
  // With a symbol or short name set off by commas: "The significance level, alpha, is the threshold ...".
  new RegExp(`${INTRO}${SUBJECT}\\s*,\\s*[^,]{1,45},\\s+(?:is|are)\\s+(?<definition>(?:a|an|the)\\s.+)$`, 'iu'),
  // An act: "A type one error is rejecting the null hypothesis when it is true." The article keeps out the progressive ("protons are piling up").
  new RegExp(`${INTRO}(?=(?:a|an)\\s)${SUBJECT}\\s+is\\s+(?<definition>(?!(?:going|being|getting|coming|trying|doing|saying|talking|looking|thinking|asking)\\b)\\p{L}{3,}ing\\s.+)$`, 'iu'),
  // A kind defined by how a quantity behaves for it: "For an inferior good, the income elasticity is negative: ...".
  new RegExp(`^for\\s+(?:a|an)\\s+${SUBJECT},\\s*(?<definition>the\\s[^,]+?\\s(?:is|are)\\s.+)$`, 'iu'),
  // A plural genus needs no article: "Complements are goods that are used together."
  new RegExp(`${INTRO}${SUBJECT}\\s+are\\s+(?<definition>[\\p{L}-]+s\\s+(?:that|which|who|where|with|in|of|whose)\\s.+)$`, 'iu'),
  new RegExp(`${INTRO}${SUBJECT}\\s+(?:means?|stands?\\s+for)\\s+(?:that\\s+)?(?<definition>.+)$`, 'iu'),
  new RegExp(
    `${INTRO}${SUBJECT}\\s+(?:is|are)\\s+(?:basically\\s+|essentially\\s+|just\\s+|simply\\s+|exactly\\s+|precisely\\s+|really\\s+|actually\\s+)?(?<definition>(?:a|an|the|one\\s+of|any|when|where)\\s.+)$`,
    'iu',
  ),
];

/** "X, which is ..." may appear anywhere in the sentence. */
const WHICH_IS = /^(?<term>.*?\S)\s*,\s*which\s+(?:is|are)\s+(?<definition>(?:a|an|the|one\s+of|when|where)\s[^,;]+)/iu;
/** "An interleaved execution, which we call a schedule, ...": the name comes after what it names. */
const WHICH_WE_CALL = /^(?<definition>[^,;]+?)\s*,\s*which\s+(?:we|people|you)\s+(?:call|refer\s+to\s+as)\s+(?<term>[^,;]+)/iu;
/** "We call the old value the before-image": what is described, then its name. */
const CALL_X_Y = /\b(?:we|people|you)\s+call\s+(?<definition>(?:the|a|an)\s+[^,;]+?)\s+(?:the|a|an)\s+(?<term>[^,;]+)/iu;
/** "A level called snapshot isolation, where ...": a kind of thing, its name, and what sets it apart. */
const GENUS_CALLED =
  /\b(?<genus>(?:a|an)\s+[^,;:]{1,40}?)\s+(?:called|named|known\s+as)\s+(?<term>[^,;:]+?)(?:\s*,\s*(?<clause>(?:where|which|that|who|in\s+which)\s[^;]+))?\s*(?:[,;:.!?]|$)/iu;

/** The name comes last; a pronoun subject means the previous sentence describes it. */
const IS_CALLED = /^(?<definition>[^,]{3,150}?)\s+(?:is|are)\s+(?:called|known\s+as|referred\s+to\s+as|named)\s+(?<term>.+)$/iu;
const IS_WHAT_WE_CALL = /^(?:this|that|it|these)\s+is\s+what\s+(?:we|people)\s+call\s+(?<term>.+)$/iu;
/** The lead is kept: "When two transactions wait for each other, we call this a deadlock" describes it in the same breath. */
const WE_CALL_THIS = /^(?<lead>.*?)\b(?:we|people|you)\s+(?:call|refer\s+to)\s+(?:this|that|it|these|them)\s+(?:as\s+)?(?<term>.+)$/iu;
/** "We call this diagram the Z-scheme": a noun for what is meant, then the name. */
const NOUN_BEFORE_NAME = /^[\p{L}-]+\s+(?:the|a|an)\s+(?<name>.+)$/iu;
const WHEN_CLAUSE = /^(?<clause>when\s.+?)\s*,$/iu;
/** "If yes, we call this ...": a lead this short adds nothing, so "this" is the sentence before. */
const MAX_BARE_LEAD_WORDS = 2;

/** "Two-phase locking, or 2PL", "write-ahead logging, usually abbreviated WAL": a name given a short form is a term. */
const ABBREVIATED = /(?<term>[^,;:]+?)\s*,\s*(?:(?:usually|often|also|commonly)\s+)?(?:abbreviated(?:\s+as)?|shortened\s+to|or)\s+(?<alias>[\p{Lu}\p{N}]{2,})\b/u;

/** The lecturer names a term without describing it. */
const NAMING_ONLY = [
  /\bwhat\s+(?:we|people)\s+call\s+(?<term>[^,;:]+)/iu,
  /^(?:the\s+)?(?:first|second|third|fourth|fifth|next|last|other)(?:\s+(?:one|[\p{L}-]+))?\s+is\s+(?<term>[^,;:]+)/iu,
  /^this\s+is\s+(?:a|an|called)\s+(?<term>[^,;:]+)$/iu,
];

const withoutArticle = (text: string) =>
  text
    .trim()
    .replace(/^(?:(?:and|but|or|so|then|now|also)[,\s]+)*(?:(?:a|an|the)\s+)?/iu, '')
    .replace(/\s+/gu, ' ')
    .toLowerCase();

/** Where a new clause about something else begins: "X is the strictest level, and it behaves ...". */
const CLAUSE_BREAK = /,\s+(?:and|but|so|while|whereas|because)\s+(?:it|they|this|that|we|you|he|she|there|i|for|if|when)\b|,\s+(?:usually|meaning|which\s+is\s+why|so\s+that|just\s+like)\b|;|\.\s/iu;

/**
 * The defining part, up to a new clause; a last comma's aside that trails
 * off ("..., not equal to") is left out. Empty when even that is too long
 * to be a definition, or still trails off.
 */
function definingPart(text: string): string {
  let defining = text.split(CLAUSE_BREAK)[0]!.replace(/[\s.!?;:,]+$/u, '');
  while (endsDangling(defining) && defining.includes(',')) defining = defining.slice(0, defining.lastIndexOf(',')).trimEnd();
  return countWords(defining) <= MAX_DEFINITION_WORDS && !endsDangling(defining) ? defining : '';
}
/** A part of a sentence, no longer at its start, is not capitalised ("Using a gradient ..." defines as "using a gradient ..."); acronyms keep theirs. */
const uncapitalised = (text: string) => text.replace(/^(?:\p{Lu}(?=\p{Ll})|A(?=\s))/u, (letter) => letter.toLowerCase());

const CONTENT_POS: ReadonlySet<PartOfSpeech> = new Set(['NOUN', 'PROPN', 'VERB', 'ADJ', 'NUM']);
/** Words that make a description lean on its context: "those updates", "the gold standard here". */
const POINTING_WORDS = new Set(['this', 'that', 'these', 'those']);
const DEICTIC_WORDS = new Set(['here', 'now', 'today']);
/** A description that opens like this continues a story or an argument rather than saying what something is. */
const NARRATIVE_OPENERS = new Set(['and', 'but', 'or', 'so', 'then', 'now', 'if', 'because', 'since', 'although', 'also', 'here', 'there', 'yes', 'no']);

const isWord = (token: TaggedToken) => /[\p{L}\p{N}]/u.test(token.text);
/** Stop-word lists hold words a definition turns on ("less", "one", "used"): only nouns must not be stop words to count. */
const isContentWord = (token: TaggedToken) => CONTENT_POS.has(token.pos) && (!token.isStopWord || token.pos !== 'NOUN') && isWord(token);

/** The words of `sentence` that `text` (a piece of its text) is made of. */
function wordsOf(sentence: AnalysedSentence, text: string): TaggedToken[] {
  const piece = text.toLowerCase();
  const start = sentence.text.toLowerCase().indexOf(piece);
  if (start < 0) return [];
  return sentence.tokens.filter((token) => token.offset >= start && token.offset < start + piece.length && isWord(token));
}

/**
 * Whether the pieces of `source` say what something is, on their own: a
 * complete description, not a question, not leaning on the words around it
 * ("those rules", "here"), not an evaluation ("the solution", "the moment of truth").
 */
function describes(source: AnalysedSentence, ...pieces: string[]): boolean {
  if (source.text.trimEnd().endsWith('?') || pieces.some((piece) => piece.includes('?'))) return false;
  const words = pieces.flatMap((piece) => wordsOf(source, piece));
  if (words.length < MIN_DEFINITION_WORDS || words.filter(isContentWord).length < MIN_DEFINITION_CONTENT_WORDS) return false;
  const first = words[0]!;
  if (first.pos === 'PRON' || NARRATIVE_OPENERS.has(first.text.toLowerCase())) return false;
  const leansOnContext = words.some((word, index) => {
    const lower = word.text.toLowerCase();
    // After a noun, "that" starts a relative clause ("a column that points at ..."), whatever the tagger says.
    const isRelative = lower === 'that' && ['NOUN', 'PROPN'].includes(words[index - 1]?.pos ?? '');
    return (POINTING_WORDS.has(lower) && word.pos === 'DET' && !isRelative) || DEICTIC_WORDS.has(lower);
  });
  if (leansOnContext) return false;
  const genusIndex = words.findIndex((word) => word.pos === 'NOUN' || word.pos === 'PROPN');
  const genus = words[genusIndex];
  const isVague = genus !== undefined && VAGUE_HEADS.has(genus.lemma.toLowerCase());
  return !isVague || words.slice(genusIndex + 1).filter(isContentWord).length >= MIN_CONTENT_WORDS_AFTER_VAGUE_GENUS;
}

/** The sentence before, when it is a statement that can describe what "this" names. */
function describingSentence(previous: AnalysedSentence | undefined): string | undefined {
  if (!previous || previous.isFiller || previous.wordCount > MAX_DESCRIBING_SENTENCE_WORDS) return undefined;
  const text = definingPart(previous.text);
  return describes(previous, text) ? text : undefined;
}

const MAX_SUBJECT_WORDS = 5;
/** Words a subject that names a term cannot start with: it points at something said before. */
const NOT_A_TERM_START = /^(?:this|that|these|those|it|there|here|what|which|who|one|each|every|all|some|most|many|our|my|your|his|her|their|we|you|i|they)\b/iu;

/**
 * A term the tagger does not see as one noun phrase ("price elasticity of
 * demand", "elastic demand" built from "demand is elastic when"): a short
 * run of words that holds one of the sentence's noun phrases.
 */
function phraseOfWords(sentence: AnalysedSentence, text: string): NounPhrase | undefined {
  const spoken = withoutArticle(text);
  const words = spoken.split(' ');
  if (words.length > MAX_SUBJECT_WORDS || NOT_A_TERM_START.test(spoken) || !words.every((word) => /^[\p{L}][\p{L}'’-]*$/u.test(word))) return undefined;
  const holds = sentence.phrases.some((phrase) => ` ${spoken} `.includes(` ${phrase.spoken} `) || ` ${spoken} `.includes(` ${phrase.key} `));
  // The tagger may take a plural noun opening the sentence for a verb ("Complements are goods ..."): the sentence's subject is a term all the same.
  const opensSentence = withoutArticle(sentence.text).startsWith(`${spoken} `);
  if (!holds && !opensSentence) return undefined;
  const display = text
    .trim()
    .replace(/^\p{Lu}(?=\p{Ll})/u, (letter) => letter.toLowerCase()).replace(/^(?:(?:and|but|or|so|then|now|also)[,\s]+)*(?:(?:a|an|the)\s+)?/iu, '').replace(/\s+/gu, ' ');
  const shown = /\p{Lu}/u.test(display.slice(1)) ? display : display.charAt(0).toLowerCase() + display.slice(1);
  return { key: spoken.replace(/s$/u, ''), display: shown, surface: shown, spoken, shorter: undefined, looksLikeName: false };
}

/** The sentence's noun phrase spoken exactly as `text`, else a short run of words around one. */
function phraseSpokenAs(sentence: AnalysedSentence, text: string): NounPhrase | undefined {
  const wanted = withoutArticle(text);
  return sentence.phrases.find((phrase) => phrase.spoken === wanted) ?? phraseOfWords(sentence, text);
}

/** "Demand is elastic when ...": the adjective and the noun make the term ("elastic demand"). */
const QUALITY_WHEN = /^(?:(?:a|an|the)\s+)?(?<noun>[\p{L}-]+)\s+is\s+(?<quality>(?:[\p{L}-]+\s+)?[\p{L}-]+)\s+(?<definition>(?:when|if)\s.+)$/iu;
/** Words that grade or negate rather than name a kind: "demand is more elastic when ..." defines nothing. */
const NOT_A_QUALITY = /^(?:a|an|the|not|very|so|too|also|only|often|usually|always|never|more|less|most|least|much|still|even|just|really|quite|rather|true|false|possible|important|bigger|smaller|higher|lower|better|worse|useful|enough)$/iu;

function qualityWhen(sentence: AnalysedSentence): FoundDefinition | undefined {
  const match = QUALITY_WHEN.exec(sentence.text)?.groups;
  if (!match) return undefined;
  const qualityWords = match.quality!.toLowerCase().split(/\s+/u);
  if (qualityWords.some((word) => NOT_A_QUALITY.test(word))) return undefined;
  const isQuality = sentence.tokens.some((token) => token.text.toLowerCase() === qualityWords.at(-1) && ['ADJ', 'NOUN', 'VERB', 'ADV', 'PROPN', 'X'].includes(token.pos));
  if (!isQuality) return undefined;
  const found = named(phraseOfWords(sentence, `${match.quality} ${match.noun!.toLowerCase()}`), sentence, match.definition);
  return found?.definition ? found : undefined;
}

/** The longest noun phrase that `text` starts with ("isolation, which ..." names "isolation"). */
function phraseOpening(sentence: AnalysedSentence, text: string): NounPhrase | undefined {
  const wanted = withoutArticle(text.split(/[,;:.!?]/u)[0] ?? '');
  return sentence.phrases
    .filter((phrase) => wanted === phrase.spoken || wanted.startsWith(`${phrase.spoken} `))
    .sort((a, b) => b.spoken.length - a.spoken.length)[0];
}

/** The longest noun phrase that `text` ends with. */
function phraseClosing(sentence: AnalysedSentence, text: string): NounPhrase | undefined {
  const lower = text.toLowerCase();
  return sentence.phrases
    .filter((phrase) => lower === phrase.spoken || lower.endsWith(` ${phrase.spoken}`))
    .sort((a, b) => b.spoken.length - a.spoken.length)[0];
}

type PhraseLocator = (sentence: AnalysedSentence, text: string) => NounPhrase | undefined;
type Finder = (sentence: AnalysedSentence, previous: AnalysedSentence | undefined) => FoundDefinition | undefined;

/** The term with its definition when that describes it, else with none. */
function named(term: NounPhrase | undefined, source: AnalysedSentence, definition: string | undefined): FoundDefinition | undefined {
  if (!term) return undefined;
  const defining = definition === undefined ? '' : definingPart(definition);
  return { term, definition: defining && describes(source, defining) ? uncapitalised(defining) : '' };
}

/**
 * The term in the `term` group, found as `locate` finds it among the sentence's
 * phrases, with the `definition` group when it describes the term. A pattern
 * that `mustDescribe` only counts with a description: "fsync is the moment of
 * truth" names nothing.
 */
function byPattern(pattern: RegExp, locate: PhraseLocator, mustDescribe = false): Finder {
  return (sentence) => {
    const match = pattern.exec(sentence.text)?.groups;
    if (!match) return undefined;
    const found = named(locate(sentence, match.term ?? ''), sentence, match.definition);
    return mustDescribe && !found?.definition ? undefined : found;
  };
}

/** A kind of thing followed by its name and, maybe, by what sets it apart: "a level called snapshot isolation, where ...". */
function genusCalled(sentence: AnalysedSentence): FoundDefinition | undefined {
  const match = GENUS_CALLED.exec(sentence.text)?.groups;
  if (!match) return undefined;
  const genus = match.genus ?? '';
  const isNounPhrase = wordsOf(sentence, genus).every((word) => ['DET', 'ADJ', 'NOUN', 'PROPN', 'ADV'].includes(word.pos) || word.text.includes('-'));
  const found = named(phraseOpening(sentence, match.term ?? ''), sentence, undefined);
  if (!found || !isNounPhrase) return found;
  const clause = match.clause ? definingPart(match.clause) : undefined;
  const definition = definingPart(clause ? `${genus} ${clause}` : genus);
  return { term: found.term, definition: describes(sentence, genus, ...(clause ? [clause] : [])) ? uncapitalised(definition) : '' };
}

/** "We call this X": described by the when-clause before it, or by the sentence before when nothing else comes first. */
function weCallThis(sentence: AnalysedSentence, previous: AnalysedSentence | undefined): FoundDefinition | undefined {
  const whatWeCall = IS_WHAT_WE_CALL.exec(sentence.text)?.groups;
  const match = whatWeCall ?? WE_CALL_THIS.exec(sentence.text)?.groups;
  if (!match) return undefined;
  const termText = match.term ?? '';
  const term = phraseOpening(sentence, NOUN_BEFORE_NAME.exec(termText)?.groups?.name ?? termText);
  const lead = (match.lead ?? '').trim();
  const whenClause = WHEN_CLAUSE.exec(lead)?.groups?.clause;
  if (whenClause) return named(term, sentence, whenClause);
  if (!term) return undefined;
  const leadWords = lead === '' ? 0 : lead.split(/\s+/u).length;
  return { term, definition: leadWords <= MAX_BARE_LEAD_WORDS ? (describingSentence(previous) ?? '') : '' };
}

/** The term named with its abbreviation, when the sentence gives one. */
function abbreviated(sentence: AnalysedSentence): FoundDefinition | undefined {
  const match = ABBREVIATED.exec(sentence.text)?.groups;
  const aliasText = match?.alias ?? '';
  if (!match || !/\p{Lu}/u.test(aliasText)) return undefined;
  const term = phraseClosing(sentence, (match.term ?? '').trim());
  const alias = sentence.phrases.find((phrase) => phrase.spoken === aliasText.toLowerCase());
  return term && { term, definition: '', ...(alias && alias.key !== term.key ? { alias } : {}) };
}

/** The shapes lecturers define and name things in, the most telling first. */
const FINDERS: readonly Finder[] = [
  ...TERM_FIRST.map((pattern) => byPattern(pattern, phraseSpokenAs, true)),
  qualityWhen,
  byPattern(WHICH_IS, phraseClosing, true),
  byPattern(WHICH_WE_CALL, phraseOpening),
  byPattern(CALL_X_Y, phraseOpening),
  byPattern(IS_CALLED, phraseOpening),
  weCallThis,
  genusCalled,
  abbreviated,
  ...NAMING_ONLY.map((pattern) => byPattern(pattern, phraseOpening)),
];

/**
 * The term a sentence defines or names, and the defining part when there is
 * one that stands on its own. The term must be one of the sentence's noun
 * phrases, so "This is a good question" defines nothing.
 */
export function findDefinition(sentence: AnalysedSentence, previous: AnalysedSentence | undefined): FoundDefinition | undefined {
  for (const finder of FINDERS) {
    const found = finder(sentence, previous);
    if (found) return found;
  }
  return undefined;
}
