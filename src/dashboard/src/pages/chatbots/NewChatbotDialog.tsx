import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import type { ChatbotType } from '../../../../shared/domain';
import { useCreateChatbot } from '../../api/chatbots';
import { useSession } from '../../auth/session-context';
import { DialogFormLayout } from '../../components/DialogFormLayout';
import { Dialog } from '../../components/ui/Dialog';
import { FormField } from '../../components/ui/FormField';
import { Input } from '../../components/ui/Input';
import { useToast } from '../../components/ui/toast-context';
import { fieldErrors } from '../../lib/errors';
import { ChatModelSelect, PackageSelect } from './CatalogSelects';
import { ChatbotTypeField } from './ChatbotTypeField';

type NewChatbotDialogProps = { open: boolean; onOpenChange: (open: boolean) => void };

export function NewChatbotDialog({ open, onOpenChange }: NewChatbotDialogProps) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="New chatbot"
      description="Give it a name and choose what it does. Everything but the type can be changed later."
    >
      <NewChatbotForm onClose={() => onOpenChange(false)} />
    </Dialog>
  );
}

function NewChatbotForm({ onClose }: { onClose: () => void }) {
  const { callEnabled } = useSession();
  const create = useCreateChatbot();
  const navigate = useNavigate();
  const toast = useToast();
  const [name, setName] = useState('');
  const [chatbotType, setChatbotType] = useState<ChatbotType>('chat');
  const [packageId, setPackageId] = useState<string | null>(null);
  const [chatModelId, setChatModelId] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string>();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setNameError('Enter a name.');
      return;
    }
    setNameError(undefined);
    create.mutate(
      { name: name.trim(), chatbotType, packageId, chatModelId },
      {
        onSuccess: ({ chatbot }) => {
          toast({ title: `${chatbot.name} created` });
          onClose();
          navigate(`/chatbots/${chatbot.id}`);
        },
      },
    );
  };

  const errors = fieldErrors(create.error);
  return (
    <DialogFormLayout
      onSubmit={onSubmit}
      mutation={create}
      onCancel={onClose}
      submitLabel="Create chatbot"
    >
      <FormField label="Name" error={nameError ?? errors.name}>
        {(control) => (
          <Input
            {...control}
            autoFocus
            maxLength={120}
            placeholder="e.g. Website assistant"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </FormField>
      <ChatbotTypeField
        value={chatbotType}
        callEnabled={callEnabled}
        onChange={(next) => {
          setChatbotType(next);
          setPackageId(null);
        }}
      />
      <FormField
        label="Package"
        error={errors.packageId}
        hint="The package sets this chatbot's usage limits."
      >
        {(control) => (
          <PackageSelect
            chatbotType={chatbotType}
            control={control}
            value={packageId}
            onChange={setPackageId}
          />
        )}
      </FormField>
      <FormField label="Chat model" error={errors.chatModelId}>
        {(control) => (
          <ChatModelSelect control={control} value={chatModelId} onChange={setChatModelId} />
        )}
      </FormField>
    </DialogFormLayout>
  );
}
