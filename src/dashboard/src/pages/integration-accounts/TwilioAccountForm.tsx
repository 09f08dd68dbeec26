import { Activity } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import {
  type ConnectionTestInput,
  type SavedAccount,
  useCreateIntegrationAccount,
  useTestConnectionValues,
  useUpdateIntegrationAccount,
} from '../../api/integration-accounts';
import type { IntegrationAccount } from '../../api/types';
import { DialogFormLayout } from '../../components/DialogFormLayout';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { FormField } from '../../components/ui/FormField';
import { Input } from '../../components/ui/Input';
import { Textarea } from '../../components/ui/Textarea';
import { fieldErrorLookup } from '../../lib/errors';
import { internationalPhoneNumber } from '../../lib/phone';
import { CallChatbotField } from './CallChatbotField';
import { TestResultDialog } from './TestResultDialog';

type TwilioAccountFormProps = {
  /** null adds a new account. */
  account: IntegrationAccount | null;
  onSaved: (saved: SavedAccount) => void;
  onCancel: () => void;
  /** Shown above the fields when adding (the account type choice). */
  typeField?: React.ReactNode;
};

type Values = {
  name: string;
  description: string;
  chatbotId: string;
  accountSid: string;
  authToken: string;
  phoneNumber: string;
};

function initialValues(account: IntegrationAccount | null): Values {
  return {
    name: account?.name ?? '',
    description: account?.description ?? '',
    chatbotId: account?.chatbotId ?? '',
    accountSid: account?.credentials.accountSid ?? '',
    authToken: '',
    phoneNumber: account?.config.phoneNumber ?? '',
  };
}

/** What a connection test needs, with errors keyed by the API's field paths like the server's. */
function connectionErrors(values: Values, account: IntegrationAccount | null) {
  const errors: Record<string, string> = {};
  if (!values.accountSid.trim()) errors['credentials.accountSid'] = 'Enter the Account SID.';
  const sidChanged =
    account !== null && values.accountSid.trim() !== account.credentials.accountSid;
  if (!values.authToken.trim() && (account === null || sidChanged)) {
    errors['credentials.authToken'] = account
      ? 'Enter the auth token that goes with the new Account SID.'
      : 'Enter the auth token.';
  }
  if (!internationalPhoneNumber(values.phoneNumber)) {
    errors['config.phoneNumber'] = 'Enter the number with its country code, as in +1 555 123 4567.';
  }
  return errors;
}

function saveErrors(values: Values, account: IntegrationAccount | null) {
  const errors = connectionErrors(values, account);
  if (!values.name.trim()) errors.name = 'Enter a name.';
  if (!values.chatbotId) errors.chatbotId = 'Choose the chatbot that answers this number.';
  return errors;
}

function requestBody(values: Values) {
  const authToken = values.authToken.trim();
  return {
    accountType: 'twilio' as const,
    name: values.name.trim(),
    description: values.description.trim(),
    chatbotId: values.chatbotId,
    config: { phoneNumber: values.phoneNumber.trim() },
    credentials: authToken ? { accountSid: values.accountSid.trim(), authToken } : undefined,
  };
}

export function TwilioAccountForm({
  account,
  onSaved,
  onCancel,
  typeField,
}: TwilioAccountFormProps) {
  const create = useCreateIntegrationAccount();
  const update = useUpdateIntegrationAccount();
  const saving = account ? update : create;
  const testValues = useTestConnectionValues();
  const [values, setValues] = useState(() => initialValues(account));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [showingTest, setShowingTest] = useState(false);

  const set = (key: keyof Values) => (value: string) =>
    setValues((current) => ({ ...current, [key]: value }));

  const checked = (check: typeof saveErrors) => {
    const next = check(values, account);
    setErrors(next);
    return Object.keys(next).length === 0;
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!checked(saveErrors)) return;
    const { accountType, credentials, ...fields } = requestBody(values);
    if (account) {
      update.mutate({ id: account.id, ...fields, credentials }, { onSuccess: onSaved });
    } else if (credentials) {
      create.mutate({ accountType, ...fields, credentials }, { onSuccess: onSaved });
    }
  };

  const testConnection = () => {
    if (!checked(connectionErrors)) return;
    const { credentials, ...fields } = requestBody(values);
    const input: ConnectionTestInput = { ...fields };
    if (credentials) input.credentials = credentials;
    if (account) input.id = account.id;
    setShowingTest(true);
    testValues.mutate(input);
  };

  const error = fieldErrorLookup(errors, saving.error ?? testValues.error);
  const typedNumber = internationalPhoneNumber(values.phoneNumber);
  return (
    <>
      <DialogFormLayout
        onSubmit={onSubmit}
        mutation={saving}
        onCancel={onCancel}
        submitLabel={account ? 'Save account' : 'Add account'}
      >
        {account?.status === 'inactive' && account.lastError && (
          <Alert variant="error" title="The last connection test failed">
            {account.lastError}
          </Alert>
        )}
        {typeField}
        <FormField label="Name" error={error('name')}>
          {(control) => (
            <Input
              {...control}
              autoFocus={!account}
              maxLength={120}
              placeholder="Main reception line"
              value={values.name}
              onChange={(e) => set('name')(e.target.value)}
            />
          )}
        </FormField>
        <FormField label="Description" optional error={error('description')}>
          {(control) => (
            <Textarea
              {...control}
              rows={2}
              value={values.description}
              onChange={(e) => set('description')(e.target.value)}
            />
          )}
        </FormField>
        <CallChatbotField
          value={values.chatbotId}
          onChange={set('chatbotId')}
          error={error('chatbotId')}
        />
        <fieldset className="rounded-lg border border-slate-200 px-4 pt-1 pb-4 dark:border-slate-800">
          <legend className="px-1 text-sm font-medium text-slate-800 dark:text-slate-200">
            Twilio connection
          </legend>
          <div className="space-y-4">
            <p className="text-xs text-slate-500 dark:text-slate-400">
              The Account SID and auth token are on the Twilio console's home page, under Account
              Info. Buzzi stores the token encrypted and never shows it again.
            </p>
            <FormField label="Account SID" error={error('credentials.accountSid')}>
              {(control) => (
                <Input
                  {...control}
                  autoComplete="off"
                  spellCheck={false}
                  placeholder="AC…"
                  className="font-mono"
                  value={values.accountSid}
                  onChange={(e) => set('accountSid')(e.target.value)}
                />
              )}
            </FormField>
            <FormField
              label="Auth Token"
              error={error('credentials.authToken')}
              hint={
                account?.credentials.authTokenHint
                  ? `The saved token ends in ${account.credentials.authTokenHint} — leave empty to keep the saved token.`
                  : undefined
              }
            >
              {(control) => (
                <Input
                  {...control}
                  type="password"
                  autoComplete="new-password"
                  spellCheck={false}
                  placeholder={account?.credentials.authTokenHint ?? undefined}
                  className="font-mono"
                  value={values.authToken}
                  onChange={(e) => set('authToken')(e.target.value)}
                />
              )}
            </FormField>
            <FormField
              label="Phone number"
              error={error('config.phoneNumber')}
              hint={
                typedNumber
                  ? `Saved as ${typedNumber}.`
                  : 'Your Twilio number, with its country code, as in +1 555 123 4567.'
              }
            >
              {(control) => (
                <Input
                  {...control}
                  type="tel"
                  autoComplete="off"
                  placeholder="+1 555 123 4567"
                  value={values.phoneNumber}
                  onChange={(e) => set('phoneNumber')(e.target.value)}
                />
              )}
            </FormField>
            <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
              <Button pending={testValues.isPending} onClick={testConnection}>
                {!testValues.isPending && <Activity className="size-4" aria-hidden="true" />}
                Test connection
              </Button>
              <span className="text-xs text-slate-500 dark:text-slate-400">
                Checks these values with Twilio without saving them.
              </span>
            </div>
          </div>
        </fieldset>
      </DialogFormLayout>
      <TestResultDialog
        test={
          showingTest
            ? {
                subject: values.name.trim() || 'Unsaved account',
                pending: testValues.isPending,
                error: testValues.error,
                result: testValues.data?.test ?? null,
              }
            : null
        }
        onClose={() => setShowingTest(false)}
      />
    </>
  );
}
