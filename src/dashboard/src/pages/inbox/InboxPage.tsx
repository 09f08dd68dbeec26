import { Inbox } from 'lucide-react';
import { EmptyState } from '../../components/ui/EmptyState';
import { PageHeader } from '../../components/ui/PageHeader';

export function InboxPage() {
  return (
    <>
      <PageHeader
        title="Inbox"
        description="Conversations handed over to your team by the AI agents."
      />
      <EmptyState
        icon={Inbox}
        title="No conversations waiting"
        description="When a customer asks for a human or a chatbot escalates, the conversation will appear here for your support agents."
      />
    </>
  );
}
