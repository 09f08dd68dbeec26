import type { IntegrationTestResult } from '../../api/types';
import { CopyButton } from '../../components/ui/CopyButton';
import { Input } from '../../components/ui/Input';

/** Where the number's calls go today, and the voice URL to set instead. */
export function VoiceUrlFix({
  voiceUrl,
}: {
  voiceUrl: NonNullable<IntegrationTestResult['voiceUrl']>;
}) {
  return (
    <div className="space-y-2 text-sm text-slate-600 dark:text-slate-400">
      <p>
        {voiceUrl.current ? (
          <>
            Twilio sends this number's calls to{' '}
            <span className="break-all font-mono text-xs">{voiceUrl.current}</span>.
          </>
        ) : (
          'Twilio has no voice URL for this number yet.'
        )}{' '}
        In the Twilio console, set "A call comes in" to Webhook, HTTP POST, with this URL:
      </p>
      <div className="flex gap-2">
        <Input
          readOnly
          aria-label="Voice URL to set"
          value={voiceUrl.expected}
          className="font-mono text-xs"
          onFocus={(e) => e.currentTarget.select()}
        />
        <CopyButton
          text={voiceUrl.expected}
          size="md"
          className="min-w-24"
          aria-label="Copy the voice URL to set"
        />
      </div>
    </div>
  );
}
