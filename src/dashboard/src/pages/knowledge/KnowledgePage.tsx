import { BookOpen } from 'lucide-react';
import { EmptyState } from '../../components/ui/EmptyState';
import { PageHeader } from '../../components/ui/PageHeader';

export function KnowledgePage() {
  return (
    <>
      <PageHeader
        title="Knowledge Base"
        description="Documents your chatbots use to answer questions in chat and on calls."
      />
      <EmptyState
        icon={BookOpen}
        title="No knowledge documents yet"
        description="Uploading documents and organising them into categories is coming soon. Your chatbots will search them to answer customers accurately."
      />
    </>
  );
}
