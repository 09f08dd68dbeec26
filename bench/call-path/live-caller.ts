import type { WebSocket } from 'ws';
import type { CallerFigures } from './caller-figures.js';

/** One simulated caller on a live call, whatever it calls through. */
export interface LiveCaller {
  readonly figures: CallerFigures;
  /** Stops talking, waits for the echoes still in flight, then ends the call. */
  hangUp(): Promise<void>;
}

const HANG_UP_TIMEOUT_MS = 5_000;
/** A call not live this long after it was placed counts as failed. */
export const START_TIMEOUT_MS = 20_000;
/** How long a hanging-up caller waits for the echoes of its last frames. */
export const DRAIN_TIMEOUT_MS = 2_000;

/**
 * Resolves once `socket` has closed; `closed.within()` waits for that and
 * terminates the socket if the other side does not close it in time.
 */
export function socketClosed(socket: WebSocket) {
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  return {
    async within(): Promise<void> {
      const timer = setTimeout(() => socket.terminate(), HANG_UP_TIMEOUT_MS);
      await closed;
      clearTimeout(timer);
    },
  };
}
