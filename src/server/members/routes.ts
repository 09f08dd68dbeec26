import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { companyRoles } from '../../shared/domain.js';
import type { AppDeps } from '../app-deps.js';
import { principalOf, tenantOf } from '../auth/guards.js';
import { deliverInvite } from './invite-delivery.js';
import { inviteMember, listMembers, removeMember, updateMemberRole } from './service.js';

const userParams = z.object({ userId: z.uuid() });

export async function memberRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, guards } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/company/members', { onRequest: guards.company }, async (request) => {
    const { id: companyId } = tenantOf(request);
    return { members: await listMembers(db, { companyId }), mailConfigured: !!deps.mailer };
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
      const tenant = tenantOf(request);
      const { member, invite } = await inviteMember(
        db,
        { companyId: tenant.id, invitedBy: principalOf(request).id },
        request.body,
      );
      const delivery = await deliverInvite(deps, request, {
        ...invite,
        email: member.email,
        role: member.role,
        companyName: tenant.name,
      });
      return reply.status(201).send({ member, ...delivery });
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
