import OpenAI, { APIConnectionError, APIError, AuthenticationError, PermissionDeniedError } from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { ChatCompletion, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ReasoningEffort } from 'openai/resources/shared';
import type { z } from 'zod';
import type { TokenUsage } from '../../shared/contracts/notes';
import { describeIssues } from '../../shared/contracts/schema-issues';
import { JobError } from '../../shared/domain/job-error';

/* The one home of how the notes adapters talk to a chat-completions model:
   the client's settings, the structured-output request, reading the answer,
   asking again when it does not fit, and mapping provider errors to JobErrors.
   chat.completions rather than responses, so OpenAI-compatible servers work too. */

export interface OpenAiChatOptions {
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
  /** How many more times to ask when the answer does not fit. @default 2 */
  malformedRetries?: number;
}

export interface StructuredRequest<T> {
  /** The schema's name in the request, e.g. `chunk_notes`. */
  name: string;
  schema: z.ZodType<T>;
  system: string;
  user: string;
  /** What the schema cannot say (counts, ranges): a problem makes the answer malformed, as a schema misfit does. */
  check?: (value: T) => string | undefined;
}

/** The answer, with the tokens of every ask; or every problem met when no ask gave a usable answer. */
export type StructuredAnswer<T> = { value: T; usage: TokenUsage } | { problems: string[]; usage: TokenUsage };

export class OpenAiStructuredChat {
  readonly model: string;
  private readonly client: OpenAI;
  private readonly reasoningEffort: ReasoningEffort | undefined;
  private readonly malformedRetries: number;

  constructor(options: OpenAiChatOptions) {
    this.client = new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseURL,
      maxRetries: options.maxRetries ?? 2,
      timeout: options.timeoutMs ?? 60_000,
    });
    this.model = options.model;
    this.reasoningEffort = options.reasoningEffort;
    this.malformedRetries = options.malformedRetries ?? 2;
  }

  /**
   * Asks until the answer fits, at most 1 + malformedRetries times. A later ask
   * carries the earlier answer and what was wrong with it, so the model can mend it.
   */
  async ask<T>(request: StructuredRequest<T>): Promise<StructuredAnswer<T>> {
    const format = zodResponseFormat(request.schema, request.name);
    const messages: ChatCompletionMessageParam[] = [
      { role: 'system', content: request.system },
      { role: 'user', content: request.user },
    ];
    const usage = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 } satisfies TokenUsage;
    const problems: string[] = [];
    for (let attempt = 0; attempt <= this.malformedRetries; attempt++) {
      const completion = await this.complete(messages, format);
      usage.inputTokens += completion.usage?.prompt_tokens ?? 0;
      usage.outputTokens += completion.usage?.completion_tokens ?? 0;
      usage.cachedInputTokens += completion.usage?.prompt_tokens_details?.cached_tokens ?? 0;
      const answer = readAnswer(completion, request);
      if ('value' in answer) return { value: answer.value, usage };
      problems.push(answer.problem);
      const content = completion.choices[0]?.message.content;
      if (content) messages.push({ role: 'assistant', content });
      messages.push({ role: 'user', content: `That answer cannot be used: ${answer.problem}. Answer again, in the same format, with that put right.` });
    }
    return { problems, usage };
  }

  /**
   * `create` rather than `parse`: `parse` throws away the completion, usage
   * included, when the content does not fit the schema, and those tokens are paid for.
   */
  private async complete(messages: ChatCompletionMessageParam[], format: ReturnType<typeof zodResponseFormat>): Promise<ChatCompletion> {
    try {
      return await this.client.chat.completions.create({
        model: this.model,
        messages,
        response_format: format,
        ...(this.reasoningEffort ? { reasoning_effort: this.reasoningEffort } : {}),
      });
    } catch (error) {
      throw toJobError(error, { model: this.model, baseURL: this.client.baseURL });
    }
  }
}

type Answer<T> = { value: T } | { problem: string };

function readAnswer<T>(completion: ChatCompletion, { schema, check }: StructuredRequest<T>): Answer<T> {
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
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { problem: `the JSON did not fit the schema (${describeIssues(parsed.error, 'the answer')})` };
  const problem = check?.(parsed.data);
  return problem === undefined ? { value: parsed.data } : { problem };
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
