import { useEffect, useRef, useState } from 'preact/hooks';
import type { JobStatusDocument, NotesVersionDocument } from '../../../shared/contracts/api';
import type { ApiClient } from '../../../shared/contracts/api-client';
import { isTerminal } from '../../../shared/domain/job-status-rules';
import { MAX_NOTES_INSTRUCTIONS, NOTES_STYLE_NAMES, NOTES_STYLES, type NotesStyleName } from '../../../shared/domain/notes-styles';
import { followFinish, noteJobSeen, offerFinishNotice } from '../jobs/finish-notifications';
import { messageOf } from '../ui/error-message';
import { Notice } from '../ui/notice';
import { ProgressBar } from '../ui/progress-bar';
import './notes-versions.css';

/** How often the page asks after a version being written. */
const VERSION_POLL_MS = 1000;

export const versionLabel = (version: Pick<NotesVersionDocument, 'version' | 'style'>) => `Version ${version.version} · ${NOTES_STYLES[version.style].label}`;

/**
 * The job's versions, kept current while one is being written: the job page stops polling once
 * the job is done, and a version is written after that.
 */
export function useVersions(api: ApiClient, jobId: string, initial: NotesVersionDocument[]) {
  const [versions, setVersions] = useState(initial);
  const writing = versions.find((version) => !isTerminal(version.status));
  useEffect(() => {
    if (!writing) return;
    let current = true;
    const timer = window.setTimeout(async () => {
      try {
        const job = await api.getJob(jobId);
        noteJobSeen(job);
        if (current) setVersions(job.versions);
      } catch {
        // A missed poll is asked again: the timer is set anew by the same versions.
        if (current) setVersions((known) => [...known]);
      }
    }, VERSION_POLL_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [api, jobId, versions]);
  return { versions, writing, setVersions };
}

/** Which finished version the page shows; versions being written or failed are listed but cannot be chosen. */
export function VersionSwitcher({ versions, shown, onChoose }: { versions: NotesVersionDocument[]; shown: number; onChoose: (version: number) => void }) {
  if (versions.length < 2) return null;
  return (
    <span class="version-switcher">
      {/* Beside the list, not around it: a wrapping label would name the list after its chosen option too. */}
      <label for="notes-version">Version</label>
      <select id="notes-version" value={String(shown)} onChange={(event) => onChoose(Number(event.currentTarget.value))}>
        {versions.map((version) => (
          <option key={version.version} value={String(version.version)} disabled={!version.notesReady}>
            {versionLabel(version)}
            {version.status === 'failed' ? ' (failed)' : version.notesReady ? '' : ' (being written)'}
          </option>
        ))}
      </select>
    </span>
  );
}

/** The version being written, with its progress; or the last version's failure, with a retry that resumes it. */
export function VersionProgress({ api, jobId, versions, onRetried }: { api: ApiClient; jobId: string; versions: NotesVersionDocument[]; onRetried: (job: JobStatusDocument) => void }) {
  const [retrying, setRetrying] = useState(false);
  const [problem, setProblem] = useState<string>();
  const latest = versions.at(-1);
  if (!latest || latest.version === 1 || latest.notesReady) return null;
  if (latest.status === 'failed') {
    const retry = async () => {
      setRetrying(true);
      setProblem(undefined);
      try {
        onRetried(await api.retryNotesVersion(jobId, latest.version));
      } catch (error) {
        setProblem(messageOf(error));
      } finally {
        setRetrying(false);
      }
    };
    return (
      <div class="version-progress">
        <Notice tone="error">{`${versionLabel(latest)} could not be written: ${latest.error?.message ?? 'no reason was recorded'}. The other versions are unchanged.`}</Notice>
        <button type="button" class="button" onClick={retry} disabled={retrying}>
          {retrying ? 'Retrying…' : `Retry version ${latest.version}`}
        </button>
        {problem && <Notice tone="error">{problem}</Notice>}
      </div>
    );
  }
  return (
    <div class="version-progress" role="status">
      <p>{`${versionLabel(latest)} is being written from the stored transcript…`}</p>
      <ProgressBar label={`${versionLabel(latest)} progress`} value={latest.progress} />
    </div>
  );
}

/** "New version": a style and the reader's own wishes, written from the stored transcript. */
export function NewVersionDialog({ api, jobId, disabled, onAsked }: { api: ApiClient; jobId: string; disabled: boolean; onAsked: (job: JobStatusDocument) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [style, setStyle] = useState<NotesStyleName>('summary');
  const [instructions, setInstructions] = useState('');
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string>();

  const submit = async (event: Event) => {
    event.preventDefault();
    setSending(true);
    setProblem(undefined);
    offerFinishNotice();
    try {
      const wishes = instructions.trim();
      const job = await api.createNotesVersion(jobId, { style, ...(wishes && { instructions: wishes }) });
      followFinish(job);
      onAsked(job);
      dialog.current?.close();
      setInstructions('');
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <button type="button" class="button" disabled={disabled} onClick={() => dialog.current?.showModal()}>
        New version
      </button>
      <dialog ref={dialog} class="card version-dialog" aria-labelledby="version-dialog-title">
        <form method="dialog" onSubmit={submit}>
          <h2 id="version-dialog-title">A new version of these notes</h2>
          <p class="hint">Written from the stored transcript: nothing is uploaded or transcribed again. The current notes stay.</p>
          <fieldset>
            <legend>Style</legend>
            {NOTES_STYLE_NAMES.map((name) => (
              <label key={name} class="version-style">
                <input type="radio" name="style" value={name} checked={style === name} onChange={() => setStyle(name)} />
                <span>
                  <strong>{NOTES_STYLES[name].label}</strong> {NOTES_STYLES[name].description}
                </span>
              </label>
            ))}
          </fieldset>
          <label class="version-instructions">
            <span>Your instructions (optional)</span>
            <textarea
              name="instructions"
              maxLength={MAX_NOTES_INSTRUCTIONS}
              rows={3}
              value={instructions}
              onInput={(event) => setInstructions(event.currentTarget.value)}
              placeholder="For example: more on the worked examples"
            />
            <span class="hint">{`${instructions.length} / ${MAX_NOTES_INSTRUCTIONS} characters. The offline engine follows the style but not free text.`}</span>
          </label>
          {problem && <Notice tone="error">{problem}</Notice>}
          <div class="actions">
            <button type="submit" class="button button-primary" disabled={sending}>
              {sending ? 'Asking…' : 'Write this version'}
            </button>
            <button type="button" class="button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
