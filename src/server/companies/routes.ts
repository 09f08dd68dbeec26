import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { principalOf } from '../auth/guards.js';
import { AppError } from '../http/errors.js';
import { deliverInvite, type InviteDelivery } from '../members/invite-delivery.js';
import { inviteMember } from '../members/service.js';
import {
  createCompany,
  getCompany,
  listCompanies,
  updateCompany,
  updateCompanySettings,
} from './service.js';

const idParams = z.object({ id: z.uuid() });
const slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/, 'use lowercase letters, digits and dashes');

export async function companyRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, guards } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const master = { onRequest: guards.masterAdmin };

  r.get('/api/master/companies', master, async () => ({ companies: await listCompanies(db) }));

  r.post(
    '/api/master/companies',
    {
      ...master,
      schema: {
        body: z.object({
          name: z.string().trim().min(1).max(120),
          slug: slug.optional(),
          admin: z
            .object({
              email: z.string().trim().toLowerCase().pipe(z.email()),
              name: z.string().trim().max(120).optional(),
            })
            .optional(),
        }),
      },
    },
    async (request, reply) => {
      const { admin, ...input } = request.body;
      const company = await createCompany(db, input);
      if (!admin) return reply.status(201).send({ company });
      // Even an existing account only becomes admin by accepting, signed in.
      const { member, invite } = await inviteMember(
        db,
        { companyId: company.id, invitedBy: principalOf(request).id },
        { ...admin, role: 'company_admin' },
      );
      let delivery: InviteDelivery & { error?: string };
      try {
        delivery = await deliverInvite(deps, request, {
          ...invite,
          email: member.email,
          role: member.role,
          companyName: company.name,
        });
      } catch (error) {
        // The company exists either way; the admin can be invited again from its members.
        if (!(error instanceof AppError)) throw error;
        delivery = { inviteUrl: null, emailed: false, error: error.message };
      }
      return reply.status(201).send({ company, invite: { email: member.email, ...delivery } });
    },
  );

  r.get(
    '/api/master/companies/:id',
    { ...master, schema: { params: idParams } },
    async (request) => ({
      company: await getCompany(db, request.params.id),
    }),
  );

  r.patch(
    '/api/master/companies/:id',
    {
      ...master,
      schema: {
        params: idParams,
        body: z.object({
          name: z.string().trim().min(1).max(120).optional(),
          slug: slug.optional(),
          isActive: z.boolean().optional(),
        }),
      },
    },
    async (request) => ({ company: await updateCompany(db, request.params.id, request.body) }),
  );

  r.patch(
    '/api/master/companies/:id/settings',
    {
      ...master,
      schema: {
        params: idParams,
        body: z.strictObject({
          features: z.strictObject({ callEnabled: z.boolean().optional() }).optional(),
          limits: z
            .strictObject({ maxConcurrentCalls: z.number().int().min(0).max(1000).optional() })
            .optional(),
        }),
      },
    },
    async (request) => {
      const company = await updateCompanySettings(db, request.params.id, request.body);
      deps.bus.publish('company.settings.updated', { companyId: company.id });
      return { company };
    },
  );
}
