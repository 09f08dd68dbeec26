import { useKnowledgeDocumentText } from '../../api/knowledge';
import type { KnowledgeDocument } from '../../api/types';
import { Button } from '../../components/ui/Button';
import { Dialog, DialogBody, DialogFooter } from '../../components/ui/Dialog';
import { ErrorState } from '../../components/ui/ErrorState';
import { FormSkeleton } from '../../components/ui/Skeleton';

type DocumentTextDialogProps = {
  document: KnowledgeDocument | null;
  onClose: () => void;
};

/** The plain text extracted from a document: what the chatbots actually search. */
export function DocumentTextDialog({ document, onClose }: DocumentTextDialogProps) {
  return (
    <Dialog
      open={document !== null}
      onOpenChange={(open) => !open && onClose()}
      size="lg"
      title={document?.title ?? 'Document'}
      description="The extracted text, as your chatbots search it."
    >
      {document && <DocumentText id={document.id} />}
      <DialogFooter>
        <Button variant="primary" onClick={onClose}>
          Close
        </Button>
      </DialogFooter>
    </Dialog>
  );
}

function DocumentText({ id }: { id: string }) {
  const query = useKnowledgeDocumentText(id);
  return (
    <DialogBody>
      {query.isPending ? (
        <FormSkeleton fields={3} />
      ) : query.isError ? (
        <ErrorState
          title="Could not load the text"
          error={query.error}
          onRetry={() => query.refetch()}
          retrying={query.isFetching}
        />
      ) : query.data.text ? (
        <>
          <p className="text-xs text-slate-500 dark:text-slate-400">
            {query.data.text.length.toLocaleString()} characters
          </p>
          <pre
            // biome-ignore lint/a11y/noNoninteractiveTabindex: the text scrolls, so keyboard users need to reach it
            tabIndex={0}
            className="max-h-[60dvh] overflow-auto whitespace-pre-wrap break-words rounded-md bg-slate-50 p-3 font-sans text-sm text-slate-800 outline-none focus-visible:ring-2 focus-visible:ring-blue-500 dark:bg-slate-950 dark:text-slate-200"
          >
            {query.data.text}
          </pre>
        </>
      ) : (
        <p className="text-sm text-slate-500 dark:text-slate-400">No text was extracted yet.</p>
      )}
    </DialogBody>
  );
}
