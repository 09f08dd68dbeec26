import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Database } from '../../src/server/db/client.js';
import {
  knowledgeCategories,
  knowledgeChunks,
  knowledgeDocuments,
} from '../../src/server/db/schema/index.js';
import type { ApiClient, ApiResponse } from './api-client.js';
import { addTextDocument, waitForDocument } from './knowledge.js';

export const SEARCH = '/api/company/knowledge/search';

export const FIXTURE_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../fixtures/knowledge',
);

export type FixtureDocument = { file: string; title: string; content: string };
export type FixtureQuestion = { question: string; document: string; phrase: string };

export type SearchResult = {
  chunkId: string;
  documentId: string;
  documentTitle: string;
  heading: string;
  content: string;
  score: number;
  textRank: number;
};
export type SearchBody = { results: SearchResult[]; mode: 'fulltext' | 'hybrid' };

/** The shipped fixture knowledge base: markdown documents titled by their first heading. */
export function loadFixtureDocuments(): FixtureDocument[] {
  return readdirSync(FIXTURE_DIR)
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => {
      const content = readFileSync(path.join(FIXTURE_DIR, file), 'utf8');
      const title = /^# (.+)$/m.exec(content)?.[1] ?? file;
      return { file, title, content };
    });
}

export function loadFixtureQuestions(): FixtureQuestion[] {
  return JSON.parse(readFileSync(path.join(FIXTURE_DIR, 'questions.json'), 'utf8'));
}

/** Pastes a document through the API and waits until processing has made it searchable. */
export async function ingestDocument(
  admin: ApiClient,
  input: { categoryId: string; title: string; content: string },
): Promise<string> {
  const created = await addTextDocument(admin, input);
  const { document } = await waitForDocument(admin, created.id);
  expect(document.status, document.error ?? '').toBe('ready');
  return document.id;
}

export async function insertCategory(db: Database, companyId: string, name = 'General') {
  const [category] = await db.insert(knowledgeCategories).values({ companyId, name }).returning();
  if (!category) throw new Error('category insert failed');
  return category;
}

/**
 * Stores a document with one chunk per paragraph straight into the tables,
 * for states the API only passes through (processing, failed).
 */
export async function insertDocument(
  db: Database,
  input: {
    companyId: string;
    categoryId: string;
    title: string;
    paragraphs: string[];
    status: 'processing' | 'ready' | 'failed';
  },
) {
  const [document] = await db
    .insert(knowledgeDocuments)
    .values({
      companyId: input.companyId,
      categoryId: input.categoryId,
      title: input.title,
      sourceType: 'text',
      status: input.status,
      chunkCount: input.paragraphs.length,
    })
    .returning();
  if (!document) throw new Error('document insert failed');
  await db.insert(knowledgeChunks).values(
    input.paragraphs.map((content, position) => ({
      companyId: input.companyId,
      documentId: document.id,
      position,
      content,
    })),
  );
  return document;
}

export function postSearch(
  client: ApiClient,
  body: Record<string, unknown> | string,
): Promise<ApiResponse<SearchBody>> {
  return client.post<SearchBody>(SEARCH, body);
}

export async function search(client: ApiClient, body: Record<string, unknown>) {
  const res = await postSearch(client, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}
