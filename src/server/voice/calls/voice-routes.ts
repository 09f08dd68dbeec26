import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.js';
import type { Database } from '../../db/client.js';
import { aiModels } from '../../db/schema/index.js';
import { AppError, notFound } from '../../http/errors.js';
import { encodeWav } from '../audio/wav.js';
import type { SpeechSynthesizer } from '../providers/local/parts.js';
import type { ModelVoices, VoiceCatalog } from './voice-catalog.js';

const PREVIEW_TEXT = 'Hello! This is how I sound on your calls.';
/** Previews are a few voices per engine; this bounds memory if an endpoint lists many. */
const PREVIEW_CACHE_ENTRIES = 32;
const PREVIEW_CACHE_CONTROL = 'private, max-age=86400';

const modelParams = z.object({ modelId: z.uuid() });
const previewParams = modelParams.extend({ voice: z.string().min(1).max(64) });

const engineUnavailable = (message: string) =>
  new AppError(503, 'voice_engine_unavailable', message);

/** The voices of a call model, and a spoken sample of each, for the voice selector. */
export async function voiceRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, guards, voices: catalog } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const onRequest = [guards.companyAdmin, guards.callFeature];
  const previews = new PreviewCache(PREVIEW_CACHE_ENTRIES);

  r.get(
    '/api/company/voices/:modelId',
    { onRequest, schema: { params: modelParams } },
    async (request) => {
      const voices = await voicesOfModel(db, catalog, request.params.modelId);
      return {
        voices: voices.voices,
        engine: voices.engine,
        canPreview: voices.synthesizer !== null,
        ...(voices.synthesizer ? {} : { reason: voices.unavailableReason }),
      };
    },
  );

  r.get(
    '/api/company/voices/:modelId/:voice/preview',
    { onRequest, schema: { params: previewParams } },
    async (request, reply) => {
      const { modelId, voice } = request.params;
      const voices = await voicesOfModel(db, catalog, modelId);
      if (!voices.voices.some((v) => v.id === voice)) throw notFound('Voice');
      const { synthesizer } = voices;
      if (!synthesizer) {
        throw engineUnavailable(voices.unavailableReason ?? 'Voice previews are not available');
      }
      let wav: Buffer;
      try {
        wav = await previews.get(`${synthesizer.engine}:${voice}`, () =>
          speakPreview(synthesizer, voice),
        );
      } catch (err) {
        request.log.warn({ err, engine: synthesizer.engine }, 'voice preview failed');
        throw engineUnavailable('The voice engine could not speak the preview; try again later');
      }
      return reply
        .header('content-type', 'audio/wav')
        .header('cache-control', PREVIEW_CACHE_CONTROL)
        .send(wav);
    },
  );
}

/** An active call model's voices; any other id is "not found". */
async function voicesOfModel(
  db: Database,
  catalog: VoiceCatalog,
  id: string,
): Promise<ModelVoices> {
  const [model] = await db
    .select({ provider: aiModels.provider, modelId: aiModels.modelId })
    .from(aiModels)
    .where(
      and(
        eq(aiModels.id, id),
        eq(aiModels.isActive, true),
        inArray(aiModels.modelType, ['call', 'both']),
      ),
    );
  if (!model) throw notFound('Call model');
  return await catalog.voicesFor(model);
}

async function speakPreview(synthesizer: SpeechSynthesizer, voice: string): Promise<Buffer> {
  const samples = await synthesizer.synthesize(PREVIEW_TEXT, { voice, speed: 1 });
  return encodeWav({ samples, sampleRate: synthesizer.sampleRate });
}

/** Least-recently-used previews; concurrent requests for one voice share one synthesis. */
class PreviewCache {
  readonly #entries = new Map<string, Promise<Buffer>>();

  constructor(readonly capacity: number) {}

  get(key: string, make: () => Promise<Buffer>): Promise<Buffer> {
    const cached = this.#entries.get(key);
    if (cached) this.#entries.delete(key);
    const entry = cached ?? make();
    if (!cached) {
      // A failure is not kept: the next request tries again.
      entry.catch(() => {
        if (this.#entries.get(key) === entry) this.#entries.delete(key);
      });
    }
    this.#entries.set(key, entry);
    const oldest = this.#entries.keys().next().value;
    if (this.#entries.size > this.capacity && oldest !== undefined) this.#entries.delete(oldest);
    return entry;
  }
}
