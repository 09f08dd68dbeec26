import { asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { tenantOf } from '../auth/guards.js';
import { callIntegrationAccounts } from '../db/schema/index.js';

export async function integrationAccountRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, guards } = deps;

  app.get(
    '/api/company/integration-accounts',
    { onRequest: [guards.callFeature, guards.companyAdmin] },
    async (request) => {
      const { id: companyId } = tenantOf(request);
      // Credentials stay sealed in the database: the column is never selected here.
      const accounts = await db
        .select({
          id: callIntegrationAccounts.id,
          accountType: callIntegrationAccounts.accountType,
          name: callIntegrationAccounts.name,
          config: callIntegrationAccounts.config,
          chatbotId: callIntegrationAccounts.chatbotId,
          status: callIntegrationAccounts.status,
          lastVerifiedAt: callIntegrationAccounts.lastVerifiedAt,
          lastError: callIntegrationAccounts.lastError,
          createdAt: callIntegrationAccounts.createdAt,
        })
        .from(callIntegrationAccounts)
        .where(eq(callIntegrationAccounts.companyId, companyId))
        .orderBy(asc(callIntegrationAccounts.name));
      return { accounts };
    },
  );
}
