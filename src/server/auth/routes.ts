import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { RedisBus } from '../bus/redis-bus.js';
import { users } from '../db/schema/index.js';
import { AppError, notFound, unauthorized } from '../http/errors.js';
import { acceptInvite, findInvite } from '../members/invites.js';
import { ACTIVE_COMPANY_COOKIE } from './cookies.js';
import { principalOf } from './guards.js';
import { LoginThrottle } from './login-throttle.js';
import { buildMe, meForRequest } from './me.js';
import { MIN_PASSWORD_LENGTH, verifyPassword } from './password.js';
import { findPrincipal } from './principal.js';

const loginBody = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(1000),
});

const FAILED_LOGINS = 10;
const LOGIN_WINDOW_MS = 15 * 60_000;

export async function authRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, guards } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const throttle = new LoginThrottle({
    redis: deps.bus instanceof RedisBus ? deps.bus.client : undefined,
    max: FAILED_LOGINS,
    windowMs: LOGIN_WINDOW_MS,
    logger: deps.logger,
  });

  async function startSession(request: FastifyRequest, userId: string): Promise<void> {
    // A fresh id on login defeats session fixation.
    await request.session.regenerate();
    request.session.set('userId', userId);
    await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, userId));
  }

  r.post('/api/auth/login', { schema: { body: loginBody } }, async (request, reply) => {
    const { email, password } = request.body;
    const decision = await throttle.attempt(request.ip, email);
    if (!decision.allowed) {
      const minutes = Math.max(1, Math.ceil(decision.retryAfterMs / 60_000));
      reply.header('retry-after', Math.ceil(decision.retryAfterMs / 1000));
      throw new AppError(
        429,
        'rate_limited',
        `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      );
    }
    const [user] = await db
      .select({ id: users.id, passwordHash: users.passwordHash })
      .from(users)
      .where(eq(sql`lower(${users.email})`, email))
      .limit(1);
    if (!(await verifyPassword(user?.passwordHash, password)) || !user) {
      throw unauthorized('Email or password is incorrect');
    }
    await throttle.succeeded(request.ip, email);
    await startSession(request, user.id);
    const principal = await findPrincipal(db, user.id);
    if (!principal) throw unauthorized('Email or password is incorrect');
    return meForRequest(db, request, principal);
  });

  r.post('/api/auth/logout', async (request, reply) => {
    await request.session.destroy();
    reply.clearCookie(ACTIVE_COMPANY_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  r.get('/api/auth/me', { onRequest: guards.auth }, async (request) =>
    meForRequest(db, request, principalOf(request)),
  );

  r.post(
    '/api/auth/active-company',
    { onRequest: guards.auth, schema: { body: z.object({ companyId: z.uuid() }) } },
    async (request, reply) => {
      const principal = principalOf(request);
      const me = await buildMe(db, principal, request.body.companyId);
      if (me.activeCompany?.id !== request.body.companyId) throw notFound('Company');
      setActiveCompanyCookie(reply, request.body.companyId, deps.secureCookies);
      return me;
    },
  );

  // Any malformed token is simply not found, like an expired one.
  const tokenParams = z.object({ token: z.string().max(200) });

  r.get('/api/auth/invites/:token', { schema: { params: tokenParams } }, async (request) => {
    const invite = await findInvite(db, request.params.token);
    if (!invite) throw notFound('Invitation');
    return { email: invite.email, companyName: invite.companyName, role: invite.role };
  });

  r.post(
    '/api/auth/invites/:token/accept',
    {
      schema: {
        params: tokenParams,
        // Name and password only create a new account; an existing one accepts signed in.
        body: z.object({
          name: z.string().trim().min(1).max(120).optional(),
          password: z
            .string()
            .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
            .max(200)
            .optional(),
        }),
      },
    },
    async (request, reply) => {
      const { name, password } = request.body;
      const sessionUserId = request.session.get('userId');
      const accepted = await acceptInvite(db, request.params.token, {
        sessionUserId,
        newAccount: name !== undefined && password !== undefined ? { name, password } : undefined,
      });
      if (accepted.userId !== sessionUserId) await startSession(request, accepted.userId);
      setActiveCompanyCookie(reply, accepted.companyId, deps.secureCookies);
      const principal = await findPrincipal(db, accepted.userId);
      if (!principal) throw notFound('Invitation');
      return buildMe(db, principal, accepted.companyId);
    },
  );
}

function setActiveCompanyCookie(reply: FastifyReply, companyId: string, secure: boolean): void {
  reply.setCookie(ACTIVE_COMPANY_COOKIE, companyId, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    signed: true,
    maxAge: 365 * 24 * 3600,
  });
}
