import { BookOpen, Plus } from 'lucide-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useDeleteCategory, useKnowledgeCategories } from '../../api/knowledge';
import type { KnowledgeCategory } from '../../api/types';
import { useSession } from '../../auth/session-context';
import { ListQueryView } from '../../components/ListQueryView';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { ConfirmDialog } from '../../components/ui/ConfirmDialog';
import { PageHeader } from '../../components/ui/PageHeader';
import { Skeleton } from '../../components/ui/Skeleton';
import { useConfirmRemoval } from '../../components/use-confirm-removal';
import { CategoryDialog } from './CategoryDialog';
import { CategoryList } from './CategoryList';
import { DocumentsPanel } from './DocumentsPanel';
import { SearchTester } from './SearchTester';

export function KnowledgePage() {
  const { isCompanyAdmin } = useSession();
  const categories = useKnowledgeCategories();
  const remove = useDeleteCategory();
  const [searchParams, setSearchParams] = useSearchParams();
  const [editing, setEditing] = useState<KnowledgeCategory | 'new' | null>(null);
  const deletion = useConfirmRemoval(remove, {
    variables: (category: KnowledgeCategory) => category.id,
    successTitle: (category) => `${category.name} deleted`,
  });

  const select = (id: string) => setSearchParams({ category: id }, { replace: true });
  const newButton = isCompanyAdmin && (
    <Button variant="primary" onClick={() => setEditing('new')}>
      <Plus className="size-4" aria-hidden="true" />
      New category
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Knowledge Base"
        description="Documents your chatbots use to answer questions in chat and on calls."
        actions={categories.data && categories.data.length > 0 ? newButton : undefined}
      />
      {!isCompanyAdmin && (
        <Alert className="mb-6" variant="info">
          You have read-only access. Only company admins can add or change documents.
        </Alert>
      )}
      <ListQueryView
        query={categories}
        loading={
          <div
            role="status"
            className="grid gap-6 lg:grid-cols-[15rem_minmax(0,1fr)] xl:grid-cols-[18rem_minmax(0,1fr)]"
          >
            <span className="sr-only">Loading the knowledge base…</span>
            <Skeleton className="h-48" />
            <Skeleton className="h-64" />
          </div>
        }
        errorTitle="Could not load the knowledge base"
        empty={{
          icon: BookOpen,
          title: 'No knowledge yet',
          description: isCompanyAdmin
            ? 'Create a category, then add documents to it: opening hours, prices, policies, FAQs.'
            : 'Your company admins have not added any documents yet.',
          action: newButton,
        }}
      >
        {(items) => {
          const selected = items.find((c) => c.id === searchParams.get('category')) ?? items[0];
          if (!selected) return null;
          return (
            <div className="space-y-8">
              <div className="grid gap-6 lg:grid-cols-[15rem_minmax(0,1fr)] xl:grid-cols-[18rem_minmax(0,1fr)]">
                <CategoryList
                  categories={items}
                  selectedId={selected.id}
                  onSelect={select}
                  {...(isCompanyAdmin && {
                    manage: {
                      onRename: setEditing,
                      onDelete: deletion.ask,
                    },
                  })}
                />
                <DocumentsPanel key={selected.id} category={selected} canEdit={isCompanyAdmin} />
              </div>
              <SearchTester />
            </div>
          );
        }}
      </ListQueryView>
      {isCompanyAdmin && (
        <CategoryDialog
          category={editing === 'new' ? null : editing}
          open={editing !== null}
          onOpenChange={(open) => !open && setEditing(null)}
          onCreated={(category) => select(category.id)}
        />
      )}
      <ConfirmDialog
        {...deletion.dialog}
        title={deletion.target ? `Delete ${deletion.target.name}?` : 'Delete category?'}
        description={
          deletion.target
            ? `Its ${deletion.target.documentCount} ${deletion.target.documentCount === 1 ? 'document goes' : 'documents go'} with it and chatbots stop answering from them. This cannot be undone.`
            : ''
        }
        confirmLabel="Delete category"
      />
    </>
  );
}
