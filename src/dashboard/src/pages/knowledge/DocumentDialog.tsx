import { useState } from 'react';
import type { KnowledgeDocument } from '../../api/types';
import { Dialog } from '../../components/ui/Dialog';
import { DocumentForm } from './DocumentForm';
import { DocumentProgress } from './DocumentProgress';

type DocumentDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  categoryId: string;
  /** null adds a document; otherwise this document is replaced. */
  document: KnowledgeDocument | null;
};

/** Add or replace a document, then follow its upload and processing until it is ready. */
export function DocumentDialog({ open, onOpenChange, categoryId, document }: DocumentDialogProps) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      size="lg"
      title={document ? `Replace ${document.title}` : 'Add document'}
      description={
        document
          ? 'The current version stays searchable until the new one is ready.'
          : 'Paste text or upload a file. It is split into passages your chatbots can search.'
      }
    >
      <DocumentSteps
        categoryId={categoryId}
        document={document}
        onClose={() => onOpenChange(false)}
      />
    </Dialog>
  );
}

function DocumentSteps({
  categoryId,
  document,
  onClose,
}: {
  categoryId: string;
  document: KnowledgeDocument | null;
  onClose: () => void;
}) {
  const [savedId, setSavedId] = useState<string | null>(null);
  // After a failed attempt, the next one replaces that document instead of adding another.
  const [target, setTarget] = useState(document);
  if (savedId) {
    return (
      <DocumentProgress
        categoryId={categoryId}
        documentId={savedId}
        onClose={onClose}
        onRetry={() => setSavedId(null)}
      />
    );
  }
  return (
    <DocumentForm
      categoryId={categoryId}
      document={target}
      onCancel={onClose}
      onSaved={(saved) => {
        setTarget(saved);
        setSavedId(saved.id);
      }}
    />
  );
}
