/** Bytes sent by a moment in time, as XHR progress events report them. */
export interface ProgressSample {
  atMs: number;
  sentBytes: number;
}

export interface UploadEstimate {
  /** Whole percent, 0–100. */
  percent: number;
  bytesPerSecond: number | undefined;
  secondsLeft: number | undefined;
}

/** Speed is measured over the last few seconds, so a stall shows quickly and a burst does not linger. */
export const RATE_WINDOW_MS = 5_000;

/** The samples worth keeping after `sample`: those within the rate window, and always the newest two. */
export function withSample(samples: readonly ProgressSample[], sample: ProgressSample): ProgressSample[] {
  return [...samples, sample].filter((entry, index, all) => index >= all.length - 2 || sample.atMs - entry.atMs <= RATE_WINDOW_MS);
}

export function estimateUpload(samples: readonly ProgressSample[], totalBytes: number): UploadEstimate {
  const latest = samples.at(-1);
  const sent = Math.min(latest?.sentBytes ?? 0, totalBytes);
  // Never 100 before the last byte: the bar reaching the end means the upload is done.
  const percent = totalBytes > 0 ? Math.floor((sent / totalBytes) * 100) : 0;
  const oldest = samples[0];
  if (!latest || !oldest || latest.atMs <= oldest.atMs || latest.sentBytes <= oldest.sentBytes) {
    return { percent, bytesPerSecond: undefined, secondsLeft: undefined };
  }
  const bytesPerSecond = ((latest.sentBytes - oldest.sentBytes) * 1000) / (latest.atMs - oldest.atMs);
  return { percent, bytesPerSecond, secondsLeft: (totalBytes - sent) / bytesPerSecond };
}
