/**
 * Spoken lectures are full of hesitations and discourse markers that carry no
 * content. They are removed before analysis, so they never become key terms,
 * and before a sentence becomes a point, so the notes read like notes.
 */

const WORD_START = String.raw`(?<![\p{L}\p{N}'-])`;
const WORD_END = String.raw`(?![\p{L}\p{N}'-])`;
/** With the commas that set them off: "the log is, uh, append-only" reads "the log is append-only". */
const HESITATIONS = new RegExp(String.raw`(?:,\s*)?${WORD_START}(?:u+m+|u+h+|uhm+|erm+|er+|hmm+)${WORD_END}\s*,?`, 'giu');
/** Only when set off by commas or at an edge: "you know the answer" is content. */
const PARENTHETICAL_FILLERS = /(?:^|,)\s*(?:you know|i mean|like|sort of|kind of|basically|actually)\s*(?:,|(?=[.!?]?$))/giu;
const TRAILING_CHECKS = /,?\s*(?:right|okay|ok|yeah|you know|does that make sense)\s*\?+\s*$/iu;
/** Markers that may open a sentence with or without a comma ("So the key is ..."). */
const LEADING_MARKER = /^(?:so(?!\s+(?:far|much|many|long|that|few|little)\b)|okay|ok|alright|all right|and so|anyway)\b,?\s+/iu;
/** Markers that are content words unless a comma sets them off ("Right, ..." but "Right triangles"). */
const LEADING_MARKER_WITH_COMMA = /^(?:right|well|now|yeah|yes|like|and|but)\s*,\s*/iu;
/** A sentence made of nothing but markers ("Okay so yeah.") says nothing. */
const ONLY_MARKERS = /^(?:(?:so|okay|ok|alright|all right|right|well|yeah|yes|now|anyway|and|good|great|cool)[\s,.!?]*)+$/iu;

/** The sentence without hesitations and discourse markers; may be empty. */
export function cleanSpokenText(text: string): string {
  let cleaned = text
    .replace(/\s+/gu, ' ')
    .replace(HESITATIONS, ' ')
    .replace(PARENTHETICAL_FILLERS, ' ')
    .replace(TRAILING_CHECKS, '.')
    .replace(/,(?:\s*,)+/gu, ',');
  let previous;
  do {
    previous = cleaned;
    cleaned = cleaned.trim().replace(/^[,;:.\s]+/u, '').replace(LEADING_MARKER, '').replace(LEADING_MARKER_WITH_COMMA, '');
  } while (cleaned !== previous);
  cleaned = cleaned
    .replace(/\s+([,.;:!?])/gu, '$1')
    .replace(/,([.!?])/gu, '$1')
    .replace(/\s{2,}/gu, ' ')
    .trim();
  if (ONLY_MARKERS.test(cleaned) || !/[\p{L}\p{N}]/u.test(cleaned)) return '';
  return cleaned.charAt(0).toUpperCase() + cleaned.slice(1);
}

/** Classroom management rather than subject matter. */
const CLASSROOM_TALK =
  /\b(?:let's get started|let's begin|get started|can (?:everyone|everybody|you all) (?:hear|see)|can [\w\s]{1,30}? hear me|any questions|does (?:that|this) make sense|see you (?:next|on|then)|that(?:'s| is) (?:it|all) for today|good (?:morning|afternoon|evening)|welcome back|take a (?:short )?break|(?:next|this) slide|hand(?:ed)? out|homework|office hours|microphone|speak up|problem set|(?:it's|it is|is|are) due (?:on|by|next|this|in|tomorrow|a week|two weeks)|for (?:next (?:time|week|class)|monday|tuesday|wednesday|thursday|friday)|read (?:the )?(?:section|chapter|pages?) (?:on|about)|on the exam)\b/iu;

/** Jokes, digressions and audience chatter: said in the room, not part of what is taught. */
const ASIDES =
  /\b(?:just kidding|i'm kidding|(?:a |that's a |bad )?joke|laugh(?:ter|ing)?|funny|fun fact|by the way|side note|as an aside|digress(?:ion)?|tangent|anecdote|my (?:wife|husband|kids?|dog|cat|mother|father)|(?:can|could) someone (?:close|open)|phones?|coffee|lunch|weekend|is this (?:on|working)|testing,? testing|mic(?:rophone)? check)\b/iu;

/** True for sentences that should not become points or summary sentences. */
export function isFillerSentence(cleanedText: string, contentWordCount: number): boolean {
  return contentWordCount < 3 || CLASSROOM_TALK.test(cleanedText) || ASIDES.test(cleanedText);
}
