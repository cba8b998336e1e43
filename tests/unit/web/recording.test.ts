import { describe, expect, it } from 'vitest';
import { contentTypeFor, sourceKindOf } from '../../../shared/domain/upload-types';
import { elapsedMs, pausedClock, resumedClock, startedClock } from '../../../web/src/upload/recording-clock';
import { chooseRecordingType, recordingFileName } from '../../../web/src/upload/recording-format';
import { levelOf } from '../../../web/src/upload/recording-level';

describe('the recording clock', () => {
  it('counts only the time spent recording, not the pauses', () => {
    let clock = startedClock(1_000);
    expect(elapsedMs(clock, 11_000)).toBe(10_000);
    clock = pausedClock(clock, 11_000);
    expect(elapsedMs(clock, 60_000)).toBe(10_000);
    clock = resumedClock(clock, 60_000);
    expect(elapsedMs(clock, 65_000)).toBe(15_000);
    // Resuming a running clock changes nothing.
    expect(resumedClock(clock, 70_000)).toBe(clock);
  });
});

describe('the recording format', () => {
  it('picks the first container the browser records in', () => {
    expect(chooseRecordingType((type) => type.startsWith('audio/mp4'))).toBe('audio/mp4');
    expect(chooseRecordingType(() => true)).toBe('audio/webm;codecs=opus');
    expect(chooseRecordingType(() => false)).toBeUndefined();
  });

  it('names the file after when it was recorded, with an extension the API maps back to audio', () => {
    const startedAt = new Date(2026, 2, 14, 9, 5);
    for (const [type, name] of [
      ['audio/webm;codecs=opus', 'Recording 2026-03-14 09.05.webm'],
      ['audio/ogg;codecs=opus', 'Recording 2026-03-14 09.05.ogg'],
      ['audio/mp4', 'Recording 2026-03-14 09.05.m4a'],
    ] as const) {
      expect(recordingFileName(type, startedAt)).toBe(name);
      expect(sourceKindOf(name, contentTypeFor(name)!)).toBe('audio');
    }
  });
});

describe('the level meter', () => {
  it('shows silence as 0, full scale as 1, and speech in between on a decibel scale', () => {
    expect(levelOf(new Float32Array(1024))).toBe(0);
    expect(levelOf([])).toBe(0);
    expect(levelOf(new Float32Array(1024).fill(1))).toBe(1);
    // A steady 0.01 (-40 dBFS) sits a third of the way up a 60 dB scale.
    expect(levelOf(new Float32Array(1024).fill(0.01))).toBeCloseTo(1 / 3);
    expect(levelOf(new Float32Array(1024).fill(0.0001))).toBe(0);
  });
});
