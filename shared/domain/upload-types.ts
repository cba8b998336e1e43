import type { SourceKind } from '../contracts/job';

/* What can be uploaded. Captions skip transcription; audio (and video, whose
   sound track the provider transcribes) goes to the speech-to-text provider. */

const CAPTION_EXTENSIONS = ['.vtt', '.srt', '.txt', '.json'] as const;
const CAPTION_CONTENT_TYPES = ['text/vtt', 'application/x-subrip', 'text/plain', 'application/json'] as const;
export const AUDIO_CONTENT_TYPES = [
  'audio/mpeg',
  'audio/mp3',
  'audio/mp4',
  'audio/m4a',
  'audio/x-m4a',
  'audio/aac',
  'audio/wav',
  'audio/x-wav',
  'audio/wave',
  'audio/webm',
  'audio/ogg',
  'audio/flac',
  'audio/x-flac',
  'video/mp4',
  'video/webm',
  'video/quicktime',
] as const;

/** A file name's extension, lower-cased and with its dot (`Week 3.VTT` → `.vtt`); empty when it has none. */
export const extensionOf = (fileName: string) => {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot).toLowerCase();
};

const CONTENT_TYPE_BY_EXTENSION: Record<string, string> = {
  '.vtt': 'text/vtt',
  '.srt': 'application/x-subrip',
  '.txt': 'text/plain',
  '.json': 'application/json',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.wav': 'audio/wav',
  '.webm': 'audio/webm',
  '.ogg': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.flac': 'audio/flac',
  '.mp4': 'video/mp4',
  '.mov': 'video/quicktime',
};

/** A content type from the file name, for clients that are not told one (browsers leave caption types empty). */
export const contentTypeFor = (fileName: string): string | undefined => CONTENT_TYPE_BY_EXTENSION[extensionOf(fileName)];

/** The media type without parameters (`audio/webm;codecs=opus` → `audio/webm`). */
export const baseContentType = (contentType: string) => contentType.split(';')[0]!.trim().toLowerCase();

/** Undefined when the file is neither audio nor captions. */
export function sourceKindOf(fileName: string, contentType: string): SourceKind | undefined {
  const type = baseContentType(contentType);
  if ((AUDIO_CONTENT_TYPES as readonly string[]).includes(type)) return 'audio';
  const extension = extensionOf(fileName);
  const captionExtension = (CAPTION_EXTENSIONS as readonly string[]).includes(extension);
  const captionType = (CAPTION_CONTENT_TYPES as readonly string[]).includes(type) || type === 'application/octet-stream';
  return captionExtension && captionType ? 'captions' : undefined;
}

export const ACCEPTED_UPLOADS_DESCRIPTION =
  'audio (mp3, m4a, wav, webm, ogg, flac, mp4) or captions (.vtt, .srt, .txt, AssemblyAI transcript .json)';
