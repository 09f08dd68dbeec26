import { BookOpen } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import {
  useChatbotKnowledgeCategories,
  useKnowledgeCategories,
  useSetChatbotKnowledgeCategories,
} from '../../../api/knowledge';
import type { Chatbot, KnowledgeCategory } from '../../../api/types';
import { SaveChangesFooter } from '../../../components/SaveChangesFooter';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Card, CardBody, CardHeader } from '../../../components/ui/Card';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorState } from '../../../components/ui/ErrorState';
import { FormSkeleton } from '../../../components/ui/Skeleton';
import { useToast } from '../../../components/ui/toast-context';
import { formErrorMessage } from '../../../lib/errors';

const knowledgeLink = (
  <Link
    to="/knowledge"
    className="font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-300"
  >
    Knowledge Base
  </Link>
);

export function KnowledgeTab({ chatbot, readOnly }: { chatbot: Chatbot; readOnly: boolean }) {
  const categories = useKnowledgeCategories();
  const linked = useChatbotKnowledgeCategories(chatbot.id);

  if (categories.isPending || linked.isPending) return <FormSkeleton fields={3} />;
  if (categories.isError || linked.isError) {
    const failed = categories.isError ? categories : linked;
    return (
      <ErrorState
        title="Could not load the knowledge settings"
        error={failed.error}
        onRetry={() => {
          void categories.refetch();
          void linked.refetch();
        }}
        retrying={categories.isFetching || linked.isFetching}
      />
    );
  }
  if (categories.data.length === 0) {
    return (
      <EmptyState
        icon={BookOpen}
        title="No knowledge yet"
        description="Add documents to the Knowledge Base first; this chatbot will answer from them."
        action={
          <Button asChild variant="primary">
            <Link to="/knowledge">Open the Knowledge Base</Link>
          </Button>
        }
      />
    );
  }
  return (
    <CategoryPicker
      chatbotId={chatbot.id}
      categories={categories.data}
      saved={linked.data}
      readOnly={readOnly}
    />
  );
}

type CategoryPickerProps = {
  chatbotId: string;
  categories: KnowledgeCategory[];
  saved: string[];
  readOnly: boolean;
};

function CategoryPicker({ chatbotId, categories, saved, readOnly }: CategoryPickerProps) {
  const save = useSetChatbotKnowledgeCategories(chatbotId);
  const toast = useToast();
  const [selected, setSelected] = useState(() => new Set(saved));
  const dirty = selected.size !== saved.length || saved.some((id) => !selected.has(id));

  const toggle = (id: string, checked: boolean) => {
    if (save.isError) save.reset();
    setSelected((current) => {
      const next = new Set(current);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // Kept in the Knowledge Base's order, so the saved list reads the same.
    const ids = categories.filter((c) => selected.has(c.id)).map((c) => c.id);
    save.mutate(ids, { onSuccess: () => toast({ title: 'Knowledge settings saved' }) });
  };

  const formError = formErrorMessage(save.error);
  return (
    <form onSubmit={onSubmit} noValidate>
      <Card>
        <CardHeader
          title="Knowledge Base"
          description="The categories this chatbot searches when it answers, in chat and on calls."
        />
        <CardBody className="space-y-4">
          {formError && <Alert variant="error">{formError}</Alert>}
          <Alert variant="info">
            {selected.size === 0 ? (
              <>
                No category selected: this chatbot uses <strong>all</strong> of your company's
                knowledge.
              </>
            ) : (
              <>This chatbot only answers from the selected categories.</>
            )}{' '}
            Documents are managed in the {knowledgeLink}.
          </Alert>
          <fieldset className="min-w-0">
            <legend className="sr-only">Categories</legend>
            <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
              {categories.map((category) => (
                <li key={category.id}>
                  <label className="flex cursor-pointer items-center gap-3 px-4 py-3 has-[:disabled]:cursor-default">
                    <input
                      type="checkbox"
                      checked={selected.has(category.id)}
                      disabled={readOnly}
                      onChange={(e) => toggle(category.id, e.target.checked)}
                      className="size-4 shrink-0 accent-blue-600"
                    />
                    <span className="min-w-0 flex-1">
                      <span className="block truncate text-sm font-medium text-slate-900 dark:text-slate-100">
                        {category.name}
                      </span>
                      {category.description && (
                        <span className="block truncate text-xs text-slate-500 dark:text-slate-400">
                          {category.description}
                        </span>
                      )}
                    </span>
                    <span className="shrink-0 text-xs tabular-nums text-slate-500 dark:text-slate-400">
                      {category.documentCount}{' '}
                      {category.documentCount === 1 ? 'document' : 'documents'}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        </CardBody>
        {!readOnly && (
          <SaveChangesFooter
            dirty={dirty}
            pending={save.isPending}
            onDiscard={() => {
              setSelected(new Set(saved));
              save.reset();
            }}
          />
        )}
      </Card>
    </form>
  );
}
