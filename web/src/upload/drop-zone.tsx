import { useEffect, useState } from 'preact/hooks';
import { FILE_PICKER_ACCEPT } from './file-checks';
import './drop-zone.css';

/**
 * A file input that also takes a dropped file. The input stays in the tab order (visually hidden,
 * its label drawn as the zone), so Enter or Space opens the picker as usual.
 */
export function DropZone({ onFile, hint }: { onFile: (file: File) => void; hint: string }) {
  const [dragging, setDragging] = useState(false);
  // A file dropped beside the zone would make the browser leave the page to open it.
  useEffect(() => {
    const stay = (event: DragEvent) => event.preventDefault();
    window.addEventListener('dragover', stay);
    window.addEventListener('drop', stay);
    return () => {
      window.removeEventListener('dragover', stay);
      window.removeEventListener('drop', stay);
    };
  }, []);
  const over = (event: DragEvent) => {
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const leave = (event: DragEvent) => {
    const zone = event.currentTarget as HTMLElement;
    if (!zone.contains(event.relatedTarget as Node | null)) setDragging(false);
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer?.files[0];
    if (file) onFile(file);
  };
  return (
    <div class={dragging ? 'drop-zone is-dragging' : 'drop-zone'} onDragEnter={over} onDragOver={over} onDragLeave={leave} onDrop={drop}>
      <input
        id="lecture-file"
        class="visually-hidden"
        type="file"
        accept={FILE_PICKER_ACCEPT}
        aria-describedby="lecture-file-hint"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          // Cleared so that choosing the same file again (after fixing it) is seen.
          event.currentTarget.value = '';
          if (file) onFile(file);
        }}
      />
      <label for="lecture-file" class="drop-zone-label">
        <svg class="drop-zone-icon" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 16V4m0 0-5 5m5-5 5 5M4 16v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2" />
        </svg>
        <span class="drop-zone-title">
          <span class="link-like">Choose a file</span> or drop it here
        </span>
      </label>
      <p id="lecture-file-hint" class="drop-zone-hint">
        {hint}
      </p>
    </div>
  );
}
