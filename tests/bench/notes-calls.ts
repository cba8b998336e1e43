import { PROVIDER_SPEEDS } from '../../shared/domain/provider-speeds';

/*
 * What one call of the notes model writes, stated rather than measured: the
 * stand-ins' answers are not a model's, and this machine has no key. A chunk
 * of 1,500 tokens gets notes of about 600 words of JSON (some 900 tokens);
 * the reduce writes the title, the overview and the review questions with
 * their answers in about 700; low-effort reasoning adds some 300 to each.
 * The stand-ins' latencies, the cost of a lecture and the cloud projection all
 * take them from here.
 */
export const NOTES_CALL_OUTPUT_TOKENS = { chunk: 1_200, reduce: 1_000 } as const;

/** How long a call takes gpt-6-luna at its measured speed (shared/domain/provider-speeds.ts), in seconds. */
export const notesCallSeconds = (kind: keyof typeof NOTES_CALL_OUTPUT_TOKENS) =>
  PROVIDER_SPEEDS.notes.timeToFirstTokenSeconds + NOTES_CALL_OUTPUT_TOKENS[kind] / PROVIDER_SPEEDS.notes.outputTokensPerSecond;
