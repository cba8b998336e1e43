import { describe, expect, it } from 'vitest';
import { PROVIDER_SPEEDS } from '../../../shared/domain/provider-speeds';
import { WATCH, expectedTranscriptionSeconds, nextTranscriptCheckSeconds, watchPolls } from '../../../shared/domain/transcription-schedule';

/** Turns the wait loop the way the state machine and CheckTranscription do, for a provider that finishes `doneAfterSeconds` after submit. */
function waitLoop(audioSeconds: number, doneAfterSeconds: number) {
  const expectedSeconds = expectedTranscriptionSeconds(audioSeconds);
  let elapsedSeconds = 0;
  for (let checks = 1; ; checks++) {
    elapsedSeconds += nextTranscriptCheckSeconds({ expectedSeconds, elapsedSeconds });
    if (elapsedSeconds >= doneAfterSeconds) return { checks, lagSeconds: elapsedSeconds - doneAfterSeconds };
    const polls = watchPolls({ expectedSeconds, elapsedSeconds });
    for (let poll = 0; poll < polls; poll++) {
      elapsedSeconds += WATCH.pollMs / 1000;
      if (elapsedSeconds >= doneAfterSeconds) return { checks, lagSeconds: elapsedSeconds - doneAfterSeconds };
    }
  }
}

describe('the transcription wait schedule', () => {
  it("expects an hour-long recording in the provider's stated time", () => {
    expect(expectedTranscriptionSeconds(63 * 60)).toBeCloseTo(35, 6);
    expect(expectedTranscriptionSeconds(3600)).toBeCloseTo(3600 * PROVIDER_SPEEDS.transcription.secondsPerAudioSecond, 6);
  });

  it('first waits until the second before the provider should be done', () => {
    expect(nextTranscriptCheckSeconds({ expectedSeconds: 33.3, elapsedSeconds: 0.2 })).toBe(33);
    expect(nextTranscriptCheckSeconds({ expectedSeconds: 100, elapsedSeconds: 0 })).toBe(100);
  });

  it('then waits a small share of the time taken, one second at least', () => {
    expect(nextTranscriptCheckSeconds({ expectedSeconds: 2.8, elapsedSeconds: 3 })).toBe(1);
    expect(nextTranscriptCheckSeconds({ expectedSeconds: 100, elapsedSeconds: 100.4 })).toBe(4);
    expect(nextTranscriptCheckSeconds({ expectedSeconds: 100, elapsedSeconds: 500 })).toBe(20);
  });

  it('watches across the expected moment, only from the second before it to a second after', () => {
    expect(watchPolls({ expectedSeconds: 33.3, elapsedSeconds: 32.4 })).toBe(10);
    expect(watchPolls({ expectedSeconds: 33.3, elapsedSeconds: 34 })).toBe(2);
    expect(watchPolls({ expectedSeconds: 33.3, elapsedSeconds: 31 })).toBe(0);
    expect(watchPolls({ expectedSeconds: 33.3, elapsedSeconds: 35 })).toBe(0);
  });

  it('asks once, and picks the transcript up within a poll, when the provider keeps its stated speed, 5 to 180 minutes', () => {
    for (const minutes of [5, 60, 180]) {
      const { checks, lagSeconds } = waitLoop(minutes * 60, expectedTranscriptionSeconds(minutes * 60));
      expect(checks, `${minutes} minutes`).toBe(1);
      expect(lagSeconds).toBeLessThanOrEqual(WATCH.pollMs / 1000 + 1e-9);
    }
  });

  it('keeps the lag of a slow provider within 5 % of the time it took, in few turns', () => {
    for (const minutes of [30, 60, 180]) {
      const expected = expectedTranscriptionSeconds(minutes * 60);
      for (const slowdown of [1.1, 1.5, 2, 3]) {
        const { checks, lagSeconds } = waitLoop(minutes * 60, expected * slowdown);
        expect(lagSeconds / (expected * slowdown), `${minutes} minutes, ${slowdown}x slower`).toBeLessThanOrEqual(0.05);
        expect(checks, `${minutes} minutes, ${slowdown}x slower`).toBeLessThanOrEqual(40);
      }
    }
  });

  it('turns geometrically, not every few seconds, when the provider is far behind', () => {
    // Expected at 35 s, done after 30 minutes: a fixed 5 s would have asked 353 times.
    expect(waitLoop(63 * 60, 1800).checks).toBeLessThan(110);
  });
});
