import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/api-client.js';
import { type ServerProcess, spawnServer, waitForOutput } from '../helpers/server-process.js';

// Real processes with the production logger, so the logged client address is the one a self-hoster sees.

type Running = { server: ServerProcess; url: string; dataDir: string };

async function start(trustProxy: boolean): Promise<Running> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'buzzi-proxy-'));
  const server = spawnServer({
    BUZZI_DATA_DIR: dataDir,
    BUZZI_SEED_DEMO: 'false',
    TRUST_PROXY: String(trustProxy),
    LOG_LEVEL: 'info',
  });
  const [, url] = await waitForOutput(server, /Dashboard\s+(http:\/\/\S+?)\/\s/, 80_000);
  return { server, url: url as string, dataDir };
}

async function stop(running: Running | undefined) {
  if (!running) return;
  running.server.child.kill('SIGTERM');
  await running.server.exited;
  await rm(running.dataDir, { recursive: true, force: true });
}

/** A failed sign-in from the address a proxy in front of Buzzi would name. */
function attempt(url: string, email: string, forwardedFor: string) {
  return new ApiClient(url).request(
    'POST',
    '/api/auth/login',
    { email, password: 'wrong password' },
    { 'x-forwarded-for': forwardedFor },
  );
}

async function spendLimit(url: string, email: string, forwardedFor: string) {
  for (let i = 0; i < 10; i++) {
    expect((await attempt(url, email, forwardedFor)).status).toBe(401);
  }
  expect((await attempt(url, email, forwardedFor)).status).toBe(429);
}

/** The `ip` of every logged request to the login route. */
function loggedLoginAddresses(server: ServerProcess): string[] {
  return server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { req?: { url?: string; ip?: string } })
    .filter((entry) => entry.req?.url === '/api/auth/login')
    .map((entry) => entry.req?.ip ?? '');
}

describe('TRUST_PROXY', { timeout: 120_000 }, () => {
  let off: Running | undefined;
  let on: Running | undefined;
  beforeAll(async () => {
    [off, on] = await Promise.all([start(false), start(true)]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([stop(off), stop(on)]);
  });

  it('off: X-Forwarded-For neither escapes the sign-in limit nor reaches the log', async () => {
    if (!off) throw new Error('server did not start');
    await spendLimit(off.url, 'victim@example.test', '203.0.113.1');
    for (const forged of ['203.0.113.2', '198.51.100.7', '10.0.0.1, 203.0.113.3']) {
      expect((await attempt(off.url, 'victim@example.test', forged)).status).toBe(429);
    }
    const addresses = new Set(loggedLoginAddresses(off.server));
    expect([...addresses]).toEqual(['127.0.0.1']);
  });

  it('on: each forwarded client address has its own limit and is the logged address', async () => {
    if (!on) throw new Error('server did not start');
    await spendLimit(on.url, 'victim@example.test', '203.0.113.1');
    // Another client behind the same proxy still gets to try.
    expect((await attempt(on.url, 'victim@example.test', '198.51.100.7')).status).toBe(401);
    // The address the proxy appended (the last hop) is the client, not one the client made up.
    expect((await attempt(on.url, 'victim@example.test', '1.2.3.4, 203.0.113.1')).status).toBe(429);
    const addresses = new Set(loggedLoginAddresses(on.server));
    expect(addresses).toContain('203.0.113.1');
    expect(addresses).toContain('198.51.100.7');
    expect(addresses).not.toContain('127.0.0.1');
  });
});
