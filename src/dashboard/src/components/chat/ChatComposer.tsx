import { SendHorizontal } from 'lucide-react';
import { type FormEvent, type KeyboardEvent, useId, useState } from 'react';
import { cn } from '../../lib/cn';
import { fieldBase } from '../../lib/styles';
import { Button } from '../ui/Button';

type ChatComposerProps = {
  label: string;
  placeholder?: string;
  /** Resolves true when the message was accepted, so the text can be cleared. */
  onSend: (text: string) => Promise<boolean> | boolean;
  pending?: boolean;
  disabled?: boolean;
  maxLength?: number;
};

/** A message box: Enter sends, Shift+Enter starts a new line. */
export function ChatComposer({
  label,
  placeholder,
  onSend,
  pending = false,
  disabled = false,
  maxLength = 4000,
}: ChatComposerProps) {
  const id = useId();
  const [text, setText] = useState('');
  const canSend = text.trim().length > 0 && !pending && !disabled;

  const submit = async () => {
    if (!canSend) return;
    if (await onSend(text.trim())) setText('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    void submit();
  };

  return (
    <form
      className="flex items-end gap-2 border-t border-slate-200 p-3 dark:border-slate-800"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <textarea
        id={id}
        rows={1}
        value={text}
        maxLength={maxLength}
        disabled={disabled}
        placeholder={placeholder}
        aria-describedby={`${id}-hint`}
        className={cn(fieldBase, 'field-sizing-content max-h-40 min-h-9 resize-none px-3 py-2')}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <span id={`${id}-hint`} className="sr-only">
        Press Enter to send, Shift+Enter for a new line.
      </span>
      <Button type="submit" variant="primary" size="icon" pending={pending} disabled={!canSend}>
        {!pending && <SendHorizontal className="size-4" aria-hidden="true" />}
        <span className="sr-only">Send</span>
      </Button>
    </form>
  );
}
