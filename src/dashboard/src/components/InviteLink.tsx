import { Alert } from './ui/Alert';
import { CopyButton } from './ui/CopyButton';
import { Input } from './ui/Input';

/** A freshly created invite link for the admin to pass on, where no mail server sends it. */
export function InviteLink({ url, email }: { url: string; email?: string }) {
  return (
    <div className="space-y-3">
      <Alert variant="warning" title="No mail server configured">
        Buzzi cannot email this invitation. Share this link with {email ?? 'the person you invited'}{' '}
        yourself, privately: anyone holding it can use it. It works once, for 7 days.
      </Alert>
      <div className="space-y-1.5">
        <label
          htmlFor="invite-link"
          className="text-sm font-medium text-slate-800 dark:text-slate-200"
        >
          Invite link
        </label>
        <div className="flex gap-2">
          <Input
            id="invite-link"
            readOnly
            value={url}
            className="font-mono text-xs"
            onFocus={(e) => e.currentTarget.select()}
          />
          <CopyButton text={url} size="md" aria-label="Copy invite link" />
        </div>
      </div>
    </div>
  );
}
