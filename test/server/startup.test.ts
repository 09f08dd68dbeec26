import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/api-client.js';
import { spawnServer, waitForOutput } from '../helpers/server-process.js';

const dirs: string[] = [];
async function freshDataDir() {
  const dir = await mkdtemp(path.join(tmpdir(), 'buzzi-start-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function startAndLogin(dataDir: string, env: Record<string, string> = {}) {
  const server = spawnServer({ BUZZI_DATA_DIR: dataDir, ...env });
  const [, baseUrl] = await waitForOutput(server, /Dashboard\s+(http:\/\/\S+?)\/\s/);
  const [, password] = await waitForOutput(server, /password: (.+)/);
  return { server, baseUrl: baseUrl as string, password: password as string };
}

// Each test starts the real process (and PGlite) once or twice: slow under a loaded machine.
describe('npm start on the embedded defaults', { timeout: 90_000 }, () => {
  it('migrates, seeds the demo tenant once, prints URLs and logins, and stops cleanly', async () => {
    const dataDir = await freshDataDir();
    const first = await startAndLogin(dataDir);
    expect(first.server.output()).toContain('Demo logins (created now)');
    expect(first.server.output()).toContain('owner@acme.test');

    const owner = new ApiClient(first.baseUrl);
    const me = await owner.post('/api/auth/login', {
      email: 'owner@acme.test',
      password: first.password,
    });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      activeCompany: { name: 'Acme Dental', features: { callEnabled: true } },
    });
    const bots = await owner.get<{ chatbots: Array<{ chatbotType: string }> }>(
      '/api/company/chatbots',
    );
    expect(bots.body.chatbots).toEqual([expect.objectContaining({ chatbotType: 'call' })]);

    first.server.child.kill('SIGTERM');
    expect(await first.server.exited).toBe(0);

    // Second start on the same data: nothing is seeded twice and the password, only in its
    // file now, still works.
    const second = await startAndLogin(dataDir);
    expect(second.server.output()).not.toContain('created now');
    expect(second.server.output()).not.toContain(first.password);
    expect(second.password).toBe(`(in ${path.join(dataDir, 'demo-password')})`);
    expect((await readFile(path.join(dataDir, 'demo-password'), 'utf8')).trim()).toBe(
      first.password,
    );
    const master = new ApiClient(second.baseUrl);
    expect(
      (
        await master.post('/api/auth/login', {
          email: 'admin@buzzi.local',
          password: first.password,
        })
      ).status,
    ).toBe(200);
    const models = await master.get<{ models: unknown[] }>('/api/master/ai-models');
    expect(models.body.models).toHaveLength(8);
    const companies = await master.get<{ companies: unknown[] }>('/api/master/companies');
    expect(companies.body.companies).toHaveLength(1);
    second.server.child.kill('SIGTERM');
    expect(await second.server.exited).toBe(0);
  });

  it('never prints a demo password that comes from BUZZI_DEMO_PASSWORD', async () => {
    const chosen = 'chosen-by-the-operator-77';
    const { server, baseUrl, password } = await startAndLogin(await freshDataDir(), {
      BUZZI_DEMO_PASSWORD: chosen,
      LOG_LEVEL: 'debug',
    });
    expect(password).toBe('(BUZZI_DEMO_PASSWORD)');
    const login = await new ApiClient(baseUrl).post('/api/auth/login', {
      email: 'owner@acme.test',
      password: chosen,
    });
    expect(login.status).toBe(200);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).not.toContain(chosen);
  });

  it('skips the demo tenant with BUZZI_SEED_DEMO=false', async () => {
    const server = spawnServer({ BUZZI_DATA_DIR: await freshDataDir(), BUZZI_SEED_DEMO: 'false' });
    await waitForOutput(server, /Buzzi is running/);
    expect(server.output()).not.toContain('Demo logins');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('stops with a clear message when a migration fails', async () => {
    const dataDir = await freshDataDir();
    const blocker = await PGlite.create({ dataDir: path.join(dataDir, 'data') });
    await blocker.exec('CREATE TABLE companies (id integer)');
    await blocker.close();

    const server = spawnServer({ BUZZI_DATA_DIR: dataDir });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/Database migration failed: .+/);
    expect(server.output()).not.toContain('Buzzi is running');
  });

  it('refuses invalid configuration naming the variable', async () => {
    const server = spawnServer({ BUZZI_DATA_DIR: await freshDataDir(), PORT: 'eighty' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('PORT');
  });
});
