import type { NounPhrase } from './noun-phrases';
import type { AnalysedSentence } from './sentence-analysis';

/**
 * Lecturers say what they are about to teach: "today we're going to talk about
 * X", "now let's move on to Y", or just "Isolation." before a new part. These
 * are their own names for the lecture and its parts, better than any guess.
 */

const OPENER = String.raw`^(?:(?:so|okay|ok|alright|all right|and|now|right|today|then)[,\s]+)*`;
const WE_WILL = String.raw`(?:let's|let us|we'll|we will|we're going to|we are going to|i want to|i'd like to|i'm going to|i am going to)`;

/** Phrases lecturers use to move to a new topic; the topic often follows the verb. */
const TOPIC_SHIFTS = [
  new RegExp(
    `${OPENER}${WE_WILL}\\s+(?:now\\s+)?(?:talk about|turn to|move on to|move to|switch to|discuss|get to|focus on|go over|start with|begin with)\\s+(?<topic>.+)$`,
    'iu',
  ),
  new RegExp(`${OPENER}(?:next|moving on|turning to|switching gears|that brings us to)\\b[,\\s]*(?:(?:we have|is|up|to)\\s+)?(?<topic>.*)$`, 'iu'),
  new RegExp(
    `${OPENER}(?:the|our|a|my)\\s+(?:second|third|fourth|next|last|final|other)\\s+(?:topic|part|thing|big idea|idea|concept|question|section|issue|area)\\b(?:\\s+is\\b)?(?<topic>.*)$`,
    'iu',
  ),
  new RegExp(`${OPENER}another (?:topic|important idea|idea|concept|thing i want)\\b(?<topic>.*)$`, 'iu'),
  // "One last thing on durability: checkpoints."
  new RegExp(`${OPENER}(?:one\\s+)?(?:last|final|more)\\s+(?:thing|word|point|topic)\\s+(?:on|about)\\s+[^:]+:\\s*(?<topic>.+)$`, 'iu'),
];

/** The lecturer goes over what was said: a part of its own, named by the lecturer. */
const RECAP = new RegExp(`${OPENER}(?:(?:let's|let us|to|we'll|i'll)\\s+(?:quickly\\s+)?(?:recap|sum\\s+up|summari[sz]e)|in\\s+summary|quick\\s+recap)\\b`, 'iu');

/** A sentence that is nothing but a noun phrase ("Isolation." or "Atomicity first.") opens the part about it. */
const BARE_TOPIC = /^(?<topic>[\p{L}][\p{L}\p{N}\s'-]*?)(?:\s+(?:first|next|now|then))?[.!:]?$/u;
const MAX_BARE_TOPIC_WORDS = 4;

interface LectureTopicPattern {
  pattern: RegExp;
  /** The lecture's title, quoted whole; otherwise a description whose part after a colon is the topic. */
  isTitle: boolean;
}

const LECTURE_START = String.raw`(?:today|in\s+(?:today's|this)\s+(?:lecture|class|session|video)|this\s+(?:lecture|class|session|video))`;

/** How lecturers announce the topic of the whole lecture, strongest first. */
const LECTURE_TOPICS: readonly LectureTopicPattern[] = [
  { pattern: /\btitle\s+of\s+(?:today's|this|the)\s+(?:lecture|talk|class|session)\s+is\s+(?<topic>.+)$/iu, isTitle: true },
  { pattern: /\btoday's\s+(?:lecture|class|talk|session|topic)\s+is\s+(?:called\s+|about\s+|on\s+)?(?<topic>.+)$/iu, isTitle: true },
  {
    pattern: new RegExp(
      `\\b${LECTURE_START}\\s*,?\\s+(?:we're|we are|we'll|we will|i'm|i am|i'll|i will|let's|let us)\\s+(?:going\\s+to\\s+)?(?:be\\s+)?` +
        `(?:talk(?:ing)?\\s+about|discuss(?:ing)?|cover(?:ing)?|look(?:ing)?\\s+at|learn(?:ing)?\\s+about|do(?:ing)?|stud(?:y|ying)|focus(?:ing)?\\s+on|explor(?:e|ing)|introduc(?:e|ing))\\s+(?<topic>.+)$`,
      'iu',
    ),
    isTitle: false,
  },
  { pattern: new RegExp(`\\b${LECTURE_START}\\s+is\\s+(?:all\\s+)?about\\s+(?<topic>.+)$`, 'iu'), isTitle: false },
  { pattern: new RegExp(`\\b${LECTURE_START}\\s*,?\\s+(?:we|i)\\s+(?:start|begin|continue|turn\\s+to)(?:\\s+with)?\\s+(?<topic>.+)$`, 'iu'), isTitle: false },
  // "So today is Newton's laws": the weakest, since "today is different" names nothing; the caller checks that a term is named.
  { pattern: new RegExp(`^(?:so\\s+|okay\\s+|and\\s+)?today\\s+is\\s+(?!about\\b)(?<topic>.+)$`, 'iu'), isTitle: false },
];

/** Where the topic's description ends and a remark about it begins. */
const TOPIC_END = /\s*(?:,\s*(?:which|where|and then|because|so|but)\b|\s+(?:because|so that)\b|[;(—–]|\s-\s)/iu;
const MAX_TITLE_WORDS = 8;

const wordCount = (text: string) => text.split(/\s+/u).filter(Boolean).length;

/** The topic as a heading's words: no quotes, final stop, lead-in before a colon, or trailing remark. */
function topicText(raw: string, isTitle: boolean): string {
  const unquoted = raw
    .trim()
    .replace(/[.!?]+["”’']*$/u, '')
    .replace(/^["“‘']+|["”’']+$/gu, '')
    .trim();
  const afterColon = unquoted.split(/:\s*/u).at(-1)!;
  const chosen = isTitle && wordCount(unquoted) <= MAX_TITLE_WORDS ? unquoted : afterColon;
  return chosen
    .split(TOPIC_END)[0]!
    .replace(/^(?:the|a|an)\s+/iu, '')
    .replace(/[\s,.;:!?]+$/u, '')
    .trim();
}

/** Whether the sentence opens a recap of what was said. */
export const opensRecap = (sentence: AnalysedSentence): boolean => RECAP.test(sentence.text);

/** What the sentence announces as the next topic ("" when it shifts topic without naming one), or undefined. */
export function announcedTopic(sentence: AnalysedSentence): string | undefined {
  if (opensRecap(sentence)) return '';
  for (const pattern of TOPIC_SHIFTS) {
    const match = pattern.exec(sentence.text);
    if (match) return topicText(match.groups?.topic ?? '', false);
  }
  const bare = BARE_TOPIC.exec(sentence.text)?.groups?.topic;
  const isBarePhrase = bare !== undefined && wordCount(bare) <= MAX_BARE_TOPIC_WORDS && sentence.phrases.some((phrase) => phrase.spoken === topicText(bare, false).toLowerCase());
  return isBarePhrase ? topicText(bare, false) : undefined;
}

export interface LectureTopic {
  text: string;
  /** 0 for the strongest kind of announcement. */
  strength: number;
}

/** The lecture's topic when the sentence announces it ("the title of today's lecture is ..."), else undefined. */
export function announcedLectureTopic(sentence: Pick<AnalysedSentence, 'text'>): LectureTopic | undefined {
  for (const [strength, { pattern, isTitle }] of LECTURE_TOPICS.entries()) {
    const topic = pattern.exec(sentence.text)?.groups?.topic;
    const text = topic === undefined ? '' : topicText(topic, isTitle);
    if (text && wordCount(text) <= MAX_TITLE_WORDS) return { text, strength };
  }
  return undefined;
}

const wordsPadded = (text: string) => ` ${text.toLowerCase().replace(/[^\p{L}\p{N}'-]+/gu, ' ').trim()} `;

/** Whether `topic` says `phrase` as whole words. */
export const topicNames = (topic: string, phrase: string): boolean => wordsPadded(topic).includes(wordsPadded(phrase));

/** The sentence's noun phrases that `topic` names, in spoken order. */
export function phrasesIn(sentence: AnalysedSentence, topic: string): NounPhrase[] {
  return sentence.phrases.filter((phrase) => topicNames(topic, phrase.spoken));
}
