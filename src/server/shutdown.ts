import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { outcomeWithin } from './time-limit.js';

export type ShutdownStep = {
  name: string;
  run: () => Promise<unknown>;
  /** How long the step may take before the shutdown goes on without it. */
  timeoutMs: number;
};

/** Exit codes of a stop on SIGTERM/SIGINT (1 is also a failed start-up). */
export const EXIT_CLEAN = 0;
export const EXIT_UNCLEAN = 1;

/** After the last step's time is up, how long exiting may take before the watchdog kills the process. */
const WATCHDOG_SLACK_MS = 2000;

const watchdogSource = `
const { workerData } = require('node:worker_threads');
setTimeout(() => process.kill(workerData.pid, 'SIGKILL'), workerData.afterMs);
`;

/**
 * Kills this process after `afterMs` from another thread. Timers on the main
 * thread cannot fire while its event loop is stuck in synchronous code (a
 * hung file system call, a WebAssembly database spinning), so the guarantee
 * that a stopping server goes away has to live outside that loop.
 */
export function armWatchdog(afterMs: number): void {
  const worker = new Worker(watchdogSource, {
    eval: true,
    // Not the parent's flags (a TypeScript loader, --input-type=module): the source is CommonJS.
    execArgv: [],
    workerData: { pid: process.pid, afterMs },
  });
  // Without its watchdog the shutdown still has its step timeouts; it must not crash over it.
  worker.on('error', () => {});
  worker.unref();
}

/** Total time the steps may take, plus the slack after which the watchdog kills the process. */
export function shutdownDeadlineMs(steps: ShutdownStep[]): number {
  return steps.reduce((sum, step) => sum + step.timeoutMs, 0) + WATCHDOG_SLACK_MS;
}

/**
 * Runs the steps in order, each bounded by its timeout, and exits: 0 when
 * every step finished, 1 when one failed or ran out of time (the process
 * exits anyway, the rest of the steps still run).
 */
export async function shutDown(steps: ShutdownStep[], logger: Logger): Promise<never> {
  armWatchdog(shutdownDeadlineMs(steps));
  let clean = true;
  for (const step of steps) {
    const { status } = await outcomeWithin(Promise.resolve().then(step.run), step.timeoutMs);
    if (status === 'done') continue;
    clean = false;
    logger.error({ step: step.name, outcome: status }, 'shutdown step did not finish');
  }
  logger.info({ clean }, 'stopped');
  process.exit(clean ? EXIT_CLEAN : EXIT_UNCLEAN);
}
