import type { Ref } from 'preact';
import { useState } from 'preact/hooks';

type ComposerProps = {
  inputRef: Ref<HTMLTextAreaElement>;
  placeholder: string;
  sendText: string;
  maxLength: number;
  pending: boolean;
  /** Resolves true when the message was accepted, so the text can be cleared. */
  onSend: (text: string) => Promise<boolean>;
};

/** Shows the count once the visitor gets close to the limit. */
const COUNT_FROM = 0.8;

/** The message box: Enter sends, Shift+Enter starts a new line. */
export function Composer({
  inputRef,
  placeholder,
  sendText,
  maxLength,
  pending,
  onSend,
}: ComposerProps) {
  const [text, setText] = useState('');
  const canSend = text.trim().length > 0 && !pending;
  const submit = async () => {
    if (canSend && (await onSend(text.trim()))) setText('');
  };
  const showCount = text.length >= maxLength * COUNT_FROM;

  return (
    <form
      class="bz-composer"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <textarea
        ref={inputRef}
        rows={1}
        value={text}
        maxLength={maxLength}
        placeholder={placeholder}
        aria-label="Message"
        aria-describedby="bz-composer-hint"
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
          event.preventDefault();
          void submit();
        }}
      />
      <span id="bz-composer-hint" class="bz-sr-only">
        Press Enter to send, Shift+Enter for a new line.
      </span>
      {showCount && (
        <span class="bz-count">
          {text.length}/{maxLength}
        </span>
      )}
      <button type="submit" class="bz-button" disabled={!canSend} aria-busy={pending || undefined}>
        {sendText}
      </button>
    </form>
  );
}
