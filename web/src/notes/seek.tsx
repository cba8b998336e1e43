import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useMemo, useState } from 'preact/hooks';

/**
 * The moment of the lecture the page is at, and the ways it moves: every time stamp calls `seek`,
 * and the recording's player, while it plays, reports where it is with `playedTo`. Whatever shows
 * the lecture (the transcript, the player) follows `moment`; only a seek moves the player, so its
 * own reports never send it back. Each seek is a new moment, so going to the same time twice
 * still brings it back into view.
 */
export interface LecturePosition {
  moment: { seconds: number; seekNumber: number; by: 'seek' | 'playback' } | undefined;
  seek: (seconds: number) => void;
  playedTo: (seconds: number) => void;
}

const SeekContext = createContext<LecturePosition>({ moment: undefined, seek: () => {}, playedTo: () => {} });

export function SeekProvider({ children }: { children: ComponentChildren }) {
  const [moment, setMoment] = useState<LecturePosition['moment']>();
  const seek = useCallback(
    (seconds: number) => setMoment((previous) => ({ seconds: Math.max(0, seconds), seekNumber: (previous?.seekNumber ?? 0) + 1, by: 'seek' })),
    [],
  );
  const playedTo = useCallback(
    (seconds: number) => setMoment((previous) => (previous?.seconds === seconds ? previous : { seconds, seekNumber: previous?.seekNumber ?? 0, by: 'playback' })),
    [],
  );
  const position = useMemo(() => ({ moment, seek, playedTo }), [moment, seek, playedTo]);
  return <SeekContext.Provider value={position}>{children}</SeekContext.Provider>;
}

export const useLecturePosition = () => useContext(SeekContext);
