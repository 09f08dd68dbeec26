export type Outcome<T> =
  | { status: 'done'; value: T }
  | { status: 'failed'; error: unknown }
  | { status: 'timed_out' };

/** How `work` ended, or that it had not ended after `timeoutMs`; never throws. */
export async function outcomeWithin<T>(work: Promise<T>, timeoutMs: number): Promise<Outcome<T>> {
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    work.then(
      (value): Outcome<T> => ({ status: 'done', value }),
      (error: unknown): Outcome<T> => ({ status: 'failed', error }),
    ),
    new Promise<Outcome<T>>((resolve) => {
      timer = setTimeout(() => resolve({ status: 'timed_out' }), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  return outcome;
}
