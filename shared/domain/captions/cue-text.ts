import { normalizeWhitespace } from '../sentences';

/** Cue text said by one voice (or by no named voice). */
export type VoiceRun = { speaker?: string; text: string };

/* Only WebVTT (and SubRip's same-named) markup is removed: any other `<...>` is what the speaker
   said or the captioner typed, and stays as literal text for the renderer to escape. */
const VOICE_TAG = /<v(?:\.[^\s>]*)?(?:[ \t]+([^>]*))?>|<\/v>/gi;
/** Ruby text is a reading aid above the base text; keeping it would say the word twice. */
const RUBY_TEXT = /<rt(?:\.[^\s>]*)?>[^]*?(?:<\/rt>|(?=<\/ruby>)|$)/gi;
const MARKUP_TAG = /<\/?(?:c|i|b|u|lang|ruby|rt)(?:[.\s][^>]*)?>|<(?:\d+:)?\d{2}:\d{2}\.\d{3}>/gi;
const CHARACTER_REFERENCE = /&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|([a-zA-Z]+));/g;
const NAMED_CHARACTERS = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['nbsp', '\u00a0'],
  ['lrm', '\u200e'],
  ['rlm', '\u200f'],
]);

/** The plain text of a cue, split where the voice (`<v Name>`) changes. */
export function voiceRuns(cueText: string): VoiceRun[] {
  const runs: VoiceRun[] = [];
  let speaker: string | undefined;
  let runStart = 0;
  for (const tag of cueText.matchAll(VOICE_TAG)) {
    addRun(runs, speaker, cueText.slice(runStart, tag.index));
    speaker = tag[0].startsWith('</') ? undefined : speakerName(tag[1]);
    runStart = tag.index + tag[0].length;
  }
  addRun(runs, speaker, cueText.slice(runStart));
  return runs;
}

function addRun(runs: VoiceRun[], speaker: string | undefined, markedUpText: string) {
  const text = plainText(markedUpText);
  if (!text) return;
  const previous = runs.at(-1);
  if (previous && previous.speaker === speaker) previous.text = `${previous.text} ${text}`;
  else runs.push(speaker ? { speaker, text } : { text });
}

const speakerName = (annotation: string | undefined) => normalizeWhitespace(decodeCharacterReferences(annotation ?? '')) || undefined;

const plainText = (markedUpText: string) =>
  normalizeWhitespace(decodeCharacterReferences(markedUpText.replace(RUBY_TEXT, '').replace(MARKUP_TAG, '')));

/** Decoded in one pass, after tags are gone, so `&lt;i&gt;` stays the literal text `<i>`. */
function decodeCharacterReferences(text: string): string {
  return text.replace(CHARACTER_REFERENCE, (reference, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) return NAMED_CHARACTERS.get(name) ?? reference;
    const codePoint = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex!, 16);
    const isCharacter = codePoint > 0 && codePoint <= 0x10ffff && !(codePoint >= 0xd800 && codePoint <= 0xdfff);
    return isCharacter ? String.fromCodePoint(codePoint) : reference;
  });
}
