import type { CreateJobResponse } from '../../shared/contracts/api';
import type { JobRecord } from '../../shared/contracts/job';
import type { ProviderFreeDependencies } from './provider-free-dependencies';

/**
 * A presigned form for the job's upload, for `UPLOAD_URL_SECONDS` from now: the one
 * POST /jobs answers with and POST /jobs/{jobId}/upload renews. It signs what the
 * job record says (key, content type, exact size), never what the caller asks.
 */
export async function uploadFormFor(
  deps: Pick<ProviderFreeDependencies, 'objects' | 'limits' | 'now'>,
  job: Pick<JobRecord, 'jobId' | 'artifacts' | 'contentType' | 'sizeBytes'>,
): Promise<CreateJobResponse> {
  const expiresInSeconds = deps.limits.uploadUrlSeconds;
  const signedAt = deps.now();
  const upload = await deps.objects.presignUpload(job.artifacts.upload, { contentType: job.contentType, sizeBytes: job.sizeBytes, expiresInSeconds });
  return { jobId: job.jobId, upload, expiresAt: new Date(signedAt.getTime() + expiresInSeconds * 1000).toISOString() };
}
