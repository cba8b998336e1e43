import { withinWords } from './word-budget';
import type { AnalysedSentence } from './sentence-analysis';
import { quotedSentences } from './quoted-sentences';

const MAX_FORMULA_WORDS = 18;
/** Written: "F = m a", "E = mc^2". */
const WRITTEN = /[\p{L}\p{N})\]]\s*(?:=|≈|≤|≥)\s*[\p{L}\p{N}(\-−√]/u;
/** Said between quantities: "force equals mass times acceleration". */
const SPOKEN = /\b(?:equals|is equal to)\b.*\b(?:times|divided by|over|plus|minus|squared|cubed|to the power of|multiplied by|the square root of)\b/iu;
/** Numbers make a spoken equation a calculation: a worked example's step, not the formula. */
const NUMBER = /\p{N}|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|point)\b/iu;
const LEAD_IN = /^(?:.*?\b(?:on the board|written|in symbols|in vector form|we write|the formula is)\b\s*[:,]?\s*)/iu;

/** The clause that states the formula, without the lead-in before it. */
function formulaOf(sentence: AnalysedSentence): string | undefined {
  const clauses = quotedSentences(sentence.text).flatMap((part) => part.split(/;\s*|,\s+(?:or|and|so|which)\s+/u));
  const written = clauses.find((clause) => WRITTEN.test(clause));
  if (written) return written.replace(LEAD_IN, '').replace(/^(?:so|and|then)\s+/iu, '');
  const spoken = clauses.find((clause) => SPOKEN.test(clause) && !NUMBER.test(clause));
  return spoken?.replace(/^(?:so|and|then)\s+/iu, '');
}

/** Formulas and equations as written or said, quoted; calculations with numbers are the examples'. */
export function formulasIn(section: readonly AnalysedSentence[]): { text: string; position: number }[] {
  const seen = new Set<string>();
  const found: { text: string; position: number }[] = [];
  for (const sentence of section) {
    if (sentence.text.trimEnd().endsWith('?')) continue;
    const formula = formulaOf(sentence);
    // A formula too long to fit is a sentence about one, not the formula.
    const text = formula && withinWords(formula.replace(/[.!]+$/u, '').trim(), MAX_FORMULA_WORDS)?.replace(/\.$/u, '');
    const key = text?.toLowerCase().replace(/\s+/gu, '');
    if (!text || !key || seen.has(key)) continue;
    seen.add(key);
    found.push({ text, position: sentence.position });
  }
  return found;
}
