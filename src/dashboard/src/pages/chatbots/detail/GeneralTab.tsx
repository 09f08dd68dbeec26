import { type FormEvent, useState } from 'react';
import { type ChatbotPatch, useUpdateChatbot } from '../../../api/chatbots';
import type { Chatbot } from '../../../api/types';
import { SaveChangesFooter } from '../../../components/SaveChangesFooter';
import { Alert } from '../../../components/ui/Alert';
import { Card, CardBody, CardHeader } from '../../../components/ui/Card';
import { FormField } from '../../../components/ui/FormField';
import { Input } from '../../../components/ui/Input';
import { SwitchField } from '../../../components/ui/Switch';
import { useToast } from '../../../components/ui/toast-context';
import { fieldErrors, formErrorMessage } from '../../../lib/errors';
import { ChatModelSelect, PackageSelect } from '../CatalogSelects';
import { DeleteChatbotCard } from './DeleteChatbotCard';

type GeneralValues = {
  name: string;
  description: string;
  packageId: string | null;
  chatModelId: string | null;
  isActive: boolean;
};

function valuesOf(chatbot: Chatbot): GeneralValues {
  return {
    name: chatbot.name,
    description: chatbot.description ?? '',
    packageId: chatbot.packageId,
    chatModelId: chatbot.chatModelId,
    isActive: chatbot.isActive,
  };
}

export function GeneralTab({ chatbot, readOnly }: { chatbot: Chatbot; readOnly: boolean }) {
  const update = useUpdateChatbot(chatbot.id);
  const toast = useToast();
  const [values, setValues] = useState(() => valuesOf(chatbot));
  const [nameError, setNameError] = useState<string>();
  const saved = valuesOf(chatbot);
  const dirty = JSON.stringify(values) !== JSON.stringify(saved);

  const set = <K extends keyof GeneralValues>(key: K, value: GeneralValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!values.name.trim()) {
      setNameError('Enter a name.');
      return;
    }
    setNameError(undefined);
    // Only what changed is sent, so a field the user did not touch is never rewritten.
    const next = { ...values, name: values.name.trim() };
    const patch = Object.fromEntries(
      Object.entries(next).filter(([key, value]) => saved[key as keyof GeneralValues] !== value),
    ) as ChatbotPatch;
    update.mutate(patch, { onSuccess: () => toast({ title: 'Changes saved' }) });
  };

  const errors = fieldErrors(update.error);
  const formError = formErrorMessage(update.error);
  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} noValidate>
        <Card>
          <CardHeader
            title="General"
            description="How this chatbot is named and which model it uses. Its instructions are under Behavior."
          />
          <CardBody className="space-y-5">
            {formError && <Alert variant="error">{formError}</Alert>}
            <div className="grid gap-5 md:grid-cols-2">
              <FormField label="Name" error={nameError ?? errors.name}>
                {(control) => (
                  <Input
                    {...control}
                    value={values.name}
                    disabled={readOnly}
                    maxLength={120}
                    onChange={(e) => set('name', e.target.value)}
                  />
                )}
              </FormField>
              <FormField label="Description" optional error={errors.description}>
                {(control) => (
                  <Input
                    {...control}
                    value={values.description}
                    disabled={readOnly}
                    placeholder="What this chatbot is for"
                    onChange={(e) => set('description', e.target.value)}
                  />
                )}
              </FormField>
              <FormField label="Package" error={errors.packageId}>
                {(control) => (
                  <PackageSelect
                    chatbotType={chatbot.chatbotType}
                    control={control}
                    value={values.packageId}
                    disabled={readOnly}
                    onChange={(next) => set('packageId', next)}
                  />
                )}
              </FormField>
              <FormField label="Chat model" error={errors.chatModelId}>
                {(control) => (
                  <ChatModelSelect
                    control={control}
                    value={values.chatModelId}
                    disabled={readOnly}
                    onChange={(next) => set('chatModelId', next)}
                  />
                )}
              </FormField>
            </div>
            <SwitchField
              label="Active"
              description="Inactive chatbots do not answer in the widget or on calls."
              checked={values.isActive}
              disabled={readOnly}
              onCheckedChange={(checked) => set('isActive', checked)}
              className="rounded-lg border border-slate-200 p-4 dark:border-slate-800"
            />
          </CardBody>
          {!readOnly && (
            <SaveChangesFooter
              dirty={dirty}
              pending={update.isPending}
              onDiscard={() => {
                setValues(saved);
                update.reset();
              }}
            />
          )}
        </Card>
      </form>
      {!readOnly && <DeleteChatbotCard chatbot={chatbot} />}
    </div>
  );
}
