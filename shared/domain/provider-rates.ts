/**
 * The providers' list prices and the notes model they belong to, as the
 * providers' own pages gave them on `checkedOn`. Models are retired and prices
 * change: check both again before relying on them, and move the date.
 * OpenAI retires gpt-4.1-mini (the previous default) on 2027-01-14 and names
 * gpt-6-luna its replacement; gpt-6-luna reasons by default (medium effort).
 * AssemblyAI's pages disagree on whether `speech_models` may be left out of a
 * transcript request, so the model priced here is always sent: Universal-2, the
 * one that covers 99 languages (Universal-3.5 Pro, $0.21/h, covers 18).
 */
export const PROVIDER_RATES = {
  checkedOn: '2026-12-01',
  transcription: { provider: 'AssemblyAI', model: 'Universal-2, pre-recorded', speechModel: 'universal-2', perHourUsd: 0.15 },
  /** TRANSCRIPTION_PROVIDER=openai on OpenAI's own endpoint ($0.006 a minute, checked 2026-12-02); it shuts down on 2027-02-26. */
  hostedWhisper: { provider: 'OpenAI', model: 'whisper-1', perHourUsd: 0.36 },
  notes: { provider: 'OpenAI', model: 'gpt-6-luna', reasoningEffort: 'low', inputPerMillionTokensUsd: 0.1, outputPerMillionTokensUsd: 0.5 },
} as const;
