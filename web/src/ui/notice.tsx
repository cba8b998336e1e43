import type { ComponentChildren } from 'preact';
import './notice.css';

/** A message in a box: errors are announced at once (role alert), information when the reader is idle (role status). */
export function Notice({ tone, children }: { tone: 'error' | 'info'; children: ComponentChildren }) {
  return (
    <div class={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
