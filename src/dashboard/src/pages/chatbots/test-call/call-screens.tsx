import { Mic, MicOff, Phone, PhoneOff, RotateCcw, WifiOff } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button } from '../../../components/ui/Button';
import { Spinner } from '../../../components/ui/Spinner';
import { StatePanel } from '../../../components/ui/StatePanel';

// The call screen's states before and around a call, each a centred panel.

const panel = 'flex-1 rounded-none border-0';

export function IdleScreen({ onStart }: { onStart: () => void }) {
  return (
    <StatePanel
      className={panel}
      icon={Phone}
      title="Call the chatbot"
      description="Talk to it through your microphone, as a website visitor would. The call is listed under Calls afterwards, with its summary."
    >
      <Button variant="primary" className="mt-5" onClick={onStart}>
        <Phone className="size-4" aria-hidden="true" />
        Start test call
      </Button>
    </StatePanel>
  );
}

export function WaitingScreen({ title, description }: { title: string; description: string }) {
  return (
    <div
      role="status"
      className="flex flex-1 flex-col items-center justify-center gap-3 px-6 py-14 text-center"
    >
      <Spinner className="size-6 text-blue-600 dark:text-blue-400" />
      <p className="text-base font-semibold text-slate-900 dark:text-slate-50">{title}</p>
      <p className="max-w-md text-sm text-slate-500 dark:text-slate-400">{description}</p>
    </div>
  );
}

export function MicrophoneDeniedScreen({
  message,
  onRetry,
}: {
  message: string;
  onRetry: () => void;
}) {
  return (
    <StatePanel
      className={panel}
      tone="error"
      role="alert"
      icon={MicOff}
      title="The microphone is blocked"
      description={message}
    >
      <Button className="mt-5" onClick={onRetry}>
        <Mic className="size-4" aria-hidden="true" />
        Try again
      </Button>
    </StatePanel>
  );
}

export function ProblemScreen({
  title,
  message,
  offline,
  onRetry,
}: {
  title: string;
  message: ReactNode;
  /** Calls cannot be taken now, rather than this attempt failing. */
  offline?: boolean;
  onRetry: () => void;
}) {
  return (
    <StatePanel
      className={panel}
      tone={offline ? 'neutral' : 'error'}
      role="alert"
      icon={offline ? PhoneOff : WifiOff}
      title={title}
      description={message}
    >
      <Button className="mt-5" onClick={onRetry}>
        <RotateCcw className="size-4" aria-hidden="true" />
        Retry
      </Button>
    </StatePanel>
  );
}
