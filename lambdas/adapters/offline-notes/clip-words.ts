/** The text cut to `maxWords` words, marked with an ellipsis when cut. */
export function clipWords(text: string, maxWords: number): string {
  const words = text.trim().split(/\s+/u);
  return words.length > maxWords ? `${words.slice(0, maxWords).join(' ').replace(/[,;:]$/u, '')}…` : words.join(' ');
}

/** Words as a reader counts them: what the notes' share of the lecture is measured in. */
export const countWords = (text: string): number => text.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
