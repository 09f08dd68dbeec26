import type { FastifyRequest } from 'fastify';
import type { Database } from '../db/client.js';
import { readActiveCompanyCookie } from './guards.js';
import {
  type ActiveCompany,
  listMemberships,
  type Membership,
  type Principal,
  pickActiveCompany,
} from './principal.js';

export type Me = {
  user: Principal;
  memberships: Membership[];
  activeCompany: ActiveCompany | null;
};

export async function buildMe(
  db: Database,
  principal: Principal,
  requestedCompanyId: string | undefined,
): Promise<Me> {
  const memberships = await listMemberships(db, principal);
  return {
    user: principal,
    memberships,
    activeCompany: pickActiveCompany(memberships, requestedCompanyId),
  };
}

export const meForRequest = (db: Database, request: FastifyRequest, principal: Principal) =>
  buildMe(db, principal, readActiveCompanyCookie(request));
