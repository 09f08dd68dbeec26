import { type FormEvent, useRef, useState } from 'react';
import type { CallSettings } from '../../../../../shared/chatbot-settings';
import { useUpdateCallSettings } from '../../../api/call-options';
import { isApiError } from '../../../api/client';
import { StickySaveBar } from '../../../components/StickySaveBar';
import { useToast } from '../../../components/ui/toast-context';
import { errorMessage, fieldErrors } from '../../../lib/errors';
import { AudioSection } from './AudioSection';
import { ConversationSection } from './ConversationSection';
import { changedSettings, validateCallSettings } from './call-options-form';
import { FeaturesSection } from './FeaturesSection';
import type { CallSectionProps } from './section-props';
import { UrgencySection } from './UrgencySection';
import { VoiceSection } from './VoiceSection';

type CallOptionsFormProps = { chatbotId: string; saved: CallSettings };

/** Only company admins reach it: the call settings API is theirs alone. */
export function CallOptionsForm({ chatbotId, saved }: CallOptionsFormProps) {
  const update = useUpdateCallSettings(chatbotId);
  const toast = useToast();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<CallSettings>(saved);
  const [validated, setValidated] = useState(false);
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
      onSuccess: ({ callSettings }) => {
        setValues(callSettings);
        setValidated(false);
        toast({ title: 'Call options saved' });
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
      <VoiceSection {...sectionProps} />
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
