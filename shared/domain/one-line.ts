/**
 * Text from a recording or a model as one line of plain text: a line break could start a heading,
 * a block or a cue of its own, and control characters have no place in a document (XML refuses most).
 */
export const oneLine = (text: string) =>
  text
    .replace(/[\r\n\u0085\u2028\u2029\t\v\f]+/gu, ' ')
    .replace(/\p{Cc}/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
