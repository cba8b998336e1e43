import type { JobStatus } from '../../../shared/contracts/job-status';
import { STATUS_WORDS } from '../../../shared/domain/status-words';
import './status-badge.css';

const TONES: Record<JobStatus, 'idle' | 'active' | 'done' | 'failed'> = {
  awaiting_upload: 'idle',
  queued: 'active',
  transcribing: 'active',
  chunking: 'active',
  generating_notes: 'active',
  merging: 'active',
  completed: 'done',
  failed: 'failed',
};

export function StatusBadge({ status }: { status: JobStatus }) {
  return <span class={`badge badge-${TONES[status]}`}>{STATUS_WORDS[status].label}</span>;
}
