import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

// Stands for a close that blocks the event loop in synchronous code, where no timer can fire.
const stuckProcess = `
import { armWatchdog } from './src/server/shutdown.ts';
armWatchdog(500);
const until = Date.now() + 20_000;
while (Date.now() < until) {}
`;

describe('shutdown watchdog', { timeout: 30_000 }, () => {
  it('kills a process whose event loop is stuck', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', stuckProcess],
      {
        cwd: root,
        stdio: 'ignore',
      },
    );
    const startedAt = Date.now();
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on('exit', (exitCode, exitSignal) => resolve([exitCode, exitSignal])),
    );
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGKILL' });
    expect(Date.now() - startedAt).toBeLessThan(15_000);
  });
});
