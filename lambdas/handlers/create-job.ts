import type { APIGatewayProxyEvent } from 'aws-lambda';
import { CreateJobRequestSchema } from '../../shared/contracts/api';
import type { JobRecord } from '../../shared/contracts/job';
import { formatBytes, formatBytesApart } from '../../shared/domain/byte-sizes';
import { maxCaptionBytes } from '../../shared/domain/job-limits';
import { uploadKey } from '../../shared/domain/object-keys';
import { TRANSCRIPTION_SETUP_HINT } from '../../shared/domain/transcription-setup';
import { ACCEPTED_UPLOADS_DESCRIPTION, baseContentType, sourceKindOf } from '../../shared/domain/upload-types';
import { composeProviderFree, type ProviderFreeDependencies } from '../runtime/provider-free-dependencies';
import { HttpError, callerOf, httpHandler, jsonResponse, readJsonBody } from '../runtime/http';
import { lambdaEntry } from '../runtime/lambda-entry';
import { jobLogger } from '../runtime/powertools';
import { uploadFormFor } from '../runtime/upload-form';

/** POST /jobs: records a job and answers with where to upload its file. */
export const makeHandler = (deps: Pick<ProviderFreeDependencies, 'jobs' | 'objects' | 'transcriptionConfigured' | 'limits' | 'now' | 'newJobId'>) =>
  httpHandler('POST /jobs', async (event: APIGatewayProxyEvent) => {
    const owner = callerOf(event);
    const request = readJsonBody(event, CreateJobRequestSchema);
    const sourceKind = sourceKindOf(request.fileName, request.contentType);
    if (!sourceKind) {
      throw new HttpError(415, 'UnsupportedMediaType', `${request.fileName} (${request.contentType}) is not supported. Upload ${ACCEPTED_UPLOADS_DESCRIPTION}.`);
    }
    if (request.sizeBytes > deps.limits.maxUploadBytes) {
      const [size, limit] = formatBytesApart(request.sizeBytes, deps.limits.maxUploadBytes);
      throw new HttpError(413, 'FileTooLarge', `${request.fileName} is ${size}; the limit is ${limit}.`);
    }
    if (sourceKind === 'captions' && request.sizeBytes > maxCaptionBytes(deps.limits)) {
      throw new HttpError(
        413,
        'FileTooLarge',
        `${request.fileName} is ${formatBytes(request.sizeBytes)}; a caption file over ${formatBytes(maxCaptionBytes(deps.limits))} holds more than the ${deps.limits.maxTranscriptWords.toLocaleString('en-US')} words a lecture may have (MAX_TRANSCRIPT_WORDS). Split it and upload the parts.`,
      );
    }
    if (sourceKind === 'audio' && !deps.transcriptionConfigured) {
      throw new HttpError(
        422,
        'TranscriptionNotConfigured',
        `This server cannot transcribe audio: no speech-to-text provider is configured (${TRANSCRIPTION_SETUP_HINT}). Caption files (.vtt, .srt, .txt) work without it.`,
      );
    }
    const { maxAudioBytes } = deps.limits;
    if (sourceKind === 'audio' && maxAudioBytes !== undefined && request.sizeBytes > maxAudioBytes) {
      const [size, limit] = formatBytesApart(request.sizeBytes, maxAudioBytes);
      throw new HttpError(
        413,
        'FileTooLarge',
        `${request.fileName} is ${size}; the speech-to-text server is sent recordings of at most ${limit} (TRANSCRIPTION_MAX_BYTES). Compress the recording (mono speech at 32–64 kbit/s) or split it.`,
      );
    }

    const jobId = deps.newJobId();
    const key = uploadKey(jobId, request.fileName);
    const contentType = baseContentType(request.contentType);
    const now = deps.now();
    const job: JobRecord = {
      jobId,
      owner,
      status: 'awaiting_upload',
      progress: 0,
      chunksDone: 0,
      chunksTotal: 0,
      fileName: request.fileName,
      contentType,
      sizeBytes: request.sizeBytes,
      sourceKind,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      stageTimes: { awaiting_upload: now.toISOString() },
      artifacts: { upload: key },
      usage: { audioSeconds: 0, inputTokens: 0, outputTokens: 0 },
      attempt: 1,
      pastAttempts: [],
      ...(request.style && { style: request.style }),
      expiresAt: Math.floor(now.getTime() / 1000) + deps.limits.jobRetentionDays * 86_400,
    };
    await deps.jobs.create(job);
    const response = await uploadFormFor(deps, job);
    jobLogger(jobId).info('Job created', { sourceKind, sizeBytes: request.sizeBytes });
    return jsonResponse(201, response);
  });

export const handler = lambdaEntry(makeHandler, composeProviderFree);
