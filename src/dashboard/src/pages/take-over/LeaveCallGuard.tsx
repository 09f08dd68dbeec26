import { useEffect } from 'react';
import { useBlocker } from 'react-router';
import { ConfirmDialog } from '../../components/ui/ConfirmDialog';

/**
 * Leaving the Live call page drops the person from the call (the AI takes
 * the caller back), so while they are on it, leaving asks first: in the app
 * with a dialog, on reload or closing the tab with the browser's own prompt.
 */
export function LeaveCallGuard({ onCall }: { onCall: boolean }) {
  const blocker = useBlocker(onCall);
  useEffect(() => {
    if (!onCall) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [onCall]);
  return (
    <ConfirmDialog
      open={blocker.state === 'blocked'}
      onOpenChange={(open) => {
        if (!open && blocker.state === 'blocked') blocker.reset();
      }}
      title="Leave the call?"
      description="You are talking with the caller. If you leave this page, the AI assistant takes the call back."
      confirmLabel="Leave the call"
      onConfirm={() => blocker.state === 'blocked' && blocker.proceed()}
    />
  );
}
