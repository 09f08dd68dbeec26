import { type FormEvent, useRef, useState } from 'react';
import type { CallSettings } from '../../../../../shared/chatbot-settings';
import { type CallSettingsWarning, useUpdateCallSettings } from '../../../api/call-options';
import { isApiError } from '../../../api/client';
import { StickySaveBar } from '../../../components/StickySaveBar';
import { Alert } from '../../../components/ui/Alert';
import { useToast } from '../../../components/ui/toast-context';
import { errorMessage, fieldErrors } from '../../../lib/errors';
import { AudioSection } from './AudioSection';
import { ConversationSection } from './ConversationSection';
import { changedSettings, validateCallSettings } from './call-options-form';
import { FeaturesSection } from './FeaturesSection';
import type { CallSectionProps } from './section-props';
import { UrgencySection } from './UrgencySection';
import { VoiceSection } from './VoiceSection';

type CallOptionsFormProps = {
  chatbotId: string;
  saved: CallSettings;
  /** What stops the saved call model from taking calls on this server. */
  warnings: CallSettingsWarning[];
};

/** Only company admins reach it: the call settings API is theirs alone. */
export function CallOptionsForm({ chatbotId, saved, warnings }: CallOptionsFormProps) {
  const update = useUpdateCallSettings(chatbotId);
  const toast = useToast();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<CallSettings>(saved);
  const [validated, setValidated] = useState(false);
  // Right after a save, the warning leads the form: the save worked, calls will not.
  const [warnAfterSave, setWarnAfterSave] = useState(false);
  const savedAlertRef = useRef<HTMLDivElement>(null);
  const dirty = JSON.stringify(values) !== JSON.stringify(saved);

  // Client errors appear after the first save attempt; server errors until the next edit.
  const errors = {
    ...fieldErrors(update.error),
    ...(validated ? validateCallSettings(values) : {}),
  };
  const hasFieldErrors = Object.keys(errors).length > 0;

  const edit: CallSectionProps['edit'] = (change) => {
    if (update.isError) update.reset();
    setValues(change);
  };
  const set: CallSectionProps['set'] = (key, value) => edit((c) => ({ ...c, [key]: value }));

  const focusFirstError = () =>
    requestAnimationFrame(() =>
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
    );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setValidated(true);
    if (Object.keys(validateCallSettings(values)).length > 0) {
      focusFirstError();
      return;
    }
    update.mutate(changedSettings(values, saved), {
      onSuccess: ({ callSettings, warnings: after }) => {
        setValues(callSettings);
        setValidated(false);
        setWarnAfterSave(after.length > 0);
        if (after.length > 0) {
          requestAnimationFrame(() =>
            savedAlertRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }),
          );
        }
        toast({
          title: 'Call options saved',
          ...(after.length > 0
            ? { description: 'Callers cannot connect yet: see the warning.', variant: 'info' }
            : {}),
        });
      },
      onError: (error) => {
        if (isApiError(error, 'validation_error')) focusFirstError();
      },
    });
  };

  const formError =
    update.isError && !isApiError(update.error, 'validation_error')
      ? errorMessage(update.error)
      : null;
  const sectionProps: CallSectionProps = { values, set, edit, errors };
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-6">
      {warnAfterSave && warnings.length > 0 && (
        <div ref={savedAlertRef} className="scroll-mt-20">
          <Alert variant="warning" title="Saved, but this server cannot take these calls yet">
            {warnings.map((warning) => (
              <p key={warning.message}>{warning.message}</p>
            ))}
          </Alert>
        </div>
      )}
      <VoiceSection
        {...sectionProps}
        defaultModelWarning={saved.modelId === null ? warnings[0]?.message : undefined}
      />
      <ConversationSection {...sectionProps} />
      <FeaturesSection {...sectionProps} />
      <AudioSection {...sectionProps} />
      <UrgencySection {...sectionProps} />
      <StickySaveBar
        saveLabel="Save call options"
        dirty={dirty}
        pending={update.isPending}
        hasFieldErrors={hasFieldErrors}
        formError={formError}
        onDiscard={() => {
          setValues(saved);
          setValidated(false);
          update.reset();
        }}
      />
    </form>
  );
}
