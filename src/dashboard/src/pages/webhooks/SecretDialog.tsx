import type { WebhookWithSecret } from '../../api/webhooks';
import { Alert } from '../../components/ui/Alert';
import { Button } from '../../components/ui/Button';
import { CopyButton } from '../../components/ui/CopyButton';
import { Dialog, DialogBody, DialogFooter } from '../../components/ui/Dialog';

/** The signing secret right after create or rotate: the only time it is shown. */
export function SecretDialog({
  value,
  onClose,
}: {
  value: WebhookWithSecret | null;
  onClose: () => void;
}) {
  return (
    <Dialog
      open={value !== null}
      onOpenChange={(open) => !open && onClose()}
      title="Signing secret"
      description="Your receiver uses it to check that events come from Buzzi."
    >
      <DialogBody>
        <Alert variant="warning" title="Copy it now">
          This is the only time the secret is shown. If you lose it, rotate the secret.
        </Alert>
        <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
          <code
            data-testid="webhook-secret"
            className="min-w-0 flex-1 break-all rounded-md bg-slate-100 px-3 py-2 font-mono text-sm text-slate-900 dark:bg-slate-800 dark:text-slate-100"
          >
            {value?.secret}
          </code>
          <CopyButton text={value?.secret ?? ''} aria-label="Copy signing secret" />
        </div>
        <p className="break-all text-xs text-slate-500 dark:text-slate-400">
          Endpoint: {value?.webhook.url}
        </p>
      </DialogBody>
      <DialogFooter>
        <Button variant="primary" onClick={onClose}>
          I have copied it
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
