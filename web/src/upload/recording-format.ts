import { baseContentType } from '../../../shared/domain/upload-types';

/* Browsers record in different containers (Chromium and Firefox: WebM or Ogg with Opus; Safari: MP4
   with AAC). Each of these is an audio type the API accepts. */
const PREFERRED_TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4', 'audio/webm'] as const;

const EXTENSIONS: Record<string, string> = { 'audio/webm': '.webm', 'audio/ogg': '.ogg', 'audio/mp4': '.m4a' };

/** The first recording format this browser supports, or undefined when it supports none of them. */
export const chooseRecordingType = (isTypeSupported: (type: string) => boolean) => PREFERRED_TYPES.find((type) => isTypeSupported(type));

/** "Recording 2026-03-14 09.05.webm", in local time: the moment the student remembers. */
export function recordingFileName(contentType: string, startedAt: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  const day = `${startedAt.getFullYear()}-${pad(startedAt.getMonth() + 1)}-${pad(startedAt.getDate())}`;
  const time = `${pad(startedAt.getHours())}.${pad(startedAt.getMinutes())}`;
  return `Recording ${day} ${time}${EXTENSIONS[baseContentType(contentType)] ?? '.webm'}`;
}
