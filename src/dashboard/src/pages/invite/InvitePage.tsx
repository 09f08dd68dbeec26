import { LinkIcon } from 'lucide-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useInvite, useMeQuery } from '../../api/auth';
import { isApiError } from '../../api/client';
import type { Invite, Me } from '../../api/types';
import { Button } from '../../components/ui/Button';
import { FormSkeleton } from '../../components/ui/Skeleton';
import { AuthLayout } from '../../layout/AuthLayout';
import { errorMessage } from '../../lib/errors';
import { roleLabels } from '../../lib/labels';
import { CreateAccountForm } from './CreateAccountForm';
import { AcceptSignedIn, WrongAccount } from './SignedInAccept';
import { SignInToAccept } from './SignInToAccept';

export function InvitePage() {
  const { token = '' } = useParams();
  const invite = useInvite(token);
  const me = useMeQuery();

  if (invite.isPending || me.isPending) {
    return (
      <AuthLayout>
        <FormSkeleton fields={3} />
      </AuthLayout>
    );
  }
  if (invite.isError) {
    // A malformed token is rejected with 400 before lookup; for the visitor it is the same dead link.
    const gone = isApiError(invite.error) && [400, 404].includes(invite.error.status);
    return (
      <AuthLayout>
        <div className="space-y-4 text-center" role="alert">
          <div className="mx-auto grid size-11 place-items-center rounded-full bg-amber-100 text-amber-700 dark:bg-amber-950 dark:text-amber-300">
            <LinkIcon className="size-5" aria-hidden="true" />
          </div>
          <h1 className="text-lg font-semibold text-slate-900 dark:text-slate-50">
            {gone ? 'This invite link is invalid or has expired' : 'Could not load the invite'}
          </h1>
          <p className="text-sm text-slate-500 dark:text-slate-400">
            {gone
              ? 'Ask the person who invited you to send a new invite.'
              : errorMessage(invite.error)}
          </p>
          {gone ? (
            <Button asChild variant="secondary" className="w-full">
              <Link to="/login">Go to sign in</Link>
            </Button>
          ) : (
            <Button className="w-full" onClick={() => invite.refetch()}>
              Try again
            </Button>
          )}
        </div>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout>
      <div className="mb-6 space-y-1">
        <h1 className="text-lg font-semibold text-slate-900 dark:text-slate-50">
          Join {invite.data.companyName} as {roleLabels[invite.data.role] ?? invite.data.role}
        </h1>
        <p className="text-sm text-slate-500 dark:text-slate-400">
          Invitation for <span className="font-medium">{invite.data.email}</span>.
        </p>
      </div>
      <InviteAnswer token={token} invite={invite.data} me={me.data ?? null} />
    </AuthLayout>
  );
}

/**
 * An email that already has an account joins only signed in as it; otherwise
 * the link creates the account. Which one it is shows only once tried, so the
 * page does not tell a link holder whether an email has an account.
 */
function InviteAnswer({ token, invite, me }: { token: string; invite: Invite; me: Me | null }) {
  const [mode, setMode] = useState<'create' | 'sign-in' | 'has-account'>('create');
  if (me) {
    return me.user.email.toLowerCase() === invite.email.toLowerCase() ? (
      <AcceptSignedIn token={token} companyName={invite.companyName} />
    ) : (
      <WrongAccount signedInAs={me.user.email} email={invite.email} />
    );
  }
  if (mode !== 'create') {
    return (
      <div className="space-y-4">
        <SignInToAccept
          email={invite.email}
          notice={
            mode === 'has-account'
              ? `${invite.email} already has an account. Sign in to accept.`
              : undefined
          }
        />
        <SwitchMode onClick={() => setMode('create')}>New to Buzzi? Create your account</SwitchMode>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <CreateAccountForm
        token={token}
        email={invite.email}
        onAccountExists={() => setMode('has-account')}
      />
      <SwitchMode onClick={() => setMode('sign-in')}>Already have an account? Sign in</SwitchMode>
    </div>
  );
}

function SwitchMode({ onClick, children }: { onClick: () => void; children: string }) {
  return (
    <p className="text-center text-sm">
      <button
        type="button"
        className="rounded font-medium text-blue-700 underline-offset-2 hover:underline focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:outline-none dark:text-blue-300"
        onClick={onClick}
      >
        {children}
      </button>
    </p>
  );
}
