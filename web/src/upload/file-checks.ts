import type { SourceKind } from '../../../shared/contracts/job';
import { ACCEPTED_UPLOADS_DESCRIPTION, AUDIO_CONTENT_TYPES, baseContentType, contentTypeFor, sourceKindOf } from '../../../shared/domain/upload-types';
import { formatBytesApart } from '../../../shared/domain/byte-sizes';

/** What the file picker offers; the check below is what decides. */
export const FILE_PICKER_ACCEPT = ['.vtt', '.srt', '.txt', '.json', '.mp3', '.m4a', '.wav', '.webm', '.ogg', '.flac', '.mp4', '.mov', ...AUDIO_CONTENT_TYPES].join(',');

export interface FileFacts {
  name: string;
  /** As the browser reports it: often empty for caption files. */
  type: string;
  size: number;
}

export type FileCheck = { ok: true; contentType: string; sourceKind: SourceKind } | { ok: false; message: string };

/**
 * Decides before anything is sent whether the API will take the file, and with which content type:
 * the browser's own type when it is one the API knows, else the type the file name implies.
 */
export function checkLectureFile(file: FileFacts, maxUploadBytes: number): FileCheck {
  const reported = baseContentType(file.type);
  const candidates = [reported, contentTypeFor(file.name)].filter((type): type is string => !!type && type !== 'application/octet-stream');
  const accepted = candidates.map((contentType) => ({ contentType, sourceKind: sourceKindOf(file.name, contentType) })).find((candidate) => candidate.sourceKind);
  if (!accepted?.sourceKind) {
    return { ok: false, message: `“${file.name}” is not a file we can make notes from. Choose ${ACCEPTED_UPLOADS_DESCRIPTION}.` };
  }
  if (file.size === 0) return { ok: false, message: `“${file.name}” is empty. Choose the file with the lecture in it.` };
  if (file.size > maxUploadBytes) {
    const [size, limit] = formatBytesApart(file.size, maxUploadBytes);
    return { ok: false, message: `“${file.name}” is ${size}; the largest file accepted is ${limit}.` };
  }
  return { ok: true, contentType: accepted.contentType, sourceKind: accepted.sourceKind };
}
