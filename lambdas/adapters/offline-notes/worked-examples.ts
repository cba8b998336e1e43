import { countWords, withinWords } from './word-budget';
import type { AnalysedSentence } from './sentence-analysis';

/** A set-up and the sentence that carries its numbers on, together. */
const MAX_EXAMPLE_WORDS = 40;
/** A section's first examples set up its cases; more of them retell the same case with other numbers. */
const MAX_EXAMPLES = 1;
/** The lecturer sets up a case to walk through. */
const EXAMPLE_CUE = /\b(?:for example|for instance|e\.g\.|suppose|let's say|let us say|say we have|say you have|imagine|consider|as an example|take (?:a|an|the) (?:case|example)|here's an example|worked example)\b/iu;
const NUMBER_WORD = /\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|half|double|twice)\b/iu;

const hasNumber = (sentence: AnalysedSentence) => /\p{N}/u.test(sentence.text) || NUMBER_WORD.test(sentence.text);

export interface WorkedExample {
  text: string;
  /** The sentences it quotes, so they are not quoted again as points. */
  positions: number[];
  at: number;
}

/**
 * Cases the lecturer walks through with numbers: the cue sentence ("suppose
 * the account holds 100 dollars") and the next one when it carries the
 * numbers on, quoted.
 */
export function workedExamples(section: readonly AnalysedSentence[]): WorkedExample[] {
  const examples: WorkedExample[] = [];
  const used = new Set<number>();
  section.forEach((sentence, index) => {
    if (examples.length >= MAX_EXAMPLES || used.has(sentence.position) || !EXAMPLE_CUE.test(sentence.text)) return;
    const next = section[index + 1];
    const continues = next !== undefined && hasNumber(next) && !next.isFiller && !EXAMPLE_CUE.test(next.text);
    if (!hasNumber(sentence) && !continues) return;
    // Two sentences too long together leave the first, quoted whole or to a clause end; a case that long to set up is no example.
    const both = continues ? `${sentence.text} ${next.text}` : undefined;
    const quoted = both && countWords(both) <= MAX_EXAMPLE_WORDS ? [sentence, next!] : [sentence];
    const text = quoted.length === 2 ? both! : withinWords(sentence.text, MAX_EXAMPLE_WORDS);
    if (!text) return;
    quoted.forEach((part) => used.add(part.position));
    examples.push({
      text,
      positions: quoted.map((part) => part.position),
      at: sentence.start,
    });
  });
  return examples;
}
