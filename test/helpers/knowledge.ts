import { expect } from 'vitest';
import type { ApiClient, ApiResponse } from './api-client.js';

export const KNOWLEDGE = '/api/company/knowledge';
export const DOCUMENTS = `${KNOWLEDGE}/documents`;
export const CATEGORIES = `${KNOWLEDGE}/categories`;

export type Category = {
  id: string;
  name: string;
  description: string;
  documentCount: number;
  createdAt: string;
};

export type KnowledgeDocument = {
  id: string;
  categoryId: string;
  title: string;
  sourceType: 'text' | 'file';
  fileName: string | null;
  mimeType: string | null;
  sizeBytes: number;
  status: 'processing' | 'ready' | 'failed';
  progress: number;
  error: string | null;
  chunkCount: number;
  createdAt: string;
  updatedAt: string;
};

export type DocumentBody = { document: KnowledgeDocument };
export type DocumentWithText = { document: KnowledgeDocument; text: string };

export async function createCategory(client: ApiClient, name = 'General'): Promise<Category> {
  const res = await client.post<{ category: Category }>(CATEGORIES, { name });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.category;
}

export async function addTextDocument(
  client: ApiClient,
  input: { categoryId: string; title?: string; content: string },
): Promise<KnowledgeDocument> {
  const res = await client.post<DocumentBody>(DOCUMENTS, { title: 'Notes', ...input });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.document;
}

export type UploadInput = {
  fileName: string;
  bytes: Uint8Array;
  fields?: Record<string, string>;
  /** Extra files, to test the one-file limit. */
  extraFiles?: number;
};

/** A multipart upload over real HTTP, as the dashboard's FormData sends it. */
export async function upload<T = DocumentBody>(
  client: ApiClient,
  path: string,
  input: UploadInput,
  method: 'POST' | 'PUT' = 'POST',
): Promise<ApiResponse<T>> {
  const form = new FormData();
  for (const [name, value] of Object.entries(input.fields ?? {})) form.append(name, value);
  const blob = new Blob([new Uint8Array(input.bytes)]);
  form.append('file', blob, input.fileName);
  for (let i = 0; i < (input.extraFiles ?? 0); i++) form.append('file', blob, `extra-${i}.txt`);
  const response = await fetch(new URL(path, client.baseUrl), {
    method,
    body: form,
    headers: { cookie: client.cookieHeader },
  });
  const text = await response.text();
  const body = response.headers.get('content-type')?.includes('application/json')
    ? JSON.parse(text)
    : text;
  return { status: response.status, body: body as T, headers: response.headers };
}

/**
 * Polls a document until it leaves `processing`; returns it with every
 * progress value seen on the way.
 */
export async function waitForDocument(client: ApiClient, id: string, timeoutMs = 45_000) {
  const progressSeen: number[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await client.get<DocumentWithText>(`${DOCUMENTS}/${id}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { document } = res.body;
    if (progressSeen.at(-1) !== document.progress) progressSeen.push(document.progress);
    if (document.status !== 'processing') return { ...res.body, progressSeen };
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`document ${id} still processing after ${timeoutMs} ms`);
}
