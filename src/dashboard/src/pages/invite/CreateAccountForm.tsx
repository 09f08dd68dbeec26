import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { useAcceptInvite } from '../../api/auth';
import { isApiError } from '../../api/client';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { FormField } from '../../components/ui/FormField';
import { Input } from '../../components/ui/Input';
import { fieldErrors, formErrorMessage } from '../../lib/errors';

const minPasswordLength = 10;

/** For an email without an account: name and password create it and join. */
export function CreateAccountForm({
  token,
  email,
  onAccountExists,
}: {
  token: string;
  email: string;
  /** The email has an account after all: it must sign in instead. */
  onAccountExists: () => void;
}) {
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
      {
        onSuccess: () => navigate('/', { replace: true }),
        onError: (error) => {
          if (isApiError(error, 'sign_in_required')) onAccountExists();
        },
      },
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
