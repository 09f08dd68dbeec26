import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { knowledgeAnswer } from '../../src/server/chat/knowledge-answer.js';
import { openDatabase } from '../../src/server/db/client.js';
import { KnowledgeRetriever } from '../../src/server/knowledge/retrieval.js';
import { ApiClient } from '../helpers/api-client.js';
import { type KnowledgeDocument, waitForDocument } from '../helpers/knowledge.js';
import { spawnServer, waitForOutput } from '../helpers/server-process.js';

let dataDir = '';
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('the demo tenant on a fresh start', () => {
  // A real server process: starting, migrating and seeding take most of the time.
  it('has practice information, processed at start-up and linked to the demo chatbot', {
    // 18 s alone; CI runs it beside the other suites on two cores.
    timeout: 120_000,
  }, async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'buzzi-demo-knowledge-'));
    const server = spawnServer({ BUZZI_DATA_DIR: dataDir });
    let companyId = '';
    let chatbotId = '';
    try {
      const [, baseUrl] = await waitForOutput(server, /Dashboard\s+(http:\/\/\S+?)\/\s/);
      const [, password] = await waitForOutput(server, /password: (\S+)/);
      const owner = new ApiClient(baseUrl ?? '');
      const me = await owner.post<{ activeCompany: { id: string } }>('/api/auth/login', {
        email: 'owner@acme.test',
        password,
      });
      expect(me.status).toBe(200);
      companyId = me.body.activeCompany.id;

      const categories = await owner.get<{ categories: Array<{ id: string; name: string }> }>(
        '/api/company/knowledge/categories',
      );
      expect(categories.body.categories).toEqual([
        expect.objectContaining({ name: 'Practice information', documentCount: 1 }),
      ]);
      const documents = await owner.get<{ documents: KnowledgeDocument[] }>(
        '/api/company/knowledge/documents',
      );
      const [seeded] = documents.body.documents;
      const { document, text } = await waitForDocument(owner, seeded?.id ?? '');
      expect(document).toMatchObject({ status: 'ready', sourceType: 'text', error: null });
      expect(document.chunkCount).toBeGreaterThanOrEqual(6);
      expect(text).toContain('Monday to Friday from 8:00 to 18:00');
      expect(text).toContain('closed on Sundays');

      const bots = await owner.get<{ chatbots: Array<{ id: string }> }>('/api/company/chatbots');
      chatbotId = bots.body.chatbots[0]?.id ?? '';
      const links = await owner.get<{ categoryIds: string[] }>(
        `/api/company/chatbots/${chatbotId}/knowledge-categories`,
      );
      expect(links.body.categoryIds).toEqual([categories.body.categories[0]?.id]);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);

    // What the demo chatbot answers without a language model, to the questions of issue 15.
    const database = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'data') });
    try {
      const retriever = new KnowledgeRetriever({ db: database.db, vectorColumn: false });
      const answer = async (query: string) =>
        knowledgeAnswer(query, await retriever.search({ companyId, chatbotId, query, limit: 3 }));
      const hours = await answer('What are your business hours?');
      expect(hours?.source.heading).toBe('Acme Dental practice information › Opening hours');
      expect(hours?.text).toContain('We are open Monday to Friday from 8:00 to 18:00');
      expect((await answer('How much is teeth whitening?'))?.text).toBe(
        'Tooth whitening in the chair, about 90 minutes: €290.',
      );
      const kaiser = await answer('Do you take Kaiser insurance?');
      expect(kaiser?.source.heading).toBe(
        'Acme Dental practice information › Paying and insurance',
      );
      expect(kaiser?.text).toContain('With any other insurer you pay us');
      expect(await answer('Do you deliver pizza?')).toBe(null);
    } finally {
      await database.close();
    }
  });
});
