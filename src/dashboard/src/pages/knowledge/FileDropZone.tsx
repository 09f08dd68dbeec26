import { FileUp, X } from 'lucide-react';
import { type DragEvent, useId, useRef, useState } from 'react';
import { Button } from '../../components/ui/Button';
import { cn } from '../../lib/cn';
import { formatBytes } from '../../lib/format';
import { acceptAttribute, acceptedExtensions, MAX_FILE_BYTES } from './document-rules';

type FileDropZoneProps = {
  file: File | null;
  onFile: (file: File | null) => void;
  error?: string | undefined;
  disabled?: boolean;
};

/** Drop a file here or pick one; shows the chosen file with its size. */
export function FileDropZone({ file, onFile, error, disabled = false }: FileDropZoneProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (disabled) return;
    const dropped = event.dataTransfer.files[0];
    if (dropped) onFile(dropped);
  };

  return (
    <div className="space-y-1.5">
      <section
        aria-label="File drop zone"
        onDragOver={(event) => {
          event.preventDefault();
          if (!disabled) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={cn(
          'flex flex-col items-center gap-3 rounded-lg border-2 border-dashed px-4 py-6 text-center motion-safe:transition-colors',
          dragging
            ? 'border-blue-500 bg-blue-50 dark:border-blue-400 dark:bg-blue-950/40'
            : 'border-slate-300 dark:border-slate-700',
          error && !dragging && 'border-red-400 dark:border-red-500',
        )}
      >
        <FileUp className="size-6 text-slate-400" aria-hidden="true" />
        {file ? (
          <div className="flex max-w-full items-center gap-2 rounded-md bg-slate-100 py-1 pr-1 pl-3 text-sm dark:bg-slate-800">
            <span className="min-w-0 truncate font-medium text-slate-900 dark:text-slate-100">
              {file.name}
            </span>
            <span className="shrink-0 text-slate-500 dark:text-slate-400">
              {formatBytes(file.size)}
            </span>
            <Button
              variant="ghost"
              size="icon-sm"
              aria-label={`Remove ${file.name}`}
              disabled={disabled}
              onClick={() => onFile(null)}
            >
              <X className="size-4" aria-hidden="true" />
            </Button>
          </div>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-300">Drag a file here, or</p>
        )}
        <Button size="sm" disabled={disabled} onClick={() => input.current?.click()}>
          {file ? 'Choose another file' : 'Choose a file'}
        </Button>
        <p id={`${id}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
          {acceptedExtensions.join(', ')} · up to {formatBytes(MAX_FILE_BYTES)}
        </p>
        <input
          ref={input}
          id={id}
          type="file"
          hidden
          accept={acceptAttribute}
          aria-label="Document file"
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            onFile(event.target.files?.[0] ?? null);
            event.target.value = '';
          }}
        />
      </section>
      {error && (
        <p role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
