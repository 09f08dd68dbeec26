import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { aiModels } from '../../src/server/db/schema/index.js';
import type { ApiClient } from './api-client.js';
import { addTextDocument, createCategory, waitForDocument } from './knowledge.js';
import type { TestApp } from './test-app.js';

export const BUSINESS_HOURS =
  'Our business hours are Monday to Friday from 8 am to 6 pm. On Saturday we are open from 9 am to 1 pm.';

/**
 * A call chatbot answered by the local voice engine, whose knowledge base
 * (ingested through the real API) states the business hours and parking.
 */
export async function createLocalCallBot(
  t: TestApp,
  admin: ApiClient,
  options: { name?: string; call?: Record<string, unknown>; widget?: Record<string, unknown> } = {},
): Promise<{ id: string; publicId: string }> {
  const category = await createCategory(admin, 'Practice');
  const document = await addTextDocument(admin, {
    categoryId: category.id,
    title: 'Business hours',
    content: `# Business hours\n\n${BUSINESS_HOURS}\n\n# Parking\n\nFree parking is behind the building.`,
  });
  await waitForDocument(admin, document.id);
  const [local] = await t.db
    .select({ id: aiModels.id })
    .from(aiModels)
    .where(eq(aiModels.provider, 'local'));
  const res = await admin.post<{ chatbot: { id: string; publicId: string } }>(
    '/api/company/chatbots',
    {
      name: options.name ?? 'Front desk',
      chatbotType: 'call',
      settings: { call: { modelId: local?.id, ...options.call }, widget: { ...options.widget } },
    },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.chatbot;
}
