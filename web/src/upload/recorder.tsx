import { useEffect, useRef, useState } from 'preact/hooks';
import { baseContentType } from '../../../shared/domain/upload-types';
import { formatBytes } from '../../../shared/domain/byte-sizes';
import { formatClock } from '../../../shared/domain/time-formats';
import { Notice } from '../ui/notice';
import { useNow } from '../ui/use-now';
import { elapsedMs, pausedClock, resumedClock, startedClock, type RecordingClock } from './recording-clock';
import { chooseRecordingType, recordingFileName } from './recording-format';
import { levelOf } from './recording-level';
import './recorder.css';

type Step = { step: 'idle' } | { step: 'starting' } | { step: 'recording' } | { step: 'paused' } | { step: 'stopped'; file: File; url: string } | { step: 'failed'; message: string };

interface LiveRecording {
  recorder: MediaRecorder;
  stream: MediaStream;
  audio: AudioContext;
  frame: number;
}

function microphoneProblem(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'The browser was not allowed to use the microphone. Allow it in the site settings and try again, or upload a file instead.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'No microphone was found. Connect one and try again, or upload a file instead.';
  if (name === 'NotReadableError') return 'The microphone is in use by another program. Close it and try again.';
  return `The microphone could not be started${error instanceof Error ? ` (${error.message})` : ''}.`;
}

/** Records the lecture from the microphone, with a level meter, pause and resume, and the time recorded so far. */
export function Recorder({ onRecorded }: { onRecorded: (file: File) => void }) {
  const [state, setState] = useState<Step>({ step: 'idle' });
  const [clock, setClock] = useState<RecordingClock>();
  const live = useRef<LiveRecording | undefined>(undefined);
  const meter = useRef<HTMLDivElement>(null);
  const now = useNow(250, state.step === 'recording');

  const release = () => {
    const current = live.current;
    live.current = undefined;
    if (!current) return;
    cancelAnimationFrame(current.frame);
    for (const track of current.stream.getTracks()) track.stop();
    void current.audio.close();
  };
  useEffect(() => release, []);
  useEffect(() => () => (state.step === 'stopped' ? URL.revokeObjectURL(state.url) : undefined), [state]);

  const start = async () => {
    const type = typeof MediaRecorder === 'undefined' ? undefined : chooseRecordingType((candidate) => MediaRecorder.isTypeSupported(candidate));
    if (!type || !navigator.mediaDevices?.getUserMedia) {
      setState({ step: 'failed', message: 'This browser cannot record audio here. Upload a recording instead.' });
      return;
    }
    setState({ step: 'starting' });
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (error) {
      setState({ step: 'failed', message: microphoneProblem(error) });
      return;
    }
    const startedAt = new Date();
    const recorder = new MediaRecorder(stream, { mimeType: type });
    const parts: Blob[] = [];
    recorder.addEventListener('dataavailable', (event) => {
      if (event.data.size > 0) parts.push(event.data);
    });
    recorder.addEventListener('stop', () => {
      const recordedType = recorder.mimeType || type;
      const file = new File(parts, recordingFileName(recordedType, startedAt), { type: baseContentType(recordedType) });
      setState({ step: 'stopped', file, url: URL.createObjectURL(file) });
    });

    const audio = new AudioContext();
    const analyser = audio.createAnalyser();
    analyser.fftSize = 2048;
    audio.createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const session: LiveRecording = { recorder, stream, audio, frame: 0 };
    const draw = () => {
      analyser.getFloatTimeDomainData(samples);
      const level = recorder.state === 'recording' ? levelOf(samples) : 0;
      meter.current?.style.setProperty('--level', level.toFixed(3));
      meter.current?.setAttribute('aria-valuenow', String(Math.round(level * 100)));
      session.frame = requestAnimationFrame(draw);
    };
    live.current = session;
    draw();
    // Data every second, so a long recording is not held in one piece until the end.
    recorder.start(1000);
    setClock(startedClock(Date.now()));
    setState({ step: 'recording' });
  };

  const pause = () => {
    live.current?.recorder.pause();
    setClock((current) => current && pausedClock(current, Date.now()));
    setState({ step: 'paused' });
  };
  const resume = () => {
    live.current?.recorder.resume();
    setClock((current) => current && resumedClock(current, Date.now()));
    setState({ step: 'recording' });
  };
  const stop = () => {
    setClock((current) => current && pausedClock(current, Date.now()));
    live.current?.recorder.stop();
    release();
  };

  if (state.step === 'stopped') {
    return (
      <div class="recorder">
        <p class="recorder-done">
          Recorded {formatClock(clock ? elapsedMs(clock, now) / 1000 : 0)} ({formatBytes(state.file.size)}).
        </p>
        <audio class="recorder-preview" controls src={state.url} aria-label="Play back the recording" />
        <div class="actions">
          <button type="button" class="button button-primary" onClick={() => onRecorded(state.file)}>
            Use this recording
          </button>
          <button type="button" class="button" onClick={() => setState({ step: 'idle' })}>
            Discard and record again
          </button>
        </div>
      </div>
    );
  }

  const active = state.step === 'recording' || state.step === 'paused';
  return (
    <div class="recorder">
      <div class="recorder-panel">
        <span class={`recorder-dot${state.step === 'recording' ? ' is-live' : ''}`} aria-hidden="true" />
        <span class="recorder-clock" role="timer" aria-label="Time recorded">
          {formatClock(clock && active ? elapsedMs(clock, now) / 1000 : 0)}
        </span>
        <div ref={meter} class="level-meter" role="meter" aria-label="Microphone level" aria-valuemin={0} aria-valuemax={100} aria-valuenow={0}>
          <div class="level-meter-fill" />
        </div>
        <span class="recorder-state" aria-live="polite">
          {state.step === 'recording' ? 'Recording' : state.step === 'paused' ? 'Paused' : state.step === 'starting' ? 'Waiting for the microphone…' : 'Ready'}
        </span>
      </div>
      <div class="actions">
        {!active && (
          <button type="button" class="button button-primary" onClick={start} disabled={state.step === 'starting'}>
            Start recording
          </button>
        )}
        {state.step === 'recording' && (
          <button type="button" class="button" onClick={pause}>
            Pause
          </button>
        )}
        {state.step === 'paused' && (
          <button type="button" class="button" onClick={resume}>
            Resume
          </button>
        )}
        {active && (
          <button type="button" class="button button-primary" onClick={stop}>
            Stop
          </button>
        )}
      </div>
      {state.step === 'failed' && <Notice tone="error">{state.message}</Notice>}
      <p class="hint">Audio is sent for transcription first, so it takes a little longer than captions.</p>
    </div>
  );
}
