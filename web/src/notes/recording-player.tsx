import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { RecordingLink } from '../../../shared/contracts/api';
import { isApiError, type ApiClient } from '../../../shared/contracts/api-client';
import { messageOf } from '../ui/error-message';
import { Notice } from '../ui/notice';
import { useLecturePosition } from './seek';
import './recording-player.css';

/** The link the player reads; each new one is a new player (`generation`), with no error left over from the last. */
type Source = { link: RecordingLink; generation: number };

/** `retry` when asking again may help: not for a 409, a recording there is none of (or no longer). */
type Loaded = { state: 'loading' } | { state: 'ready'; source: Source } | { state: 'failed'; message: string; retry: boolean };

/** Whatever stops the player, the page still works without it. */
const WITHOUT_PLAYER = 'The time stamps still go to the transcript.';

const expired = (link: RecordingLink) => Date.now() >= Date.parse(link.expiresAt);

/**
 * The recording of an audio upload, from a short-lived link the API gives its owner. Every seek of
 * the page moves it there and plays; while it plays it reports where it is, which the transcript
 * follows. A link that expires while the page is open shows as the player's error: the player
 * then asks for a new one and carries on from where it was.
 */
export function RecordingPlayer({ api, jobId }: { api: ApiClient; jobId: string }) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [problem, setProblem] = useState<string>();
  const { moment, playedTo } = useLecturePosition();
  const audio = useRef<HTMLAudioElement>(null);
  /** Where to carry on once a renewed link has loaded. */
  const resume = useRef<{ at: number; playing: boolean } | undefined>(undefined);
  /** Whether the current link ever loaded: one that did, failing later, has most likely expired. */
  const linkLoaded = useRef(false);

  const fetchLink = useCallback(
    (isCurrent: () => boolean = () => true) =>
      api.getRecording(jobId).then(
        (link) => {
          if (!isCurrent()) return;
          linkLoaded.current = false;
          setProblem(undefined);
          setLoaded((previous) => ({ state: 'ready', source: { link, generation: previous.state === 'ready' ? previous.source.generation + 1 : 0 } }));
        },
        (error: unknown) => isCurrent() && setLoaded({ state: 'failed', message: messageOf(error), retry: !isApiError(error, 409) }),
      ),
    [api, jobId],
  );

  useEffect(() => {
    let current = true;
    setLoaded({ state: 'loading' });
    void fetchLink(() => current);
    return () => {
      current = false;
    };
  }, [fetchLink]);

  const ready = loaded.state === 'ready';
  useEffect(() => {
    const player = audio.current;
    if (!moment || moment.by !== 'seek' || !player) return;
    player.currentTime = moment.seconds;
    // A browser may refuse to start without a gesture, or a newer seek may interrupt this one: the seek itself stands.
    player.play().catch(() => {});
  }, [moment?.seekNumber, ready]);

  if (loaded.state === 'loading') return <p class="recording-player loading" role="status">Loading the recording…</p>;
  if (loaded.state === 'failed') {
    return (
      <div class="recording-player">
        <Notice tone="info">
          {loaded.message} {WITHOUT_PLAYER}{' '}
          {loaded.retry && (
            <button type="button" class="button" onClick={() => void fetchLink()}>
              Try again
            </button>
          )}
        </Notice>
      </div>
    );
  }
  const { source } = loaded;

  const onLoadedMetadata = () => {
    linkLoaded.current = true;
    const player = audio.current;
    const carryOn = resume.current;
    if (!player || !carryOn) return;
    resume.current = undefined;
    player.currentTime = carryOn.at;
    if (carryOn.playing) player.play().catch(() => {});
  };

  const onError = () => {
    const player = audio.current;
    if (!player) return;
    // Only a link that played before, or is past its time, is worth renewing; otherwise a new one would fail the same way.
    if (linkLoaded.current || expired(source.link)) {
      resume.current = { at: player.currentTime, playing: !player.paused };
      void fetchLink();
      return;
    }
    setProblem(
      player.error?.code === MediaError.MEDIA_ERR_SRC_NOT_SUPPORTED
        ? `This browser cannot play this recording. ${WITHOUT_PLAYER}`
        : `The recording stopped loading. Check your connection, then try again. ${WITHOUT_PLAYER}`,
    );
  };

  return (
    <div class="recording-player">
      <audio
        key={source.generation}
        ref={audio}
        src={source.link.url}
        controls
        preload="metadata"
        aria-label="Recording of the lecture"
        onLoadedMetadata={onLoadedMetadata}
        onTimeUpdate={() => audio.current && playedTo(audio.current.currentTime)}
        onError={onError}
      />
      {problem && (
        <Notice tone="error">
          {problem}{' '}
          <button type="button" class="button" onClick={() => void fetchLink()}>
            Try again
          </button>
        </Notice>
      )}
    </div>
  );
}
