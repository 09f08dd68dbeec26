import { Navigate, Outlet, useLocation } from 'react-router';
import { useMeQuery } from '../api/auth';
import { ErrorState } from '../components/ui/ErrorState';
import { FullPageSpinner } from '../components/ui/Spinner';
import { SessionContext } from './session-context';

/** Loads GET /api/auth/me; without a session the user is sent to /login. */
export function RequireAuth() {
  const location = useLocation();
  const meQuery = useMeQuery();

  if (meQuery.isPending) return <FullPageSpinner label="Loading your workspace" />;
  if (meQuery.isError) {
    return (
      <div className="grid min-h-dvh place-items-center p-6">
        <ErrorState
          title="Buzzi could not load"
          error={meQuery.error}
          onRetry={() => meQuery.refetch()}
        />
      </div>
    );
  }
  if (!meQuery.data) {
    const from = location.pathname + location.search;
    return <Navigate to="/login" replace state={from === '/' ? undefined : { from }} />;
  }
  return (
    <SessionContext value={meQuery.data}>
      <Outlet />
    </SessionContext>
  );
}
