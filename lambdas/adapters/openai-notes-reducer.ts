import { NotesReductionSchema, type MergedNotes, type NotesEngine, type NotesReduction, type TokenUsage } from '../../shared/contracts/notes';
import { JobError } from '../../shared/domain/job-error';
import { formatClock } from '../../shared/domain/time-formats';
import { DEFAULT_NOTES_REQUEST, type NotesRequest } from '../../shared/contracts/job';
import type { NotesReducer } from '../../shared/ports/notes-reducer';
import { notesRequestLines } from './openai-notes-request';
import { OpenAiStructuredChat, type OpenAiChatOptions } from './openai-structured-chat';

const SYSTEM_PROMPT = [
  'You finish the study notes of one lecture. The lecture was cut into consecutive slices, one after the other with no gaps;',
  'each slice was written up on its own and code joined them. You get those joined notes, never the transcript.',
  'The lecture is the union of all the slices: the first slice matters as much as the last, and a short slice adds to the others, it does not replace them.',
  'Return:',
  '- title: the title of the whole lecture;',
  '- overview: sentences on what the whole lecture covers, from its first section to its last, as many as the style asks;',
  '- sectionTitles: exactly one title per section, in the order given, each naming the section\'s topic in a few words (keep the given title when it already does);',
  '- reviewQuestions: the questions a student should study, picked from the candidates and mended where needed, covering the whole lecture, in the order a student should study them; ' +
    'each with its answer from the notes and `at`, the second of the lecture it refers to.',
  'Use only what the notes say: add no facts. Write in the lecture\'s language.',
].join('\n');

/** Title, overview, section titles and review questions over the whole lecture, from a chat-completions model. */
export class OpenAiNotesReducer implements NotesReducer {
  readonly engine: NotesEngine;
  private readonly chat: OpenAiStructuredChat;

  constructor(options: OpenAiChatOptions) {
    this.chat = new OpenAiStructuredChat(options);
    this.engine = { kind: 'openai', model: options.model };
  }

  async reduce(merged: MergedNotes, request: NotesRequest = DEFAULT_NOTES_REQUEST): Promise<{ reduction: NotesReduction; usage: TokenUsage; caveats: string[] }> {
    const answer = await this.chat.ask({
      name: 'notes_reduction',
      schema: NotesReductionSchema,
      system: SYSTEM_PROMPT,
      user: [describeMerged(merged), '', ...notesRequestLines(request)].join('\n'),
      check: (reduction) => problemWith(reduction, merged),
    });
    if ('value' in answer) return { reduction: answer.value, usage: answer.usage, caveats: [] };
    throw new JobError(
      'NotesGenerationFailed',
      `The notes model ${this.engine.model} gave no usable overview of the whole lecture (${merged.sections.length} sections) ` +
        `after ${answer.problems.length} attempts: ${answer.problems.join('; ')}.`,
    );
  }
}

/** What the schema cannot hold the model to: one title per section, and questions about moments of this lecture. */
function problemWith(reduction: NotesReduction, merged: MergedNotes): string | undefined {
  const expected = merged.sections.length;
  if (reduction.sectionTitles.length !== expected) {
    return `sectionTitles had ${reduction.sectionTitles.length} titles, but the notes have ${expected} sections: give exactly one per section, in order`;
  }
  // The schema cannot require text: strict structured outputs refuse length limits.
  if (!reduction.title.trim() || !reduction.overview.trim()) return 'the title and the overview must not be empty';
  if (reduction.sectionTitles.some((title) => !title.trim())) return 'every section title must name its topic, none may be empty';
  if (reduction.reviewQuestions.some((question) => !question.question.trim() || !question.answer.trim())) {
    return 'every review question needs its question and its answer';
  }
  const duration = merged.source.durationSeconds;
  const outside = reduction.reviewQuestions.filter((question) => question.at < 0 || question.at > duration);
  if (outside.length > 0) {
    return `${outside.length} review question(s) refer to times outside the lecture, 0 to ${duration} s (first: "${outside[0]!.question}" at ${outside[0]!.at} s)`;
  }
  return undefined;
}

/** The merged notes, compact: what a whole-lecture view needs, never the transcript. */
function describeMerged(merged: MergedNotes): string {
  const { source } = merged;
  const notes = {
    sections: merged.sections.map((section, index) => ({
      index,
      title: section.title,
      from: formatClock(section.start),
      to: formatClock(section.end),
      summary: section.summary,
      keyPoints: section.keyPoints,
    })),
    glossaryTerms: merged.glossary.map((entry) => entry.term),
    candidateQuestions: merged.reviewQuestions.map(({ question, answer, at }) => ({ question, answer, at })),
  };
  return [
    `Lecture file: ${source.fileName}; duration ${formatClock(source.durationSeconds)} (${source.durationSeconds} s); ` +
      `language "${source.language}" (ISO 639-1; "und" when unknown, then the notes' language): write in it.`,
    `The ${merged.sections.length} sections below come from consecutive slices of this one lecture, in lecture order. ` +
      `Give exactly ${merged.sections.length} sectionTitles, and question times between 0 and ${source.durationSeconds} s.`,
    '',
    JSON.stringify(notes),
  ].join('\n');
}
