/**
 * How long a recording plays, told from its first bytes and its size, before
 * any provider has heard it: the transcription wait plans its first check from
 * it. WAV headers state their byte rate and constant-bitrate MP3 frames their
 * bitrate; other containers (MP4, WebM, Ogg) keep the duration where a few KB
 * do not reach, so their length is guessed from the size at a high speech
 * bitrate. Guessing high errs towards a recording shorter than it is: the first
 * check comes early and costs a turn of the wait loop, never a late start.
 */
export const ASSUMED_BITS_PER_SECOND = 128_000;

/** MPEG-1 and MPEG-2/2.5 Layer III bitrates in kbit/s, by the frame header's index. */
const LAYER3_KBPS = {
  mpeg1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  mpeg2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};

const ascii = (data: Uint8Array, offset: number, length: number) => String.fromCharCode(...data.subarray(offset, offset + length));

export function estimateAudioSeconds(firstBytes: Uint8Array, sizeBytes: number): number {
  const bitsPerSecond = wavBitsPerSecond(firstBytes) ?? mp3BitsPerSecond(firstBytes) ?? ASSUMED_BITS_PER_SECOND;
  return (sizeBytes * 8) / bitsPerSecond;
}

/** The byte rate of a WAV's `fmt ` chunk, found by walking the RIFF chunks. */
function wavBitsPerSecond(data: Uint8Array): number | undefined {
  if (data.length < 12 || ascii(data, 0, 4) !== 'RIFF' || ascii(data, 8, 4) !== 'WAVE') return undefined;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let offset = 12; offset + 8 <= data.length; offset += 8 + view.getUint32(offset + 4, true) + (view.getUint32(offset + 4, true) % 2)) {
    if (ascii(data, offset, 4) === 'fmt ' && offset + 20 <= data.length) {
      const byteRate = view.getUint32(offset + 16, true);
      return byteRate > 0 ? byteRate * 8 : undefined;
    }
  }
  return undefined;
}

/** The bitrate of the first MPEG Layer III frame, after an ID3v2 tag when there is one. */
function mp3BitsPerSecond(data: Uint8Array): number | undefined {
  let offset = 0;
  if (ascii(data, 0, 3) === 'ID3' && data.length >= 10) {
    // The tag's size is "syncsafe": 7 bits a byte; a footer adds 10 more bytes.
    const size = ((data[6]! & 0x7f) << 21) | ((data[7]! & 0x7f) << 14) | ((data[8]! & 0x7f) << 7) | (data[9]! & 0x7f);
    offset = 10 + size + (data[5]! & 0x10 ? 10 : 0);
  }
  if (offset + 4 > data.length || data[offset] !== 0xff || (data[offset + 1]! & 0xe0) !== 0xe0) return undefined;
  const version = (data[offset + 1]! >> 3) & 3;
  const layer = (data[offset + 1]! >> 1) & 3;
  if (layer !== 1 || version === 1) return undefined;
  const kbps = (version === 3 ? LAYER3_KBPS.mpeg1 : LAYER3_KBPS.mpeg2)[data[offset + 2]! >> 4];
  return kbps ? kbps * 1000 : undefined;
}
