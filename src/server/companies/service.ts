import { randomBytes } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import {
  type CompanySettings,
  companies,
  DEFAULT_RECORDING_RETENTION_DAYS,
  defaultCompanySettings,
} from '../db/schema/index.js';
import { conflict, isUniqueViolation, notFound } from '../http/errors.js';

export type Company = {
  id: string;
  name: string;
  slug: string;
  isActive: boolean;
  settings: CompanySettings;
  memberCount: number;
  chatbotCount: number;
  createdAt: Date;
};

export type CompanySettingsPatch = {
  features?: Partial<CompanySettings['features']> | undefined;
  limits?: Partial<CompanySettings['limits']> | undefined;
  recordings?: { retentionDays: number } | undefined;
  escalation?: CompanySettings['escalation'] | undefined;
};

export function slugify(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 50)
      // After the cut, so a dash at the 50th character is not left dangling.
      .replace(/^-+|-+$/g, '') || 'company'
  );
}

const companyColumns = {
  id: companies.id,
  name: companies.name,
  slug: companies.slug,
  isActive: companies.isActive,
  settings: companies.settings,
  createdAt: companies.createdAt,
  // Raw, fully qualified SQL: drizzle renders columns unqualified here, which
  // inside the subquery would bind to the inner table.
  memberCount: sql<number>`(select count(*)::int from company_members m where m.company_id = "companies"."id")`,
  chatbotCount: sql<number>`(select count(*)::int from chatbots b where b.company_id = "companies"."id")`,
};

/** Settings stored before a key existed still read with its default. */
const withDefaults = (settings: Partial<CompanySettings>): CompanySettings => {
  const defaults = defaultCompanySettings();
  return {
    features: { ...defaults.features, ...settings.features },
    limits: { ...defaults.limits, ...settings.limits },
    recordings: { retentionDays: DEFAULT_RECORDING_RETENTION_DAYS, ...settings.recordings },
    // Kept only once chosen: readers apply DEFAULT_ESCALATION_SETTINGS.
    ...(settings.escalation ? { escalation: settings.escalation } : {}),
  };
};

const toCompany = (row: Company): Company => ({ ...row, settings: withDefaults(row.settings) });

export async function listCompanies(db: Database): Promise<Company[]> {
  const rows = await db.select(companyColumns).from(companies).orderBy(asc(companies.name));
  return rows.map(toCompany);
}

export async function getCompany(db: Database, id: string): Promise<Company> {
  const [row] = await db.select(companyColumns).from(companies).where(eq(companies.id, id));
  if (!row) throw notFound('Company');
  return toCompany(row);
}

export async function createCompany(
  db: Database,
  input: { name: string; slug?: string | undefined },
): Promise<Company> {
  // A chosen slug that is taken is the caller's to fix; a derived one gets a suffix.
  const candidates = input.slug
    ? [input.slug]
    : [
        slugify(input.name),
        ...Array.from(
          { length: 3 },
          () => `${slugify(input.name).slice(0, 50)}-${randomBytes(3).toString('hex')}`,
        ),
      ];
  for (const slug of candidates) {
    try {
      const [row] = await db
        .insert(companies)
        .values({ name: input.name, slug, settings: defaultCompanySettings() })
        .returning({ id: companies.id });
      if (!row) throw new Error('Company insert returned nothing');
      return getCompany(db, row.id);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw conflict(`The slug "${candidates[0]}" is already taken`);
}

export async function updateCompany(
  db: Database,
  id: string,
  patch: { name?: string | undefined; slug?: string | undefined; isActive?: boolean | undefined },
): Promise<Company> {
  try {
    const updated = await db
      .update(companies)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(companies.id, id))
      .returning({ id: companies.id });
    if (updated.length === 0) throw notFound('Company');
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`The slug "${patch.slug}" is already taken`);
    throw error;
  }
  return getCompany(db, id);
}

export async function updateCompanySettings(
  db: Database,
  id: string,
  patch: CompanySettingsPatch,
): Promise<Company> {
  return db.transaction(async (tx) => {
    // Row lock: two admins toggling different settings must not lose either change.
    const [row] = await tx
      .select({ settings: companies.settings })
      .from(companies)
      .where(eq(companies.id, id))
      .for('update');
    if (!row) throw notFound('Company');
    const current = withDefaults(row.settings);
    const settings: CompanySettings = {
      features: { ...current.features, ...patch.features },
      limits: { ...current.limits, ...patch.limits },
      recordings: {
        retentionDays: DEFAULT_RECORDING_RETENTION_DAYS,
        ...current.recordings,
        ...patch.recordings,
      },
      ...((patch.escalation ?? current.escalation)
        ? { escalation: patch.escalation ?? current.escalation }
        : {}),
    };
    await tx.update(companies).set({ settings, updatedAt: new Date() }).where(eq(companies.id, id));
    return getCompany(tx as unknown as Database, id);
  });
}
