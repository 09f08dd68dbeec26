import type { EscalationSettings } from '../../db/schema/index.js';
import type { Person } from './people.js';

/** Whom one round of ringing reaches, and for how long. */
export type RingTurn = { userIds: string[]; durationMs: number };

/** Nobody gets less than this to reach the Accept button under least_busy. */
export const MIN_TURN_MS = 10_000;

/**
 * `all`: one turn, everyone at once, for the ring timeout.
 * `least_busy`: one person at a time, fewest live calls first, then the one
 * idle longest (never handled a call, or their last one ended earliest); each
 * rings for the ring timeout shared out among them, but at least MIN_TURN_MS,
 * so the caller waits max(ringTimeout, people × MIN_TURN_MS) at most.
 */
export function planRingTurns(
  people: Person[],
  settings: EscalationSettings,
  minTurnMs = MIN_TURN_MS,
): RingTurn[] {
  const timeoutMs = settings.ringTimeoutSec * 1000;
  if (people.length === 0) return [];
  if (settings.ringStrategy === 'all') {
    return [{ userIds: people.map((p) => p.userId), durationMs: timeoutMs }];
  }
  const durationMs = Math.max(minTurnMs, Math.floor(timeoutMs / people.length));
  return [...people]
    .sort(
      (a, b) =>
        a.liveCalls - b.liveCalls || idleSince(a) - idleSince(b) || a.name.localeCompare(b.name),
    )
    .map((person) => ({ userIds: [person.userId], durationMs }));
}

const idleSince = (person: Person) => person.lastCallEndedAt?.getTime() ?? 0;
