import type { ActionItem, Definition, GlossaryEntry, LectureNotes, NotesSection, ReviewQuestion } from '../../../shared/contracts/notes';
import { formatClock } from '../../../shared/domain/time-formats';
import { sectionTitle } from '../../../shared/domain/notes-wording';
import { DEFAULT_NOTES_STYLE, NOTES_STYLES, type NotesStyleName } from '../../../shared/domain/notes-styles';
import { TimeStamp } from './time-stamp';
import './notes-body.css';

/* The notes' parts as the page shows them. Every text came from a recording or a model: it goes in
   as text, never as markup. A part the notes have nothing for is left out, heading and all. */

/** Ids the page gives its section headings; nothing in the notes chooses an id. */
export const sectionId = (index: number) => `section-${index + 1}`;

const nonBlank = (items: readonly string[]) => items.map((item) => item.trim()).filter(Boolean);

function Points({ title, items }: { title: string; items: readonly string[] }) {
  const shown = nonBlank(items);
  if (shown.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul>
        {shown.map((item, index) => (
          <li key={index}>{item}</li>
        ))}
      </ul>
    </>
  );
}

function Definitions({ entries }: { entries: readonly Definition[] }) {
  const shown = entries.filter((entry) => entry.term.trim());
  if (shown.length === 0) return null;
  return (
    <>
      <h3>Definitions</h3>
      <dl class="definitions">
        {shown.map((entry, index) => (
          <div key={index}>
            <dt>{entry.term}</dt>
            <dd>{entry.definition}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

function Section({ section, index }: { section: NotesSection; index: number }) {
  const titleId = sectionId(index);
  return (
    <section class="notes-section" aria-labelledby={titleId}>
      <h2 id={titleId} tabIndex={-1}>
        {sectionTitle(section.title, index)}
      </h2>
      <p class="section-time">
        <TimeStamp seconds={section.start} />
        <span class="section-end"> – {formatClock(section.end)}</span>
      </p>
      {section.summary.trim() && <p class="section-summary">{section.summary}</p>}
      <Points title="Key points" items={section.keyPoints} />
      <Definitions entries={section.definitions} />
      <Points title="Examples" items={section.examples} />
      <Points title="Formulas" items={section.formulas} />
      {section.lists.map((list, listIndex) => {
        const items = nonBlank(list.items);
        if (items.length === 0) return null;
        return (
          <div key={listIndex}>
            <h3>{list.title.trim() || 'List'}</h3>
            <ol>
              {items.map((item, itemIndex) => (
                <li key={itemIndex}>{item}</li>
              ))}
            </ol>
          </div>
        );
      })}
    </section>
  );
}

function Glossary({ entries }: { entries: readonly GlossaryEntry[] }) {
  const shown = entries.filter((entry) => entry.term.trim());
  if (shown.length === 0) return null;
  return (
    <section aria-labelledby="glossary-title">
      <h2 id="glossary-title">Glossary</h2>
      <dl class="definitions">
        {shown.map((entry, index) => (
          <div key={index}>
            <dt>{entry.term}</dt>
            <dd>
              {entry.definition} <span class="first-explained">first explained at <TimeStamp seconds={entry.firstExplainedAt} /></span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function ReviewQuestions({ questions }: { questions: readonly ReviewQuestion[] }) {
  const shown = questions.filter((entry) => entry.question.trim());
  if (shown.length === 0) return null;
  return (
    <section aria-labelledby="questions-title">
      <h2 id="questions-title">Review questions</h2>
      <ol class="review-questions">
        {shown.map((entry, index) => (
          <li key={index}>
            <p class="question">
              {entry.question} <TimeStamp seconds={entry.at} />
            </p>
            <p class="answer">
              <strong>Answer:</strong> {entry.answer}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}

function ActionItems({ items }: { items: readonly ActionItem[] }) {
  const shown = items.filter((item) => item.task.trim());
  if (shown.length === 0) return null;
  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">Action items</h2>
      <ul>
        {shown.map((item, index) => (
          <li key={index}>
            {item.task}
            {item.due.trim() && <span class="due"> (due {item.due})</span>} <TimeStamp seconds={item.at} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * Caveats, overview, the sections in lecture order, then glossary, review questions and action
 * items; notes for exam preparation ask their questions right after the overview.
 */
export function NotesBody({ notes, style = DEFAULT_NOTES_STYLE }: { notes: LectureNotes; style?: NotesStyleName }) {
  const questionsFirst = NOTES_STYLES[style].questionsFirst;
  const caveats = nonBlank(notes.caveats);
  return (
    <div class="notes-body">
      {caveats.length > 0 && (
        <aside class="notes-caveats" aria-label="Caveats">
          <ul>
            {caveats.map((caveat, index) => (
              <li key={index}>{caveat}</li>
            ))}
          </ul>
        </aside>
      )}
      {notes.overview.trim() && (
        <section aria-labelledby="overview-title">
          <h2 id="overview-title">Overview</h2>
          <p>{notes.overview}</p>
        </section>
      )}
      {questionsFirst && <ReviewQuestions questions={notes.reviewQuestions} />}
      {notes.sections.map((section, index) => (
        <Section key={index} section={section} index={index} />
      ))}
      <Glossary entries={notes.glossary} />
      {!questionsFirst && <ReviewQuestions questions={notes.reviewQuestions} />}
      <ActionItems items={notes.actionItems} />
    </div>
  );
}
