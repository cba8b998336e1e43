import { announcedTopic } from './announcements';
import { mentionsOf, type AnalysedSentence } from './sentence-analysis';

/** Shared vocabulary from this share of the shorter side on makes it one topic. */
const SAME_TOPIC_OVERLAP = 0.2;
/** Sentences of the chunk's first section compared with the overlap. */
const OPENING_SENTENCES = 4;

const termsOf = (sentences: readonly AnalysedSentence[]) => new Set(sentences.flatMap(mentionsOf).map((mention) => mention.key));

/**
 * Whether the chunk opens in the topic the previous chunk ended with: the
 * overlap (the previous chunk's last sentences) shares its vocabulary with
 * the chunk's opening, and the opening does not announce a new topic.
 */
export function continuesPreviousTopic(overlap: readonly AnalysedSentence[], firstSection: readonly AnalysedSentence[]): boolean {
  if (overlap.length === 0 || firstSection.length === 0) return false;
  const opening = firstSection.slice(0, OPENING_SENTENCES);
  if (opening.slice(0, 2).some((sentence) => announcedTopic(sentence) !== undefined)) return false;
  const before = termsOf(overlap);
  const after = termsOf(opening);
  if (before.size === 0 || after.size === 0) return false;
  const shared = [...before].filter((key) => after.has(key)).length;
  return shared / Math.min(before.size, after.size) >= SAME_TOPIC_OVERLAP;
}
