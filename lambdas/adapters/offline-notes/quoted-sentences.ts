/** The sentences of a quoted passage (a summary of one or two sentences), split where a sentence ends. */
export const quotedSentences = (text: string): string[] =>
  text
    .split(/(?<=[.!?…]["”’']?)\s+(?=[\p{Lu}\p{N}"“])/u)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
