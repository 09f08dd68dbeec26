import { type FormEvent, useState } from 'react';
import { useLogin } from '../../api/auth';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { FormField } from '../../components/ui/FormField';
import { Input } from '../../components/ui/Input';
import { errorMessage } from '../../lib/errors';

/** Signs in as the invited email; the page then offers to accept. */
export function SignInToAccept({ email, notice }: { email: string; notice?: string }) {
  const login = useLogin();
  const [password, setPassword] = useState('');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ email, password });
  };

  return (
    <form className="space-y-4" onSubmit={onSubmit}>
      {notice && !login.isError && <Alert>{notice}</Alert>}
      {login.isError && <Alert variant="error">{errorMessage(login.error)}</Alert>}
      <FormField label="Email">
        {(control) => (
          <Input {...control} type="email" autoComplete="username" readOnly value={email} />
        )}
      </FormField>
      <FormField label="Password">
        {(control) => (
          <Input
            {...control}
            type="password"
            autoComplete="current-password"
            autoFocus
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </FormField>
      <Button type="submit" variant="primary" className="w-full" pending={login.isPending}>
        Sign in
      </Button>
    </form>
  );
}
