import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectFieldError, expectServerStillServes } from '../helpers/expect-error.js';
import { createTenants, createUser, login } from '../helpers/fixtures.js';
import { createCategory } from '../helpers/knowledge.js';
import { ingestDocument, postSearch, SEARCH, search } from '../helpers/retrieval.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const MISSING_ID = '00000000-0000-4000-8000-000000000000';

let t: TestApp;
let tenants: Awaited<ReturnType<typeof createTenants>>;
const a = { categoryId: '', documentId: '' };
const b = { categoryId: '', chatbotId: '' };

async function chatbotLinks(client: typeof tenants.as.adminB, chatbotId: string) {
  const res = await client.get<{ categoryIds: string[] }>(
    `/api/company/chatbots/${chatbotId}/knowledge-categories`,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.categoryIds;
}

beforeAll(async () => {
  t = await startTestApp();
  tenants = await createTenants(t);
  a.categoryId = (await createCategory(tenants.as.adminA, 'Clinic')).id;
  a.documentId = await ingestDocument(tenants.as.adminA, {
    categoryId: a.categoryId,
    title: 'Parking',
    content: '# Parking\nPatients park free of charge in the underground garage for two hours.',
  });
  b.categoryId = (await createCategory(tenants.as.adminB, 'Beta')).id;
  const bot = await tenants.as.adminB.post<{ chatbot: { id: string } }>('/api/company/chatbots', {
    name: 'Beta desk',
    chatbotType: 'chat',
  });
  expect(bot.status, JSON.stringify(bot.body)).toBe(201);
  b.chatbotId = bot.body.chatbot.id;
  const linked = await tenants.as.adminB.request(
    'PUT',
    `/api/company/chatbots/${b.chatbotId}/knowledge-categories`,
    { categoryIds: [b.categoryId] },
  );
  expect(linked.status, JSON.stringify(linked.body)).toBe(200);
});
afterAll(() => t?.close());

describe('POST /api/company/knowledge/search', () => {
  it('lets any member search and answers the documented shape', async () => {
    const body = await search(tenants.as.agentA, { query: 'Where can I park my car?' });
    // No embedding provider is configured in this file's app.
    expect(body.mode).toBe('fulltext');
    expect(body.results).toHaveLength(1);
    const [hit] = body.results;
    expect(hit).toEqual({
      chunkId: expect.any(String),
      documentId: a.documentId,
      documentTitle: 'Parking',
      heading: 'Parking',
      content: 'Patients park free of charge in the underground garage for two hours.',
      score: expect.any(Number),
      textRank: expect.any(Number),
    });
    expect(hit?.textRank).toBeGreaterThan(0);
    expect(hit?.textRank).toBeLessThanOrEqual(1);
  });

  it('searches within the given categories', async () => {
    const inside = await search(tenants.as.agentA, {
      query: 'park',
      categoryIds: [a.categoryId],
    });
    expect(inside.results.map((r) => r.documentId)).toEqual([a.documentId]);
  });

  it('refuses a request without a session', async () => {
    expectError(await postSearch(tenants.as.anonymous, { query: 'park' }), 401, 'unauthorized');
  });

  it('is 409 no_active_company for a user who belongs to no company', async () => {
    const loner = await login(t, (await createUser(t.db)).email);
    expectError(await postSearch(loner, { query: 'park' }), 409, 'no_active_company');
  });

  it('names each invalid field', async () => {
    const client = tenants.as.agentA;
    expectFieldError(await postSearch(client, {}), 'query');
    expectFieldError(await postSearch(client, { query: 42 }), 'query');
    expectFieldError(await postSearch(client, { query: 'x'.repeat(10_001) }), 'query');
    expectFieldError(await postSearch(client, { query: 'park', limit: 0 }), 'limit');
    expectFieldError(await postSearch(client, { query: 'park', limit: 21 }), 'limit');
    expectFieldError(await postSearch(client, { query: 'park', limit: 2.5 }), 'limit');
    expectFieldError(await postSearch(client, { query: 'park', chatbotId: 'bot-1' }), 'chatbotId');
    expectFieldError(
      await postSearch(client, { query: 'park', categoryIds: 'all' }),
      'categoryIds',
    );
    expectFieldError(
      await postSearch(client, { query: 'park', categoryIds: ['nope'] }),
      'categoryIds.0',
    );
    expectError(await postSearch(client, { query: 'park', extra: true }), 400, 'validation_error');
  });

  it('refuses searching as a chatbot and within categories at once', async () => {
    const res = await postSearch(tenants.as.adminB, {
      query: 'park',
      chatbotId: b.chatbotId,
      categoryIds: [b.categoryId],
    });
    expectFieldError(res, 'categoryIds');
  });

  it('is 404 for another tenant’s chatbot or a missing one, leaving the chatbot as it was', async () => {
    for (const chatbotId of [b.chatbotId, MISSING_ID]) {
      const res = await postSearch(tenants.as.adminA, { query: 'park', chatbotId });
      expectError(res, 404, 'not_found');
    }
    expect(await chatbotLinks(tenants.as.adminB, b.chatbotId)).toEqual([b.categoryId]);
  });

  it('is 400 for categories that are not the tenant’s', async () => {
    for (const categoryIds of [[b.categoryId], [a.categoryId, MISSING_ID]]) {
      const res = await postSearch(tenants.as.adminA, { query: 'park', categoryIds });
      expectFieldError(res, 'categoryIds');
    }
  });

  it('answers malformed JSON with a clear 400 and keeps serving', async () => {
    const res = await tenants.as.agentA.request('POST', SEARCH, '{"query": "park"');
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect((res.body as { message?: string }).message).toBeTruthy();
    await expectServerStillServes(tenants.as.agentA);
  });
});
