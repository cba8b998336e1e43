import type { GlossaryEntry, NotesSection } from '../../../shared/contracts/notes';
import { FRAMING_HEADINGS, titleCase } from './headings';
import { quotedSentences } from './quoted-sentences';

const MAX_TITLE_WORDS = 6;
/** "There are four main determinants of price elasticity of demand": what an enumeration counts. */
const COUNTS = /\b(?:two|three|four|five|six|seven|eight|nine|ten|several|\p{N}+)\s+(?:(?:main|key|basic|important|different|major|big)\s+)?(?<what>\p{L}[\p{L}\s'’-]*\p{L})/iu;
/** What an enumeration counts must be a plural noun to head a section: "four determinants", not "two quick bits". */
const PLURAL_HEAD = /\p{L}{3,}s(?:\s+(?:of|in|for|on)\s.+)?$/u;

const keyOf = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim().replace(/s\b/gu, '');

/** "Determinants of Price Elasticity of Demand" from the sentence that announces the count, if it counts a plural noun. */
function counted(text: string): string | undefined {
  const what = COUNTS.exec(text.replace(/[:.!]+$/u, ''))?.groups?.what?.trim();
  if (!what || !PLURAL_HEAD.test(what)) return undefined;
  const words = what.split(/\s+/u);
  return words.length <= MAX_TITLE_WORDS ? titleCase(what) : undefined;
}

/**
 * Topics the section's notes name, the most telling first: what its
 * enumeration counts, the terms it defines, then the lecture's terms its
 * quotes mention, the most mentioned first.
 */
function topicsOf(section: NotesSection, glossary: readonly GlossaryEntry[]): string[] {
  const quotes = [section.summary, ...section.keyPoints, ...section.examples].join(' ').toLowerCase();
  const mentions = (term: string) => quotes.split(term.toLowerCase()).length - 1;
  const mentioned = glossary
    .map((entry) => entry.term)
    .filter((term) => mentions(term) > 0)
    .sort((a, b) => mentions(b) - mentions(a));
  return [
    ...[...section.lists.map((list) => list.title), ...quotedSentences(section.summary)].map(counted),
    ...section.definitions.map((definition) => definition.term),
    ...mentioned,
  ]
    .filter((topic): topic is string => topic !== undefined && topic.split(/\s+/u).length <= MAX_TITLE_WORDS)
    .map(titleCase);
}

/**
 * Section titles across the whole lecture, which chunk by chunk could not
 * see: no title twice, and no lone word that the lecture does not teach
 * ("Consistent", "Rice", "Crash": an adjective, a verb or an everyday noun
 * names no topic; the framing "Introduction" and "Recap" are kept). Such a title gives way to the next topic the section's
 * notes name, else says the section goes on with one the lecture has had
 * (its own, or the previous section's).
 */
export function distinctSectionTitles(sections: readonly NotesSection[], glossary: readonly GlossaryEntry[]): string[] {
  const taught = new Set(glossary.map((entry) => keyOf(entry.term)));
  const used = new Set<string>();
  const isLoneUntaughtWord = (title: string) => !/\s/u.test(title.trim()) && !FRAMING_HEADINGS.has(title) && !/^\p{Lu}{2,}$/u.test(title) && !taught.has(keyOf(title));
  const titles: string[] = [];
  for (const section of sections) {
    const fits = (title: string) => !used.has(keyOf(title)) && !isLoneUntaughtWord(title);
    const topics = topicsOf(section, glossary);
    // A section that names no topic of its own carries on one the lecture has had: its own, else the previous section's.
    const previous = titles.at(-1)?.replace(/^More on /u, '');
    const carriedOn = [...topics, ...(used.has(keyOf(section.title)) ? [section.title] : []), ...(previous && !FRAMING_HEADINGS.has(previous) ? [previous] : [])];
    const title = [section.title, ...topics, ...carriedOn.map((topic) => `More on ${topic}`)].find(fits) ?? section.title;
    used.add(keyOf(title));
    titles.push(title);
  }
  return titles;
}
