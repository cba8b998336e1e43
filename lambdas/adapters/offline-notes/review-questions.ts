import type { Definition, NotesList, ReviewQuestion } from '../../../shared/contracts/notes';
import type { WorkedExample } from './worked-examples';

/** "three kinds of anomalies" in "There are three kinds of anomalies". */
const COUNTED = /\b(?<count>two|three|four|five|six|seven|eight|nine|ten|several|\p{N}+)\s+(?<what>[\p{L}][\p{L}\s'-]*)$/iu;

/**
 * "What is meant by “deadlock”?": a form that needs no article, which the
 * term alone cannot tell. The answer is the definition as the glossary
 * gives it, word for word.
 */
export function definitionQuestion(definition: Definition, at: number): ReviewQuestion {
  return { question: `What is meant by “${definition.term}”?`, answer: definition.definition, at };
}

/** The term a question made by `definitionQuestion` asks about. */
export const termAskedAbout = (question: ReviewQuestion): string | undefined => /^What is meant by “(?<term>.+)”\?$/u.exec(question.question)?.groups?.term;

/** "Name the three kinds of anomalies.", answered with the items as listed. */
export function listQuestion(list: NotesList, sectionTitle: string, at: number): ReviewQuestion {
  const counted = COUNTED.exec(list.title.replace(/[:.]+$/u, '').trim())?.groups;
  const question = counted ? `${sectionTitle}: name the ${counted.count!.toLowerCase()} ${counted.what!.trim()}.` : `${sectionTitle}: name the ${list.items.length} points the lecture lists.`;
  return { question, answer: list.items.join('; '), at };
}

/** "Work through the example on ...", answered with the example as the lecturer gave it. */
export function exampleQuestion(example: WorkedExample, sectionTitle: string): ReviewQuestion {
  return { question: `Work through the example on ${sectionTitle}.`, answer: example.text, at: example.at };
}
