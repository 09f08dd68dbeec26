import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { findPublicChatbot } from '../conversations/public-chatbot.js';
import type { Database } from '../db/client.js';
import { companies } from '../db/schema/index.js';
import { AppError } from '../http/errors.js';
import { demoNotFoundHtml, demoPageHtml } from './demo-page.js';

/** Built by `npm run build:widget`; the server runs from the repository root. */
const widgetDir = () => path.resolve(process.cwd(), 'dist/widget');
/** Chunk file names only: nothing else under the folder is reachable. */
const CHUNK_FILE = /^[A-Za-z0-9_-]+\.js$/;
const PUBLIC_ID = /^[A-Za-z0-9_-]{1,40}$/;

/** Short: a new release reaches every website within minutes. */
const LOADER_CACHE = 'public, max-age=300';
/** Chunk names carry a content hash, so a name never changes meaning. */
const CHUNK_CACHE = 'public, max-age=31536000, immutable';

const readOptional = (file: string) => readFile(file).catch(() => null);

const sendScript = (reply: FastifyReply, body: Buffer, cacheControl: string) =>
  reply
    .header('content-type', 'text/javascript; charset=utf-8')
    .header('cache-control', cacheControl)
    .send(body);

/** The embeddable widget (loader and lazy chunks) for any website, and a demo page per chatbot. */
export async function widgetAssetRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db } = deps;

  await app.register(async (assets) => {
    // The chunks are ES modules imported from the customer's origin, so CORS applies.
    assets.addHook('onSend', async (_request, reply) => {
      reply.header('access-control-allow-origin', '*');
      reply.header('cross-origin-resource-policy', 'cross-origin');
    });

    assets.get('/widget.js', async (_request, reply) => {
      const loader = await readOptional(path.join(widgetDir(), 'widget.js'));
      if (!loader) {
        return reply.status(503).send({
          error: 'widget_not_built',
          message: 'The widget is not built on this server. Run `npm run build:widget`.',
        });
      }
      return sendScript(reply, loader, LOADER_CACHE);
    });

    assets.get<{ Params: { file: string } }>('/widget/:file', async (request, reply) => {
      const { file } = request.params;
      const chunk = CHUNK_FILE.test(file)
        ? await readOptional(path.join(widgetDir(), 'widget', file))
        : null;
      if (!chunk) {
        return reply.status(404).send({ error: 'not_found', message: 'Widget file not found' });
      }
      return sendScript(reply, chunk, CHUNK_CACHE);
    });
  });

  app.get<{ Params: { chatbotId: string } }>('/demo/:chatbotId', async (request, reply) => {
    const html = await demoHtml(db, request.params.chatbotId);
    return reply
      .status(html.found ? 200 : 404)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(html.body);
  });
}

/** The demo page of a chatbot (showing the unavailable widget while it is switched off), or the not-found page. */
async function demoHtml(db: Database, publicId: string) {
  const notFound = { found: false, body: demoNotFoundHtml() };
  if (!PUBLIC_ID.test(publicId)) return notFound;
  try {
    const bot = await findPublicChatbot(db, publicId);
    const [company] = await db
      .select({ name: companies.name })
      .from(companies)
      .where(eq(companies.id, bot.companyId));
    return {
      found: true,
      body: demoPageHtml({
        companyName: company?.name ?? bot.name,
        chatbotName: bot.name,
        publicId: bot.publicId,
        available: bot.available,
      }),
    };
  } catch (error) {
    if (error instanceof AppError && error.statusCode === 404) return notFound;
    throw error;
  }
}
