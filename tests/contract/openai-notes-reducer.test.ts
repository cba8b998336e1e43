import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpenAiNotesReducer } from '../../lambdas/adapters/openai-notes-reducer';
import type { OpenAiChatOptions } from '../../lambdas/adapters/openai-structured-chat';
import { NotesReductionSchema } from '../../shared/contracts/notes';
import { assembleNotes } from '../../shared/domain/notes-assembly';
import { jobErrorOf } from '../fixtures/job-error-of';
import { mergedWithTinyLastChunk, richSection } from '../fixtures/merged-notes';
import { reductionFromMergedNotes, startOpenAiStandIn, type ChatCompletionRequest, type OpenAiStandIn } from '../fixtures/openai-stand-in';

const API_KEY = 'sk-test-key';
const MODEL = 'gpt-test-mini';

let standIn: OpenAiStandIn;

beforeEach(async () => {
  standIn = await startOpenAiStandIn();
});
afterEach(() => standIn.close());

const reducerFor = (options: Partial<OpenAiChatOptions> = {}) =>
  new OpenAiNotesReducer({ apiKey: API_KEY, baseURL: standIn.baseURL, model: MODEL, reasoningEffort: 'low', ...options });

const sentRequest = (index = 0) => standIn.requests[index]?.body as ChatCompletionRequest;
const merged = mergedWithTinyLastChunk();

describe('OpenAiNotesReducer against the OpenAI stand-in', () => {
  it('asks chat completions once, for the reduction schema, with the model and reasoning effort', async () => {
    await reducerFor().reduce(merged);

    expect(standIn.requests).toHaveLength(1);
    expect(standIn.requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions' });
    expect(standIn.requests[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    const body = sentRequest();
    expect(body).toMatchObject({ model: MODEL, reasoning_effort: 'low' });
    expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'notes_reduction', strict: true } });
    const schema = (body.response_format as { json_schema: { schema: { required: string[] } } }).json_schema.schema;
    expect(schema.required.sort()).toEqual(Object.keys(NotesReductionSchema.shape).sort());
  });

  it('tells the model its inputs are consecutive slices of one lecture and the result their union, in the lecture\'s language', async () => {
    await reducerFor().reduce({ ...merged, source: { ...merged.source, language: 'fr' } });

    const [system, user] = sentRequest().messages.map((message) => message.content);
    expect(system).toMatch(/consecutive slices/);
    expect(system).toMatch(/union of all the slices/);
    expect(system).toMatch(/short slice adds to the others, it does not replace them/);
    expect(user).toMatch(/language "fr"/);
    expect(user).toMatch(/Give exactly 5 sectionTitles/);
  });

  it('sends every section, term and candidate question of the merged notes, and nothing of the transcript', async () => {
    await reducerFor().reduce(merged);

    const user = sentRequest().messages[1]!.content;
    for (const section of merged.sections) {
      expect(user).toContain(section.title);
      expect(user).toContain(section.summary);
      for (const point of section.keyPoints) expect(user).toContain(point);
    }
    for (const entry of merged.glossary) expect(user).toContain(entry.term);
    for (const question of merged.reviewQuestions) expect(user).toContain(question.question);
    // Examples and formulas stay in the merged notes: the reduce does not need them to title and order.
    expect(user).not.toContain(merged.sections[0]!.formulas[0]);
  });

  it('keeps every section a tiny last chunk follows: the request carries them all, and the assembled notes keep them', async () => {
    const { reduction, usage, caveats } = await reducerFor().reduce(merged);
    const notes = assembleNotes(merged, reduction, { reducerUsage: usage, caveats, generatedAt: '2030-05-04T10:00:00.000Z' });

    expect(reduction.sectionTitles).toHaveLength(merged.sections.length);
    expect(notes.sections.map((section) => [section.start, section.end])).toEqual(merged.sections.map((section) => [section.start, section.end]));
    expect(notes.sections.slice(0, 4).every((section) => section.definitions.length > 0 && section.examples.length > 0)).toBe(true);
    expect(notes.glossary).toHaveLength(4);
    expect(caveats).toEqual([]);
  });

  it('covers a three-hour lecture end to end: every section goes into the request and comes out in the notes', async () => {
    const sections = Array.from({ length: 90 }, (_, index) => richSection(`Topic ${index + 1}`, index * 120, index * 120 + 119));
    const long = { ...merged, sections, source: { ...merged.source, durationSeconds: 10_800 } };

    const { reduction, usage, caveats } = await reducerFor().reduce(long);
    const notes = assembleNotes(long, reduction, { reducerUsage: usage, caveats, generatedAt: '2030-05-04T10:00:00.000Z' });

    const user = sentRequest().messages[1]!.content;
    for (const section of sections) expect(user).toContain(`"title":"${section.title}"`);
    expect(notes.sections).toHaveLength(90);
    expect(notes.sections[0]!.start).toBe(0);
    expect(notes.sections.at(-1)!.end).toBe(10_799);
  });

  it('returns the reduction and the usage the provider reported', async () => {
    standIn.setBehaviour({ usage: { promptTokens: 900, completionTokens: 150 } });
    const reducer = reducerFor();

    const { reduction, usage } = await reducer.reduce(merged);

    expect(reduction).toEqual(reductionFromMergedNotes(sentRequest()));
    expect(usage).toEqual({ inputTokens: 900, outputTokens: 150, cachedInputTokens: 0 });
    expect(reducer.engine).toEqual({ kind: 'openai', model: MODEL });
  });

  it('asks again, telling the model what was wrong, when an answer names the wrong number of sections; then succeeds', async () => {
    let asked = 0;
    standIn.setBehaviour({
      usage: { promptTokens: 100, completionTokens: 20 },
      reduction: (request) => {
        const good = reductionFromMergedNotes(request);
        // The tiny last chunk's view: one section.
        return ++asked === 1 ? { ...good, sectionTitles: ['Closing'] } : good;
      },
    });

    const { reduction, usage } = await reducerFor().reduce(merged);

    expect(reduction.sectionTitles).toHaveLength(5);
    expect(standIn.requests).toHaveLength(2);
    expect(usage).toEqual({ inputTokens: 200, outputTokens: 40, cachedInputTokens: 0 });
    const retry = sentRequest(1).messages.at(-1)!;
    expect(retry.role).toBe('user');
    expect(retry.content).toMatch(/sectionTitles had 1 titles, but the notes have 5 sections/);
  });

  it('counts a question about a time after the lecture as malformed', async () => {
    let asked = 0;
    standIn.setBehaviour({
      reduction: (request) => {
        const good = reductionFromMergedNotes(request);
        return ++asked === 1 ? { ...good, reviewQuestions: [{ question: 'What came after?', answer: 'Nothing.', at: 99_999 }] } : good;
      },
    });

    await reducerFor().reduce(merged);

    expect(standIn.requests).toHaveLength(2);
    expect(sentRequest(1).messages.at(-1)!.content).toMatch(/outside the lecture, 0 to 2412 s \(first: "What came after\?" at 99999 s\)/);
  });

  it.each([
    ['an empty title', { title: ' ' }, /the title and the overview must not be empty/],
    ['an empty section title', { sectionTitles: ['', 'b', 'c', 'd', 'e'] }, /every section title must name its topic/],
    ['a question without its answer', { reviewQuestions: [{ question: 'Why?', answer: '', at: 10 }] }, /every review question needs its question and its answer/],
    ['a question before the lecture', { reviewQuestions: [{ question: 'Why?', answer: 'Because.', at: -5 }] }, /outside the lecture/],
  ])('asks again after %s, which the schema cannot forbid', async (_case, flaw, problem) => {
    let asked = 0;
    standIn.setBehaviour({
      reduction: (request) => {
        const good = reductionFromMergedNotes(request);
        return ++asked === 1 ? { ...good, ...flaw } : good;
      },
    });

    await reducerFor().reduce(merged);

    expect(standIn.requests).toHaveLength(2);
    expect(sentRequest(1).messages.at(-1)!.content).toMatch(problem);
  });

  it('fails with NotesGenerationFailed naming the model and every problem when the answer stays malformed', async () => {
    standIn.setBehaviour({ faults: [{ content: '{"title": "Thermodynamics"}' }, { content: 'not json' }] });

    const error = await jobErrorOf(reducerFor({ malformedRetries: 1 }).reduce(merged));

    expect(error.name).toBe('NotesGenerationFailed');
    expect(error.message).toContain(MODEL);
    expect(error.message).toMatch(/overview of the whole lecture \(5 sections\) after 2 attempts/);
    expect(error.message).toMatch(/did not fit the schema/);
    expect(error.message).toMatch(/not JSON/);
    expect(standIn.requests).toHaveLength(2);
  });

  it('maps a provider that stays down to ProviderUnavailable, as the generator does', async () => {
    standIn.setBehaviour({ faults: [{ status: 503 }, { status: 503 }] });

    const error = await jobErrorOf(reducerFor({ maxRetries: 1 }).reduce(merged));

    expect(error.name).toBe('ProviderUnavailable');
    expect(error.message).toContain(standIn.baseURL);
  });
});
