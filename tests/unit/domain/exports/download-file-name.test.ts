import { describe, expect, it } from 'vitest';
import { attachmentDisposition, dispositionFileName } from '../../../../shared/domain/exports/download-file-name';

/** Both names a header gives: the plain one every client reads, and filename* decoded. */
function namesOf(header: string) {
  const plain = /filename="([^"]*)"/.exec(header)?.[1];
  const extended = /filename\*=UTF-8''([^;\s]+)/.exec(header)?.[1];
  return { plain, extended: extended === undefined ? undefined : decodeURIComponent(extended) };
}

/** What no name may hold on Windows, macOS or Linux, nor as a header's quoted string. */
const UNSAFE = /[/\\:*?"<>|\p{Cc}\p{Cf}]|^[\s.]|[\s.]$/u;

describe('attachmentDisposition', () => {
  it('names an ASCII title as it is, once, as an attachment', () => {
    expect(attachmentDisposition('How databases keep promises', 'notes.md')).toBe('attachment; filename="How databases keep promises.notes.md"');
  });

  it('gives a Unicode title as filename* (RFC 5987) beside an ASCII fallback without the accents', () => {
    const header = attachmentDisposition('Él ciclo del agua: ¿por qué llueve?', 'notes.docx');

    expect(header).toMatch(/^attachment; filename="[^"]+"; filename\*=UTF-8''[A-Za-z0-9!#$&+.^_`|~%-]+$/);
    expect(namesOf(header)).toEqual({ plain: 'El ciclo del agua _por que llueve.notes.docx', extended: 'Él ciclo del agua ¿por qué llueve.notes.docx' });
  });

  it.each([
    ['path separators', '../../etc/passwd', 'etc passwd'],
    ['a Windows path', 'C:\\Users\\notes', 'C Users notes'],
    ['characters Windows refuses', 'What is <b>*this*</b>? "A" | B', 'What is b this b A B'],
    ['control characters and line breaks', 'Week\u00003\r\nNotes\t', 'Week 3 Notes'],
    ['a right-to-left override', 'notes\u202Efdp.exe', 'notes fdp.exe'],
    ['trailing dots and spaces', 'The end... ', 'The end'],
    ['leading dots', '...hidden', 'hidden'],
  ])('makes %s safe', (_, title, stem) => {
    const header = attachmentDisposition(title, 'notes.md');
    const { plain, extended } = namesOf(header);

    expect(plain).toBe(`${stem}.notes.md`);
    expect(extended).toBeUndefined();
    expect(plain!.replace(/\.notes\.md$/, '')).not.toMatch(UNSAFE);
  });

  it.each(['CON', 'con', 'Nul', 'COM1', 'lpt9', 'AUX.lecture', 'PRN'])('keeps the Windows device name %s from being the name', (title) => {
    const { plain } = namesOf(attachmentDisposition(title, 'notes.md'));

    expect(plain).toBe(`_${title}.notes.md`);
  });

  it('names a title that is empty or nothing but unsafe characters "Lecture notes"', () => {
    for (const title of ['', '   ', '///', '...', '\u0000\u0001']) {
      expect(attachmentDisposition(title, 'notes.json')).toBe('attachment; filename="Lecture notes.notes.json"');
    }
  });

  it('falls back to "Lecture notes" in ASCII for a title with no Latin letters, keeping the title in filename*', () => {
    const header = attachmentDisposition('データベースの講義', 'transcript.vtt');

    expect(namesOf(header)).toEqual({ plain: 'Lecture notes.transcript.vtt', extended: 'データベースの講義.transcript.vtt' });
  });

  it('caps a long title at 150 bytes of UTF-8 before the suffix, without splitting a character or leaving a space at the end', () => {
    const ascii = namesOf(attachmentDisposition(`${'word '.repeat(60)}end`, 'notes.md')).plain!;
    expect(new TextEncoder().encode(ascii.replace(/\.notes\.md$/, '')).length).toBeLessThanOrEqual(150);
    expect(ascii).toMatch(/word\.notes\.md$/);

    const family = '👩‍👩‍👧‍👦';
    const emoji = namesOf(attachmentDisposition(family.repeat(20), 'notes.md')).extended!;
    const stem = emoji.replace(/\.notes\.md$/, '');
    expect(new TextEncoder().encode(stem).length).toBeLessThanOrEqual(150);
    expect(stem).toBe(family.repeat(Math.floor(150 / new TextEncoder().encode(family).length)));
  });

  it('percent-encodes what RFC 5987 does not allow, and keeps "%" out of the plain name', () => {
    const header = attachmentDisposition("50% of what's (not) *taught*: l'été", 'notes.md');

    expect(/filename\*=UTF-8''(.+)$/.exec(header)?.[1]).toMatch(/^[A-Za-z0-9!#$&+.^_`|~%-]+$/);
    expect(namesOf(header)).toEqual({ plain: "50_ of what's (not) taught l'ete.notes.md", extended: "50% of what's (not) taught l'été.notes.md" });
  });
});

describe('dispositionFileName', () => {
  it.each([
    'How databases keep promises',
    'Él ciclo del agua',
    'データベースの講義',
    "50% of what's (not) taught",
  ])('reads back the name attachmentDisposition gives %s, filename* first', (title) => {
    const header = attachmentDisposition(title, 'notes.md');

    expect(dispositionFileName(header)).toBe(namesOf(header).extended ?? namesOf(header).plain);
  });

  it('reads a plain or unquoted filename, and nothing from no header', () => {
    expect(dispositionFileName('attachment; filename="a \\"b\\".md"')).toBe('a "b".md');
    expect(dispositionFileName('attachment; filename=plain.md')).toBe('plain.md');
    expect(dispositionFileName(null)).toBeUndefined();
    expect(dispositionFileName('inline')).toBeUndefined();
  });
});
