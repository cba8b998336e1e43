import OpenAI, { APIConnectionError, APIError, AuthenticationError, PermissionDeniedError } from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { ChatCompletion, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ReasoningEffort } from 'openai/resources/shared';
import { ChunkNotesSchema, type ChunkNotes, type NotesEngine, type TokenUsage } from '../../shared/contracts/notes';
import { describeIssues } from '../../shared/contracts/schema-issues';
import type { Chunk } from '../../shared/contracts/transcript';
import { JobError } from '../../shared/domain/job-error';
import { formatClock } from '../../shared/domain/time-formats';
import type { NotesGenerator } from '../../shared/ports/notes-generator';

export interface OpenAiNotesGeneratorOptions {
  apiKey: string;
  /** An OpenAI-compatible server (Ollama, vLLM); defaults to OPENAI_BASE_URL, then OpenAI itself. */
  baseURL?: string;
  model: string;
  /** Sent as `reasoning_effort`: a reasoning model thinks at medium effort unless told; absent for servers that take none. */
  reasoningEffort?: ReasoningEffort;
  /** The SDK's own retries of 408/409/429/5xx and connection faults. @default 2 */
  maxRetries?: number;
  /** Per request; the SDK's default of 10 minutes outlives a Lambda. @default 60_000 */
  timeoutMs?: number;
  /** How many more times to ask when the answer does not fit the notes schema. @default 2 */
  malformedRetries?: number;
}

const SYSTEM_PROMPT = [
  'You write accurate, concise study notes from one part of a lecture transcript.',
  'Return:',
  '- title: a short title for this part of the lecture;',
  '- summary: 2 to 4 sentences on what this part covers;',
  '- keyTerms: the important terms, each with its definition as the lecturer gave it, or an empty string when the lecturer did not define it;',
  '- sections: the topics in the order they are taught, each with a heading, start and end in seconds from the start of the recording (use the [mm:ss] times of the sentences), and 3 to 7 bullet points.',
  'Use only what the lecturer says: do not add facts, examples or definitions that are not in the transcript.',
  'Sentences marked as context from the previous part were already covered there: read them for continuity but do not summarise them again.',
].join('\n');

const CHUNK_NOTES_FORMAT = zodResponseFormat(ChunkNotesSchema, 'chunk_notes');

/** Study notes from a chat-completions model with structured output, so OpenAI-compatible local servers work too. */
export class OpenAiNotesGenerator implements NotesGenerator {
  readonly engine: NotesEngine;
  private readonly client: OpenAI;
  private readonly malformedRetries: number;
  private readonly reasoningEffort: ReasoningEffort | undefined;

  constructor(options: OpenAiNotesGeneratorOptions) {
    this.client = new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseURL,
      maxRetries: options.maxRetries ?? 2,
      timeout: options.timeoutMs ?? 60_000,
    });
    this.engine = { kind: 'openai', model: options.model };
    this.malformedRetries = options.malformedRetries ?? 2;
    this.reasoningEffort = options.reasoningEffort;
  }

  async generate(chunk: Chunk): Promise<{ notes: ChunkNotes; usage: TokenUsage }> {
    const messages: ChatCompletionMessageParam[] = [
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: describeChunk(chunk) },
    ];
    const usage: TokenUsage = { inputTokens: 0, outputTokens: 0 };
    const problems: string[] = [];
    for (let attempt = 0; attempt <= this.malformedRetries; attempt++) {
      const completion = await this.complete(messages);
      usage.inputTokens += completion.usage?.prompt_tokens ?? 0;
      usage.outputTokens += completion.usage?.completion_tokens ?? 0;
      const answer = readNotes(completion);
      if ('notes' in answer) return { notes: clampSectionTimes(answer.notes, chunk), usage };
      problems.push(answer.problem);
    }
    throw new JobError(
      'NotesGenerationFailed',
      `The notes model ${this.engine.model} gave no usable notes for part ${chunk.index + 1} of ${chunk.count} ` +
        `after ${problems.length} attempts: ${problems.join('; ')}.`,
    );
  }

  /**
   * `create` rather than `parse`: `parse` throws away the completion, usage
   * included, when the content does not fit the schema, and those tokens are paid for.
   */
  private async complete(messages: ChatCompletionMessageParam[]): Promise<ChatCompletion> {
    try {
      return await this.client.chat.completions.create({
        model: this.engine.model,
        messages,
        response_format: CHUNK_NOTES_FORMAT,
        ...(this.reasoningEffort ? { reasoning_effort: this.reasoningEffort } : {}),
      });
    } catch (error) {
      throw toJobError(error, { model: this.engine.model, baseURL: this.client.baseURL });
    }
  }
}

function describeChunk(chunk: Chunk): string {
  const line = (sentence: Chunk['sentences'][number]) => `[${formatClock(sentence.start)}] ${sentence.text}`;
  const context = chunk.sentences.slice(0, chunk.overlapSentences).map(line);
  const body = chunk.sentences.slice(chunk.overlapSentences).map(line);
  return [
    `This is part ${chunk.index + 1} of ${chunk.count} of the lecture, from ${formatClock(chunk.start)} to ${formatClock(chunk.end)} ` +
      `(${chunk.start} s to ${chunk.end} s). Section times must lie within that range.`,
    ...(context.length > 0
      ? ['', 'Context from the previous part (already covered, do not summarise again):', ...context]
      : []),
    '',
    'Transcript of this part:',
    ...body,
  ].join('\n');
}

type Answer = { notes: ChunkNotes } | { problem: string };

function readNotes(completion: ChatCompletion): Answer {
  const choice = completion.choices[0];
  if (!choice) return { problem: 'the response had no choices' };
  if (choice.finish_reason === 'length') return { problem: 'the answer was cut off at the output token limit' };
  if (choice.finish_reason === 'content_filter') return { problem: 'the answer was stopped by the content filter' };
  if (choice.message.refusal) return { problem: `the model refused: "${choice.message.refusal}"` };
  const content = choice.message.content;
  if (!content) return { problem: 'the answer was empty' };
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return { problem: `the answer was not JSON (it began "${content.slice(0, 40)}")` };
  }
  const parsed = ChunkNotesSchema.safeParse(json);
  if (!parsed.success) {
    return { problem: `the JSON did not fit the notes schema (${describeIssues(parsed.error, 'the answer')})` };
  }
  return { notes: parsed.data };
}

/** Models misread times now and then; a section must stay inside its chunk and run forwards. */
function clampSectionTimes(notes: ChunkNotes, chunk: Chunk): ChunkNotes {
  const clamp = (seconds: number) => Math.min(Math.max(seconds, chunk.start), chunk.end);
  return {
    ...notes,
    sections: notes.sections.map((section) => {
      const start = clamp(section.start);
      const end = clamp(section.end);
      return { ...section, start: Math.min(start, end), end: Math.max(start, end) };
    }),
  };
}

function toJobError(error: unknown, { model, baseURL }: { model: string; baseURL: string }): unknown {
  if (!(error instanceof APIError)) return error;
  const options = { cause: error };
  const provider = `The notes provider at ${baseURL}`;
  // Connection faults, timeouts included, carry no status.
  if (error instanceof APIConnectionError || isTransientStatus(error.status)) {
    return new JobError(
      'ProviderUnavailable',
      `${provider} is unavailable (${describe(error)}) even after retries. This is usually temporary; the job can be retried.`,
      options,
    );
  }
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
    return new JobError(
      'ProviderRejected',
      `${provider} rejected the API key (${describe(error)}). Set OPENAI_API_KEY to a valid key with access to model ${model}.`,
      options,
    );
  }
  return new JobError(
    'ProviderRejected',
    `${provider} refused the request for model ${model} (${describe(error)}). Check that OPENAI_MODEL names a model this provider serves.`,
    options,
  );
}

/** The statuses the SDK itself retries: if they are still failing, the provider is struggling, not refusing. */
const isTransientStatus = (status: number | undefined): boolean =>
  status === 408 || status === 409 || status === 429 || (status !== undefined && status >= 500);

/** The SDK's message already starts with the status, e.g. "404 The model `x` does not exist". */
const describe = (error: APIError): string =>
  error.status === undefined ? error.message : `HTTP ${error.message}`;
