import { describe, expect, it } from 'vitest';
import { ASSUMED_BITS_PER_SECOND, estimateAudioSeconds } from '../../../shared/domain/audio-duration';
import { SNIFF_BYTES } from '../../../shared/domain/upload-content';
import { silentWav } from '../../fixtures/audio';

const head = (file: Uint8Array) => file.slice(0, SNIFF_BYTES);
/** An MPEG-1 Layer III frame header at 64 kbit/s, 44.1 kHz. */
const MP3_FRAME_64K = [0xff, 0xfb, 0x50, 0x00];

describe('how long a recording plays, from its first bytes and size', () => {
  it("reads a WAV's byte rate", () => {
    const wav = silentWav(90, 1000);
    expect(estimateAudioSeconds(head(wav), wav.byteLength)).toBeCloseTo(90, 1);
  });

  it("reads a WAV's byte rate past chunks before `fmt `", () => {
    const wav = Buffer.from(silentWav(60, 1000));
    const list = Buffer.alloc(8 + 26);
    list.write('LIST', 0);
    list.writeUInt32LE(25, 4);
    const withList = Buffer.concat([wav.subarray(0, 12), list.subarray(0, 8 + 26), wav.subarray(12)]);
    expect(estimateAudioSeconds(head(withList), withList.byteLength)).toBeCloseTo(60, 0);
  });

  it("reads a constant-bitrate MP3 frame's bitrate, after an ID3v2 tag", () => {
    const tag = [...new TextEncoder().encode('ID3'), 4, 0, 0, 0, 0, 1, 0, ...new Array(128).fill(0)];
    const first = new Uint8Array([...tag, ...MP3_FRAME_64K]);
    // 64 kbit/s: 8,000 bytes a second.
    expect(estimateAudioSeconds(first, 8000 * 600)).toBeCloseTo(600, 0);
    expect(estimateAudioSeconds(new Uint8Array(MP3_FRAME_64K), 8000 * 30)).toBe(30);
  });

  it('guesses other containers from their size at a high speech bitrate, so the guess errs short', () => {
    const webm = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0, 0, 0, 0]);
    expect(estimateAudioSeconds(webm, 16_000_000)).toBe((16_000_000 * 8) / ASSUMED_BITS_PER_SECOND);
    expect(estimateAudioSeconds(webm, 16_000_000)).toBe(1000);
  });
});
