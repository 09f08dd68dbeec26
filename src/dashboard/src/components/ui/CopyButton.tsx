import { Check, Copy } from 'lucide-react';
import { useEffect, useState } from 'react';
import { copyText } from '../../lib/clipboard';
import { Button, type ButtonProps } from './Button';

type CopyButtonProps = {
  text: string;
  label?: string;
  /** Accessible name when the visible label is not specific enough, e.g. "Copy invite link". */
  'aria-label'?: string;
  size?: ButtonProps['size'];
  className?: string;
};

export function CopyButton({
  text,
  label = 'Copy',
  size = 'sm',
  className,
  ...rest
}: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  return (
    <Button
      size={size}
      className={className}
      aria-label={rest['aria-label']}
      onClick={async () => setState((await copyText(text)) ? 'copied' : 'failed')}
    >
      {state === 'copied' ? (
        <Check className="size-3.5 text-emerald-600 dark:text-emerald-400" aria-hidden="true" />
      ) : (
        <Copy className="size-3.5" aria-hidden="true" />
      )}
      <span aria-live="polite">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Press Ctrl+C to copy' : label}
      </span>
    </Button>
  );
}
