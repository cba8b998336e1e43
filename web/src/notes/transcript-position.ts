import type { TranscriptSegment } from '../../../shared/contracts/transcript';

/**
 * The segment to show for a moment of the lecture: the one being said then, or in a pause between
 * two, the one just said (the first before the lecture's first words). Segments are in time order;
 * undefined only when there are none.
 */
export function segmentIndexAt(segments: readonly Pick<TranscriptSegment, 'start'>[], seconds: number): number | undefined {
  if (segments.length === 0) return undefined;
  // The last segment starting at or before the moment, found by halving: lectures run to thousands of segments.
  let low = 0;
  let high = segments.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (segments[middle]!.start <= seconds) low = middle;
    else high = middle - 1;
  }
  return low;
}
