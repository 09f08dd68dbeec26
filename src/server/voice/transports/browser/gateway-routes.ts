import fastifyCors from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../../app-deps.js';
import { RedisBus } from '../../../bus/redis-bus.js';
import { AppError } from '../../../http/errors.js';
import { perMinute } from '../../../http/per-minute-limit.js';
import { publicBaseUrl } from '../../../http/public-url.js';
import { rateCall } from '../../calls/call-rating.js';
import {
  type CallSession,
  MemorySessionStore,
  RedisSessionStore,
} from '../../calls/session-tokens.js';
import {
  BROWSER_OUTPUT_SAMPLE_RATE,
  browserInputSampleRate,
  runBrowserCall,
} from './browser-call.js';
import { BrowserCallSessions } from './browser-sessions.js';
import { loadCallClientSettings } from './call-client-settings.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The redeemed session of a call socket, set before the upgrade completes. */
    callSession?: CallSession;
  }
}

/** What the gateway uses of the app's dependencies. */
export type GatewayDeps = Pick<AppDeps, 'calls' | 'config' | 'db' | 'bus' | 'logger'>;

const SESSIONS_PER_MINUTE = 10;
const ENDS_PER_MINUTE = 30;
const BODY_LIMIT_BYTES = 4 * 1024;

const sessionBody = z.strictObject({ chatbotId: z.string().trim().min(1).max(40) });
const sessionParams = z.object({ sessionId: z.uuid() });
const tokenQuery = z.object({ token: z.string().max(200).optional() });
const ratingBody = z.object({ rating: z.number().int().min(1).max(5) });

const missingToken = () =>
  new AppError(401, 'invalid_call_session', 'A call session token is required.');

/** `Authorization: Bearer <token>`, or `?token=` where a browser cannot set headers (WebSocket). */
function callTokenOf(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const token = header.slice('Bearer '.length).trim();
    if (token) return token;
  }
  const query = (request.query as { token?: unknown } | undefined)?.token;
  if (typeof query === 'string' && query) return query;
  throw missingToken();
}

/**
 * The browser call gateway under `/api/widget/call`: issues call sessions to
 * the widget, carries each call over one WebSocket (PCM16 both ways, JSON
 * events) and lets the page end a call from outside the socket.
 */
export async function browserCallRoutes(app: FastifyInstance, deps: GatewayDeps): Promise<void> {
  const { bus } = deps;
  const sessions = new BrowserCallSessions(
    bus instanceof RedisBus ? new RedisSessionStore(bus.client) : new MemorySessionStore(),
  );
  await app.register(async (scope) => gatewayRoutes(scope, deps, sessions), {
    prefix: '/api/widget/call',
  });
}

async function gatewayRoutes(
  app: FastifyInstance,
  deps: GatewayDeps,
  sessions: BrowserCallSessions,
) {
  const { calls, config, db } = deps;
  // Any website may embed the widget; the call token is the credential, never a cookie.
  await app.register(fastifyCors, {
    origin: '*',
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', 'authorization'],
    maxAge: 600,
  });
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/session',
    {
      bodyLimit: BODY_LIMIT_BYTES,
      schema: { body: sessionBody },
      config: perMinute(
        SESSIONS_PER_MINUTE,
        (request) =>
          `call-session:${request.ip}:${(request.body as z.infer<typeof sessionBody>).chatbotId}`,
      ),
    },
    async (request, reply) => {
      const { chatbotId } = request.body;
      const { sessionId, token, providerInputSampleRate } = await calls.createSession({
        chatbotPublicId: chatbotId,
        ip: request.ip,
      });
      await sessions.issued(sessionId, token);
      const wsBase = publicBaseUrl(config, request).replace(/^http/, 'ws');
      return reply.status(201).send({
        sessionId,
        token,
        wsUrl: `${wsBase}/api/widget/call/${sessionId}/ws`,
        inputSampleRate: browserInputSampleRate(providerInputSampleRate),
        outputSampleRate: BROWSER_OUTPUT_SAMPLE_RATE,
        settings: await loadCallClientSettings(db, chatbotId),
      });
    },
  );

  r.get(
    '/:sessionId/ws',
    {
      websocket: true,
      schema: { params: sessionParams, querystring: tokenQuery },
      // Refusals are plain HTTP answers to the upgrade request (401, 404), before any socket exists.
      preHandler: async (request) => {
        if (!request.ws) {
          throw new AppError(426, 'upgrade_required', 'Open this URL as a WebSocket.');
        }
        const { sessionId } = request.params as z.infer<typeof sessionParams>;
        const token = callTokenOf(request);
        await sessions.checkUpgrade(sessionId, token);
        request.callSession = await calls.redeem(sessionId, token);
      },
    },
    (socket, request) => {
      const session = request.callSession;
      if (!session) throw new Error('Call socket opened without a redeemed session');
      void runBrowserCall({ socket, session, deps, sessions });
    },
  );

  r.post(
    '/:sessionId/end',
    {
      bodyLimit: BODY_LIMIT_BYTES,
      schema: { params: sessionParams, querystring: tokenQuery },
      config: perMinute(ENDS_PER_MINUTE, (request) => `call-end:${request.ip}`),
    },
    async (request, reply) => {
      const { sessionId } = request.params;
      const { callId, ended } = await sessions.callOf(sessionId, callTokenOf(request));
      await sessions.ended(sessionId);
      if (callId && !ended) await calls.endCall(callId, 'caller_ended');
      return reply.status(204).send();
    },
  );

  r.post(
    '/:sessionId/rating',
    {
      bodyLimit: BODY_LIMIT_BYTES,
      schema: { params: sessionParams, querystring: tokenQuery, body: ratingBody },
      config: perMinute(ENDS_PER_MINUTE, (request) => `call-rating:${request.ip}`),
    },
    async (request, reply) => {
      const { callId } = await sessions.callOf(request.params.sessionId, callTokenOf(request));
      if (!callId) {
        throw new AppError(409, 'conflict', 'This call never started, so it cannot be rated.');
      }
      await rateCall(db, callId, request.body.rating);
      return reply.status(204).send();
    },
  );
}
