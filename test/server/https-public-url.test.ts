import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import { aiModels } from '../../src/server/db/schema/index.js';
import type { ApiClient } from '../helpers/api-client.js';
import { createTenants, TEST_PASSWORD } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const PUBLIC_URL = 'https://buzzi.example.test';

/** The Set-Cookie header of one cookie, by name. */
function setCookie(headers: Headers, name: string): string {
  const header = headers.getSetCookie().find((h) => h.startsWith(`${name}=`));
  if (!header) throw new Error(`no Set-Cookie for ${name} in ${headers.getSetCookie()}`);
  return header;
}

/** What a TLS-terminating proxy adds to every request it passes on over plain HTTP. */
const FROM_PROXY = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' };

describe('an https PUBLIC_URL', () => {
  it('is refused without TRUST_PROXY, which sign-in over the proxy needs', () => {
    expect(() => loadConfig({ PUBLIC_URL })).toThrow(/PUBLIC_URL: .*TRUST_PROXY=true/);
    expect(() => loadConfig({ PUBLIC_URL, TRUST_PROXY: 'true' })).not.toThrow();
    expect(() => loadConfig({ PUBLIC_URL: 'http://buzzi.example.test' })).not.toThrow();
  });
});

// The app is reached over plain HTTP here, as behind a TLS-terminating proxy.
describe('an https PUBLIC_URL behind a TLS proxy', () => {
  let t: TestApp;
  let tenants: Awaited<ReturnType<typeof createTenants>>;
  let admin: ApiClient;

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL: `${PUBLIC_URL}/`, TRUST_PROXY: 'true' });
    tenants = await createTenants(t, { callEnabled: true });
    admin = t.client();
    const login = await admin.request(
      'POST',
      '/api/auth/login',
      { email: tenants.users.adminA.email, password: TEST_PASSWORD },
      FROM_PROXY,
    );
    expect(login.status).toBe(200);
  });
  afterAll(() => t?.close());

  it('makes the session and active-company cookies Secure', async () => {
    const client = t.client();
    const login = await client.request(
      'POST',
      '/api/auth/login',
      { email: tenants.users.adminA.email, password: TEST_PASSWORD },
      FROM_PROXY,
    );
    expect(login.status).toBe(200);
    const session = setCookie(login.headers, 'buzzi_session');
    expect(session).toMatch(/;\s*Secure/i);
    expect(session).toMatch(/;\s*HttpOnly/i);

    const switched = await client.request(
      'POST',
      '/api/auth/active-company',
      { companyId: tenants.companyA.id },
      FROM_PROXY,
    );
    expect(switched.status).toBe(200);
    expect(setCookie(switched.headers, 'buzzi_company')).toMatch(/;\s*Secure/i);
  });

  it('puts the public address in invitation links, whatever host the request named', async () => {
    const res = await admin.request(
      'POST',
      '/api/company/members',
      { email: 'new.agent@example.test', role: 'support_agent' },
      { ...FROM_PROXY, host: 'internal-node-7:3000', 'x-forwarded-host': 'elsewhere.example' },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.inviteUrl).toMatch(new RegExp(`^${PUBLIC_URL}/invite/[A-Za-z0-9_-]{20,}$`));
  });

  it('hands the widget a wss:// call socket on the public address', async () => {
    const [local] = await t.db
      .select({ id: aiModels.id })
      .from(aiModels)
      .where(eq(aiModels.provider, 'local'));
    const bot = await admin.request<{ chatbot: { publicId: string } }>(
      'POST',
      '/api/company/chatbots',
      { name: 'Phone desk', chatbotType: 'call', settings: { call: { modelId: local?.id } } },
      FROM_PROXY,
    );
    expect(bot.status, JSON.stringify(bot.body)).toBe(201);
    const session = await t
      .client()
      .request<{ sessionId: string; wsUrl: string }>(
        'POST',
        '/api/widget/call/session',
        { chatbotId: bot.body.chatbot.publicId },
        { ...FROM_PROXY, host: 'internal-node-7:3000' },
      );
    expect(session.status, JSON.stringify(session.body)).toBe(201);
    expect(session.body.wsUrl).toBe(
      `wss://buzzi.example.test/api/widget/call/${session.body.sessionId}/ws`,
    );
  });
});
