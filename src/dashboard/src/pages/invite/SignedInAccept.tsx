import { useNavigate } from 'react-router';
import { useAcceptInvite, useLogout } from '../../api/auth';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { errorMessage } from '../../lib/errors';

/** The invited account, signed in: one click joins the company. */
export function AcceptSignedIn({ token, companyName }: { token: string; companyName: string }) {
  const accept = useAcceptInvite(token);
  const navigate = useNavigate();
  return (
    <div className="space-y-4">
      {accept.isError && <Alert variant="error">{errorMessage(accept.error)}</Alert>}
      <Button
        variant="primary"
        className="w-full"
        pending={accept.isPending}
        onClick={() => accept.mutate({}, { onSuccess: () => navigate('/', { replace: true }) })}
      >
        Accept and join {companyName}
      </Button>
    </div>
  );
}

/** Signed in as someone else: the invitation belongs to another email. */
export function WrongAccount({ signedInAs, email }: { signedInAs: string; email: string }) {
  const logout = useLogout();
  return (
    <div className="space-y-4">
      <Alert variant="warning">
        You are signed in as <span className="font-medium">{signedInAs}</span>. Sign out, then sign
        in as <span className="font-medium">{email}</span> or create its account to accept.
      </Alert>
      <Button
        variant="primary"
        className="w-full"
        pending={logout.isPending}
        onClick={() => logout.mutate()}
      >
        Sign out
      </Button>
    </div>
  );
}
