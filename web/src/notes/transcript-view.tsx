import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { TranscriptDocument } from '../../../shared/contracts/api';
import type { ApiClient } from '../../../shared/contracts/api-client';
import { formatClock } from '../../../shared/domain/time-formats';
import { messageOf } from '../ui/error-message';
import { Notice } from '../ui/notice';
import { useLecturePosition } from './seek';
import { segmentIndexAt } from './transcript-position';
import './transcript-view.css';

type Loaded = { state: 'loading' } | { state: 'ready'; transcript: TranscriptDocument } | { state: 'failed'; message: string };

const prefersReducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * Brings a segment into view inside the panel's own scroll and, after a seek, the panel into the
 * window when it is off screen (one column). Playback only scrolls the panel: the reader may be
 * reading elsewhere in the notes while the recording plays.
 */
function reveal(panel: HTMLElement, list: HTMLElement, segment: HTMLElement, intoWindow: boolean) {
  const behavior = prefersReducedMotion() ? 'auto' : 'smooth';
  list.scrollTo({ top: segment.offsetTop - list.clientHeight / 3, behavior });
  const { top, bottom } = panel.getBoundingClientRect();
  if (intoWindow && (bottom < 0 || top > window.innerHeight)) panel.scrollIntoView({ behavior, block: 'nearest' });
}

/**
 * The lecture's timed text: the segment at the page's moment (a time stamp gone to, or what the
 * recording is playing) is highlighted and brought into view; a segment, pressed, goes to its
 * moment. `player` shows above the text: the recording, for an audio upload.
 */
export function TranscriptView({ api, jobId, player }: { api: ApiClient; jobId: string; player?: ComponentChildren }) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const { moment, seek } = useLecturePosition();
  const panel = useRef<HTMLElement>(null);
  const list = useRef<HTMLOListElement>(null);

  useEffect(() => {
    let current = true;
    setLoaded({ state: 'loading' });
    api.getTranscript(jobId).then(
      (transcript) => current && setLoaded({ state: 'ready', transcript }),
      (error: unknown) => current && setLoaded({ state: 'failed', message: messageOf(error) }),
    );
    return () => {
      current = false;
    };
  }, [api, jobId]);

  const segments = loaded.state === 'ready' ? loaded.transcript.segments : [];
  const currentIndex = moment ? segmentIndexAt(segments, moment.seconds) : undefined;

  useEffect(() => {
    if (currentIndex === undefined || !panel.current || !list.current) return;
    const segment = list.current.children[currentIndex];
    if (segment instanceof HTMLElement) reveal(panel.current, list.current, segment, moment?.by === 'seek');
  }, [currentIndex, moment?.seekNumber]);
  const announced = moment?.by === 'seek' ? currentIndex : undefined;

  return (
    <aside class="transcript-panel" aria-labelledby="transcript-title" ref={panel}>
      {player}
      <h2 id="transcript-title">Transcript</h2>
      {/* Where a time stamp went, for those who do not see the highlight move; playback would say every line over the recording. */}
      <p class="visually-hidden" aria-live="polite">
        {announced !== undefined && `Transcript at ${formatClock(segments[announced]!.start)}: ${segments[announced]!.text}`}
      </p>
      {loaded.state === 'loading' && (
        <p class="loading" role="status">
          Loading the transcript…
        </p>
      )}
      {loaded.state === 'failed' && <Notice tone="error">{loaded.message}</Notice>}
      {loaded.state === 'ready' && segments.length === 0 && <p class="empty">The transcript has no text.</p>}
      {segments.length > 0 && (
        <ol class="transcript-segments" ref={list}>
          {segments.map((segment, index) => (
            <li key={index}>
              <button type="button" class="transcript-segment" aria-current={index === currentIndex ? 'true' : undefined} onClick={() => seek(segment.start)}>
                <span class="transcript-time">{formatClock(segment.start)}</span>
                {segment.speaker && <span class="transcript-speaker">{segment.speaker}</span>}
                <span class="transcript-text">{segment.text}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
