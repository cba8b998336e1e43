import type { JobStatusDocument } from '../shared/contracts/api';
import { formatBytes } from '../shared/domain/byte-sizes';
import { STATUS_WORDS } from '../shared/domain/status-words';
import { formatClock } from '../shared/domain/time-formats';

const BAR_WIDTH = 30;

function bar(percent: number): string {
  const filled = Math.round((Math.min(100, Math.max(0, percent)) / 100) * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${String(Math.round(percent)).padStart(3)}%`;
}

export const uploadLine = (sentBytes: number, totalBytes: number) =>
  `${bar(totalBytes ? (sentBytes / totalBytes) * 100 : 100)}  uploading  ${formatBytes(sentBytes)} of ${formatBytes(totalBytes)}`;

export function jobLine(job: JobStatusDocument, elapsedSeconds: number): string {
  const chunks = job.chunks.total ? `  chunks ${job.chunks.done}/${job.chunks.total}` : '';
  return `${bar(job.progress)}  ${STATUS_WORDS[job.status].stage}${chunks}  ${formatClock(elapsedSeconds)}`;
}

/** Draws one line in place on a terminal; elsewhere (CI, pipes) prints it only when it changes. */
export function progressWriter(stream: NodeJS.WriteStream) {
  let last = '';
  return {
    update(line: string) {
      if (line === last) return;
      last = line;
      if (stream.isTTY) stream.write(`\r\x1b[2K${line}`);
      else stream.write(`${line}\n`);
    },
    finish() {
      if (stream.isTTY && last) stream.write('\n');
      last = '';
    },
  };
}
