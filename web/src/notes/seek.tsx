import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useMemo, useState } from 'preact/hooks';

/**
 * The moment of the lecture the page is at, and the one way to go to another: every time stamp
 * calls `seek`, and whatever shows the lecture (the transcript now, a player of the recording
 * later) follows `moment`. Each seek is a new moment, so going to the same time twice still
 * brings it back into view.
 */
export interface LecturePosition {
  moment: { seconds: number; seekNumber: number } | undefined;
  seek: (seconds: number) => void;
}

const SeekContext = createContext<LecturePosition>({ moment: undefined, seek: () => {} });

export function SeekProvider({ children }: { children: ComponentChildren }) {
  const [moment, setMoment] = useState<LecturePosition['moment']>();
  const seek = useCallback((seconds: number) => setMoment((previous) => ({ seconds: Math.max(0, seconds), seekNumber: (previous?.seekNumber ?? 0) + 1 })), []);
  const position = useMemo(() => ({ moment, seek }), [moment, seek]);
  return <SeekContext.Provider value={position}>{children}</SeekContext.Provider>;
}

export const useLecturePosition = () => useContext(SeekContext);
