import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chatbotKnowledgeCategories,
  knowledgeCategories,
  knowledgeChunks,
} from '../../src/server/db/schema/index.js';
import type { ApiClient } from '../helpers/api-client.js';
import { expectError, expectFieldError, expectServerStillServes } from '../helpers/expect-error.js';
import { createTenants } from '../helpers/fixtures.js';
import {
  addTextDocument,
  CATEGORIES,
  type Category,
  createCategory,
  waitForDocument,
} from '../helpers/knowledge.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

type CategoryBody = { category: Category };
type ListBody = { categories: Category[] };
type LinksBody = { categoryIds: string[] };

const MISSING_ID = '00000000-0000-4000-8000-000000000000';

let t: TestApp;
let tenants: Awaited<ReturnType<typeof createTenants>>;

beforeAll(async () => {
  t = await startTestApp();
  tenants = await createTenants(t);
});
afterAll(() => t?.close());

async function createChatbot(client: ApiClient, name = 'Front desk'): Promise<string> {
  const res = await client.post<{ chatbot: { id: string } }>('/api/company/chatbots', {
    name,
    chatbotType: 'chat',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.chatbot.id;
}

async function storedCategory(id: string) {
  const [row] = await t.db.select().from(knowledgeCategories).where(eq(knowledgeCategories.id, id));
  return row;
}

describe('knowledge categories', () => {
  it('creates, lists with document counts, renames and deletes a category', async () => {
    const { adminA } = tenants.as;
    const created = await adminA.post<CategoryBody>(CATEGORIES, {
      name: '  Pricing  ',
      description: 'Plans and prices',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.category).toEqual({
      id: expect.any(String),
      name: 'Pricing',
      description: 'Plans and prices',
      documentCount: 0,
      createdAt: expect.any(String),
    });
    const pricing = created.body.category;
    const about = await createCategory(adminA, 'About us');
    expect(about.description).toBe('');

    const document = await addTextDocument(adminA, {
      categoryId: pricing.id,
      content: 'Basic costs ten euros a month.',
    });
    await addTextDocument(adminA, { categoryId: pricing.id, content: 'Pro costs twenty euros.' });
    await waitForDocument(adminA, document.id);

    const list = await tenants.as.agentA.get<ListBody>(CATEGORIES);
    expect(list.status).toBe(200);
    expect(list.body.categories.map((c) => [c.name, c.documentCount])).toEqual([
      ['About us', 0],
      ['Pricing', 2],
    ]);

    const renamed = await adminA.patch<CategoryBody>(`${CATEGORIES}/${pricing.id}`, {
      name: 'Prices',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.category).toMatchObject({
      name: 'Prices',
      description: 'Plans and prices',
      documentCount: 2,
    });

    const chunksBefore = await t.db
      .select()
      .from(knowledgeChunks)
      .where(eq(knowledgeChunks.documentId, document.id));
    expect(chunksBefore.length).toBeGreaterThan(0);
    const deleted = await adminA.delete(`${CATEGORIES}/${pricing.id}`);
    expect(deleted.status).toBe(204);
    expect(await storedCategory(pricing.id)).toBeUndefined();
    const chunksAfter = await t.db
      .select()
      .from(knowledgeChunks)
      .where(eq(knowledgeChunks.documentId, document.id));
    expect(chunksAfter).toEqual([]);
    const after = await adminA.get<ListBody>(CATEGORIES);
    expect(after.body.categories.map((c) => c.name)).toEqual(['About us']);
  });

  it('validates the fields', async () => {
    const { adminA } = tenants.as;
    expectFieldError(await adminA.post(CATEGORIES, {}), 'name');
    expectFieldError(await adminA.post(CATEGORIES, { name: '   ' }), 'name');
    expectFieldError(await adminA.post(CATEGORIES, { name: 'x'.repeat(121) }), 'name');
    expectFieldError(await adminA.post(CATEGORIES, { name: 'Ok', description: 7 }), 'description');
    expectError(
      await adminA.post(CATEGORIES, { name: 'Ok', colour: 'red' }),
      400,
      'validation_error',
    );
    const category = await createCategory(adminA, 'Valid');
    expectFieldError(await adminA.patch(`${CATEGORIES}/${category.id}`, { name: '' }), 'name');
    expectFieldError(await adminA.patch(`${CATEGORIES}/not-a-uuid`, { name: 'A' }), 'id');
    expectError(await adminA.patch(`${CATEGORIES}/${MISSING_ID}`, { name: 'A' }), 404, 'not_found');
    expectError(await adminA.post(CATEGORIES, '{"name": "broken'), 400, 'bad_request');
    await expectServerStillServes(adminA);
  });

  it('requires a session and the company admin role to change categories', async () => {
    const category = await createCategory(tenants.as.adminA, 'Guarded');
    const { anonymous, agentA } = tenants.as;
    expectError(await anonymous.get(CATEGORIES), 401, 'unauthorized');
    expectError(await anonymous.post(CATEGORIES, { name: 'X' }), 401, 'unauthorized');
    expectError(await anonymous.delete(`${CATEGORIES}/${category.id}`), 401, 'unauthorized');
    expectError(await agentA.post(CATEGORIES, { name: 'X' }), 403, 'forbidden');
    expectError(
      await agentA.patch(`${CATEGORIES}/${category.id}`, { name: 'Renamed' }),
      403,
      'forbidden',
    );
    expectError(await agentA.delete(`${CATEGORIES}/${category.id}`), 403, 'forbidden');
    expect((await storedCategory(category.id))?.name).toBe('Guarded');
  });

  it("never shows or changes another company's category", async () => {
    const foreign = await createCategory(tenants.as.adminB, 'Beta only');
    const { adminA } = tenants.as;
    const list = await adminA.get<ListBody>(CATEGORIES);
    expect(list.body.categories.map((c) => c.id)).not.toContain(foreign.id);
    expectError(
      await adminA.patch(`${CATEGORIES}/${foreign.id}`, { name: 'Taken' }),
      404,
      'not_found',
    );
    expectError(await adminA.delete(`${CATEGORIES}/${foreign.id}`), 404, 'not_found');
    expect(await storedCategory(foreign.id)).toMatchObject({
      name: 'Beta only',
      companyId: tenants.companyB.id,
    });
  });
});

describe('chatbot knowledge categories', () => {
  const links = (chatbotId: string) => `/api/company/chatbots/${chatbotId}/knowledge-categories`;

  it('links categories to a chatbot, replaces and clears the links', async () => {
    const { adminA, agentA } = tenants.as;
    const chatbotId = await createChatbot(adminA);
    const hours = await createCategory(adminA, 'Hours');
    const prices = await createCategory(adminA, 'Prices');

    const empty = await agentA.get<LinksBody>(links(chatbotId));
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ categoryIds: [] });

    const set = await adminA.request<LinksBody>('PUT', links(chatbotId), {
      categoryIds: [prices.id, hours.id, prices.id],
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.categoryIds.sort()).toEqual([hours.id, prices.id].sort());
    expect((await agentA.get<LinksBody>(links(chatbotId))).body.categoryIds.sort()).toEqual(
      [hours.id, prices.id].sort(),
    );

    const replaced = await adminA.request<LinksBody>('PUT', links(chatbotId), {
      categoryIds: [hours.id],
    });
    expect(replaced.body).toEqual({ categoryIds: [hours.id] });

    // Deleting a category drops its links.
    expect((await adminA.delete(`${CATEGORIES}/${hours.id}`)).status).toBe(204);
    expect((await adminA.get<LinksBody>(links(chatbotId))).body).toEqual({ categoryIds: [] });

    await adminA.request('PUT', links(chatbotId), { categoryIds: [prices.id] });
    const cleared = await adminA.request<LinksBody>('PUT', links(chatbotId), { categoryIds: [] });
    expect(cleared.body).toEqual({ categoryIds: [] });
  });

  it("refuses unknown and another company's categories, naming categoryIds", async () => {
    const { adminA } = tenants.as;
    const chatbotId = await createChatbot(adminA, 'Validating bot');
    const own = await createCategory(adminA, 'Own');
    await adminA.request('PUT', links(chatbotId), { categoryIds: [own.id] });
    const foreign = await createCategory(tenants.as.adminB, 'Foreign');

    const body = expectFieldError(
      await adminA.request('PUT', links(chatbotId), { categoryIds: [own.id, foreign.id] }),
      'categoryIds',
    );
    expect(body.message).toContain(foreign.id);
    expectFieldError(
      await adminA.request('PUT', links(chatbotId), { categoryIds: [MISSING_ID] }),
      'categoryIds',
    );
    expectFieldError(
      await adminA.request('PUT', links(chatbotId), { categoryIds: ['nope'] }),
      'categoryIds.0',
    );
    expectFieldError(await adminA.request('PUT', links(chatbotId), {}), 'categoryIds');
    expect((await adminA.get<LinksBody>(links(chatbotId))).body).toEqual({ categoryIds: [own.id] });
  });

  it("guards the links: session, role, and another company's chatbot", async () => {
    const { adminA, agentA, anonymous, adminB } = tenants.as;
    const chatbotId = await createChatbot(adminA, 'Guarded bot');
    const category = await createCategory(adminA, 'Linked');
    await adminA.request('PUT', links(chatbotId), { categoryIds: [category.id] });

    expectError(await anonymous.get(links(chatbotId)), 401, 'unauthorized');
    expectError(
      await anonymous.request('PUT', links(chatbotId), { categoryIds: [] }),
      401,
      'unauthorized',
    );
    expectError(
      await agentA.request('PUT', links(chatbotId), { categoryIds: [] }),
      403,
      'forbidden',
    );
    expectError(await adminB.get(links(chatbotId)), 404, 'not_found');
    const ownB = await createCategory(adminB, 'Beta linked');
    expectError(
      await adminB.request('PUT', links(chatbotId), { categoryIds: [ownB.id] }),
      404,
      'not_found',
    );
    expectError(await adminA.get(links(MISSING_ID)), 404, 'not_found');

    const stored = await t.db
      .select({ categoryId: chatbotKnowledgeCategories.categoryId })
      .from(chatbotKnowledgeCategories)
      .where(eq(chatbotKnowledgeCategories.chatbotId, chatbotId));
    expect(stored).toEqual([{ categoryId: category.id }]);
  });
});
