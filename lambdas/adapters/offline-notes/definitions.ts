import { clipWords } from './clip-words';
import type { NounPhrase } from './noun-phrases';
import type { AnalysedSentence } from './sentence-analysis';

export interface FoundDefinition {
  term: NounPhrase;
  definition: string;
}

const MAX_DEFINITION_WORDS = 30;
/** "We call this X" points at the sentence before; a longer one is a run-on transcript line, not a description. */
const MAX_DESCRIBING_SENTENCE_WORDS = 40;

/** An optional scene-setter before the subject: "In a database, a transaction is ...". */
const INTRO = String.raw`^(?:(?:in|for|with|by|at|on|under)\s[^,]{1,50},\s*)?`;
const SUBJECT = String.raw`(?<subject>[^,;:]{2,60}?)`;

/** The term comes first and the definition follows it. */
const TERM_FIRST = [
  new RegExp(`${INTRO}${SUBJECT}\\s+(?:is|are)\\s+defined\\s+as\\s+(?<definition>.+)$`, 'iu'),
  new RegExp(`${INTRO}${SUBJECT}\\s+refers?\\s+to\\s+(?<definition>.+)$`, 'iu'),
  new RegExp(`${INTRO}${SUBJECT}\\s+(?:means?|stands?\\s+for)\\s+(?:that\\s+)?(?<definition>.+)$`, 'iu'),
  new RegExp(
    `${INTRO}${SUBJECT}\\s+(?:is|are)\\s+(?:basically\\s+|essentially\\s+|just\\s+|simply\\s+)?(?<definition>(?:a|an|the|one\\s+of|any|when|where)\\s.+)$`,
    'iu',
  ),
];

/** "X, which is ..." may appear anywhere in the sentence. */
const WHICH_IS = /^(?<before>.*?\S)\s*,\s*which\s+(?:is|are)\s+(?<definition>(?:a|an|the|one\s+of|when|where)\s[^,;]+)/iu;

/** The name comes last; a pronoun subject means the previous sentence describes it. */
const TERM_LAST = [
  // A short description without a comma: "..., which is called the victim" names something the clause only mentions.
  /^(?<definition>[^,]{3,150}?)\s+(?:is|are)\s+(?:called|known\s+as|referred\s+to\s+as|named)\s+(?<term>.+)$/iu,
  /^(?<definition>this|that|it|these)\s+is\s+what\s+(?:we|people)\s+call\s+(?<term>.+)$/iu,
  /^(?<definition>).*?\b(?:we|people|you)\s+(?:call|refer\s+to)\s+(?:this|that|it|these|them)\s+(?:as\s+)?(?<term>.+)$/iu,
];
const POINTS_BACK = /^(?:|this|that|it|these|those|this one|that one)$/iu;

const withoutArticle = (text: string) => text.trim().replace(/^(?:a|an|the)\s+/iu, '').replace(/\s+/gu, ' ').toLowerCase();

/** Where a new clause about something else begins: "X is the strictest level, and it behaves ...". */
const CLAUSE_BREAK = /,\s+(?:and|but|so|while|whereas|because)\s+(?:it|they|this|that|we|you|he|she|there|i)\b|;/iu;

const clipDefinition = (text: string) => clipWords(text.split(CLAUSE_BREAK)[0]!.replace(/[\s.!?;:,]+$/u, ''), MAX_DEFINITION_WORDS);

/** The sentence's noun phrase spoken exactly as `text`. */
function phraseSpokenAs(sentence: AnalysedSentence, text: string): NounPhrase | undefined {
  const wanted = withoutArticle(text);
  return sentence.phrases.find((phrase) => phrase.spoken === wanted);
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

function found(term: NounPhrase | undefined, definition: string | undefined): FoundDefinition | undefined {
  if (!term || !definition) return undefined;
  const clipped = clipDefinition(definition);
  return clipped.split(' ').length >= 2 ? { term, definition: clipped } : undefined;
}

/**
 * The term a sentence defines and the defining part, when the sentence has one
 * of the shapes lecturers use to define things. The term must be one of the
 * sentence's noun phrases, so "This is a good question" defines nothing.
 */
export function findDefinition(sentence: AnalysedSentence, previous: AnalysedSentence | undefined): FoundDefinition | undefined {
  for (const pattern of TERM_FIRST) {
    const match = pattern.exec(sentence.text)?.groups;
    const definition = found(match && phraseSpokenAs(sentence, match.subject ?? ''), match?.definition);
    if (definition) return definition;
  }
  const whichIs = WHICH_IS.exec(sentence.text)?.groups;
  const described = found(whichIs && phraseClosing(sentence, whichIs.before ?? ''), whichIs?.definition);
  if (described) return described;
  for (const pattern of TERM_LAST) {
    const match = pattern.exec(sentence.text)?.groups;
    if (!match) continue;
    const subject = (match.definition ?? '').trim();
    const described = previous && previous.wordCount <= MAX_DESCRIBING_SENTENCE_WORDS ? previous.text : undefined;
    const definition = POINTS_BACK.test(subject) ? described : subject;
    const named = found(phraseOpening(sentence, match.term ?? ''), definition);
    if (named) return named;
  }
  return undefined;
}
