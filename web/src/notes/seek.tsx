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

type Moves = Pick<LecturePosition, 'seek' | 'playedTo'>;

/* Two contexts: the moves never change, so the many time stamps that only seek do not render again on every one of playback's reports. */
const MomentContext = createContext<LecturePosition['moment']>(undefined);
const MovesContext = createContext<Moves>({ seek: () => {}, playedTo: () => {} });

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
  const moves = useMemo(() => ({ seek, playedTo }), [seek, playedTo]);
  return (
    <MovesContext.Provider value={moves}>
      <MomentContext.Provider value={moment}>{children}</MomentContext.Provider>
    </MovesContext.Provider>
  );
}

export const useLecturePosition = (): LecturePosition => ({ moment: useContext(MomentContext), ...useContext(MovesContext) });

/** Only the way to go to a moment, for a control that does not show where the page is. */
export const useSeek = () => useContext(MovesContext).seek;
