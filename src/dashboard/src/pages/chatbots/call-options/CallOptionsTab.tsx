import { useCallSettings } from '../../../api/call-options';
import type { Chatbot } from '../../../api/types';
import { ErrorState } from '../../../components/ui/ErrorState';
import { FormSkeleton } from '../../../components/ui/Skeleton';
import { CallOptionsForm } from './CallOptionsForm';

/** How a call chatbot talks on calls: model, voice, greeting, limits and features. */
export function CallOptionsTab({ chatbot }: { chatbot: Chatbot }) {
  const settings = useCallSettings(chatbot.id);

  if (settings.isPending) return <FormSkeleton fields={6} />;
  if (settings.isError) {
    return (
      <ErrorState
        title="Could not load the call options"
        error={settings.error}
        onRetry={() => settings.refetch()}
        retrying={settings.isFetching}
      />
    );
  }
  return (
    <CallOptionsForm
      chatbotId={chatbot.id}
      saved={settings.data.callSettings}
      warnings={settings.data.warnings}
    />
  );
}
