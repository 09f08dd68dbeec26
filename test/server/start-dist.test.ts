import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/api-client.js';
import { spawnServer, waitForOutput } from '../helpers/server-process.js';

const root = path.resolve(import.meta.dirname, '../..');
const builtMain = path.join(root, 'dist/server/main.js');

/**
 * Builds the server as `npm start` does. Always: the type check (`npm run
 * check`) refreshes tsc's build info without emitting, so no timestamp tells
 * whether dist/ matches the sources; tsc's incremental build is quick when it does.
 */
function buildServer(): void {
  execFileSync('npm', ['run', 'build:server'], { cwd: root, stdio: 'pipe' });
}

// `npm start` runs the compiled JavaScript, not the TypeScript the other start-up tests run.
describe('the built server (node dist/server/main.js)', { timeout: 120_000 }, () => {
  let dataDir: string;
  beforeAll(async () => {
    buildServer();
    dataDir = await mkdtemp(path.join(tmpdir(), 'buzzi-dist-'));
  }, 180_000);
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('migrates, seeds, serves the API and the dashboard, and stops cleanly', async () => {
    const server = spawnServer({ BUZZI_DATA_DIR: dataDir }, [builtMain]);
    const [, baseUrl] = await waitForOutput(server, /Dashboard\s+(http:\/\/\S+?)\/\s/, 90_000);
    const [, password] = await waitForOutput(server, /password: (\S+)/);
    const client = new ApiClient(baseUrl as string);

    const health = await client.get('/api/health');
    expect(health.status, JSON.stringify(health.body)).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', database: 'pglite' });
    const login = await client.post('/api/auth/login', { email: 'owner@acme.test', password });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ activeCompany: { name: 'Acme Dental' } });
    if (existsSync(path.join(root, 'dist/dashboard/index.html'))) {
      const page = await client.get('/chatbots');
      expect(page.status).toBe(200);
      expect(page.body as unknown as string).toMatch(/<div id="root">/);
    }

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });
});
