import { LinkIcon } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useAcceptInvite, useInvite } from '../../api/auth';
import { isApiError } from '../../api/client';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { FormField } from '../../components/ui/FormField';
import { Input } from '../../components/ui/Input';
import { FormSkeleton } from '../../components/ui/Skeleton';
import { AuthLayout } from '../../layout/AuthLayout';
import { errorMessage, fieldErrors, formErrorMessage } from '../../lib/errors';
import { roleLabels } from '../../lib/labels';

const minPasswordLength = 10;

export function InvitePage() {
  const { token = '' } = useParams();
  const invite = useInvite(token);

  if (invite.isPending) {
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
          Create your account for <span className="font-medium">{invite.data.email}</span>.
        </p>
      </div>
      <AcceptForm token={token} email={invite.data.email} />
    </AuthLayout>
  );
}

function AcceptForm({ token, email }: { token: string; email: string }) {
  const accept = useAcceptInvite(token);
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (!name.trim()) next.name = 'Enter your name.';
    if (password.length < minPasswordLength) {
      next.password = `Use at least ${minPasswordLength} characters.`;
    }
    if (confirm !== password) next.confirm = 'The passwords do not match.';
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    accept.mutate(
      { name: name.trim(), password },
      { onSuccess: () => navigate('/', { replace: true }) },
    );
  };

  const serverErrors = fieldErrors(accept.error);
  const formError = formErrorMessage(accept.error);
  return (
    <form className="space-y-4" onSubmit={onSubmit} noValidate>
      {formError && <Alert variant="error">{formError}</Alert>}
      <input type="email" hidden readOnly autoComplete="username" value={email} />
      <FormField label="Your name" error={errors.name ?? serverErrors.name}>
        {(control) => (
          <Input
            {...control}
            autoComplete="name"
            autoFocus
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </FormField>
      <FormField
        label="Password"
        hint={`At least ${minPasswordLength} characters.`}
        error={errors.password ?? serverErrors.password}
      >
        {(control) => (
          <Input
            {...control}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </FormField>
      <FormField label="Confirm password" error={errors.confirm}>
        {(control) => (
          <Input
            {...control}
            type="password"
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
          />
        )}
      </FormField>
      <Button type="submit" variant="primary" className="w-full" pending={accept.isPending}>
        Create account and join
      </Button>
    </form>
  );
}
