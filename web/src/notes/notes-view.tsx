import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { NotesFormatSchema, type NotesFormat, type NotesVersionDocument } from '../../../shared/contracts/api';
import type { ApiClient } from '../../../shared/contracts/api-client';
import type { SourceKind } from '../../../shared/contracts/job';
import type { LectureNotes } from '../../../shared/contracts/notes';
import { EXPORT_FORMATS } from '../../../shared/domain/exports/export-formats';
import { notesTitle, SOURCE_FACT_SEPARATOR, sourceFacts } from '../../../shared/domain/notes-wording';
import { messageOf } from '../ui/error-message';
import { CopyIcon, DownloadIcon } from '../ui/icons';
import { Notice } from '../ui/notice';
import { saveFile } from './downloads';
import { Flashcards } from './flashcards';
import { NotesBody } from './notes-body';
import { NotesContents } from './notes-contents';
import { RecordingPlayer } from './recording-player';
import { NewVersionDialog, VersionProgress, VersionSwitcher, useVersions } from './notes-versions';
import { SeekProvider } from './seek';
import { TranscriptView } from './transcript-view';
import './notes-view.css';

/** The notes as data for the page, and as the API's Markdown for downloading and copying. */
type Loaded = { state: 'loading' } | { state: 'ready'; notes: LectureNotes; markdown: string } | { state: 'failed'; message: string };

type Mode = 'read' | 'study';

/** The newest version whose notes are ready: what the page shows first. */
const latestReady = (versions: NotesVersionDocument[]) => versions.filter((version) => version.notesReady).at(-1)?.version ?? 1;

/** `sourceKind` says whether there is a recording to play: a caption upload's time stamps go to the transcript alone. */
export function NotesView({
  api,
  jobId,
  sourceKind,
  status,
  versions: known,
}: {
  api: ApiClient;
  jobId: string;
  sourceKind: SourceKind;
  status: ComponentChildren;
  versions: NotesVersionDocument[];
}) {
  const { versions, writing, setVersions } = useVersions(api, jobId, known);
  // Undefined: the newest finished version, as the API gives it unasked.
  const [chosen, setChosen] = useState<number>();
  const shown = chosen ?? latestReady(known);
  const [asked, setAsked] = useState<number>();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [mode, setMode] = useState<Mode>('read');
  const [action, setAction] = useState<{ tone: 'success' | 'error'; text: string }>();
  const [format, setFormat] = useState<NotesFormat>('md');
  const [downloading, setDownloading] = useState(false);

  useEffect(() => {
    let current = true;
    setLoaded({ state: 'loading' });
    Promise.all([api.getNotes(jobId, chosen), api.getNotesMarkdown(jobId, chosen)]).then(
      ([notes, markdown]) => current && setLoaded({ state: 'ready', notes, markdown }),
      (error: unknown) => current && setLoaded({ state: 'failed', message: messageOf(error) }),
    );
    return () => {
      current = false;
    };
  }, [api, jobId, chosen]);

  // The version asked for on this page is shown once it is written.
  useEffect(() => {
    if (asked !== undefined && versions.find((version) => version.version === asked)?.notesReady) {
      setChosen(asked);
      setAsked(undefined);
    }
  }, [asked, versions]);

  // A result says its piece and goes, without pushing the notes around.
  useEffect(() => {
    if (!action) return;
    const timer = window.setTimeout(() => setAction(undefined), 4000);
    return () => window.clearTimeout(timer);
  }, [action]);

  const title = loaded.state === 'ready' ? notesTitle(loaded.notes) : undefined;
  useEffect(() => {
    if (title) document.title = `${title} · Lecture Notes`;
  }, [title]);

  if (loaded.state === 'loading') return <p class="loading" role="status">Loading the notes…</p>;
  if (loaded.state === 'failed') return <Notice tone="error">{loaded.message}</Notice>;
  const { notes, markdown } = loaded;
  const style = versions.find((version) => version.version === shown)?.style;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(markdown);
      setAction({ tone: 'success', text: 'Copied the notes as Markdown.' });
    } catch {
      setAction({ tone: 'error', text: 'This browser did not allow copying. Download the Markdown instead.' });
    }
  };
  // Every format comes from the API, named after the lecture's title: the same file the CLI writes.
  const download = async () => {
    setDownloading(true);
    try {
      const file = await api.getNotesExport(jobId, format, shown);
      saveFile(file.fileName, file.bytes, file.contentType);
    } catch (error) {
      setAction({ tone: 'error', text: messageOf(error) });
    } finally {
      setDownloading(false);
    }
  };
  const withContents = mode === 'read' && notes.sections.length > 0;

  return (
    <SeekProvider>
      <article class="notes" aria-labelledby="notes-title">
        <header class="card notes-header">
          {status}
          <div class="notes-heading">
            <h1 id="notes-title">{title}</h1>
            <p class="notes-meta">{sourceFacts(notes.source).join(SOURCE_FACT_SEPARATOR)}</p>
          </div>
          <div class="notes-toolbar">
            <div class="notes-versions" role="group" aria-label="Versions">
              <VersionSwitcher versions={versions} shown={shown} onChoose={setChosen} />
              <NewVersionDialog
                api={api}
                jobId={jobId}
                disabled={writing !== undefined}
                onAsked={(job) => {
                  setVersions(job.versions);
                  setAsked(job.versions.at(-1)?.version);
                }}
              />
            </div>
            <div class="notes-modes" role="group" aria-label="View">
              <button type="button" class="button" aria-pressed={mode === 'read'} onClick={() => setMode('read')}>
                Notes
              </button>
              <button type="button" class="button" aria-pressed={mode === 'study'} onClick={() => setMode('study')}>
                Study with flashcards
              </button>
            </div>
            <div class="notes-actions" role="group" aria-label="Notes actions">
              <label class="notes-format">
                <span class="visually-hidden">Download as</span>
                <select value={format} onChange={(event) => setFormat(NotesFormatSchema.parse(event.currentTarget.value))}>
                  {NotesFormatSchema.options.map((option) => (
                    <option key={option} value={option}>
                      {EXPORT_FORMATS[option].label}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" class="button" onClick={download} disabled={downloading}>
                <DownloadIcon />
                Download
              </button>
              <button type="button" class="button" onClick={copy}>
                <CopyIcon />
                Copy to clipboard
              </button>
              <button type="button" class="button" onClick={() => window.print()}>
                Print or save as PDF
              </button>
            </div>
          </div>
          <VersionProgress api={api} jobId={jobId} versions={versions} onRetried={(job) => setVersions(job.versions)} />
        </header>
        <div class="toast-region" role="status">
          {action && <p class={`toast toast-${action.tone}`}>{action.text}</p>}
        </div>
        <div class={withContents ? 'notes-layout notes-layout-with-contents' : 'notes-layout'}>
          {/* In study mode the notes stay in the page, hidden, so printing gives the notes whatever the view. */}
          {notes.sections.length > 0 && (
            <div class="notes-contents-column print-always" hidden={!withContents}>
              <NotesContents sections={notes.sections} />
            </div>
          )}
          <div class="notes-main">
            {mode === 'study' && <Flashcards notes={notes} jobId={jobId} />}
            <div class="print-always" hidden={mode === 'study'}>
              <NotesBody notes={notes} style={style} />
            </div>
          </div>
          <TranscriptView api={api} jobId={jobId} player={sourceKind === 'audio' && <RecordingPlayer api={api} jobId={jobId} />} />
        </div>
      </article>
    </SeekProvider>
  );
}
