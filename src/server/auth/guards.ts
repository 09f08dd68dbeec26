import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/client.js';
import { AppError, callFeatureDisabled, forbidden, unauthorized } from '../http/errors.js';
import { ACTIVE_COMPANY_COOKIE } from './cookies.js';
import {
  type ActiveCompany,
  findPrincipal,
  listMemberships,
  type Membership,
  type Principal,
  pickActiveCompany,
} from './principal.js';

declare module 'fastify' {
  interface Session {
    userId?: string;
  }
  interface FastifyRequest {
    principal?: Principal;
    memberships?: Membership[];
    tenant?: ActiveCompany;
  }
}

export type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

export type Guards = {
  auth: Guard;
  masterAdmin: Guard;
  company: Guard;
  companyAdmin: Guard;
  callFeature: Guard;
};

/**
 * onRequest hooks that load the caller once per request and refuse what the role
 * does not allow, before the body is parsed or validated.
 */
export function createGuards(db: Database): Guards {
  const auth: Guard = async (request) => {
    if (request.principal) return;
    const userId = request.session.get('userId');
    const principal = userId ? await findPrincipal(db, userId) : null;
    if (!principal) throw unauthorized();
    request.principal = principal;
  };

  const company: Guard = async (request, reply) => {
    await auth(request, reply);
    if (request.tenant) return;
    const principal = request.principal as Principal;
    request.memberships ??= await listMemberships(db, principal);
    const active = pickActiveCompany(request.memberships, readActiveCompanyCookie(request));
    if (!active) {
      throw new AppError(409, 'no_active_company', 'You are not a member of any company yet');
    }
    request.tenant = active;
  };

  return {
    auth,
    company,
    masterAdmin: async (request, reply) => {
      await auth(request, reply);
      if (!request.principal?.isMasterAdmin)
        throw forbidden('Only platform administrators can do this');
    },
    companyAdmin: async (request, reply) => {
      await company(request, reply);
      if (request.tenant?.role !== 'company_admin')
        throw forbidden('Only company admins can do this');
    },
    callFeature: async (request, reply) => {
      await company(request, reply);
      if (!request.tenant?.features.callEnabled) throw callFeatureDisabled();
    },
  };
}

export function readActiveCompanyCookie(request: FastifyRequest): string | undefined {
  const raw = request.cookies[ACTIVE_COMPANY_COOKIE];
  if (!raw) return undefined;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : undefined;
}

/** The tenant a company guard resolved; calling it on an unguarded route is a bug. */
export function tenantOf(request: FastifyRequest): ActiveCompany {
  if (!request.tenant) throw new Error('Route is missing a company guard');
  return request.tenant;
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error('Route is missing an auth guard');
  return request.principal;
}
