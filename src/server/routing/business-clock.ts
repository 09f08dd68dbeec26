import {
  type BusinessHours,
  minutesOf,
  type Weekday,
  weekdayLabels,
  weekdays,
} from '../../shared/call-routing.js';

/** A moment as the company's wall clock shows it. */
export type LocalTime = {
  weekday: Weekday;
  /** YYYY-MM-DD in the zone. */
  date: string;
  /** Minutes after local midnight. */
  minutes: number;
};

const WEEKDAY_BY_SHORT: Record<string, Weekday> = {
  Mon: 'mon',
  Tue: 'tue',
  Wed: 'wed',
  Thu: 'thu',
  Fri: 'fri',
  Sat: 'sat',
  Sun: 'sun',
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's own date, weekday and time at `at` (its offset that day, daylight saving included). */
export function localTimeOf(at: Date, timeZone: string): LocalTime {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  const weekday = WEEKDAY_BY_SHORT[parts.weekday ?? ''] ?? weekdays[0];
  return {
    weekday,
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

export type OpenVerdict = { open: boolean; why: string };

/** Whether the company is open at `at`, and the local reading that says so. */
export function openAt(hours: BusinessHours, at: Date): OpenVerdict {
  const local = localTimeOf(at, hours.timeZone);
  const clock = `${weekdayLabels[local.weekday]} ${local.date} ${clockOf(local.minutes)} ${hours.timeZone}`;
  const holiday = hours.holidays.find((h) => h.date === local.date);
  if (holiday) {
    return { open: false, why: `${clock} is a holiday${holiday.name ? ` (${holiday.name})` : ''}` };
  }
  const interval = hours.weekly[local.weekday].find(
    (i) => minutesOf(i.open) <= local.minutes && local.minutes < minutesOf(i.close),
  );
  return interval
    ? { open: true, why: `${clock} is within ${interval.open}–${interval.close}` }
    : { open: false, why: `${clock} is outside business hours` };
}

const clockOf = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
