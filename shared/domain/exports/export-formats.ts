import type { NotesFormat } from '../../contracts/api';

export interface ExportFormat {
  /** What a person picks it by. */
  label: string;
  /** The answer's Content-Type. */
  contentType: string;
  /** What a file of this format is named after its stem: `<lecture>.<suffix>`. */
  suffix: string;
  /** Bytes rather than text: base64 through API Gateway, which decodes it for a client that asks for this type first. */
  binary: boolean;
}

/** What each export is sent and saved as; the handler, the gateway, the client and the CLI read it here. */
export const EXPORT_FORMATS: Readonly<Record<NotesFormat, ExportFormat>> = {
  md: { label: 'Markdown', contentType: 'text/markdown; charset=utf-8', suffix: 'notes.md', binary: false },
  json: { label: 'JSON (the notes schema)', contentType: 'application/json; charset=utf-8', suffix: 'notes.json', binary: false },
  docx: { label: 'Word (.docx)', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', suffix: 'notes.docx', binary: true },
  vtt: { label: 'Transcript as WebVTT subtitles', contentType: 'text/vtt; charset=utf-8', suffix: 'transcript.vtt', binary: false },
  // SubRip has no registered media type; this is the one players and browsers know it by.
  srt: { label: 'Transcript as SRT subtitles', contentType: 'application/x-subrip; charset=utf-8', suffix: 'transcript.srt', binary: false },
  anki: { label: 'Flashcards for Anki (CSV)', contentType: 'text/csv; charset=utf-8', suffix: 'flashcards.csv', binary: false },
};

/** The media types API Gateway must pass as bytes (its binaryMediaTypes), without parameters. */
export const BINARY_MEDIA_TYPES: readonly string[] = Object.values(EXPORT_FORMATS)
  .filter((format) => format.binary)
  .map((format) => format.contentType.split(';')[0]!);
