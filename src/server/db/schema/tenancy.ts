import { uuid } from 'drizzle-orm/pg-core';
import { companies } from './identity.js';

/** The tenancy column every company-owned row carries. */
export const companyId = () =>
  uuid('company_id')
    .notNull()
    .references(() => companies.id, { onDelete: 'cascade' });
