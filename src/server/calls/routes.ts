import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { callAnalyticsRoutes } from './analytics-routes.js';
import { callEventRoutes } from './event-routes.js';
import { callExportRoutes } from './export-routes.js';
import { callManagementRoutes } from './management-routes.js';

/** The company's calls: list, figures, details, changes, exports, live updates and analytics. */
export async function callRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await callManagementRoutes(app, deps);
  await callExportRoutes(app, deps);
  await callEventRoutes(app, deps);
  await callAnalyticsRoutes(app, deps);
}
