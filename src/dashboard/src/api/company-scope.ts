import { useActiveCompany } from '../auth/session-context';

/** Company queries are keyed by the active company's id (see keys.ts). */
export function useCompanyId(): string {
  return useActiveCompany().id;
}
