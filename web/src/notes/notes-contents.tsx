import type { NotesSection } from '../../../shared/contracts/notes';
import { sectionTitle } from '../../../shared/domain/notes-wording';
import { sectionId } from './notes-body';
import { TimeStamp } from './time-stamp';
import './notes-contents.css';

const prefersReducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * The router owns "#/…", so a link to a section must not change the hash: it scrolls to the
 * section and moves keyboard focus there instead. The href stays for what links are good for
 * (a new tab, the status bar).
 */
function goToSection(event: MouseEvent, index: number) {
  event.preventDefault();
  const heading = document.getElementById(sectionId(index));
  if (!heading) return;
  heading.scrollIntoView({ behavior: prefersReducedMotion() ? 'auto' : 'smooth', block: 'start' });
  heading.focus({ preventScroll: true });
}

/** The sections in lecture order: a link to each, and the time it starts. */
export function NotesContents({ sections }: { sections: readonly NotesSection[] }) {
  return (
    <nav class="notes-toc" aria-labelledby="contents-title">
      <h2 id="contents-title">Contents</h2>
      <ol>
        {sections.map((section, index) => (
          <li key={index}>
            <a href={`#${sectionId(index)}`} onClick={(event) => goToSection(event, index)}>
              {sectionTitle(section.title, index)}
            </a>
            <span class="toc-time">
              <TimeStamp seconds={section.start} />
            </span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
