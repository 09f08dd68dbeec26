import { Eye, FileText, Plus } from 'lucide-react';
import { useState } from 'react';
import { useDeleteDocument, useKnowledgeDocuments } from '../../api/knowledge';
import type { KnowledgeCategory, KnowledgeDocument } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { ListQueryView } from '../../components/ListQueryView';
import { RowActions } from '../../components/RowActions';
import { Button } from '../../components/ui/Button';
import { ConfirmDialog } from '../../components/ui/ConfirmDialog';
import { TD, TH, TR } from '../../components/ui/Table';
import { useConfirmRemoval } from '../../components/use-confirm-removal';
import { formatBytes, formatDateTime, formatRelativeTime } from '../../lib/format';
import { DocumentDialog } from './DocumentDialog';
import { DocumentStatus } from './DocumentStatus';
import { DocumentTextDialog } from './DocumentTextDialog';
import { documentTypeLabel } from './document-rules';

type DocumentsPanelProps = { category: KnowledgeCategory; canEdit: boolean };

export function DocumentsPanel({ category, canEdit }: DocumentsPanelProps) {
  const documents = useKnowledgeDocuments(category.id);
  const remove = useDeleteDocument();
  const [editing, setEditing] = useState<KnowledgeDocument | 'new' | null>(null);
  const [viewing, setViewing] = useState<KnowledgeDocument | null>(null);
  const deletion = useConfirmRemoval(remove, {
    variables: (document: KnowledgeDocument) => document.id,
    successTitle: (document) => `${document.title} deleted`,
  });

  const addButton = canEdit && (
    <Button variant="primary" onClick={() => setEditing('new')}>
      <Plus className="size-4" aria-hidden="true" />
      Add document
    </Button>
  );

  return (
    <section aria-labelledby="documents-title" className="min-w-0 space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <h2
            id="documents-title"
            className="truncate text-base font-semibold text-slate-900 dark:text-slate-50"
          >
            {category.name}
          </h2>
          {category.description && (
            <p className="text-sm text-slate-500 dark:text-slate-400">{category.description}</p>
          )}
        </div>
        {documents.data && documents.data.length > 0 && addButton}
      </div>
      <ListQueryView
        query={documents}
        loadingLabel="Loading documents"
        errorTitle="Could not load the documents"
        empty={{
          icon: FileText,
          title: 'No documents in this category',
          description: canEdit
            ? 'Paste text or upload a PDF, Markdown, HTML or text file.'
            : 'Your company admins have not added documents here yet.',
          action: addButton,
        }}
      >
        {(items) => (
          <DataTable
            head={
              <>
                <TH>Document</TH>
                <TH className="hidden sm:table-cell">Status</TH>
                <TH className="hidden md:table-cell">Updated</TH>
              </>
            }
            withActions
          >
            {items.map((document) => (
              <TR key={document.id}>
                <TD className="min-w-40 whitespace-normal!">
                  <span className="font-medium break-words text-slate-900 dark:text-slate-100">
                    {document.title}
                  </span>
                  <span className="block text-xs break-all text-slate-500 dark:text-slate-400">
                    {[
                      documentTypeLabel(document),
                      formatBytes(document.sizeBytes),
                      document.fileName !== document.title ? document.fileName : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                  {/* Narrow screens keep the status with the title instead of in its own column. */}
                  <div className="mt-2 sm:hidden">
                    <DocumentStatus document={document} />
                  </div>
                </TD>
                <TD className="hidden sm:table-cell">
                  <DocumentStatus document={document} />
                </TD>
                <TD className="hidden md:table-cell">
                  <time dateTime={document.updatedAt} title={formatDateTime(document.updatedAt)}>
                    {formatRelativeTime(document.updatedAt)}
                  </time>
                </TD>
                <TD className="text-right">
                  <div className="flex items-center justify-end gap-1">
                    <Button
                      variant="ghost"
                      size="icon-sm"
                      aria-label={`View text of ${document.title}`}
                      title="View extracted text"
                      onClick={() => setViewing(document)}
                    >
                      <Eye className="size-4" aria-hidden="true" />
                    </Button>
                    {canEdit && (
                      <RowActions
                        name={document.title}
                        onEdit={() => setEditing(document)}
                        onDelete={() => deletion.ask(document)}
                      />
                    )}
                  </div>
                </TD>
              </TR>
            ))}
          </DataTable>
        )}
      </ListQueryView>
      {canEdit && (
        <DocumentDialog
          open={editing !== null}
          onOpenChange={(open) => !open && setEditing(null)}
          categoryId={category.id}
          document={editing === 'new' ? null : editing}
        />
      )}
      <DocumentTextDialog document={viewing} onClose={() => setViewing(null)} />
      <ConfirmDialog
        {...deletion.dialog}
        title={deletion.target ? `Delete ${deletion.target.title}?` : 'Delete document?'}
        description="Its passages are removed from search at once. Chatbots stop answering from it."
        confirmLabel="Delete document"
      />
    </section>
  );
}
