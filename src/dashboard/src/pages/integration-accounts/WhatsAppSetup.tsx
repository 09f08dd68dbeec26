import type { IntegrationAccount } from '../../api/types';
import { WebhookUrl } from './WebhookSetup';

const step = 'font-medium text-slate-900 dark:text-slate-100';

/** The callback URL and verify token to register in the Meta app, and what else to switch on there. */
export function WhatsAppSetup({ account }: { account: IntegrationAccount }) {
  return (
    <div className="space-y-5">
      <section aria-labelledby="whatsapp-webhook" className="space-y-3">
        <h3
          id="whatsapp-webhook"
          className="text-sm font-semibold text-slate-900 dark:text-slate-50"
        >
          Webhook
        </h3>
        <WebhookUrl
          label="Callback URL"
          hint="Meta sends the number's calls (connect, terminate) to it."
          url={account.webhooks.callUrl ?? ''}
        />
        <WebhookUrl
          label="Verify token"
          hint="Meta sends it back once, when you save the callback URL."
          url={account.config.verifyToken ?? ''}
        />
      </section>
      <section aria-labelledby="meta-steps" className="space-y-2">
        <h3 id="meta-steps" className="text-sm font-semibold text-slate-900 dark:text-slate-50">
          In your Meta app
        </h3>
        <ol className="list-decimal space-y-1.5 pl-5 text-sm text-slate-700 marker:text-slate-400 dark:text-slate-300">
          <li>
            Open <span className={step}>WhatsApp → Configuration</span>, paste the callback URL and
            the verify token, and press <span className={step}>Verify and save</span>.
          </li>
          <li>
            Under <span className={step}>Webhook fields</span>, subscribe to{' '}
            <span className={step}>calls</span>.
          </li>
          <li>
            In WhatsApp Manager, open the number's <span className={step}>Call settings</span> and
            turn <span className={step}>calling</span> on (SIP off).
          </li>
        </ol>
      </section>
    </div>
  );
}
