import Tooltip from '@material-ui/core/Tooltip';
import { absoluteTime, relativeTime } from '../../lib/time';

/** "2 days ago", with the exact UTC time on hover. */
export function TimeFact(props: { value: Date | string | undefined }) {
  const relative = relativeTime(props.value);
  if (!relative) {
    return null;
  }
  return (
    <Tooltip title={absoluteTime(props.value) ?? ''}>
      <time dateTime={absoluteTime(props.value)}>{relative}</time>
    </Tooltip>
  );
}

/** Undefined when there is no time, so a FactList leaves the row out. */
export function timeFact(value: Date | string | undefined) {
  return relativeTime(value) ? <TimeFact value={value} /> : undefined;
}
