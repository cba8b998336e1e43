import { useEffect, useRef, useState } from 'preact/hooks';
import type { SourceKind } from '../../../shared/contracts/job';
import type { CreateJobRequest } from '../../../shared/contracts/api';
import type { ApiClient } from '../../../shared/contracts/api-client';
import { sendUploadForm, uploadFormData } from '../api/upload-form';
import { followFinish, offerFinishNotice } from '../jobs/finish-notifications';
import { hashFor } from '../routing/routes';
import { formatBytes } from '../../../shared/domain/byte-sizes';
import { DEFAULT_NOTES_STYLE, NOTES_STYLE_NAMES, NOTES_STYLES, type NotesStyleName } from '../../../shared/domain/notes-styles';
import { describeTimeLeft } from '../ui/format';
import { Notice } from '../ui/notice';
import { ProgressBar } from '../ui/progress-bar';
import { DropZone } from './drop-zone';
import { checkLectureFile } from './file-checks';
import { LectureUpload, type LectureFile, type UploadDependencies, type UploadState } from './lecture-upload';
import { Recorder } from './recorder';
import './new-lecture.css';

const sendForm: UploadDependencies['sendForm'] = (upload, file, onProgress, signal) =>
  sendUploadForm(upload, uploadFormData(upload, file.blob, file.name), onProgress, signal);

const KIND_WORDS: Record<SourceKind, string> = { captions: 'Captions', audio: 'Audio' };

function UploadStatus({ file, state, onCancel, onRetry, onChooseAnother }: { file: LectureFile; state: UploadState; onCancel: () => void; onRetry: () => void; onChooseAnother: () => void }) {
  if (state.phase === 'failed') {
    return (
      <div class="upload-status">
        <Notice tone="error">{state.message}</Notice>
        <div class="actions">
          {state.canRetry && (
            <button type="button" class="button button-primary" onClick={onRetry}>
              Try again
            </button>
          )}
          <button type="button" class="button" onClick={onChooseAnother}>
            Choose another file
          </button>
        </div>
      </div>
    );
  }
  if (state.phase === 'cancelled') return null;
  const estimate = state.phase === 'uploading' ? state.estimate : undefined;
  const sent = estimate ? Math.round((estimate.percent / 100) * file.blob.size) : 0;
  return (
    <div class="upload-status">
      <div class="upload-status-head">
        <span>{state.phase === 'creating' ? 'Preparing the upload…' : state.phase === 'done' ? 'Uploaded' : `Uploading ${file.name}`}</span>
        <span class="upload-percent" aria-hidden="true">
          {estimate?.percent ?? 0}%
        </span>
      </div>
      <ProgressBar label="Upload" value={state.phase === 'done' ? 100 : (estimate?.percent ?? 0)} tone={state.phase === 'done' ? 'done' : 'active'} />
      <div class="upload-status-foot">
        <span class="upload-bytes">
          {formatBytes(sent)} of {formatBytes(file.blob.size)}
          {estimate?.secondsLeft !== undefined && state.phase === 'uploading' ? ` · ${describeTimeLeft(estimate.secondsLeft)}` : ''}
        </span>
        {state.phase !== 'done' && (
          <button type="button" class="button button-quiet" onClick={onCancel}>
            Cancel upload
          </button>
        )}
      </div>
    </div>
  );
}

/** Getting a lecture in: choose, drop or record a file, check it here, then create the job and upload it with progress. */
export function NewLecture({ api, maxUploadBytes }: { api: ApiClient; maxUploadBytes: number }) {
  const [source, setSource] = useState<'file' | 'microphone'>('file');
  const [chosen, setChosen] = useState<{ file: LectureFile; kind: SourceKind }>();
  const [problem, setProblem] = useState<string>();
  const [upload, setUpload] = useState<UploadState>();
  const task = useRef<LectureUpload | undefined>(undefined);

  // Leaving the page mid-upload abandons it; a job that got its file is never touched.
  useEffect(() => () => task.current?.discard(), []);

  const [style, setStyle] = useState<NotesStyleName>(DEFAULT_NOTES_STYLE);

  const choose = (file: File) => {
    task.current?.discard();
    task.current = undefined;
    setUpload(undefined);
    const check = checkLectureFile(file, maxUploadBytes);
    if (!check.ok) {
      setChosen(undefined);
      setProblem(check.message);
      return;
    }
    setProblem(undefined);
    setChosen({ file: { blob: file, name: file.name, contentType: check.contentType }, kind: check.sourceKind });
  };

  const start = () => {
    if (!chosen) return;
    offerFinishNotice();
    // The style is the first version's: asked with the job, so the first run writes it.
    const createJob = (request: CreateJobRequest) => api.createJob({ ...request, style });
    task.current ??= new LectureUpload(chosen.file, { createJob, deleteJob: api.deleteJob, renewUpload: api.renewUpload, sendForm, nowMs: Date.now }, (state) => {
      setUpload(state);
      if (state.phase !== 'done') return;
      followFinish({ jobId: state.jobId, fileName: chosen.file.name });
      window.location.hash = hashFor({ page: 'job', jobId: state.jobId });
    });
    void task.current.start();
  };
  const chooseAnother = () => {
    task.current?.discard();
    task.current = undefined;
    setUpload(undefined);
    setChosen(undefined);
  };

  const busy = upload && (upload.phase === 'creating' || upload.phase === 'uploading' || upload.phase === 'done');
  return (
    <section class="card new-lecture" aria-labelledby="new-lecture-title">
      <h2 id="new-lecture-title">New lecture</h2>
      {!chosen && (
        <>
          <div class="source-switch" role="group" aria-label="Where the lecture comes from">
            <button type="button" class="switch-option" aria-pressed={source === 'file'} onClick={() => setSource('file')}>
              Upload a file
            </button>
            <button type="button" class="switch-option" aria-pressed={source === 'microphone'} onClick={() => setSource('microphone')}>
              Record
            </button>
          </div>
          {source === 'file' ? (
            <DropZone onFile={choose} hint={`Captions (.vtt, .srt, .txt) or audio (mp3, m4a, wav, webm…), up to ${formatBytes(maxUploadBytes)}`} />
          ) : (
            <Recorder onRecorded={choose} />
          )}
          {problem && <Notice tone="error">{problem}</Notice>}
        </>
      )}
      {chosen && (
        <>
          <div class="chosen-file">
            <svg class="chosen-file-icon" viewBox="0 0 24 24" aria-hidden="true">
              <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8zm0 0v5h5M9 13h6m-6 4h4" />
            </svg>
            <div class="chosen-file-text">
              <span class="chosen-file-name">{chosen.file.name}</span>
              <span class="chosen-file-facts">
                {KIND_WORDS[chosen.kind]} · {formatBytes(chosen.file.blob.size)}
              </span>
            </div>
            {!busy && (
              <button type="button" class="button button-quiet" onClick={chooseAnother}>
                Change
              </button>
            )}
          </div>
          {upload ? (
            <UploadStatus file={chosen.file} state={upload} onCancel={() => task.current?.cancel()} onRetry={start} onChooseAnother={chooseAnother} />
          ) : null}
          {(!upload || upload.phase === 'cancelled') && (
            <div class="actions">
              {upload?.phase === 'cancelled' && <span class="hint">Upload cancelled.</span>}
              <label class="notes-style-choice">
                <span>Style</span>
                <select value={style} onChange={(event) => setStyle(event.currentTarget.value as NotesStyleName)} title={NOTES_STYLES[style].description}>
                  {NOTES_STYLE_NAMES.map((name) => (
                    <option key={name} value={name}>
                      {NOTES_STYLES[name].label}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" class="button button-primary button-large" onClick={start}>
                Make notes
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
