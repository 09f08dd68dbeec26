import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompany, createUser, login } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { createChatChatbot } from '../helpers/widget-visitor.js';

const HOSTILE_COMPANY = `Evil & Co </title><script>window.pwned = 1</script>`;
const HOSTILE_BOT = `<img src=x onerror="window.pwned = 2">"'Bot`;

describe('GET /demo/:chatbotId', () => {
  let t: TestApp;
  let publicId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const company = await createCompany(t.db, { name: HOSTILE_COMPANY });
    const admin = await createUser(t.db, {
      memberships: [{ companyId: company.id, role: 'company_admin' }],
    });
    const bot = await createChatChatbot(await login(t, admin.email), { name: HOSTILE_BOT });
    publicId = bot.publicId;
  });
  afterAll(() => t?.close());

  it('puts company and chatbot names into the page as text, never as markup', async () => {
    const res = await t.client().get(`/demo/${publicId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = res.body as unknown as string;

    expect(html).not.toContain('<script>window.pwned');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('</title><script>');
    expect(html).toContain(
      'Evil &amp; Co &lt;/title&gt;&lt;script&gt;window.pwned = 1&lt;/script&gt;',
    );
    expect(html).toContain('&lt;img src=x onerror=&quot;window.pwned = 2&quot;&gt;&quot;&#39;Bot');
    // The only script on the page is the widget loader.
    expect(html.match(/<script\b/g)).toEqual(['<script']);
    expect(html).toContain(`<script src="/widget.js" data-chatbot-id="${publicId}" async>`);
  });

  it('answers an unknown or malformed id with the not-found page', async () => {
    for (const id of ['cb_nope', encodeURIComponent('<script>x</script>')]) {
      const res = await t.client().get(`/demo/${id}`);
      expect(res.status).toBe(404);
      expect(res.body as unknown as string).toContain('Demo not found');
      expect(res.body as unknown as string).not.toContain('<script>x');
    }
  });
});
