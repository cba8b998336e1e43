import './icons.css';

/* Line icons drawn in the text colour; decorative, so hidden from assistive technology. */

const Icon = ({ path }: { path: string }) => (
  <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path d={path} />
  </svg>
);

export const DownloadIcon = () => <Icon path="M12 4v11m0 0-4.5-4.5M12 15l4.5-4.5M5 19h14" />;
export const CopyIcon = () => <Icon path="M9 9h10v11H9zM5 15V4h10" />;
