import { describe, expect, it } from 'vitest';
import { notesContentsLine } from '../../../cli/notes-contents';
import { bareSection, studyNotes } from '../../fixtures/study-notes';

describe('notesContentsLine', () => {
  it('counts sections, glossary terms, review questions and action items, and names the language and engine', () => {
    expect(notesContentsLine(studyNotes())).toBe(
      'The notes hold 2 sections, 2 glossary terms, 1 review question, 1 action item; English (en), by the offline engine (wink-eng-lite-web-model).',
    );
  });

  it('leaves out action items when the lecture gave none, and counts what is empty as none', () => {
    const notes = studyNotes({
      sections: [bareSection('Only one', 0, 60)],
      glossary: [],
      reviewQuestions: [],
      actionItems: [],
      source: { fileName: 'clase.vtt', durationSeconds: 60, language: 'es', engine: { kind: 'openai', model: 'gpt-6-luna' } },
    });
    expect(notesContentsLine(notes)).toBe('The notes hold 1 section, 0 glossary terms, 0 review questions; Spanish (es), by the openai engine (gpt-6-luna).');
  });
});
