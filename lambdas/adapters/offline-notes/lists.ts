import type { NotesList } from '../../../shared/contracts/notes';
import { withinWords } from './word-budget';
import { splitEnumeration } from './enumerations';
import type { AnalysedSentence } from './sentence-analysis';

const MAX_ITEM_WORDS = 14;
/** Sentences after an announced count ("there are three steps") where its items may follow. */
const ITEM_WINDOW = 10;
const ANNOUNCED_COUNT = /\b(?:two|three|four|five|six|seven|several|\p{N}+)\s+(?:main\s+|key\s+|basic\s+|important\s+)?(?:kinds?|types?|steps?|parts?|properties|stages?|phases?|components?|ways?|rules?|reasons?|levels?|categories|conditions?|principles?|factors?|laws?|forms?|classes|elements?|features?|assumptions?|requirements?|methods?|approaches|strategies|modes?|states?|products?|reactions?|groups?)\b/iu;
const ORDINAL_OPENING = /^(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|fourth(?:ly)?|fifth(?:ly)?|sixth|next|then|finally|lastly|step (?:one|two|three|four|five|\p{N}+)|the (?:first|second|third|fourth|fifth|last|final) (?:one|step|stage|phase|part|kind|type)\b)[,:\s]/iu;

export interface FoundList {
  list: NotesList;
  positions: number[];
  at: number;
}

/** An item said at length is quoted to its first clause end, else whole: an item is never cut mid-thought. */
const shortItem = (item: string) => withinWords(item, MAX_ITEM_WORDS) ?? item;

const titleOf = (lead: string) => lead.replace(/[\s:,.]+$/u, '').trim();

/** A count announced in one sentence and its items said one sentence each: "There are three steps. First, ... Second, ...". */
function spokenList(section: readonly AnalysedSentence[], index: number): FoundList | undefined {
  const lead = section[index]!;
  if (!ANNOUNCED_COUNT.test(lead.text) || lead.text.trimEnd().endsWith('?')) return undefined;
  const items: AnalysedSentence[] = [];
  for (const sentence of section.slice(index + 1, index + 1 + ITEM_WINDOW)) {
    if (ORDINAL_OPENING.test(sentence.text)) items.push(sentence);
  }
  if (items.length < 2 || !/^first/iu.test(items[0]!.text)) return undefined;
  return {
    list: { title: titleOf(lead.text), items: items.map((item) => shortItem(item.text)) },
    positions: [lead.position, ...items.map((item) => item.position)],
    at: lead.start,
  };
}

/** Enumerations the lecturer makes, in one sentence or over several, with their lead as the title. */
export function listsIn(section: readonly AnalysedSentence[], fallbackTitle: string): FoundList[] {
  const found: FoundList[] = [];
  const used = new Set<number>();
  section.forEach((sentence, index) => {
    if (used.has(sentence.position) || sentence.isFiller) return;
    const inline = splitEnumeration(sentence.text);
    const spoken = inline ? undefined : spokenList(section, index);
    if (inline) {
      const hasLead = inline[0]!.endsWith(':');
      const items = (hasLead ? inline.slice(1) : inline).map(shortItem);
      found.push({ list: { title: hasLead ? titleOf(inline[0]!) : fallbackTitle, items }, positions: [sentence.position], at: sentence.start });
      used.add(sentence.position);
    } else if (spoken) {
      found.push(spoken);
      spoken.positions.forEach((position) => used.add(position));
    }
  });
  return found;
}
