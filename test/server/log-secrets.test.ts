import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/server/auth/password.js';
import { users } from '../../src/server/db/schema/index.js';
import { errorForConsole } from '../../src/server/log-serializers.js';
import { createLogger } from '../../src/server/logger.js';
import { ApiClient } from '../helpers/api-client.js';
import { CATEGORIES, DOCUMENTS, upload } from '../helpers/knowledge.js';
import { waitForOutput } from '../helpers/server-process.js';
import {
  callDemoChatbot,
  createServerStore,
  exitWithin,
  type ServerStore,
  startServer,
} from '../helpers/spawned-demo.js';
import { createTestDatabase } from '../helpers/test-database.js';

let store: ServerStore | undefined;
afterAll(() => store?.remove());

/** The JSON log lines of a server's stdout: the start banner is for a person, not a log. */
const logLines = (output: string) =>
  output.split('\n').filter((line) => line.startsWith('{"level"'));

const cookieValues = (client: ApiClient) =>
  client.cookieHeader.split('; ').map((pair) => pair.slice(pair.indexOf('=') + 1));

describe('secrets in logs', { timeout: 120_000 }, () => {
  it('a debug log of sign-in, invitation, acceptance, a call and an upload holds none', async () => {
    store = await createServerStore();
    const { server, baseUrl } = await startServer({ ...store.env, LOG_LEVEL: 'debug' });
    const [, demoPassword] = await waitForOutput(server, /password: (\S+)/);

    const owner = new ApiClient(baseUrl);
    const login = await owner.post('/api/auth/login', {
      email: 'owner@acme.test',
      password: demoPassword,
    });
    expect(login.status).toBe(200);

    const invited = await owner.post<{ inviteUrl: string }>('/api/company/members', {
      email: 'new.agent@example.test',
      role: 'support_agent',
    });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    const inviteToken = new URL(invited.body.inviteUrl).pathname.split('/').pop() as string;
    const invitee = new ApiClient(baseUrl);
    expect((await invitee.get(`/invite/${inviteToken}`)).status).toBeLessThan(500);
    expect((await invitee.get(`/api/auth/invites/${inviteToken}`)).status).toBe(200);
    const inviteePassword = 'invitee-Secret-4711';
    const accepted = await invitee.post(`/api/auth/invites/${inviteToken}/accept`, {
      name: 'New Agent',
      password: inviteePassword,
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);

    const visitor = new ApiClient(baseUrl);
    const session = await visitor.post<{ sessionId: string; token: string }>(
      '/api/widget/call/session',
      { chatbotId: 'cb_acme_dental_demo' },
    );
    expect(session.status).toBe(201);
    const call = await callDemoChatbot(baseUrl);
    call.client.sendJson({ type: 'end' });
    await call.client.waitFor('call.ended', () => true, 15_000);

    const categories = await owner.get<{ categories: Array<{ id: string }> }>(CATEGORIES);
    const uploaded = await upload(owner, `${DOCUMENTS}/upload`, {
      fileName: 'parking.txt',
      bytes: Buffer.from('Parking is free behind the building.'),
      fields: { categoryId: categories.body.categories[0]?.id as string },
    });
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);

    server.child.kill('SIGTERM');
    expect(await exitWithin(server, 30_000)).toBe(0);
    const log = logLines(server.output()).join('\n');

    expect(log).toContain('/api/auth/invites/[redacted]/accept');
    expect(log).toContain('/invite/[redacted]');
    const secrets = [
      demoPassword,
      inviteePassword,
      inviteToken,
      session.body.token,
      ...cookieValues(owner),
      ...cookieValues(invitee),
    ];
    for (const secret of secrets) {
      expect(secret?.length).toBeGreaterThan(6);
      expect(log).not.toContain(secret);
    }
    expect(log).not.toMatch(/\$argon2/);
  });

  it('a failed query is logged with its SQL and database code, never its parameters', async () => {
    const database = await createTestDatabase();
    const output = new PassThrough();
    let logged = '';
    output.on('data', (chunk: Buffer) => {
      logged += chunk.toString();
    });
    const logger = createLogger('info', false, output);
    const passwordHash = await hashPassword('a-password-nobody-may-read');
    const user = { email: 'twice@example.test', name: 'Twice', passwordHash };
    await database.db.insert(users).values(user);
    const failure = await database.db
      .insert(users)
      .values(user)
      .then(
        () => null,
        (error: unknown) => error,
      );
    await database.close();
    expect(String(failure)).toContain(passwordHash);

    // As the error handler logs a failed request, and as background jobs log a message.
    logger.error({ err: failure }, 'request failed');
    logger.warn({ err: (failure as Error).message }, 'job failed');
    await new Promise((resolve) => setImmediate(resolve));

    const [handler, job] = logged
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(handler.err).toMatchObject({
      message: expect.stringMatching(/^Failed query: insert into "users"/),
      code: '23505',
    });
    expect(job.err).toMatch(/^Failed query: insert into "users"/);
    expect(logged).not.toContain(passwordHash);
    expect(logged).not.toContain('twice@example.test');

    // As a failed start prints it (a seed racing another node hit exactly this).
    const printed = errorForConsole(failure);
    expect(printed).toMatch(/^Failed query: insert into "users"/);
    expect(printed).not.toContain(passwordHash);
  });
});
