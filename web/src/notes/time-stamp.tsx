import { formatClock } from '../../../shared/domain/time-formats';
import { useLecturePosition } from './seek';
import './time-stamp.css';

/** A moment of the lecture, as a control that goes there. */
export function TimeStamp({ seconds }: { seconds: number }) {
  const { seek } = useLecturePosition();
  const clock = formatClock(seconds);
  return (
    <button type="button" class="time-stamp" onClick={() => seek(seconds)} aria-label={`Go to ${clock} in the lecture`}>
      {clock}
    </button>
  );
}
