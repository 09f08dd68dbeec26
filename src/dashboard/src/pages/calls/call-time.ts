const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'long' });
const monthDay = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const fullDate = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
});

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** Closer than this a call reads as "2 hours ago"; further back, by its clock time. */
const RELATIVE_LIMIT_MS = 3 * HOUR_MS;

const startOfDay = (time: number) => new Date(time).setHours(0, 0, 0, 0);

/** "just now", "25 minutes ago", "2 hours ago", "Today at 3:45 PM", "Yesterday at 9:05 AM", "Mar 4 at 3:45 PM". */
export function formatCallTime(iso: string, now: number): string {
  const time = new Date(iso).getTime();
  if (Number.isNaN(time)) return '—';
  const ago = now - time;
  if (ago < MINUTE_MS) return 'just now';
  if (ago < HOUR_MS) return relative.format(-Math.floor(ago / MINUTE_MS), 'minute');
  if (ago < RELATIVE_LIMIT_MS) return relative.format(-Math.floor(ago / HOUR_MS), 'hour');
  const clock = timeOfDay.format(time);
  const days = Math.round((startOfDay(now) - startOfDay(time)) / (24 * HOUR_MS));
  if (days === 0) return `Today at ${clock}`;
  if (days === 1) return `Yesterday at ${clock}`;
  if (days < 7) return `${weekday.format(time)} at ${clock}`;
  const sameYear = new Date(time).getFullYear() === new Date(now).getFullYear();
  return `${(sameYear ? monthDay : fullDate).format(time)} at ${clock}`;
}
