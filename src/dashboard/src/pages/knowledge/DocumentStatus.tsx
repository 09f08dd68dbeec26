import type { KnowledgeDocument } from '../../api/types';
import { Badge } from '../../components/ui/Badge';
import { ProgressBar } from '../../components/ui/ProgressBar';

type DocumentStatusProps = {
  document: Pick<KnowledgeDocument, 'title' | 'status' | 'progress' | 'error' | 'chunkCount'>;
};

/** Processing with its progress, Ready with its chunk count, or Failed with the reason. */
export function DocumentStatus({ document }: DocumentStatusProps) {
  if (document.status === 'processing') {
    return (
      <div className="w-32 space-y-1.5">
        <div className="flex items-center justify-between gap-2">
          <Badge tone="blue">Processing</Badge>
          <span className="text-xs tabular-nums text-slate-500 dark:text-slate-400">
            {Math.round(document.progress)}%
          </span>
        </div>
        <ProgressBar value={document.progress} label={`Processing ${document.title}`} />
      </div>
    );
  }
  if (document.status === 'failed') {
    return (
      <div className="max-w-64 space-y-1 whitespace-normal">
        <Badge tone="red">Failed</Badge>
        {document.error && (
          <p className="text-xs text-red-700 dark:text-red-300">{document.error}</p>
        )}
      </div>
    );
  }
  return (
    <div className="flex items-center gap-2">
      <Badge tone="green">Ready</Badge>
      <span className="text-xs text-slate-500 dark:text-slate-400">
        {document.chunkCount} {document.chunkCount === 1 ? 'chunk' : 'chunks'}
      </span>
    </div>
  );
}
