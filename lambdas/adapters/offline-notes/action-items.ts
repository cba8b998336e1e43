import type { ActionItem } from '../../../shared/contracts/notes';
import { withinWords } from './word-budget';
import { quotedSentences } from './quoted-sentences';
import type { AnalysedSentence } from './sentence-analysis';

const MAX_TASK_WORDS = 30;
/** Work the students are given to do. */
const ASSIGNMENT =
  /\b(?:homework|assignment|problem set|exercise sheet|worksheet|lab report|essay|project|(?:quiz|midterm|exam|test)\s+(?:is\s+|will\s+be\s+)?(?:on|next|this|in)\b|reading|read (?:the |chapters?|sections?|pages?|up to)|(?:hand|turn) (?:it |them )?in|submit|due|deadline|prepare|review (?:chapter|section|your notes))\b/iu;
/** Reported or hypothetical uses of the same words ("the exam question asked ...") are not assignments unless the students are told. */
const TOLD_TO = /\b(?:you|your|please|make sure|remember to|don't forget|for (?:homework|next|this|monday|tuesday|wednesday|thursday|friday)|(?:is|are) (?:on|posted on) the course (?:page|site)|is due|are due|'s due|due (?:on|by|next|this|in|tomorrow)|by (?:next|this|monday|tuesday|wednesday|thursday|friday|tomorrow|the end))\b/iu;
const DAY = String.raw`(?:(?:a|one|two) weeks? from (?:today|now|monday|tuesday|wednesday|thursday|friday)|in (?:a|one|two|three) weeks?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|next (?:week|class|time|lecture|session)|the end of (?:the )?(?:week|month|term|semester)|(?:this|next) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week))`;
const DUE = new RegExp(String.raw`\b(?:due|by|before|until|for)\s+(?:on\s+)?(?<due>${DAY}(?:\s+at\s+[\p{L}\p{N}:.\s]{1,12}?(?=[,.;]|$))?|(?:the\s+)?\p{N}{1,2}(?:st|nd|rd|th)?(?:\s+of\s+\p{L}+)?)`, 'iu');

/** "is due on Friday" names the deadline more surely than "for next week" before it. */
const DUE_AFTER_DUE = new RegExp(DUE.source.replace(String.raw`(?:due|by|before|until|for)`, 'due'), 'iu');

/**
 * Without a deadline, the students must be told to do the work: "You'll do
 * this on the problem set" and "Think of insulin as a key" say what happens
 * or explain, and assign nothing.
 */
const ASSIGNS = /\b(?:please|for homework|read|reading|posted|on the course (?:page|site)|submit|hand (?:it |them )?in|turn (?:it |them )?in|due|remember to|don't forget|make sure)\b/iu;

/** A recap lists what was taught; an assignment said in it is one already given. */
const RECAP = /^(?:to sum up|in summary|so to recap|to recap|recap)\b/iu;

/** "It's due a week from Friday": a deadline said after its assignment belongs to it. */
const DEADLINE_ONLY = /^(?:it|this|that|they|these|both)(?:'s|'re|\s+is|\s+are)\s+due\b/iu;

/** A task said at length is quoted to a clause end, else whole: cut mid-sentence it would lose what to do. */
const shortTask = (task: string) => withinWords(task, MAX_TASK_WORDS) ?? task;

/** Assignments, readings and deadlines the lecturer gives, each quoted from the sentence that gives it, with the deadline as said. */
export function actionItemsIn(sentences: readonly AnalysedSentence[]): ActionItem[] {
  const items: ActionItem[] = [];
  for (const sentence of sentences) {
    // A capital "And" inside a caption line is a sentence the captions ran on into: "... at five PM And for Thursday, read ...".
    for (const part of quotedSentences(sentence.text).flatMap((piece) => piece.split(/\s+(?=(?:And|Also|Plus)\s)/u))) {
      if (!ASSIGNMENT.test(part) || !TOLD_TO.test(part) || part.endsWith('?') || RECAP.test(part)) continue;
      const due = (DUE_AFTER_DUE.exec(part) ?? DUE.exec(part))?.groups?.due?.trim() ?? '';
      if (!due && !ASSIGNS.test(part)) continue;
      const previous = items.at(-1);
      if (DEADLINE_ONLY.test(part) && previous && !previous.due) {
        previous.due = due;
        continue;
      }
      items.push({
        task: shortTask(part.replace(/^(?:and|also|so)[,\s]+/iu, '').replace(/^\p{Ll}/u, (letter) => letter.toUpperCase())),
        due,
        at: sentence.start,
      });
    }
  }
  return items;
}
