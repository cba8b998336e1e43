import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { renderAnkiCsv } from '../../../../shared/domain/exports/anki-csv';
import { studyNotes } from '../../../fixtures/study-notes';

/** Read as Anki reads the file: "#" lines at the top set the import up, every other line is a note. */
function readCards(csv: string) {
  const header = csv.split('\r\n').filter((line) => line.startsWith('#'));
  const rows: string[][] = parse(csv, { comment: '#', comment_no_infix: true, relax_column_count: false });
  return { header, rows };
}

describe('renderAnkiCsv', () => {
  it('writes the review questions, then the glossary, as Front, Back, Tags rows a CSV reader reads back whole', () => {
    const { header, rows } = readCards(renderAnkiCsv(studyNotes({ title: 'How Databases Keep Promises' })));

    expect(header).toEqual(['#separator:Comma', '#html:false', '#columns:Front,Back,Tags', '#tags column:3']);
    expect(rows).toEqual([
      ['What is a transaction?', 'A unit of work that commits or rolls back as a whole. [1:02]', 'How_Databases_Keep_Promises question'],
      ['transaction', 'a unit of work that commits or rolls back as a whole [1:02]', 'How_Databases_Keep_Promises glossary'],
      ['MVCC', 'keeping several versions of a row so readers do not block writers [14:05]', 'How_Databases_Keep_Promises glossary'],
    ]);
  });

  it('quotes commas, quotes and a leading "#" so each card stays one row of three fields', () => {
    const notes = studyNotes({
      title: 'Say "ACID", twice',
      reviewQuestions: [{ question: '#1: what does "C" stand for, in ACID?', answer: 'Consistency,\nnot "correctness"', at: 90 }],
      glossary: [{ term: '=SUM(A1)', definition: 'a formula, as text', firstExplainedAt: 0 }],
    });

    const { rows } = readCards(renderAnkiCsv(notes));

    expect(rows).toEqual([
      ['#1: what does "C" stand for, in ACID?', 'Consistency, not "correctness" [1:30]', 'Say_ACID,_twice question'],
      ['=SUM(A1)', 'a formula, as text [0:00]', 'Say_ACID,_twice glossary'],
    ]);
  });

  it('leaves out a card with nothing on one side, and writes only the header for notes with no questions or terms', () => {
    const notes = studyNotes({
      reviewQuestions: [{ question: 'Why?', answer: '  ', at: 1 }],
      glossary: [{ term: '', definition: 'orphan', firstExplainedAt: 2 }],
    });
    expect(readCards(renderAnkiCsv(notes)).rows).toEqual([]);
    expect(readCards(renderAnkiCsv(studyNotes({ reviewQuestions: [], glossary: [] }))).rows).toEqual([]);
  });
});
