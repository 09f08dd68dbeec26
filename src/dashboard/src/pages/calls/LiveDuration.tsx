import { formatDurationWords } from '../../lib/format';
import { useNow } from '../../lib/use-now';

/** How long a call in progress has lasted so far, ticking every second. */
export function LiveDuration({ startedAt }: { startedAt: string }) {
  const now = useNow(1000);
  return <>{formatDurationWords(Math.max(0, now - new Date(startedAt).getTime()))}</>;
}
