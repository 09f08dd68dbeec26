import { createContext, useContext } from 'react';
import type { ActiveCompany, Me } from '../api/types';

export const SessionContext = createContext<Me | null>(null);

export type Session = {
  me: Me;
  user: Me['user'];
  activeCompany: ActiveCompany | null;
  isMasterAdmin: boolean;
  isCompanyAdmin: boolean;
  callEnabled: boolean;
};

/** The signed-in user; only usable below <RequireAuth>. */
export function useSession(): Session {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession() used outside <RequireAuth>');
  const activeCompany = me.activeCompany;
  return {
    me,
    user: me.user,
    activeCompany,
    isMasterAdmin: me.user.isMasterAdmin,
    isCompanyAdmin: activeCompany?.role === 'company_admin',
    callEnabled: activeCompany?.features.callEnabled ?? false,
  };
}

/** The active company; only usable below <RequireCompany>. */
export function useActiveCompany(): ActiveCompany {
  const { activeCompany } = useSession();
  if (!activeCompany) throw new Error('useActiveCompany() used outside <RequireCompany>');
  return activeCompany;
}
