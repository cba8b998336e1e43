/**
 * How fast the providers say they work, as their own pages gave it on
 * `checkedOn`: the transcription wait plans its first check from this
 * (shared/domain/transcription-schedule.ts). Check again before relying on it,
 * and move the date.
 *
 * AssemblyAI's FAQ "How long does it take to transcribe a file?" gives a
 * real-time factor "as low as .008x" and three examples: 63 minutes in 35 s,
 * 195 minutes in 133 s, 501 minutes in 300 s. The fastest of the three
 * (35 s for 63 minutes, 0.0093x) is kept: a first check that comes early costs
 * a turn of the wait loop, one that comes late costs the whole delay.
 *
 * OpenAI states no speed for gpt-6-luna; Artificial Analysis measures it on
 * OpenAI's API (its "GPT-6 Luna (Non-reasoning)" providers page, 10k-token
 * prompts): 130.6 output tokens a second after 0.74 s to the first token. The
 * bench's cloud projection (tests/bench/cloud-projection.ts) reads these.
 */
export const PROVIDER_SPEEDS = {
  checkedOn: '2026-12-02',
  transcription: { provider: 'AssemblyAI', secondsPerAudioSecond: 35 / (63 * 60) },
  notes: { provider: 'OpenAI', model: 'gpt-6-luna', outputTokensPerSecond: 130.6, timeToFirstTokenSeconds: 0.74 },
} as const;
