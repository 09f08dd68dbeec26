import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { calls } from '../db/schema/index.js';
import { AppError, notFound } from '../http/errors.js';
import { byteRangeOf } from './byte-range.js';
import { RECORDINGS_PATH } from './recording-links.js';

const params = z.object({ callId: z.uuid() });
const query = z.object({
  expires: z.coerce.number().int().nonnegative().optional(),
  sig: z.string().max(128).optional(),
});

const linkInvalid = () =>
  new AppError(
    403,
    'forbidden',
    'This recording link is not valid. Open the call again for a new one.',
  );
const linkExpired = () =>
  new AppError(
    403,
    'forbidden',
    'This recording link has expired. Open the call again for a new one.',
  );

/**
 * A call's recording, for whoever holds a signed link to it (the dashboard
 * hands them out to members for ten minutes; see RecordingLinks). Ranges are
 * served so a player can seek.
 */
export async function recordingRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, recordings, recordingLinks } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    `${RECORDINGS_PATH}/:callId`,
    { schema: { params, querystring: query } },
    async (request, reply) => {
      const { callId } = request.params;
      const { expires, sig } = request.query;
      if (expires === undefined || !sig) throw linkInvalid();
      const check = recordingLinks.check(callId, expires, sig);
      if (check === 'invalid') throw linkInvalid();
      if (check === 'expired') throw linkExpired();

      // The signature names the call; its company was checked when the link was made.
      const [call] = await db
        .select({ recordingPath: calls.recordingPath })
        .from(calls)
        .where(eq(calls.id, callId));
      const key = call?.recordingPath;
      const size = key ? await recordings.size(key) : null;
      if (!key || size === null) throw notFound('Recording');

      const range = byteRangeOf(request.headers.range, size);
      reply
        .header('Content-Type', 'audio/ogg')
        .header('Accept-Ranges', 'bytes')
        .header('Cache-Control', 'private, max-age=600')
        .header('X-Content-Type-Options', 'nosniff');
      if (range === null) {
        return reply.status(416).header('Content-Range', `bytes */${size}`).send();
      }
      if (range === 'all') {
        return reply.header('Content-Length', size).send(recordings.stream(key));
      }
      return reply
        .status(206)
        .header('Content-Range', `bytes ${range.start}-${range.end}/${size}`)
        .header('Content-Length', range.end - range.start + 1)
        .send(recordings.stream(key, range));
    },
  );
}
