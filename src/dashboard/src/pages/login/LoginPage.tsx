import { type FormEvent, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useLogin, useMeQuery } from '../../api/auth';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { FormField } from '../../components/ui/FormField';
import { Input } from '../../components/ui/Input';
import { FullPageSpinner } from '../../components/ui/Spinner';
import { AuthLayout } from '../../layout/AuthLayout';
import { errorMessage } from '../../lib/errors';

function redirectTarget(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/';
}

export function LoginPage() {
  const meQuery = useMeQuery();
  const login = useLogin();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  if (meQuery.isPending) return <FullPageSpinner label="Loading" />;
  if (meQuery.data) return <Navigate to={redirectTarget(location.state)} replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // On success `me` is set and the <Navigate> above takes the user in.
    login.mutate({ email: email.trim(), password });
  };

  return (
    <AuthLayout>
      <div className="mb-6 space-y-1">
        <h1 className="text-lg font-semibold text-slate-900 dark:text-slate-50">
          Sign in to Buzzi
        </h1>
        <p className="text-sm text-slate-500 dark:text-slate-400">
          Use the email and password of your account.
        </p>
      </div>
      <form className="space-y-4" onSubmit={onSubmit}>
        {login.isError && <Alert variant="error">{errorMessage(login.error)}</Alert>}
        <FormField label="Email">
          {(control) => (
            <Input
              {...control}
              type="email"
              name="email"
              autoComplete="username"
              required
              autoFocus
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </FormField>
        <FormField label="Password">
          {(control) => (
            <Input
              {...control}
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </FormField>
        <Button type="submit" variant="primary" className="w-full" pending={login.isPending}>
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
    </AuthLayout>
  );
}
