import { expect } from 'vitest';
import type { Database } from '../../src/server/db/client.js';
import {
  knowledgeCategories,
  knowledgeChunks,
  knowledgeDocuments,
} from '../../src/server/db/schema/index.js';
import { ApiClient, type ApiResponse } from './api-client.js';
import { SseClient } from './sse.js';

export type WidgetMessage = {
  id: string;
  role: 'user' | 'assistant' | 'agent' | 'system';
  content: string;
  authorName: string | null;
  createdAt: string;
  metadata: { responder?: string };
};

/** A chat chatbot created through the company API, as an admin would. */
export async function createChatChatbot(admin: ApiClient, body: Record<string, unknown> = {}) {
  const res = await admin.post<{ chatbot: { id: string; publicId: string } }>(
    '/api/company/chatbots',
    { name: `Front desk ${Math.random().toString(36).slice(2, 7)}`, chatbotType: 'chat', ...body },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.chatbot;
}

/** A call chatbot created through the company API, answered by the call model `modelId` (an ai_models.id). */
export async function createCallChatbot(admin: ApiClient, name: string, modelId?: string) {
  return createChatChatbot(admin, {
    name,
    chatbotType: 'call',
    ...(modelId ? { settings: { call: { modelId } } } : {}),
  });
}

/** A ready knowledge document with one chunk per passage, stored as ingestion would leave it. */
export async function addKnowledge(
  db: Database,
  companyId: string,
  document: { title: string; passages: Array<{ heading: string; content: string }> },
) {
  const [category] = await db
    .insert(knowledgeCategories)
    .values({ companyId, name: `${document.title} category` })
    .returning();
  if (!category) throw new Error('category insert failed');
  const [doc] = await db
    .insert(knowledgeDocuments)
    .values({
      companyId,
      categoryId: category.id,
      title: document.title,
      sourceType: 'text',
      status: 'ready',
      progress: 100,
      chunkCount: document.passages.length,
    })
    .returning();
  if (!doc) throw new Error('document insert failed');
  await db.insert(knowledgeChunks).values(
    document.passages.map((passage, position) => ({
      companyId,
      documentId: doc.id,
      position,
      heading: passage.heading,
      content: passage.content,
    })),
  );
  return { categoryId: category.id, documentId: doc.id };
}

/** A website visitor talking to one chatbot through the public widget API. */
export class WidgetVisitor {
  readonly client: ApiClient;
  conversationId = '';
  token = '';

  constructor(
    readonly baseUrl: string,
    readonly publicId: string,
  ) {
    this.client = new ApiClient(baseUrl);
  }

  static async start(baseUrl: string, publicId: string): Promise<WidgetVisitor> {
    const visitor = new WidgetVisitor(baseUrl, publicId);
    const res = await visitor.client.post<{ conversationId: string; token: string }>(
      `/api/widget/${publicId}/conversations`,
      { visitorId: 'visitor_1' },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    visitor.conversationId = res.body.conversationId;
    visitor.token = res.body.token;
    return visitor;
  }

  get auth(): Record<string, string> {
    return { authorization: `Bearer ${this.token}` };
  }

  send(content: string): Promise<ApiResponse<{ message: WidgetMessage }>> {
    return this.client.request(
      'POST',
      `/api/widget/conversations/${this.conversationId}/messages`,
      { content },
      this.auth,
    );
  }

  history(): Promise<ApiResponse<{ messages: WidgetMessage[]; status: string }>> {
    return this.client.request(
      'GET',
      `/api/widget/conversations/${this.conversationId}/messages`,
      undefined,
      this.auth,
    );
  }

  /** The visitor's event stream, authorized by `?token=` as EventSource does. */
  events(): Promise<SseClient> {
    const url = new URL(`/api/widget/conversations/${this.conversationId}/events`, this.baseUrl);
    url.searchParams.set('token', this.token);
    return SseClient.open(url.toString());
  }
}

/** An Inbox event stream for a signed-in member, as the dashboard opens it. */
export function inboxEvents(member: ApiClient): Promise<SseClient> {
  return SseClient.open(new URL('/api/company/inbox/events', member.baseUrl).toString(), {
    cookie: member.cookieHeader,
  });
}
