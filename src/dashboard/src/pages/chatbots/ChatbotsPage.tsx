import { Bot, Plus } from 'lucide-react';
import { useState } from 'react';
import { useCompanyAiModels } from '../../api/catalog';
import { useChatbots } from '../../api/chatbots';
import { useSession } from '../../auth/session-context';
import { ListQueryView } from '../../components/ListQueryView';
import { Button } from '../../components/ui/Button';
import { PageHeader } from '../../components/ui/PageHeader';
import { Skeleton } from '../../components/ui/Skeleton';
import { ChatbotCard } from './ChatbotCard';
import { NewChatbotDialog } from './NewChatbotDialog';

export function ChatbotsPage() {
  const { isCompanyAdmin } = useSession();
  const chatbots = useChatbots();
  const models = useCompanyAiModels('chat');
  const [creating, setCreating] = useState(false);

  const modelName = (id: string | null) => {
    if (!id) return 'Platform default';
    return models.data?.find((m) => m.id === id)?.displayName ?? 'Unavailable model';
  };

  const newButton = isCompanyAdmin && (
    <Button variant="primary" onClick={() => setCreating(true)}>
      <Plus className="size-4" aria-hidden="true" />
      New chatbot
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Chatbots"
        description="AI agents that answer your customers in the website widget and on calls."
        actions={chatbots.data && chatbots.data.length > 0 ? newButton : undefined}
      />
      <ListQueryView
        query={chatbots}
        loading={
          <div role="status" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            <span className="sr-only">Loading chatbots…</span>
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className="h-40 rounded-lg" />
            ))}
          </div>
        }
        errorTitle="Could not load chatbots"
        empty={{
          icon: Bot,
          title: 'No chatbots yet',
          description: isCompanyAdmin
            ? 'Create your first chatbot, then add it to your website with one line of code.'
            : 'Your company admins have not created any chatbots yet.',
          action: newButton,
        }}
      >
        {(items) => (
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {items.map((chatbot) => (
              <li key={chatbot.id}>
                <ChatbotCard chatbot={chatbot} modelName={modelName(chatbot.chatModelId)} />
              </li>
            ))}
          </ul>
        )}
      </ListQueryView>
      {isCompanyAdmin && <NewChatbotDialog open={creating} onOpenChange={setCreating} />}
    </>
  );
}
