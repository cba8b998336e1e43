import { UNTITLED_NOTES } from '../notes-wording';

/** Where a title has nothing left to name the file by. */
const FALLBACK_STEM = UNTITLED_NOTES;

/**
 * Longest stem in UTF-8 bytes: most file systems allow 255 bytes a name, and the suffix, a
 * browser's " (1)" for a second download and a path inside an archive need room too.
 */
const MAX_STEM_BYTES = 150;

/** Characters Windows, macOS or Linux refuse in a name, or that make it a path. */
const FORBIDDEN = /[/\\:*?"<>|]/gu;
/**
 * Control and format characters (U+202E, say, would show "fdp.exe" as "exe.pdf"), but for the
 * joiners that hold an emoji or a Persian word together.
 */
const INVISIBLE = /[\p{Cc}\p{Zl}\p{Zp}]|(?![\u200C\u200D])\p{Cf}/gu;
/** Names Windows keeps for devices, whatever follows them after a dot. */
const RESERVED_ON_WINDOWS = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/iu;

const encoder = new TextEncoder();
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Cut at whole characters (an emoji with its modifiers, a letter with its accents) to at most `maxBytes` of UTF-8. */
function capBytes(text: string, maxBytes: number): string {
  let kept = '';
  for (const { segment } of graphemes.segment(text)) {
    if (encoder.encode(kept + segment).length > maxBytes) break;
    kept += segment;
  }
  return kept;
}

/** One safe stem from any text: no separators or invisible characters, no leading or trailing dots or spaces, not a device name. */
function cleanStem(text: string): string {
  const cleaned = text
    .toWellFormed()
    .normalize('NFC')
    .replace(INVISIBLE, ' ')
    .replace(FORBIDDEN, ' ')
    .replace(/\s+/gu, ' ');
  // Trimmed after the cut too: the cut can leave a space or a dot at the end.
  const trim = (stem: string) => stem.replace(/^[\s.]+|[\s.]+$/gu, '');
  const stem = trim(capBytes(trim(cleaned), MAX_STEM_BYTES));
  if (!stem) return '';
  return RESERVED_ON_WINDOWS.test(stem) ? `_${stem}` : stem;
}

/** The stem in printable ASCII, for clients that do not read filename*: accents dropped, other letters as "_". */
function asciiStem(stem: string): string {
  const ascii = stem
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    // "%" too: some clients percent-decode the plain filename.
    .replace(/[^\x20-\x7e]|%/gu, '_');
  return cleanStem(ascii);
}

/** RFC 5987 value characters; encodeURIComponent leaves "'", "(", ")" and "*" as they are, which the grammar does not allow. */
const encodeRfc5987 = (text: string) => encodeURIComponent(text).replace(/['()*]/gu, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The Content-Disposition of a download named after the lecture's title (RFC 6266): `attachment`,
 * a plain ASCII `filename` every client reads, and, when the title is more than ASCII, the exact
 * name in UTF-8 as `filename*` (RFC 5987), which clients that know it prefer. The name is safe on
 * every common system: no path, no control characters, no Windows device name, no trailing dot or
 * space, at most 150 bytes before `.suffix`.
 */
export function attachmentDisposition(title: string, suffix: string): string {
  const stem = cleanStem(title) || FALLBACK_STEM;
  const ascii = asciiStem(stem).replace(/_+/gu, '_');
  // A title with no Latin letters at all ("講義") would be "_": the fallback says more.
  const fallback = /[a-z0-9]/iu.test(ascii) ? ascii : FALLBACK_STEM;
  const plain = `attachment; filename="${fallback}.${suffix}"`;
  return fallback === stem ? plain : `${plain}; filename*=UTF-8''${encodeRfc5987(`${stem}.${suffix}`)}`;
}

/** The file name a Content-Disposition header gives (filename* first), as attachmentDisposition writes it; undefined when it has none. */
export function dispositionFileName(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*UTF-8''([^;\s]+)/iu.exec(header)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended);
    } catch {
      // A broken escape: the plain name below still names the file.
    }
  }
  return /filename\s*=\s*"((?:[^"\\]|\\.)*)"/iu.exec(header)?.[1]?.replace(/\\(.)/gu, '$1') ?? /filename\s*=\s*([^;\s"]+)/iu.exec(header)?.[1];
}
