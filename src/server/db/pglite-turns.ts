import type { PGlite } from '@electric-sql/pglite';

/**
 * PGlite runs each statement synchronously on the event loop that also
 * carries live calls' audio. Its own lock runs queued statements back to back
 * in one go, so a burst of work (fifty calls starting at once) would hold the
 * loop for hundreds of milliseconds. Through this view every statement (and
 * every transaction, as one unit) waits its turn in a queue and starts on a
 * fresh turn of the event loop, after pending socket I/O: live frames wait
 * for at most one statement, never for a whole burst.
 */
export function pgliteTakingTurns(client: PGlite): PGlite {
  let tail: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(nextTurn).then(work);
    tail = run.catch(() => undefined);
    return run;
  };
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'query' || property === 'exec' || property === 'transaction') {
        const method = Reflect.get(target, property, target) as (
          ...args: unknown[]
        ) => Promise<unknown>;
        return (...args: unknown[]) => inTurn(() => method.apply(target, args));
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
