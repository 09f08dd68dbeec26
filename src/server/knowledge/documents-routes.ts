import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { tenantOf } from '../auth/guards.js';
import { invalid } from '../http/errors.js';
import { assertCategoriesBelong, getCategory } from './categories-service.js';
import { KnowledgeProcessor } from './document-processor.js';
import {
  createDocument,
  deleteDocument,
  fileSource,
  getDocument,
  getDocumentWithText,
  listDocuments,
  MAX_TITLE_CHARS,
  replaceDocument,
  textSource,
} from './documents-service.js';
import { parseFormFields, readUploadForm, UPLOAD_LIMITS } from './upload-form.js';
import { uploadRateLimit } from './upload-limit.js';
import { DocumentWorkers } from './worker/document-workers.js';

const BASE = '/api/company/knowledge/documents';
const MAX_PASTE_BYTES = 2 * 1024 * 1024;
// JSON escaping can double pasted text; the 2 MB limit is checked on the text itself.
const PASTE_BODY_LIMIT = 5 * MAX_PASTE_BYTES;

const idParams = z.object({ id: z.uuid() });
const listQuery = z.object({ categoryId: z.uuid().optional() });
const title = z.string().trim().min(1).max(MAX_TITLE_CHARS);
const content = z
  .string()
  .min(1)
  .refine((text) => Buffer.byteLength(text) <= MAX_PASTE_BYTES, 'must be at most 2 MB');

const createBody = z.strictObject({ categoryId: z.uuid(), title, content });
const replaceBody = z.strictObject({ title: title.optional(), content });
const uploadFields = z.strictObject({ categoryId: z.uuid(), title: title.optional() });
const replaceUploadFields = z.strictObject({ title: title.optional() });

export async function knowledgeDocumentRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, guards } = deps;
  const workers = new DocumentWorkers({
    memoryMb: deps.config.knowledge.workerMemoryMb,
    timeoutMs: deps.config.knowledge.workerTimeoutMs,
    maxChars: deps.config.knowledge.maxTextChars,
    logger: deps.logger,
  });
  const processor = new KnowledgeProcessor({
    db,
    logger: deps.logger,
    workers,
    embeddings: deps.retriever.usesVectors ? deps.embeddings : undefined,
  });
  app.addHook('onClose', async () => {
    // Closing the workers fails a running chunking job, which the processor waits for.
    const processorClosed = processor.close();
    await workers.close();
    await processorClosed;
  });
  // Documents a stopped process left half-done are processed again from their stored text.
  await processor.resumeUnfinished();

  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    BASE,
    { onRequest: guards.company, schema: { querystring: listQuery } },
    async (request) => {
      const tenant = { companyId: tenantOf(request).id };
      const { categoryId } = request.query;
      if (categoryId) await getCategory(db, tenant, categoryId);
      return { documents: await listDocuments(db, tenant, { categoryId }) };
    },
  );

  r.get(
    `${BASE}/:id`,
    { onRequest: guards.company, schema: { params: idParams } },
    async (request) =>
      getDocumentWithText(db, { companyId: tenantOf(request).id }, request.params.id),
  );

  r.post(
    BASE,
    {
      onRequest: guards.companyAdmin,
      bodyLimit: PASTE_BODY_LIMIT,
      schema: { body: createBody },
    },
    async (request, reply) => {
      const tenant = { companyId: tenantOf(request).id };
      const { categoryId, title, content } = request.body;
      const document = await createDocument(db, tenant, {
        categoryId,
        title,
        source: textSource(content),
      });
      processor.enqueue(document.id);
      return reply.status(201).send({ document });
    },
  );

  r.put(
    `${BASE}/:id`,
    {
      onRequest: guards.companyAdmin,
      bodyLimit: PASTE_BODY_LIMIT,
      schema: { params: idParams, body: replaceBody },
    },
    async (request) => {
      const tenant = { companyId: tenantOf(request).id };
      const document = await replaceDocument(db, tenant, request.params.id, {
        title: request.body.title,
        source: textSource(request.body.content),
      });
      processor.enqueue(document.id);
      return { document };
    },
  );

  r.delete(
    `${BASE}/:id`,
    { onRequest: guards.companyAdmin, schema: { params: idParams } },
    async (request, reply) => {
      await deleteDocument(db, { companyId: tenantOf(request).id }, request.params.id);
      return reply.status(204).send();
    },
  );

  // Multipart parsing exists only for the two upload routes.
  await app.register(async (uploads) => {
    await uploads.register(fastifyMultipart, { limits: UPLOAD_LIMITS });
    const u = uploads.withTypeProvider<ZodTypeProvider>();
    const rateLimit = uploadRateLimit(app);

    u.post(
      `${BASE}/upload`,
      { onRequest: guards.companyAdmin, preHandler: rateLimit },
      async (request, reply) => {
        const tenant = { companyId: tenantOf(request).id };
        const form = await readUploadForm(request);
        const fields = parseFormFields(uploadFields, form.fields);
        if (!form.file) throw invalid('file', 'choose a file to upload');
        await assertCategoriesBelong(db, tenant, 'categoryId', [fields.categoryId]);
        const source = await fileSource(workers, tenant, form.file.fileName, form.file.bytes);
        const document = await createDocument(db, tenant, {
          categoryId: fields.categoryId,
          title: fields.title ?? source.fileName,
          source,
        });
        processor.enqueue(document.id);
        return reply.status(201).send({ document });
      },
    );

    u.put(
      `${BASE}/:id/upload`,
      { onRequest: guards.companyAdmin, preHandler: rateLimit, schema: { params: idParams } },
      async (request) => {
        const tenant = { companyId: tenantOf(request).id };
        const form = await readUploadForm(request);
        const fields = parseFormFields(replaceUploadFields, form.fields);
        if (!form.file) throw invalid('file', 'choose a file to upload');
        await getDocument(db, tenant, request.params.id);
        const document = await replaceDocument(db, tenant, request.params.id, {
          title: fields.title,
          source: await fileSource(workers, tenant, form.file.fileName, form.file.bytes),
        });
        processor.enqueue(document.id);
        return { document };
      },
    );
  });
}
