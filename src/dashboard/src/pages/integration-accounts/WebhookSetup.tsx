import type { IntegrationAccount } from '../../api/types';
import { CopyButton } from '../../components/ui/CopyButton';
import { Input } from '../../components/ui/Input';
import { formatPhoneNumber } from '../../lib/phone';

const webhookFields = [
  {
    key: 'voiceUrl',
    label: 'Voice URL',
    hint: 'Twilio asks it what to do when a call comes in.',
  },
  {
    key: 'statusCallbackUrl',
    label: 'Status callback URL',
    hint: 'Twilio reports ringing, answered and ended calls to it.',
  },
  {
    key: 'mediaStreamUrl',
    label: 'Media stream URL',
    hint: 'Buzzi gives it to Twilio on each call; your proxy must let WebSockets through to it.',
  },
] as const;

export function WebhookUrl({ label, hint, url }: { label: string; hint: string; url: string }) {
  const id = `webhook-${label.toLowerCase().replace(/\s+/g, '-')}`;
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="text-sm font-medium text-slate-800 dark:text-slate-200">
        {label}
      </label>
      <div className="flex gap-2">
        <Input
          id={id}
          readOnly
          value={url}
          aria-describedby={`${id}-hint`}
          className="font-mono text-xs"
          onFocus={(e) => e.currentTarget.select()}
        />
        <CopyButton
          text={url}
          size="md"
          className="min-w-24"
          aria-label={`Copy ${label.charAt(0).toLowerCase()}${label.slice(1)}`}
        />
      </div>
      <p id={`${id}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
        {hint}
      </p>
    </div>
  );
}

const step = 'font-medium text-slate-900 dark:text-slate-100';

/** The webhook URLs to paste into the Twilio console, and where they go there. */
export function WebhookSetup({ account }: { account: IntegrationAccount }) {
  return (
    <div className="space-y-5">
      <section aria-labelledby="webhook-urls" className="space-y-3">
        <h3 id="webhook-urls" className="text-sm font-semibold text-slate-900 dark:text-slate-50">
          Webhook URLs
        </h3>
        {webhookFields.map(({ key, label, hint }) => (
          <WebhookUrl key={key} label={label} hint={hint} url={account.webhooks[key] ?? ''} />
        ))}
      </section>
      <section aria-labelledby="console-steps" className="space-y-2">
        <h3 id="console-steps" className="text-sm font-semibold text-slate-900 dark:text-slate-50">
          In the Twilio console
        </h3>
        <ol className="list-decimal space-y-1.5 pl-5 text-sm text-slate-700 marker:text-slate-400 dark:text-slate-300">
          <li>
            Open <span className={step}>Phone Numbers → Manage → Active numbers</span> and select{' '}
            <span className={step}>{formatPhoneNumber(account.config.phoneNumber)}</span>.
          </li>
          <li>
            Under <span className={step}>Voice Configuration</span>, set{' '}
            <span className={step}>A call comes in</span> to <span className={step}>Webhook</span>.
          </li>
          <li>
            Paste the voice URL and choose <span className={step}>HTTP POST</span>.
          </li>
          <li>
            Set <span className={step}>Call status changes</span> to the status callback URL.
          </li>
          <li>
            Press <span className={step}>Save configuration</span>.
          </li>
        </ol>
      </section>
    </div>
  );
}
