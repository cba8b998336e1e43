/**
 * Every rate a job's cost is worked out with, as the providers' own pages gave
 * them on `checkedOn`, in US dollars, for us-east-1 (the stack pins no region;
 * set CDK_DEFAULT_REGION to another and these AWS rates may differ). Models are
 * retired and prices change: check them again before relying on them, and move
 * the date. Each rate names the page it comes from.
 *
 * OpenAI retires gpt-4.1-mini (the previous default) on 2027-01-14 and names
 * gpt-6-luna its replacement; gpt-6-luna reasons by default (medium effort).
 * AssemblyAI's pages disagree on whether `speech_models` may be left out of a
 * transcript request, so the model priced here is always sent: Universal-2, the
 * one that covers 99 languages (Universal-3.5 Pro, $0.21/h, covers 18).
 */
export const PROVIDER_RATES = {
  checkedOn: '2026-12-02',
  transcription: {
    provider: 'AssemblyAI',
    model: 'Universal-2, pre-recorded',
    speechModel: 'universal-2',
    /** Billed by the second of audio, failed transcripts free. https://www.assemblyai.com/pricing */
    perHourUsd: 0.15,
  },
  /** TRANSCRIPTION_PROVIDER=openai on OpenAI's own endpoint ($0.006 a minute); it shuts down on 2027-02-26. https://platform.openai.com/docs/pricing */
  hostedWhisper: { provider: 'OpenAI', model: 'whisper-1', perHourUsd: 0.36 },
  notes: {
    provider: 'OpenAI',
    model: 'gpt-6-luna',
    reasoningEffort: 'low',
    /** Short-context rates (prompts up to 272K tokens, which a chunk never nears). https://developers.openai.com/api/docs/models/gpt-6-luna */
    inputPerMillionTokensUsd: 0.1,
    /** Input tokens served from the prompt cache (`usage.prompt_tokens_details.cached_tokens`). */
    cachedInputPerMillionTokensUsd: 0.01,
    /** Output tokens, reasoning tokens included. */
    outputPerMillionTokensUsd: 0.5,
  },
} as const;

/** What the stack uses of AWS, per use, at on-demand list prices without the free tiers. */
export const AWS_RATES = {
  checkedOn: PROVIDER_RATES.checkedOn,
  region: 'us-east-1',
  /** Standard workflow: every state entered, each retry included. https://aws.amazon.com/step-functions/pricing/ */
  stateTransitionsPerThousandUsd: 0.025,
  /** Arm (infra/constructs/app-function.ts deploys arm64), first pricing tier. https://aws.amazon.com/lambda/pricing/ */
  lambdaPerGbSecondUsd: 0.0000133334,
  lambdaRequestsPerMillionUsd: 0.2,
  /** S3 Standard: PUT, COPY, POST and LIST; GET and every other request. https://aws.amazon.com/s3/pricing/ */
  s3WriteRequestsPerThousandUsd: 0.005,
  s3ReadRequestsPerThousandUsd: 0.0004,
  /** On-demand request units: a write of up to 1 KB, an eventually consistent read of up to 4 KB (half a unit). https://aws.amazon.com/dynamodb/pricing/on-demand/ */
  dynamoWriteUnitsPerMillionUsd: 0.625,
  dynamoReadUnitsPerMillionUsd: 0.125,
} as const;
