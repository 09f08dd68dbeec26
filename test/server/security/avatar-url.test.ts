import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chatbots } from '../../../src/server/db/schema/index.js';
import { expectFieldError } from '../../helpers/expect-error.js';
import { createTenants } from '../../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createChatChatbot } from '../../helpers/widget-visitor.js';

// The widget shows the avatar on customers' websites: only web addresses may be stored.

let t: TestApp;
let tenants: Awaited<ReturnType<typeof createTenants>>;

beforeAll(async () => {
  t = await startTestApp();
  tenants = await createTenants(t);
});
afterAll(() => t?.close());

const avatar = (avatarUrl: string) => ({ settings: { widget: { avatarUrl } } });

it('accepts only http(s) avatar URLs', async () => {
  const admin = tenants.as.adminA;
  const bot = await createChatChatbot(admin);
  const path = `/api/company/chatbots/${bot.id}`;
  for (const unsafe of [
    'javascript:alert(document.cookie)',
    'JavaScript:alert(1)',
    'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://example.com/a.png',
  ]) {
    const res = await admin.patch(path, avatar(unsafe));
    const body = expectFieldError(res, 'settings.widget.avatarUrl');
    expect(body.message).toMatch(/http/);
    const create = await admin.post('/api/company/chatbots', {
      name: 'Avatar bot',
      chatbotType: 'chat',
      ...avatar(unsafe),
    });
    expectFieldError(create, 'settings.widget.avatarUrl');
  }

  const safe = 'https://cdn.example.com/avatar.png';
  expect((await admin.patch(path, avatar(safe))).status).toBe(200);
  expect((await admin.patch(path, avatar('http://example.com/a.png'))).status).toBe(200);
  expect((await admin.patch(path, avatar(safe))).status).toBe(200);
  const config = await t
    .client()
    .get<{ widget: { avatarUrl: string } }>(`/api/widget/${bot.publicId}/config`);
  expect(config.body.widget.avatarUrl).toBe(safe);
  expect((await admin.patch(path, avatar(''))).status).toBe(200);
});

it('clears an unsafe avatar stored before the check (migration 0005)', async () => {
  const bot = await createChatChatbot(tenants.as.adminA);
  const unsafe = 'javascript:alert(1)';
  await t.db.execute(
    sql`UPDATE chatbots SET settings = jsonb_set(settings, '{widget,avatarUrl}', to_jsonb(${unsafe}::text)) WHERE id = ${bot.id}`,
  );
  const migration = readFileSync(
    path.resolve(import.meta.dirname, '../../../drizzle/0005_widget_avatar_web_urls_only.sql'),
    'utf8',
  );
  await t.db.execute(sql.raw(migration));
  const [row] = await t.db.select().from(chatbots).where(eq(chatbots.id, bot.id));
  expect(row?.settings).toMatchObject({ widget: { avatarUrl: '', title: 'Chat with us' } });
  const config = await t.client().get(`/api/widget/${bot.publicId}/config`);
  expect(config.status).toBe(200);
});
