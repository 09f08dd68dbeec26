import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { knowledgeDocuments } from '../../src/server/db/schema/index.js';
import { expectError, expectFieldError, expectServerStillServes } from '../helpers/expect-error.js';
import { createTenants } from '../helpers/fixtures.js';
import {
  addTextDocument,
  type Category,
  createCategory,
  DOCUMENTS,
  upload,
  waitForDocument,
} from '../helpers/knowledge.js';
import { corruptPdf, minimalPdf } from '../helpers/pdf-fixture.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const UPLOAD = `${DOCUMENTS}/upload`;
const MISSING_ID = '00000000-0000-4000-8000-000000000000';
const utf8 = (text: string) => Buffer.from(text, 'utf8');

let t: TestApp;
let tenants: Awaited<ReturnType<typeof createTenants>>;
let category: Category;

beforeAll(async () => {
  t = await startTestApp();
  tenants = await createTenants(t);
  category = await createCategory(tenants.as.adminA, 'Uploads');
});
afterAll(() => t?.close());

async function documentCount(): Promise<number> {
  const [row] = await t.db
    .select({ count: sql<number>`count(*)::int` })
    .from(knowledgeDocuments)
    .where(eq(knowledgeDocuments.companyId, tenants.companyA.id));
  return row?.count ?? -1;
}

describe('file uploads', () => {
  it.each([
    {
      fileName: 'hours.txt',
      bytes: utf8('Opening hours\r\nMonday to Friday 8:00 to 18:00.\r\n'),
      mimeType: 'text/plain',
      text: 'Opening hours\nMonday to Friday 8:00 to 18:00.',
    },
    {
      fileName: 'prices.md',
      bytes: utf8(
        '# Prices\n\nA **cleaning** costs 70 euros.\n\n## Children\n\n- free check-ups\n',
      ),
      mimeType: 'text/markdown',
      text: '# Prices\n\nA cleaning costs 70 euros.\n\n## Children\n\n- free check-ups',
    },
    {
      fileName: 'parking.HTML',
      bytes: utf8(
        '<html><head><script>track()</script></head><body><nav>Menu</nav><h2>Parking</h2><p>Behind the building.</p></body></html>',
      ),
      mimeType: 'text/html',
      text: '## Parking\n\nBehind the building.',
    },
    {
      fileName: 'emergencies.pdf',
      bytes: minimalPdf([['Emergencies'], ['Call 555 0199 day and night.']]),
      mimeType: 'application/pdf',
      text: 'Emergencies\n\nCall 555 0199 day and night.',
    },
  ])('stores $fileName as a file document and processes it', async (file) => {
    const res = await upload(tenants.as.adminA, UPLOAD, {
      fileName: file.fileName,
      bytes: file.bytes,
      fields: { categoryId: category.id },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.document).toMatchObject({
      categoryId: category.id,
      title: file.fileName,
      sourceType: 'file',
      fileName: file.fileName,
      mimeType: file.mimeType,
      sizeBytes: file.bytes.length,
      status: 'processing',
    });
    const { document, text } = await waitForDocument(tenants.as.adminA, res.body.document.id);
    expect(document).toMatchObject({ status: 'ready', progress: 100, error: null });
    expect(document.chunkCount).toBeGreaterThan(0);
    expect(text).toBe(file.text);
  });

  it('takes the title from the form and replaces a document with a new file', async () => {
    const { adminA } = tenants.as;
    const res = await upload(adminA, UPLOAD, {
      fileName: 'C:\\Users\\olivia\\policy.txt',
      bytes: utf8('Cancel 24 hours ahead.'),
      fields: { title: 'Cancellation policy', categoryId: category.id },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.document).toMatchObject({
      title: 'Cancellation policy',
      fileName: 'policy.txt',
    });
    const id = res.body.document.id;
    await waitForDocument(adminA, id);

    const replaced = await upload(
      adminA,
      `${DOCUMENTS}/${id}/upload`,
      { fileName: 'policy-2025.pdf', bytes: minimalPdf([['Cancel 48 hours ahead.']]) },
      'PUT',
    );
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.body.document).toMatchObject({
      id,
      title: 'Cancellation policy',
      fileName: 'policy-2025.pdf',
      mimeType: 'application/pdf',
      status: 'processing',
    });
    const { document, text } = await waitForDocument(adminA, id);
    expect(document.status).toBe('ready');
    expect(text).toBe('Cancel 48 hours ahead.');

    // A text replacement turns it back into a text document.
    await adminA.request('PUT', `${DOCUMENTS}/${id}`, { content: 'Cancel any time.' });
    const asText = await waitForDocument(adminA, id);
    expect(asText.document).toMatchObject({ sourceType: 'text', fileName: null, mimeType: null });
  });
});

describe('bad uploads store nothing', () => {
  let before: number;
  beforeEach(async () => {
    before = await documentCount();
  });

  async function expectRefused(
    input: Parameters<typeof upload>[2],
    message: string | RegExp,
  ): Promise<void> {
    const res = await upload(tenants.as.adminA, UPLOAD, {
      fields: { categoryId: category.id },
      ...input,
    });
    const body = expectError(res, 400, 'bad_request');
    expect(body.message).toMatch(message);
    expect(await documentCount()).toBe(before);
  }

  it('refuses an empty file', async () => {
    await expectRefused({ fileName: 'empty.txt', bytes: new Uint8Array() }, 'The file is empty');
  });

  it('refuses a file over 10 MB', async () => {
    await expectRefused(
      { fileName: 'huge.txt', bytes: Buffer.alloc(11 * 1024 * 1024, 'a') },
      /larger than 10 MB/,
    );
    await expectServerStillServes(tenants.as.adminA);
  });

  it('refuses an unsupported type, naming the supported ones', async () => {
    await expectRefused(
      { fileName: 'setup.exe', bytes: Buffer.from([0x4d, 0x5a, 0x90, 0, 3]) },
      '".exe" files are not supported. Upload a .txt, .md, .html, .htm or .pdf file',
    );
  });

  it('refuses a corrupt PDF and text named .pdf', async () => {
    await expectRefused(
      { fileName: 'broken.pdf', bytes: corruptPdf() },
      /^Could not read this PDF: /,
    );
    await expectRefused(
      { fileName: 'notes.pdf', bytes: utf8('plain text pretending') },
      'This file is named .pdf but is not a PDF',
    );
  });

  it('refuses a file with no readable text', async () => {
    await expectRefused(
      { fileName: 'blank.html', bytes: utf8('<html><body><script>x()</script></body></html>') },
      'The file contains no readable text',
    );
  });

  it('refuses more than one file and a request that is not multipart', async () => {
    await expectRefused(
      { fileName: 'a.txt', bytes: utf8('one'), extraFiles: 1 },
      'Upload one file at a time',
    );
    const json = await tenants.as.adminA.post(UPLOAD, { categoryId: category.id });
    expect(expectError(json, 400, 'bad_request').message).toBe(
      'Send the file as multipart/form-data',
    );
    expect(await documentCount()).toBe(before);
  });

  it('validates the form fields', async () => {
    const { adminA, adminB } = tenants.as;
    const file = { fileName: 'ok.txt', bytes: utf8('Fine text.') };
    expectFieldError(await upload(adminA, UPLOAD, file), 'categoryId');
    expectFieldError(
      await upload(adminA, UPLOAD, { ...file, fields: { categoryId: 'nope' } }),
      'categoryId',
    );
    expectFieldError(
      await upload(adminA, UPLOAD, { ...file, fields: { categoryId: MISSING_ID } }),
      'categoryId',
    );
    expectFieldError(
      await upload(adminA, UPLOAD, { ...file, fields: { categoryId: category.id, title: ' ' } }),
      'title',
    );
    expectFieldError(
      await upload(adminA, UPLOAD, { ...file, fields: { categoryId: category.id, colour: 'red' } }),
      'colour',
    );
    const foreignCategory = await createCategory(adminB, 'Beta uploads');
    expectFieldError(
      await upload(adminA, UPLOAD, { ...file, fields: { categoryId: foreignCategory.id } }),
      'categoryId',
    );
    expect(await documentCount()).toBe(before);
    await expectServerStillServes(adminA);
  });
});

describe('upload security', () => {
  it('requires a session and the admin role', async () => {
    const file = { fileName: 'a.txt', bytes: utf8('text'), fields: { categoryId: category.id } };
    expectError(await upload(tenants.as.anonymous, UPLOAD, file), 401, 'unauthorized');
    expectError(await upload(tenants.as.agentA, UPLOAD, file), 403, 'forbidden');
    const document = await addTextDocument(tenants.as.adminA, {
      categoryId: category.id,
      content: 'Original text.',
    });
    const path = `${DOCUMENTS}/${document.id}/upload`;
    expectError(await upload(tenants.as.agentA, path, file, 'PUT'), 403, 'forbidden');
    expectError(await upload(tenants.as.anonymous, path, file, 'PUT'), 401, 'unauthorized');
  });

  it("cannot replace another company's document", async () => {
    const document = await addTextDocument(tenants.as.adminA, {
      categoryId: category.id,
      title: 'Alpha only',
      content: 'Alpha text.',
    });
    await waitForDocument(tenants.as.adminA, document.id);
    const res = await upload(
      tenants.as.adminB,
      `${DOCUMENTS}/${document.id}/upload`,
      { fileName: 'takeover.txt', bytes: utf8('Beta text.') },
      'PUT',
    );
    expectError(res, 404, 'not_found');
    const [row] = await t.db
      .select()
      .from(knowledgeDocuments)
      .where(eq(knowledgeDocuments.id, document.id));
    expect(row).toMatchObject({ title: 'Alpha only', content: 'Alpha text.', version: 1 });
  });
});
