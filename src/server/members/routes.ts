import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { companyRoles } from '../../shared/domain.js';
import type { AppDeps } from '../app-deps.js';
import { principalOf, tenantOf } from '../auth/guards.js';
import { publicBaseUrl } from '../http/public-url.js';
import { addMember, listMembers, removeMember, updateMemberRole } from './service.js';

const userParams = z.object({ userId: z.uuid() });

export function inviteUrl(deps: AppDeps, request: FastifyRequest, token: string): string {
  return `${publicBaseUrl(deps.config, request)}/invite/${token}`;
}

export async function memberRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, guards } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/company/members', { onRequest: guards.company }, async (request) => {
    const { id: companyId } = tenantOf(request);
    return { members: await listMembers(db, { companyId }) };
  });

  r.post(
    '/api/company/members',
    {
      onRequest: guards.companyAdmin,
      schema: {
        body: z.object({
          email: z.string().trim().toLowerCase().pipe(z.email()),
          role: z.enum(companyRoles),
          name: z.string().trim().max(120).optional(),
        }),
      },
    },
    async (request, reply) => {
      const { id: companyId } = tenantOf(request);
      const { member, inviteToken } = await addMember(
        db,
        { companyId, invitedBy: principalOf(request).id },
        request.body,
      );
      const body = inviteToken
        ? { member, inviteUrl: inviteUrl(deps, request, inviteToken) }
        : { member };
      return reply.status(201).send(body);
    },
  );

  r.patch(
    '/api/company/members/:userId',
    {
      onRequest: guards.companyAdmin,
      schema: { params: userParams, body: z.object({ role: z.enum(companyRoles) }) },
    },
    async (request) => {
      const { id: companyId } = tenantOf(request);
      return {
        member: await updateMemberRole(db, { companyId }, request.params.userId, request.body.role),
      };
    },
  );

  r.delete(
    '/api/company/members/:userId',
    { onRequest: guards.companyAdmin, schema: { params: userParams } },
    async (request, reply) => {
      const { id: companyId } = tenantOf(request);
      await removeMember(db, { companyId }, request.params.userId);
      return reply.status(204).send();
    },
  );
}
