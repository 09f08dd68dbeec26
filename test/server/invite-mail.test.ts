import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.js';
import { expectError } from '../helpers/expect-error.js';
import { createTenants, createUser, login } from '../helpers/fixtures.js';
import { SmtpInbox } from '../helpers/smtp-inbox.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// With SMTP_URL set, the link goes only to the invited mailbox: the API never
// returns it, so accepting proves control of the email.

type Me = {
  user: { email: string; name: string };
  memberships: Array<{ companyId: string; role: string }>;
  activeCompany: null | { id: string; role: string };
};
type Invited = {
  member: { userId: string; email: string; status: string };
  inviteUrl: string | null;
  emailed: boolean;
};

const PUBLIC_URL = 'http://buzzi.example.test';
const PASSWORD = 'mailbox-owner-password';

let inbox: SmtpInbox;
let t: TestApp;
let tenants: Awaited<ReturnType<typeof createTenants>>;

const newEmail = (label: string) => `${label}-${randomBytes(4).toString('hex')}@example.test`;

/** The invitation link in a received mail, and its token. */
function linkIn(text: string) {
  const match = /(https?:\/\/[^\s"<>]+\/invite\/([A-Za-z0-9_-]+))/.exec(text);
  if (!match?.[1] || !match[2]) throw new Error('no invitation link in the mail');
  return { url: match[1], token: match[2] };
}

beforeAll(async () => {
  inbox = await new SmtpInbox().start();
  t = await startTestApp({
    SMTP_URL: inbox.url,
    PUBLIC_URL,
    MAIL_FROM: 'Buzzi Test <invites@buzzi.example.test>',
  });
  tenants = await createTenants(t);
});
afterAll(async () => {
  await t?.close();
  await inbox?.close();
});

describe('invitations by mail', () => {
  it('tells the dashboard that mail is configured', async () => {
    const res = await tenants.as.adminA.get<{ mailConfigured: boolean }>('/api/company/members');
    expect(res.body.mailConfigured).toBe(true);
  });

  it('mails the link to the invitee, never to the inviting admin, and the mailed link works', async () => {
    const email = newEmail('mailed');
    const res = await tenants.as.adminA.post<Invited>('/api/company/members', {
      email,
      role: 'support_agent',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ inviteUrl: null, emailed: true });
    expect(JSON.stringify(res.body)).not.toMatch(/\/invite\//);

    const mail = await inbox.mailTo(email);
    expect(mail.from).toBe('invites@buzzi.example.test');
    expect(inbox.logins).toContainEqual(inbox.credentials);
    expect(mail.text).toContain('Alpha Dental');
    const link = linkIn(mail.text);
    expect(link.url).toBe(`${PUBLIC_URL}/invite/${link.token}`);

    const invitee = t.client();
    const shown = await invitee.get(`/api/auth/invites/${link.token}`);
    expect(shown.body).toEqual({ email, companyName: 'Alpha Dental', role: 'support_agent' });
    const accepted = await invitee.post<Me>(`/api/auth/invites/${link.token}/accept`, {
      name: 'Mailbox Owner',
      password: PASSWORD,
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.activeCompany).toMatchObject({ id: tenants.companyA.id });
    await login(t, email, PASSWORD);
  });

  it('builds the mailed link from PUBLIC_URL, whatever Host the request names', async () => {
    const email = newEmail('host');
    const res = await tenants.as.adminA.request<Invited>(
      'POST',
      '/api/company/members',
      { email, role: 'support_agent' },
      { 'x-forwarded-host': 'evil.example', host: 'evil.example' },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const mail = await inbox.mailTo(email);
    expect(linkIn(mail.text).url.startsWith(`${PUBLIC_URL}/invite/`)).toBe(true);
    expect(mail.text).not.toContain('evil.example');
  });

  it('mails an existing account too, with the same answer, and it joins signed in', async () => {
    const existing = await createUser(t.db);
    const res = await tenants.as.adminB.post<Invited>('/api/company/members', {
      email: existing.email,
      role: 'support_agent',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ inviteUrl: null, emailed: true });
    const { token } = linkIn((await inbox.mailTo(existing.email)).text);

    expectError(
      await t.client().post(`/api/auth/invites/${token}/accept`, {
        name: 'Intruder',
        password: 'not-their-password',
      }),
      403,
      'sign_in_required',
    );
    const owner = await login(t, existing.email);
    const accepted = await owner.post<Me>(`/api/auth/invites/${token}/accept`, {});
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.activeCompany).toMatchObject({ id: tenants.companyB.id });
  });

  it('mails the first admin of a new company', async () => {
    const email = newEmail('founder');
    const res = await tenants.as.master.post<{
      company: { id: string; memberCount: number };
      invite: { email: string; inviteUrl: string | null; emailed: boolean };
    }>('/api/master/companies', { name: 'Mailed <b>Co</b>', admin: { email } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.invite).toEqual({ email, inviteUrl: null, emailed: true });
    expect(res.body.company.memberCount).toBe(0);
    const mail = await inbox.mailTo(email);
    // The company name is text in the HTML part, never markup.
    expect(mail.text).toContain('Mailed &lt;b&gt;Co&lt;/b&gt;');
    expect(mail.text).not.toMatch(/<strong>Mailed <b>/);
    const accepted = await t
      .client()
      .post<Me>(`/api/auth/invites/${linkIn(mail.text).token}/accept`, {
        name: 'Founder',
        password: PASSWORD,
      });
    expect(accepted.body.activeCompany).toMatchObject({
      id: res.body.company.id,
      role: 'company_admin',
    });
  });

  it('still creates the company when the first admin’s mail is refused, and says why', async () => {
    const email = newEmail('refused-founder');
    inbox.refuse(email);
    const res = await tenants.as.master.post<{
      company: { id: string; memberCount: number };
      invite: { email: string; inviteUrl: string | null; emailed: boolean; error?: string };
    }>('/api/master/companies', { name: 'Bounced Co', admin: { email } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.invite).toMatchObject({ email, inviteUrl: null, emailed: false });
    expect(res.body.invite.error).toMatch(/could not be sent/);
    const fetched = await tenants.as.master.get(`/api/master/companies/${res.body.company.id}`);
    expect(fetched.status).toBe(200);
  });

  it('answers 502 when the mail server refuses, leaves no invitation and keeps serving', async () => {
    const email = newEmail('bounced');
    inbox.refuse(email);
    const res = await tenants.as.adminA.post('/api/company/members', {
      email,
      role: 'support_agent',
    });
    expectError(res, 502, 'mail_failed');
    const list = await tenants.as.adminA.get<{ members: Array<{ email: string }> }>(
      '/api/company/members',
    );
    expect(list.status).toBe(200);
    expect(list.body.members.map((m) => m.email)).not.toContain(email);
    // A second try meets the mail server again, not a leftover invitation (409).
    expect(
      (await tenants.as.adminA.post('/api/company/members', { email, role: 'support_agent' }))
        .status,
    ).toBe(502);
  });
});

describe('mail configuration', () => {
  it('refuses SMTP_URL without PUBLIC_URL, naming the variable but not the URL', () => {
    const smtpUrl = 'smtp://user:hunter2-secret@mail.example.test:587';
    expect(() => loadConfig({ SMTP_URL: smtpUrl })).toThrow(ConfigError);
    expect(() => loadConfig({ SMTP_URL: smtpUrl })).toThrow(/SMTP_URL: needs PUBLIC_URL/);
    const bad = (() => {
      try {
        loadConfig({ SMTP_URL: 'http://user:hunter2-secret@mail', PUBLIC_URL });
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(bad).toMatch(/SMTP_URL/);
    expect(bad).not.toContain('hunter2');
    expect(loadConfig({ SMTP_URL: smtpUrl, PUBLIC_URL }).mail).toEqual({
      smtpUrl,
      from: 'Buzzi <no-reply@buzzi.local>',
    });
    expect(loadConfig({}).mail).toBeUndefined();
  });
});
