import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../../../shared/contracts/api-client';
import { messageOf } from '../ui/error-message';
import { CopyIcon, DownloadIcon } from '../ui/icons';
import { Notice } from '../ui/notice';
import { notesFileName, saveFile } from './downloads';
import { anchorOfHref, buildNotesDocument, sectionIdFor } from './notes-document';
import './notes-view.css';

type Loaded = { state: 'loading' } | { state: 'ready'; markdown: string } | { state: 'failed'; message: string };

const prefersReducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Inserts nodes the page built (already sanitized) where Preact keeps out. */
function Nodes({ node }: { node: Node }) {
  const container = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    container.current?.replaceChildren(node.cloneNode(true));
  }, [node]);
  return <div ref={container} />;
}

/**
 * The router owns "#/…", so in-page links to sections must not change the hash: they scroll to the
 * section and move keyboard focus there instead.
 */
function scrollToSection(event: MouseEvent) {
  const link = (event.target as Element | null)?.closest('a');
  const href = link?.getAttribute('href');
  if (!href || !href.startsWith('#') || href.startsWith('#/')) return;
  event.preventDefault();
  const section = document.getElementById(sectionIdFor(anchorOfHref(href)));
  if (!section) return;
  section.scrollIntoView({ behavior: prefersReducedMotion() ? 'auto' : 'smooth', block: 'start' });
  section.focus({ preventScroll: true });
}

export function NotesView({ api, jobId, fileName, status }: { api: ApiClient; jobId: string; fileName: string; status: ComponentChildren }) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [action, setAction] = useState<{ tone: 'success' | 'error'; text: string }>();

  useEffect(() => {
    let current = true;
    setLoaded({ state: 'loading' });
    api.getNotesMarkdown(jobId).then(
      (markdown) => current && setLoaded({ state: 'ready', markdown }),
      (error: unknown) => current && setLoaded({ state: 'failed', message: messageOf(error) }),
    );
    return () => {
      current = false;
    };
  }, [api, jobId]);

  // A result says its piece and goes, without pushing the notes around.
  useEffect(() => {
    if (!action) return;
    const timer = window.setTimeout(() => setAction(undefined), 4000);
    return () => window.clearTimeout(timer);
  }, [action]);

  const notes = useMemo(() => (loaded.state === 'ready' ? buildNotesDocument(loaded.markdown) : undefined), [loaded]);

  useEffect(() => {
    if (notes) document.title = `${notes.title} · Lecture Notes`;
  }, [notes]);

  if (loaded.state === 'loading') return <p class="loading" role="status">Loading the notes…</p>;
  if (loaded.state === 'failed' || !notes) {
    return <Notice tone="error">{loaded.state === 'failed' ? loaded.message : 'The notes could not be read.'}</Notice>;
  }
  const markdown = loaded.markdown;

  const downloadJson = async () => {
    try {
      const json = await api.getNotes(jobId);
      saveFile(notesFileName(fileName, 'json'), `${JSON.stringify(json, null, 2)}\n`, 'application/json');
    } catch (error) {
      setAction({ tone: 'error', text: messageOf(error) });
    }
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(markdown);
      setAction({ tone: 'success', text: 'Copied the notes as Markdown.' });
    } catch {
      setAction({ tone: 'error', text: 'This browser did not allow copying. Download the Markdown instead.' });
    }
  };

  return (
    <article class="notes" aria-labelledby="notes-title">
      <header class="card notes-header">
        {status}
        <div class="notes-heading">
          <h1 id="notes-title">{notes.title}</h1>
          {notes.meta && <p class="notes-meta">{notes.meta}</p>}
        </div>
        <div class="notes-actions" role="group" aria-label="Notes actions">
          <button type="button" class="button" onClick={() => saveFile(notesFileName(fileName, 'md'), markdown, 'text/markdown')}>
            <DownloadIcon />
            Download Markdown
          </button>
          <button type="button" class="button" onClick={downloadJson}>
            <DownloadIcon />
            Download JSON
          </button>
          <button type="button" class="button" onClick={copy}>
            <CopyIcon />
            Copy to clipboard
          </button>
        </div>
      </header>
      <div class="toast-region" role="status">
        {action && <p class={`toast toast-${action.tone}`}>{action.text}</p>}
      </div>
      <div class={notes.contents ? 'notes-layout' : 'notes-layout notes-layout-single'}>
        {notes.contents && (
          <nav class="notes-toc" aria-labelledby="contents-title" onClick={scrollToSection}>
            <h2 id="contents-title">Contents</h2>
            <Nodes node={notes.contents} />
          </nav>
        )}
        <div class="notes-body" onClick={scrollToSection}>
          <Nodes node={notes.body} />
        </div>
      </div>
    </article>
  );
}
