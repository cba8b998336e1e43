import './progress-bar.css';

export type ProgressTone = 'active' | 'done';

/**
 * An ARIA progressbar. The track has a fixed size and only the fill's width changes, so updates
 * never move anything around it.
 */
export function ProgressBar({ label, value, valueText, tone = 'active' }: { label: string; value: number; valueText?: string; tone?: ProgressTone }) {
  const percent = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div
      class={`progress progress-${tone}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={valueText ?? `${percent}%`}
    >
      <div class="progress-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}
