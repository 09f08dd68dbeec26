import { type FormEvent, useEffect, useRef, useState } from 'react';
import {
  useAddTextDocument,
  useKnowledgeDocumentText,
  useReplaceTextDocument,
  useUploadDocument,
} from '../../api/knowledge';
import type { KnowledgeDocument } from '../../api/types';
import { DialogFormLayout } from '../../components/DialogFormLayout';
import { FormField } from '../../components/ui/FormField';
import { Input } from '../../components/ui/Input';
import { ProgressBar } from '../../components/ui/ProgressBar';
import { Skeleton } from '../../components/ui/Skeleton';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '../../components/ui/Tabs';
import { Textarea } from '../../components/ui/Textarea';
import { fieldErrorLookup } from '../../lib/errors';
import { formatBytes } from '../../lib/format';
import { fileProblem, MAX_TEXT_BYTES, textBytes } from './document-rules';
import { FileDropZone } from './FileDropZone';

type Mode = 'text' | 'file';

type DocumentFormProps = {
  categoryId: string;
  /** null adds a document. */
  document: KnowledgeDocument | null;
  onCancel: () => void;
  onSaved: (document: KnowledgeDocument) => void;
};

export function DocumentForm({ categoryId, document, onCancel, onSaved }: DocumentFormProps) {
  const addText = useAddTextDocument();
  const replaceText = useReplaceTextDocument();
  const upload = useUploadDocument();
  const [mode, setMode] = useState<Mode>(document?.sourceType === 'file' ? 'file' : 'text');
  const [title, setTitle] = useState(document?.title ?? '');
  // null until edited: a replaced document starts from its current text.
  const [content, setContent] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [percent, setPercent] = useState(0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const abort = useRef<AbortController | null>(null);
  const existing = useKnowledgeDocumentText(document && mode === 'text' ? document.id : null);
  const text = content ?? existing.data?.text ?? '';
  const mutation = mode === 'file' ? upload : document ? replaceText : addText;

  useEffect(() => () => abort.current?.abort(), []);

  const submitText = () => {
    const next: Record<string, string> = {};
    if (!title.trim()) next.title = 'Enter a title.';
    if (!text.trim()) next.content = 'Paste the text of the document.';
    else if (textBytes(text) > MAX_TEXT_BYTES) {
      next.content = `The text is ${formatBytes(textBytes(text))}; at most ${formatBytes(MAX_TEXT_BYTES)} can be pasted. Upload it as a file instead.`;
    }
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    const onSuccess = (data: { document: KnowledgeDocument }) => onSaved(data.document);
    if (document) {
      replaceText.mutate({ id: document.id, title: title.trim(), content: text }, { onSuccess });
    } else {
      addText.mutate({ categoryId, title: title.trim(), content: text }, { onSuccess });
    }
  };

  const submitFile = () => {
    const problem = file ? fileProblem(file) : 'Choose a file to upload.';
    setErrors(problem ? { file: problem } : {});
    if (problem || !file) return;
    abort.current = new AbortController();
    setPercent(0);
    upload.mutate(
      {
        file,
        ...(document ? { replaceId: document.id } : { categoryId }),
        ...(!document && title.trim() ? { title: title.trim() } : {}),
        onProgress: setPercent,
        signal: abort.current.signal,
      },
      { onSuccess: (data) => onSaved(data.document) },
    );
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (mode === 'text') submitText();
    else submitFile();
  };

  const error = fieldErrorLookup(errors, mutation.error);
  const busy = mutation.isPending;
  const submitLabel =
    mode === 'text'
      ? document
        ? 'Save new version'
        : 'Add document'
      : document
        ? 'Upload new version'
        : 'Upload';
  return (
    <DialogFormLayout
      onSubmit={onSubmit}
      mutation={mutation}
      onCancel={() => {
        abort.current?.abort();
        onCancel();
      }}
      submitLabel={submitLabel}
    >
      <Tabs
        value={mode}
        onValueChange={(next) => {
          setMode(next === 'file' ? 'file' : 'text');
          setErrors({});
          mutation.reset();
        }}
      >
        <TabsList aria-label="How to add the document">
          <TabsTrigger value="text" disabled={busy}>
            Paste text
          </TabsTrigger>
          <TabsTrigger value="file" disabled={busy}>
            Upload file
          </TabsTrigger>
        </TabsList>
        {!(mode === 'file' && document) && (
          <FormField
            className="pt-4"
            label="Title"
            optional={mode === 'file'}
            hint={mode === 'file' ? 'Defaults to the file name.' : undefined}
            error={error('title')}
          >
            {(control) => (
              <Input
                {...control}
                value={title}
                maxLength={200}
                disabled={busy}
                placeholder="Opening hours"
                onChange={(e) => setTitle(e.target.value)}
              />
            )}
          </FormField>
        )}
        <TabsContent value="text" className="pt-4">
          <FormField
            label="Text"
            error={error('content')}
            hint={`${text.length.toLocaleString()} characters · ${formatBytes(textBytes(text))} of ${formatBytes(MAX_TEXT_BYTES)}`}
          >
            {(control) =>
              document && existing.isPending && content === null ? (
                <Skeleton className="h-48 w-full" />
              ) : (
                <Textarea
                  {...control}
                  rows={10}
                  value={text}
                  disabled={busy}
                  placeholder="We are open Monday to Friday from 8:00 to 18:00…"
                  onChange={(e) => setContent(e.target.value)}
                />
              )
            }
          </FormField>
        </TabsContent>
        <TabsContent value="file" className="space-y-3 pt-4">
          <FileDropZone
            file={file}
            disabled={busy}
            error={error('file')}
            onFile={(next) => {
              setFile(next);
              setErrors({});
              if (upload.isError) upload.reset();
            }}
          />
          {mode === 'file' && busy && (
            <div aria-live="polite" className="space-y-1.5">
              <div className="flex justify-between text-xs text-slate-600 dark:text-slate-300">
                <span>{percent < 100 ? 'Uploading…' : 'Uploaded. Starting processing…'}</span>
                <span className="tabular-nums">{percent}%</span>
              </div>
              <ProgressBar value={percent} label={`Uploading ${file?.name ?? 'file'}`} />
            </div>
          )}
        </TabsContent>
      </Tabs>
    </DialogFormLayout>
  );
}
