import type { SourceKind } from '../contracts/job';
import { exactBytes } from './byte-sizes';
import { JobError } from './job-error';
import { ACCEPTED_UPLOADS_DESCRIPTION, extensionOf } from './upload-types';

/** How much of an upload is read to tell what it is. */
export const SNIFF_BYTES = 4096;

export interface UploadToInspect {
  fileName: string;
  declaredContentType: string;
  declaredSize: number;
  /** What the job was created as, from the declared name and type. */
  expectedKind: SourceKind;
  storedSize: number;
  /** The first SNIFF_BYTES bytes, or all of a smaller file. */
  firstBytes: Uint8Array;
  maxUploadBytes: number;
}

/** What the upload turned out to be: its kind, and a format name for logs. */
export interface InspectedUpload {
  kind: SourceKind;
  format: string;
}

/** What the first bytes look like; `kind` is undefined for content we take no notes from. */
type Sniffed = { kind: 'audio' | undefined; format: string } | { kind: 'captions'; format: string; text: string };

/**
 * Checks an upload before the pipeline spends anything on it: that all of it arrived, and that it
 * is what its name and type promised. Throws InvalidUpload with a message for the person who
 * uploaded it. The caption parser does the strict checks later; this only refuses what can never
 * be a lecture.
 */
export function inspectUpload(upload: UploadToInspect): InspectedUpload {
  checkSize(upload);
  const sniffed = sniff(upload);
  if (sniffed.kind !== upload.expectedKind) throw new JobError('InvalidUpload', mismatchMessage(upload, sniffed));
  if (sniffed.kind === 'captions') checkCaptionShape(upload.fileName, sniffed.text, sniffed.format);
  else checkContainerLength(upload, sniffed.format);
  return { kind: sniffed.kind, format: sniffed.format };
}

function checkSize({ fileName, declaredSize, storedSize, maxUploadBytes }: UploadToInspect) {
  if (storedSize === 0) throw new JobError('InvalidUpload', `${fileName} is empty. Upload the recording or caption file again.`);
  if (storedSize > maxUploadBytes) {
    throw new JobError('InvalidUpload', `${fileName} is ${exactBytes(storedSize)}, over the limit of ${exactBytes(maxUploadBytes)}. Upload a smaller file.`);
  }
  if (storedSize < declaredSize) {
    throw new JobError(
      'InvalidUpload',
      `${fileName} is incomplete: we expected ${exactBytes(declaredSize)} and received ${exactBytes(storedSize)}. The upload was cut off; upload it again.`,
    );
  }
  if (storedSize > declaredSize) {
    throw new JobError(
      'InvalidUpload',
      `${fileName} is not the file this job was created for: we expected ${exactBytes(declaredSize)} and received ${exactBytes(storedSize)}. Upload the file again.`,
    );
  }
}

const ascii = (data: Uint8Array, offset: number, length: number) => String.fromCharCode(...data.subarray(offset, offset + length));
const startsWith = (data: Uint8Array, signature: readonly number[], offset = 0) =>
  data.length >= offset + signature.length && signature.every((byte, index) => data[offset + index] === byte);

/** An MPEG audio frame header: sync bits, and no reserved version, layer, bitrate or sample rate. */
function isMpegFrame(data: Uint8Array): boolean {
  if (data.length < 4 || data[0] !== 0xff || (data[1]! & 0xe0) !== 0xe0) return false;
  const version = (data[1]! >> 3) & 3;
  const layer = (data[1]! >> 1) & 3;
  const bitrate = data[2]! >> 4;
  const sampleRate = (data[2]! >> 2) & 3;
  return version !== 1 && layer !== 0 && bitrate !== 15 && sampleRate !== 3;
}

/** ISO media (mp4, m4a, mov) brands that hold still images, not recordings. */
const IMAGE_BRANDS = ['avif', 'avis', 'heic', 'heix', 'mif1', 'msf1'];

/** Binary formats by their magic numbers: the audio we accept, and common files uploaded by mistake. */
function sniffBinary(data: Uint8Array): Sniffed | undefined {
  const audio = (format: string): Sniffed => ({ kind: 'audio', format });
  const other = (format: string): Sniffed => ({ kind: undefined, format });
  // Before MPEG audio: FF FE is also a valid (if never used) MPEG-1 Layer I frame start.
  if (startsWith(data, [0xff, 0xfe]) || startsWith(data, [0xfe, 0xff])) return other('UTF-16 text');
  if (ascii(data, 0, 3) === 'ID3' || isMpegFrame(data)) return audio('MP3 audio');
  if (data[0] === 0xff && (data[1]! & 0xf6) === 0xf0) return audio('AAC audio');
  if (ascii(data, 0, 4) === 'RIFF' && ascii(data, 8, 4) === 'WAVE') return audio('WAV audio');
  if (ascii(data, 0, 4) === 'FORM' && ['AIFF', 'AIFC'].includes(ascii(data, 8, 4))) return audio('AIFF audio');
  if (ascii(data, 0, 4) === 'OggS') return audio('Ogg audio');
  if (ascii(data, 0, 4) === 'fLaC') return audio('FLAC audio');
  if (startsWith(data, [0x1a, 0x45, 0xdf, 0xa3])) return audio('WebM or Matroska media');
  if (ascii(data, 4, 4) === 'ftyp') return IMAGE_BRANDS.includes(ascii(data, 8, 4)) ? other('a HEIC or AVIF image') : audio('MP4 or QuickTime media');
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47])) return other('a PNG image');
  if (startsWith(data, [0xff, 0xd8, 0xff])) return other('a JPEG image');
  if (ascii(data, 0, 4) === 'GIF8') return other('a GIF image');
  if (ascii(data, 0, 4) === 'RIFF' && ascii(data, 8, 4) === 'WEBP') return other('a WebP image');
  if (ascii(data, 0, 5) === '%PDF-') return other('a PDF document');
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04])) return other('a ZIP archive (Word and PowerPoint files are ZIP archives too)');
  if (startsWith(data, [0x1f, 0x8b])) return other('gzip-compressed data');
  return undefined;
}

/** The text of the first bytes, or undefined when they are not UTF-8 text. */
function textOf(data: Uint8Array, isWholeFile: boolean): string | undefined {
  if (data.includes(0)) return undefined;
  try {
    // Streaming leaves a character cut off at the end of the sample undecoded instead of failing on it.
    return new TextDecoder('utf-8', { fatal: true }).decode(data, { stream: !isWholeFile });
  } catch {
    return undefined;
  }
}

const CAPTION_FORMATS: Record<string, string> = { '.vtt': 'WebVTT captions', '.srt': 'SubRip captions', '.json': 'transcript JSON', '.txt': 'plain text' };

function sniff({ firstBytes, storedSize, fileName }: UploadToInspect): Sniffed {
  const binary = sniffBinary(firstBytes);
  if (binary) return binary;
  const text = textOf(firstBytes, firstBytes.length >= storedSize);
  if (text === undefined) {
    return { kind: undefined, format: firstBytes.includes(0) ? 'binary data of an unknown kind' : 'binary data, or text in an encoding other than UTF-8' };
  }
  return { kind: 'captions', format: CAPTION_FORMATS[extensionOf(fileName)] ?? 'text', text };
}

function mismatchMessage({ fileName, declaredContentType, expectedKind }: UploadToInspect, sniffed: Sniffed): string {
  const looksLike = sniffed.kind === 'captions' ? 'text' : sniffed.format;
  if (expectedKind === 'captions') {
    const advice =
      sniffed.kind === 'audio'
        ? 'If it is the recording, upload it under its audio file name (.mp3, .m4a, .wav…); otherwise upload the caption file.'
        : 'Upload the caption file (.vtt, .srt, .txt or AssemblyAI .json) saved as UTF-8 text.';
    return `${fileName} looks like ${looksLike}, not captions. ${advice}`;
  }
  const advice =
    sniffed.kind === 'captions'
      ? 'If it is a caption file, upload it under its caption file name (.vtt, .srt, .txt).'
      : `Upload ${ACCEPTED_UPLOADS_DESCRIPTION}.`;
  return `${fileName} was sent as ${declaredContentType} but looks like ${looksLike}, not audio or video. ${advice}`;
}

const WEBVTT_HEADER = /^WEBVTT(?:\s|$)/;
const CUE_ARROW = /-->/;

/** The little a caption file must show in its first bytes; the parser checks the rest. */
function checkCaptionShape(fileName: string, sample: string, format: string) {
  const text = sample.replace(/^\uFEFF/, '').trimStart();
  const extension = extensionOf(fileName);
  if (extension === '.json' && !text.startsWith('{')) {
    throw new JobError('InvalidUpload', `${fileName} is not a JSON object; an AssemblyAI transcript starts with "{". Upload the transcript as the API returned it.`);
  }
  if ((extension === '.vtt' || extension === '.srt') && !WEBVTT_HEADER.test(text) && !CUE_ARROW.test(text)) {
    throw new JobError(
      'InvalidUpload',
      `${fileName} has no WEBVTT header and no cue timing line ("00:00:01.000 --> 00:00:04.000") in its first ${exactBytes(SNIFF_BYTES)}, so it is not ${format}. If it is a transcript without times, upload it as a .txt file.`,
    );
  }
}

/** RIFF (WAV) and FORM (AIFF) headers state the file's length: a shorter file was cut off before it was uploaded. */
function checkContainerLength({ fileName, firstBytes, storedSize }: UploadToInspect, format: string) {
  if (firstBytes.length < 8) return;
  const view = new DataView(firstBytes.buffer, firstBytes.byteOffset, firstBytes.byteLength);
  const magic = ascii(firstBytes, 0, 4);
  const chunkSize = magic === 'RIFF' ? view.getUint32(4, true) : magic === 'FORM' ? view.getUint32(4, false) : undefined;
  // Recorders that stream write 0 or the largest size when they cannot know the length yet.
  if (chunkSize === undefined || chunkSize === 0 || chunkSize === 0xffffffff) return;
  const statedSize = chunkSize + 8;
  if (statedSize > storedSize) {
    throw new JobError(
      'InvalidUpload',
      `${fileName} is truncated: its ${format} header says ${exactBytes(statedSize)} and the file has ${exactBytes(storedSize)}. The recording was cut off before it was uploaded; export it again.`,
    );
  }
}
