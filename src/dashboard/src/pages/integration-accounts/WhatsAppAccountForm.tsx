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

type WhatsAppAccountFormProps = {
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
  accessToken: string;
  appSecret: string;
  businessAccountId: string;
  phoneNumberId: string;
  phoneNumber: string;
  verifyToken: string;
};

function initialValues(account: IntegrationAccount | null): Values {
  return {
    name: account?.name ?? '',
    description: account?.description ?? '',
    chatbotId: account?.chatbotId ?? '',
    accessToken: '',
    appSecret: '',
    businessAccountId: account?.config.businessAccountId ?? '',
    phoneNumberId: account?.config.phoneNumberId ?? '',
    phoneNumber: account?.config.phoneNumber ?? '',
    verifyToken: account?.config.verifyToken ?? '',
  };
}

const META_ID = /^\d{1,64}$/;

function connectionErrors(values: Values, account: IntegrationAccount | null) {
  const errors: Record<string, string> = {};
  if (!account && !values.accessToken.trim()) {
    errors['credentials.accessToken'] = 'Enter the access token.';
  }
  if (!account && !values.appSecret.trim())
    errors['credentials.appSecret'] = 'Enter the app secret.';
  if (values.accessToken.trim() && !values.appSecret.trim()) {
    errors['credentials.appSecret'] = 'Enter the app secret that goes with the new token.';
  }
  if (!META_ID.test(values.phoneNumberId.trim())) {
    errors['config.phoneNumberId'] =
      'Enter the phone number ID (digits) from WhatsApp → API Setup.';
  }
  return errors;
}

function saveErrors(values: Values, account: IntegrationAccount | null) {
  const errors = connectionErrors(values, account);
  if (!values.name.trim()) errors.name = 'Enter a name.';
  if (!values.chatbotId) errors.chatbotId = 'Choose the chatbot that answers this number.';
  if (!META_ID.test(values.businessAccountId.trim())) {
    errors['config.businessAccountId'] = 'Enter the WhatsApp Business account ID (digits).';
  }
  if (!internationalPhoneNumber(values.phoneNumber)) {
    errors['config.phoneNumber'] = 'Enter the number with its country code, as in +1 555 123 4567.';
  }
  if (values.verifyToken.trim() && values.verifyToken.trim().length < 8) {
    errors['config.verifyToken'] = 'Use at least 8 characters, or leave it empty for one made up.';
  }
  return errors;
}

function requestBody(values: Values) {
  const accessToken = values.accessToken.trim();
  const verifyToken = values.verifyToken.trim();
  return {
    accountType: 'whatsapp' as const,
    name: values.name.trim(),
    description: values.description.trim(),
    chatbotId: values.chatbotId,
    config: {
      businessAccountId: values.businessAccountId.trim(),
      phoneNumberId: values.phoneNumberId.trim(),
      phoneNumber: values.phoneNumber.trim(),
      ...(verifyToken ? { verifyToken } : {}),
    },
    credentials: accessToken ? { accessToken, appSecret: values.appSecret.trim() } : undefined,
  };
}

/** The add/edit form of a WhatsApp Business number: Meta's ids and the two secrets. */
export function WhatsAppAccountForm({
  account,
  onSaved,
  onCancel,
  typeField,
}: WhatsAppAccountFormProps) {
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
  const idField = (key: 'businessAccountId' | 'phoneNumberId', label: string, hint: string) => (
    <FormField label={label} error={error(`config.${key}`)} hint={hint}>
      {(control) => (
        <Input
          {...control}
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          className="font-mono"
          value={values[key]}
          onChange={(e) => set(key)(e.target.value)}
        />
      )}
    </FormField>
  );
  const secretField = (
    key: 'accessToken' | 'appSecret',
    label: string,
    savedHint: string | undefined,
  ) => (
    <FormField label={label} error={error(`credentials.${key}`)} hint={savedHint}>
      {(control) => (
        <Input
          {...control}
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          className="font-mono"
          value={values[key]}
          onChange={(e) => set(key)(e.target.value)}
        />
      )}
    </FormField>
  );
  const tokenHint = account?.credentials.accessTokenHint;
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
              placeholder="WhatsApp line"
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
            WhatsApp Business connection
          </legend>
          <div className="space-y-4">
            <p className="text-xs text-slate-500 dark:text-slate-400">
              From your Meta app: a system user access token with WhatsApp permissions, the app
              secret (App settings → Basic), and the ids under WhatsApp → API Setup. Buzzi stores
              the token and secret encrypted and never shows them again.
            </p>
            {secretField(
              'accessToken',
              'Access token',
              tokenHint
                ? `The saved token ends in ${tokenHint} — leave both secrets empty to keep the saved ones.`
                : undefined,
            )}
            {secretField('appSecret', 'App secret', undefined)}
            {idField(
              'businessAccountId',
              'WhatsApp Business account ID',
              'The WhatsApp Business account the number belongs to.',
            )}
            {idField('phoneNumberId', 'Phone number ID', 'Not the number itself: its id at Meta.')}
            <FormField
              label="Phone number"
              error={error('config.phoneNumber')}
              hint={
                typedNumber
                  ? `Saved as ${typedNumber}.`
                  : 'Your WhatsApp Business number, with its country code.'
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
            <FormField
              label="Verify token"
              optional
              error={error('config.verifyToken')}
              hint="Meta sends it back when you register the webhook. Leave it empty and Buzzi makes one up."
            >
              {(control) => (
                <Input
                  {...control}
                  autoComplete="off"
                  spellCheck={false}
                  className="font-mono"
                  value={values.verifyToken}
                  onChange={(e) => set('verifyToken')(e.target.value)}
                />
              )}
            </FormField>
            <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
              <Button pending={testValues.isPending} onClick={testConnection}>
                {!testValues.isPending && <Activity className="size-4" aria-hidden="true" />}
                Test connection
              </Button>
              <span className="text-xs text-slate-500 dark:text-slate-400">
                Checks the token and number with Meta without saving them.
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
