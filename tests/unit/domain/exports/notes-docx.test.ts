import JSZip from 'jszip';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import type { LectureNotes } from '../../../../shared/contracts/notes';
import { renderNotesDocx } from '../../../../shared/domain/exports/notes-docx';
import { bareSection, studyNotes } from '../../../fixtures/study-notes';

/**
 * Opened by mammoth, which turns Word's paragraph styles into HTML: "Heading 1" into <h1>, a
 * numbered paragraph into a list item; Title is mapped here, as mammoth has no default for it.
 * A style it does not know is reported, so an empty list of messages means every paragraph has a
 * real Word style.
 */
async function openDocx(notes: LectureNotes) {
  const buffer = Buffer.from(await renderNotesDocx(notes));
  const { value: html, messages } = await mammoth.convertToHtml({ buffer }, { styleMap: ["p[style-name='Title'] => h1.title:fresh"] });
  /** The text of every element the pattern opens, in document order (mammoth writes plain, unnested tags). */
  const texts = (open: string, close: string) => [...html.matchAll(new RegExp(`${open}(.*?)${close}`, 'g'))].map((match) => textOf(match[1]!));
  /** The items of the list right after a heading, with the list's tag. */
  const listAfter = (heading: string) => {
    const match = new RegExp(`>${heading}</h[12]><(ul|ol)>(.*?)</\\1>`).exec(html);
    return match ? { tag: match[1], items: match[2]!.split('</li>').filter(Boolean).map(textOf) } : undefined;
  };
  return { html, messages, texts, listAfter, buffer };
}

const textOf = (markup: string) =>
  markup
    .replace(/<br \/>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

describe('renderNotesDocx', () => {
  it('writes a Word document whose title, parts and sections are Word headings, in the Markdown’s order', async () => {
    const { messages, texts, buffer } = await openDocx(studyNotes());

    expect(buffer.subarray(0, 2).toString()).toBe('PK');
    expect(messages).toEqual([]);
    expect(texts('<h1 class="title">', '</h1>')).toEqual(['Database Transactions']);
    expect(texts('<h1>', '</h1>')).toEqual(['Overview', 'Contents', 'ACID Guarantees', 'Isolation Levels', 'Glossary', 'Review questions', 'Action items']);
    expect(texts('<h2>', '</h2>')).toEqual(['Key points', 'Definitions', 'Examples', 'Formulas', 'The four guarantees', 'Key points']);
  });

  it('writes key points as a bulleted Word list and an enumeration as a numbered one, each item its own paragraph', async () => {
    const { listAfter } = await openDocx(studyNotes());

    expect(listAfter('Key points')).toEqual({ tag: 'ul', items: ['Atomicity means all or nothing.', 'Durability survives a crash.'] });
    expect(listAfter('The four guarantees')).toEqual({ tag: 'ol', items: ['Atomicity', 'Consistency', 'Isolation', 'Durability'] });
  });

  it('links the contents to the sections and gives every time as the Markdown does', async () => {
    const { html, texts, listAfter } = await openDocx(studyNotes());

    expect(listAfter('Contents')?.items).toEqual(['[0:00] ACID Guarantees', '[12:03] Isolation Levels']);
    const anchors = [...html.matchAll(/<a href="#([^"]+)">/g)].map((match) => match[1]!);
    expect(anchors).toHaveLength(2);
    for (const anchor of anchors) expect(html).toContain(`<h1><a id="${anchor}"></a>`);
    expect(listAfter('Glossary')?.items).toContain('MVCC: keeping several versions of a row so readers do not block writers [14:05]');
    expect(listAfter('Review questions')).toEqual({ tag: 'ol', items: ['What is a transaction? [1:02] Answer: A unit of work that commits or rolls back as a whole.'] });
    expect(texts('<li>', '</li>')).toContain('Read chapter 7 on recovery (due next Friday) [1:00:00]');
  });

  it('leaves out a part the notes have nothing for, heading and all', async () => {
    const { texts } = await openDocx(studyNotes({ overview: '', glossary: [], reviewQuestions: [], actionItems: [], sections: [bareSection('', 0, 60)] }));

    expect(texts('<h1>', '</h1>')).toEqual(['Contents', 'Section 1']);
    expect(texts('<h2>', '</h2>')).toEqual([]);
  });

  it('opens even when the text holds what XML cannot: control characters, a lone surrogate, U+FFFF', async () => {
    const { messages, texts } = await openDocx(studyNotes({ title: 'Bits\u0000 and \ud800bytes\uffff', overview: 'Line one\u000bline two' }));

    expect(messages).toEqual([]);
    expect(texts('<h1 class="title">', '</h1>')).toEqual(['Bits and \ufffdbytes']);
    expect(texts('<p>', '</p>')).toContain('Line one line two');
  });

  it("marks the text as the lecture's language, so Word checks its spelling in that language", async () => {
    const styles = async (language: string) => {
      const { buffer } = await openDocx(studyNotes({ source: { ...studyNotes().source, language } }));
      return (await JSZip.loadAsync(buffer)).file('word/styles.xml')!.async('string');
    };

    expect(await styles('es')).toMatch(/<w:docDefaults>.*<w:lang w:val="es" w:eastAsia="es" w:bidi="es"\/>/s);
    expect(await styles('und')).not.toMatch(/<w:lang /);
  });

  it('writes every paragraph right to left for a lecture in a language written that way, and none for one that is not', async () => {
    const documentXml = async (language: string) => {
      const { buffer } = await openDocx(studyNotes({ source: { ...studyNotes().source, language } }));
      return (await JSZip.loadAsync(buffer)).file('word/document.xml')!.async('string');
    };

    const arabic = await documentXml('ar');
    const paragraphs = arabic.match(/<w:p>|<w:p [^>]*>/g)!.length;
    expect(arabic.match(/<w:bidi\/>/g)).toHaveLength(paragraphs);
    expect(await documentXml('en')).not.toContain('<w:bidi');
  });
});
