/* Automatic captions roll: each cue repeats the line shown before it and adds a new one, and some
   cues only repeat. Keeping only what each cue adds stops the transcript saying everything twice. */

/**
 * Fewer repeated words than this count as a coincidence ("the" ending one cue and starting the
 * next), unless they are the whole of the previous cue.
 */
const MIN_REPEATED_WORDS = 3;

/** Drops from each segment the words that repeat the end of the segment before it (as written). */
export function dropRepeatedText<T extends { text: string }>(segments: readonly T[]): T[] {
  const kept: T[] = [];
  segments.forEach((segment, index) => {
    const previous = segments[index - 1];
    const words = segment.text.split(' ');
    const repeated = previous ? repeatedWordCount(previous.text.split(' '), words) : 0;
    if (repeated === words.length) return;
    kept.push(repeated === 0 ? segment : { ...segment, text: words.slice(repeated).join(' ') });
  });
  return kept;
}

/** The longest run of words that ends `previous` and starts `current`, if long enough to be a repeat. */
function repeatedWordCount(previous: string[], current: string[]): number {
  for (let length = Math.min(previous.length, current.length); length > 0; length--) {
    if (length < MIN_REPEATED_WORDS && length < previous.length) return 0;
    if (previous.slice(-length).every((word, index) => word === current[index])) return length;
  }
  return 0;
}
