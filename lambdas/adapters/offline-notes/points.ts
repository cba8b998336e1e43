import { clipWords } from './clip-words';
import { splitEnumeration } from './enumerations';
import type { AnalysedSentence } from './sentence-analysis';

const MIN_POINTS = 3;
const MAX_POINTS = 7;
const MAX_POINT_WORDS = 45;
/** A list is structure the lecturer gave; it is worth a place among the points. */
const ENUMERATION_BONUS = 1.5;

interface Candidate {
  sentence: AnalysedSentence;
  points: string[];
  weight: number;
}

/**
 * The section's key sentences as points, in spoken order: about half of its
 * sentences, 3 to 7 points, lists split into one point per item. Fillers
 * are used only when the section has nothing else to say.
 */
export function sectionPoints(section: readonly AnalysedSentence[], weights: readonly number[]): string[] {
  const candidates: Candidate[] = section.map((sentence) => {
    const enumeration = splitEnumeration(sentence.text);
    const weight = weights[sentence.position] ?? 0;
    return {
      sentence,
      points: (enumeration ?? [sentence.text]).map((point) => clipWords(point, MAX_POINT_WORDS)),
      weight: enumeration && weight > 0 ? weight * ENUMERATION_BONUS : weight,
    };
  });
  const byWeight = [...candidates].sort((a, b) => b.weight - a.weight || a.sentence.position - b.sentence.position);
  const substantive = byWeight.filter((candidate) => candidate.weight > 0);
  const wantedPoints = Math.min(MAX_POINTS, Math.max(MIN_POINTS, Math.round(section.length / 2)));

  const chosen: Candidate[] = [];
  let pointCount = 0;
  for (const candidate of substantive.length > 0 ? substantive : byWeight.slice(0, 1)) {
    if (pointCount >= wantedPoints) break;
    // A list too long for the room left is kept as one point rather than cut short.
    const fitted = pointCount + candidate.points.length <= MAX_POINTS ? candidate : { ...candidate, points: [clipWords(candidate.sentence.text, MAX_POINT_WORDS)] };
    chosen.push(fitted);
    pointCount += fitted.points.length;
  }
  const seen = new Set<string>();
  return chosen
    .sort((a, b) => a.sentence.position - b.sentence.position)
    .flatMap((candidate) => candidate.points)
    .filter((point) => !seen.has(point.toLowerCase()) && seen.add(point.toLowerCase()));
}
