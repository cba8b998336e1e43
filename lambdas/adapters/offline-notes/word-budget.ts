/** Words as a reader counts them: what the notes' share of the lecture is measured in. */
export const countWords = (text: string): number => text.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;

/**
 * Where a sentence may end early and still say something whole: before a
 * semicolon, colon or dash, or before a comma that opens a new clause
 * ("..., so the percentage change ...", "..., which means ...").
 */
const CLAUSE_END = /\s*(?:;|:|\s[–—-]\s|,(?=\s+(?:and|but|so|while|whereas|because|which|where|since|although|though|unless|until|instead|rather|meaning|or)\b))/giu;
/** A clause that opens like this leans on the one after it: "When income rises, ..." says nothing alone. */
const LEANS_FORWARD = /^(?:(?:and|but|so|or)\s+)?(?:when|if|whenever|because|since|although|though|while|as|unless|until|once|before|after|suppose|say|imagine|for\s+(?:example|instance)|in\s+other\s+words)\b/iu;
/** A thought does not end on a word that needs another after it. */
const DANGLING = /\b(?:the|a|an|of|to|in|on|at|by|for|with|from|into|and|or|but|whose|than|as|its|their|our|your|his|very)$/iu;
/** A clause shorter than this is a fragment ("Weight down."), not a thought. */
const MIN_CLAUSE_WORDS = 5;

/** Whether `text` ends on a word a thought cannot end on. */
export const endsDangling = (text: string): boolean => DANGLING.test(text.replace(/[\s.!?…,;:"”’')\]]+$/u, ''));

/**
 * The text whole when it has at most `maxWords` words; else its longest
 * opening clauses that fit and say something complete, ended with a full
 * stop; else nothing, and the caller chooses other words. It never cuts a
 * clause in the middle.
 */
export function withinWords(text: string, maxWords: number): string | undefined {
  const whole = text.trim().replace(/\s+/gu, ' ');
  if (countWords(whole) <= maxWords) return whole;
  if (LEANS_FORWARD.test(whole)) return undefined;
  let best: string | undefined;
  for (const end of whole.matchAll(CLAUSE_END)) {
    const clause = whole.slice(0, end.index).replace(/[\s,;:]+$/u, '');
    const words = countWords(clause);
    if (words > maxWords) break;
    if (words >= MIN_CLAUSE_WORDS && !endsDangling(clause) && /[\p{L}\p{N})]$/u.test(clause)) best = clause;
  }
  return best && `${best}.`;
}
