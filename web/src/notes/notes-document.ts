import DOMPurify from 'dompurify';
import { Marked } from 'marked';

/* The API's Markdown, made into the page's notes. The Markdown already escapes every text from the
   recording or the model; DOMPurify is the second lock: whatever HTML reaches it that is not plain
   formatting is dropped before anything is inserted into the page. */

const markdown = new Marked({ gfm: true, breaks: false });

/** Ids the page gives headings, apart from anything in the notes themselves. */
const SECTION_ID_PREFIX = 'section-';
export const sectionIdFor = (anchor: string) => `${SECTION_ID_PREFIX}${anchor}`;

/** The anchor an in-page link points at ("#light-reactions" → "light-reactions"), decoded. */
export function anchorOfHref(href: string): string {
  const anchor = href.replace(/^#/, '');
  try {
    return decodeURIComponent(anchor);
  } catch {
    return anchor;
  }
}

export interface NotesDocument {
  title: string;
  /** The line under the title: file, duration, language and which engine wrote the notes. */
  meta: string;
  /** The table of contents: links to `#anchor` with the time each section starts; absent when the notes have no sections. */
  contents: HTMLOListElement | undefined;
  /** Caveats, overview, sections, glossary, review questions and action items. */
  body: DocumentFragment;
}

const TIME_RANGE = /^\((\d+(?::\d\d)+)\s*[–-]\s*(\d+(?::\d\d)+)\)$/u;

const textOf = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** "(1:05–3:40)" under a section heading becomes a labelled time range. */
function markTimeRange(paragraph: Element) {
  const range = TIME_RANGE.exec(textOf(paragraph));
  if (!range) return;
  const [, from, to] = range as unknown as [string, string, string];
  paragraph.className = 'section-time';
  paragraph.textContent = `${from} – ${to}`;
  paragraph.setAttribute('aria-label', `From ${from} to ${to} in the recording`);
}

const follows = (node: Node, reference: Node) => Boolean(reference.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING);

/**
 * The contents list leaves the body for its own navigation. Each entry's anchor is given to the
 * section heading after the list with the same text (taken in order, so repeated headings pair up
 * too), which makes the links work whatever rule made the anchors; a section named like the
 * overview before the list still gets its own link.
 */
function takeContents(body: DocumentFragment, heading: Element): HTMLOListElement | undefined {
  const list = heading.nextElementSibling;
  heading.remove();
  if (!list || list.tagName !== 'UL') return undefined;
  const sections = [...body.querySelectorAll('h2')].filter((candidate) => follows(candidate, list));
  list.remove();
  const contents = document.createElement('ol');
  for (const entry of list.querySelectorAll(':scope > li')) {
    const link = entry.querySelector('a[href^="#"]');
    if (!link) continue;
    const anchor = anchorOfHref(link.getAttribute('href')!);
    const section = sections.find((candidate) => !candidate.id && textOf(candidate) === textOf(link));
    if (section) {
      section.id = sectionIdFor(anchor);
      section.setAttribute('tabindex', '-1');
    }
    const item = document.createElement('li');
    const target = document.createElement('a');
    target.href = `#${encodeURIComponent(anchor)}`;
    target.textContent = textOf(link);
    const time = document.createElement('span');
    time.className = 'toc-time';
    // The entry reads "[12:03] Title": the time is the text beside the link.
    const besideLink = [...entry.childNodes].filter((node) => node !== link && !node.contains(link));
    time.textContent = besideLink.map(textOf).join(' ').replace(/[[\]()]/g, '').trim();
    item.append(target, time);
    contents.append(item);
  }
  return contents.childElementCount > 0 ? contents : undefined;
}

export function buildNotesDocument(source: string): NotesDocument {
  const html = markdown.parse(source, { async: false });
  const body = DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, RETURN_DOM_FRAGMENT: true });

  const titleHeading = body.querySelector('h1');
  const title = textOf(titleHeading) || 'Lecture notes';
  let meta = '';
  if (titleHeading) {
    const metaLine = titleHeading.nextElementSibling;
    if (metaLine?.tagName === 'P' && metaLine.firstElementChild?.tagName === 'EM' && textOf(metaLine) === textOf(metaLine.firstElementChild)) {
      meta = textOf(metaLine);
      metaLine.remove();
    }
    titleHeading.remove();
  }

  const contentsHeading = [...body.querySelectorAll('h2')].find((heading) => textOf(heading) === 'Contents');
  const contents = contentsHeading ? takeContents(body, contentsHeading) : undefined;
  for (const heading of body.querySelectorAll('h2')) {
    const next = heading.nextElementSibling;
    if (next?.tagName === 'P') markTimeRange(next);
  }
  return { title, meta, contents, body };
}
