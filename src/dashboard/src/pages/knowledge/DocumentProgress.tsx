import { useKnowledgeDocuments } from '../../api/knowledge';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { DialogBody, DialogFooter } from '../../components/ui/Dialog';
import { ProgressBar } from '../../components/ui/ProgressBar';
import { Spinner } from '../../components/ui/Spinner';

type DocumentProgressProps = {
  categoryId: string;
  documentId: string;
  onClose: () => void;
  onRetry: () => void;
};

/** The server's processing of a saved document, from the category's polled list. */
export function DocumentProgress({
  categoryId,
  documentId,
  onClose,
  onRetry,
}: DocumentProgressProps) {
  const documents = useKnowledgeDocuments(categoryId);
  const document = documents.data?.find((d) => d.id === documentId);

  return (
    <>
      <DialogBody>
        <div aria-live="polite" className="space-y-3">
          {!document || document.status === 'processing' ? (
            <>
              <div className="flex items-center justify-between gap-3 text-sm">
                <span className="flex items-center gap-2 font-medium text-slate-900 dark:text-slate-100">
                  <Spinner />
                  Processing {document?.title ?? 'the document'}…
                </span>
                <span className="tabular-nums text-slate-500 dark:text-slate-400">
                  {Math.round(document?.progress ?? 0)}%
                </span>
              </div>
              <ProgressBar value={document?.progress ?? 0} label="Processing" />
              <p className="text-xs text-slate-500 dark:text-slate-400">
                Extracting the text and indexing it for search. You can close this window; the
                document keeps processing.
              </p>
            </>
          ) : document.status === 'ready' ? (
            <Alert variant="success" title={`${document.title} is ready`}>
              Split into {document.chunkCount} {document.chunkCount === 1 ? 'passage' : 'passages'}.
              Your chatbots can answer from it now.
            </Alert>
          ) : (
            <Alert variant="error" title={`${document.title} could not be processed`}>
              {document.error ?? 'The document could not be read.'}
            </Alert>
          )}
        </div>
      </DialogBody>
      <DialogFooter>
        {document?.status === 'failed' && <Button onClick={onRetry}>Try another version</Button>}
        <Button variant="primary" onClick={onClose}>
          {document?.status === 'ready' ? 'Done' : 'Close'}
        </Button>
      </DialogFooter>
    </>
  );
}
