import type { Definition, NotesList, ReviewQuestion } from '../../../shared/contracts/notes';
import { clipWords } from './clip-words';
import type { WorkedExample } from './worked-examples';

const MAX_ANSWER_WORDS = 16;
/** "three kinds of anomalies" in "There are three kinds of anomalies". */
const COUNTED = /\b(?<count>two|three|four|five|six|seven|eight|nine|ten|several|\p{N}+)\s+(?<what>[\p{L}][\p{L}\s'-]*)$/iu;

const isPlural = (term: string) => /(?<![sui])s$/iu.test(term.split(/\s+/u).at(-1) ?? '');

/** "What is a deadlock?", answered with the lecturer's definition. */
export function definitionQuestion(definition: Definition, at: number): ReviewQuestion {
  return { question: `What ${isPlural(definition.term) ? 'are' : 'is'} ${definition.term}?`, answer: clipWords(definition.definition, MAX_ANSWER_WORDS), at };
}

/** "Name the three kinds of anomalies.", answered with the items as listed. */
export function listQuestion(list: NotesList, sectionTitle: string, at: number): ReviewQuestion {
  const counted = COUNTED.exec(list.title.replace(/[:.]+$/u, '').trim())?.groups;
  const question = counted ? `${sectionTitle}: name the ${counted.count!.toLowerCase()} ${counted.what!.trim()}.` : `${sectionTitle}: name the ${list.items.length} points the lecture lists.`;
  return { question, answer: clipWords(list.items.join('; '), MAX_ANSWER_WORDS), at };
}

/** "Work through the example on ...", answered with the example as the lecturer gave it. */
export function exampleQuestion(example: WorkedExample, sectionTitle: string): ReviewQuestion {
  return { question: `Work through the example on ${sectionTitle}.`, answer: clipWords(example.text, MAX_ANSWER_WORDS), at: example.at };
}
