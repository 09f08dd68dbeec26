import { Navigate } from 'react-router';
import { RequireCompany } from '../../auth/RequireCompany';
import { useSession } from '../../auth/session-context';

/** `/` leads to the company's chatbots, or to the platform pages for a master admin without one. */
export function HomeRedirect() {
  const { activeCompany, isMasterAdmin } = useSession();
  if (activeCompany) return <Navigate to="/chatbots" replace />;
  if (isMasterAdmin) return <Navigate to="/master/companies" replace />;
  return <RequireCompany />;
}
