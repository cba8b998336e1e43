/**
 * Lecturers list things in one breath: "first ..., second ..., and third ..."
 * or "there are three kinds: a, b and c". In notes each item is its own point.
 */

const MIN_LEAD_WORDS = 3;
const MAX_LIST_ITEM_WORDS = 6;
const MIN_ORDINAL_ITEM_WORDS = 2;

const ORDINAL_MARKER =
  /(?<separator>^|[,;:]\s*(?:and\s+|then\s+)?|\s(?:and|then)\s+)(?<ordinal>first(?:ly)?|second(?:ly)?|third(?:ly)?|fourth(?:ly)?|fifth(?:ly)?|finally|lastly)\b/giu;

/** A colon list is only a list when its lead announces one; otherwise the colon introduces a clause. */
const ANNOUNCES_LIST =
  /\b(?:two|three|four|five|six|seven|several|following|these|kinds?|types?|steps?|parts?|properties|examples|categories|levels|ways|phases|components|stages|rules|reasons|options|things)\b/iu;
const COLON_LIST = /^(?<lead>[^:]+?)\s*:\s*(?<list>[^:]+)$/u;
const NAMED_LIST = /^(?<lead>.+?)(?:,\s*|\s+)(?:namely|which are|and they are|and those are)\s+(?<list>.+)$/iu;

const wordCount = (text: string) => text.split(/\s+/u).filter(Boolean).length;
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const tidy = (text: string) => text.trim().replace(/(?:[\s,;.]|\b(?:and|then)$)+$/iu, '').trim();

function leadPoint(lead: string): string[] {
  const tidied = tidy(lead);
  return wordCount(tidied) >= MIN_LEAD_WORDS ? [`${capitalised(tidied)}:`] : [];
}

function ordinalItems(text: string): string[] | undefined {
  const markers = [...text.matchAll(ORDINAL_MARKER)];
  const first = markers[0];
  if (markers.length < 2 || !first || !/^first/iu.test(first.groups?.ordinal ?? '')) return undefined;
  const items = markers.map((marker, index) => {
    const itemStart = marker.index + (marker.groups?.separator ?? '').length;
    const next = markers[index + 1];
    return capitalised(tidy(text.slice(itemStart, next ? next.index : text.length)));
  });
  if (items.some((item) => wordCount(item) < MIN_ORDINAL_ITEM_WORDS)) return undefined;
  return [...leadPoint(text.slice(0, first.index)), ...items];
}

function listedItems(text: string): string[] | undefined {
  const match = COLON_LIST.exec(text) ?? NAMED_LIST.exec(text);
  const lead = match?.groups?.lead ?? '';
  if (!match || !ANNOUNCES_LIST.test(lead)) return undefined;
  const parts = tidy(match.groups?.list ?? '').split(/\s*[,;]\s*/u);
  const items = (parts.length > 1 ? parts : parts.flatMap((part) => part.split(/\s+(?:and|or)\s+/iu)))
    .map((part) => tidy(part.replace(/^(?:and|or)\s+/iu, '')))
    .filter(Boolean);
  if (items.length < 2 || items.some((item) => wordCount(item) > MAX_LIST_ITEM_WORDS)) return undefined;
  return [...leadPoint(lead), ...items.map(capitalised)];
}

/** The sentence as separate points (an optional lead, then one per item), or undefined when it lists nothing. */
export function splitEnumeration(text: string): string[] | undefined {
  return ordinalItems(text) ?? listedItems(text);
}
