import { formatClock } from '../../../shared/domain/time-formats';
import { useSeek } from './seek';
import './time-stamp.css';

/** A moment of the lecture, as a control that goes there. */
export function TimeStamp({ seconds }: { seconds: number }) {
  const seek = useSeek();
  const clock = formatClock(seconds);
  return (
    <button type="button" class="time-stamp" onClick={() => seek(seconds)} aria-label={`Go to ${clock} in the lecture`}>
      {clock}
    </button>
  );
}
