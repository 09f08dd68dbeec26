import { isRouteErrorResponse, useRouteError } from 'react-router';
import { ErrorState } from '../components/ui/ErrorState';

/** Last resort for a render error: explains and offers a reload instead of a blank page. */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? new Error(`${error.status} ${error.statusText}`)
    : error;
  return (
    <div className="p-6">
      <ErrorState
        title="This page crashed"
        error={message}
        onRetry={() => window.location.reload()}
      />
    </div>
  );
}
