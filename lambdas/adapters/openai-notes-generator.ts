import { ChunkNotesSchema, type ChunkNotes, type NotesEngine, type TokenUsage } from '../../shared/contracts/notes';
import type { Chunk } from '../../shared/contracts/transcript';
import { JobError } from '../../shared/domain/job-error';
import { formatClock } from '../../shared/domain/time-formats';
import { DEFAULT_NOTES_REQUEST, type NotesRequest } from '../../shared/contracts/job';
import type { NotesGenerator } from '../../shared/ports/notes-generator';
import { notesRequestLines } from './openai-notes-request';
import { OpenAiStructuredChat, type OpenAiChatOptions } from './openai-structured-chat';

const SYSTEM_PROMPT = [
  'You write accurate study notes from one part of a lecture transcript. Other parts are written up separately and joined by code,',
  'so cover this part only, and all of it: leave out asides, jokes, fillers and audience chatter, never a topic.',
  'Return:',
  '- continuesPreviousTopic: true when this part opens in the middle of the topic the context from the previous part was about; false for the first part or a new topic;',
  '- sections: the topics in the order they are taught, each with a title that names the topic in a few words, start and end in seconds from the start of the recording ' +
    '(use the [mm:ss] times of the sentences), a one- or two-sentence summary, key points, and where the lecturer gives them: definitions, worked examples, formulas (as said or written) and lists (enumerations, with their items);',
  '- glossary: the terms the lecturer explains, each with a one-line definition and firstExplainedAt, the second at which it is explained;',
  '- reviewQuestions: questions a student could answer from this part, each with its answer from the lecture and `at`, the second it refers to;',
  '- actionItems: assignments, readings and deadlines the lecturer says aloud, with `due` as said (empty when none) and `at`.',
  'Use only what the lecturer says: do not add facts, examples, formulas or definitions that are not in the transcript. A field this part has nothing for stays an empty list.',
  'Sentences marked as context from the previous part were already covered there: read them for continuity but do not write notes on them again.',
].join('\n');

/** Study notes for one chunk from a chat-completions model with structured output. */
export class OpenAiNotesGenerator implements NotesGenerator {
  readonly engine: NotesEngine;
  private readonly chat: OpenAiStructuredChat;

  constructor(options: OpenAiChatOptions) {
    this.chat = new OpenAiStructuredChat(options);
    this.engine = { kind: 'openai', model: options.model };
  }

  async generate(chunk: Chunk, request: NotesRequest = DEFAULT_NOTES_REQUEST): Promise<{ notes: ChunkNotes; usage: TokenUsage }> {
    const answer = await this.chat.ask({
      name: 'chunk_notes',
      schema: ChunkNotesSchema,
      system: SYSTEM_PROMPT,
      user: [describeChunk(chunk), '', ...notesRequestLines(request)].join('\n'),
      check: untitledSections,
    });
    if ('value' in answer) return { notes: withoutEmptyEntries(clampTimes(answer.value, chunk)), usage: answer.usage };
    throw new JobError(
      'NotesGenerationFailed',
      `The notes model ${this.engine.model} gave no usable notes for part ${chunk.index + 1} of ${chunk.count} ` +
        `after ${answer.problems.length} attempts: ${answer.problems.join('; ')}.`,
    );
  }
}

function describeChunk(chunk: Chunk): string {
  const line = (sentence: Chunk['sentences'][number]) => `[${formatClock(sentence.start)}] ${sentence.text}`;
  const context = chunk.sentences.slice(0, chunk.overlapSentences).map(line);
  const body = chunk.sentences.slice(chunk.overlapSentences).map(line);
  return [
    `This is part ${chunk.index + 1} of ${chunk.count} of the lecture, from ${formatClock(chunk.start)} to ${formatClock(chunk.end)} ` +
      `(${chunk.start} s to ${chunk.end} s). Every time in the notes must lie within that range.`,
    `The lecture's language is "${chunk.language}" (ISO 639-1; "und" when unknown, then use the transcript's language): write the notes in it.`,
    ...(context.length > 0
      ? ['', 'Context from the previous part (already covered, do not write notes on it again; it tells whether this part continues its topic):', ...context]
      : []),
    '',
    'Transcript of this part:',
    ...body,
  ].join('\n');
}

/** The schema cannot require text (strict structured outputs refuse length limits): a section must be named. */
function untitledSections(notes: ChunkNotes): string | undefined {
  const untitled = notes.sections.filter((section) => !section.title.trim()).length;
  return untitled > 0 ? `${untitled} section(s) had an empty title: give every section a title naming its topic` : undefined;
}

const hasText = (text: string) => text.trim().length > 0;

/** Empty entries say nothing, and an empty term or question would show as a blank line or card. */
function withoutEmptyEntries(notes: ChunkNotes): ChunkNotes {
  return {
    ...notes,
    sections: notes.sections.map((section) => ({
      ...section,
      keyPoints: section.keyPoints.filter(hasText),
      definitions: section.definitions.filter((entry) => hasText(entry.term) && hasText(entry.definition)),
      examples: section.examples.filter(hasText),
      formulas: section.formulas.filter(hasText),
      lists: section.lists
        .map((list) => ({ ...list, items: list.items.filter(hasText) }))
        .filter((list) => hasText(list.title) && list.items.length > 0),
    })),
    glossary: notes.glossary.filter((entry) => hasText(entry.term) && hasText(entry.definition)),
    reviewQuestions: notes.reviewQuestions.filter((question) => hasText(question.question) && hasText(question.answer)),
    actionItems: notes.actionItems.filter((item) => hasText(item.task)),
  };
}

/** Models misread times now and then; every time must stay inside its chunk, and a section run forwards. */
function clampTimes(notes: ChunkNotes, chunk: Chunk): ChunkNotes {
  const clamp = (seconds: number) => Math.min(Math.max(seconds, chunk.start), chunk.end);
  return {
    ...notes,
    sections: notes.sections.map((section) => {
      const start = clamp(section.start);
      const end = clamp(section.end);
      return { ...section, start: Math.min(start, end), end: Math.max(start, end) };
    }),
    glossary: notes.glossary.map((entry) => ({ ...entry, firstExplainedAt: clamp(entry.firstExplainedAt) })),
    reviewQuestions: notes.reviewQuestions.map((question) => ({ ...question, at: clamp(question.at) })),
    actionItems: notes.actionItems.map((item) => ({ ...item, at: clamp(item.at) })),
  };
}
