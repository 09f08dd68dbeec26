import type { IntegrationTestResult } from '../../api/types';
import { Alert } from '../../components/ui/Alert';
import { TestSteps } from './TestSteps';
import { VoiceUrlFix } from './VoiceUrlFix';

function summary(result: IntegrationTestResult) {
  // Only a WhatsApp account's test reads the number's calling setting.
  const whatsapp = result.steps.some((step) => step.key === 'calling');
  if (!result.ok) {
    return {
      variant: 'error',
      title: 'The connection test failed',
      text: 'Calls through this integration are unavailable until the failed check passes.',
    } as const;
  }
  if (result.steps.some((step) => step.status === 'warning')) {
    return {
      variant: 'warning',
      title: 'Connected, with one thing left to do',
      text: whatsapp
        ? 'Meta accepts the token and the number, but calling is not enabled on the number yet.'
        : 'Twilio accepts the credentials and the number, but calls do not reach Buzzi yet.',
    } as const;
  }
  return {
    variant: 'success',
    title: 'The connection works',
    text: whatsapp
      ? 'Meta accepts the token, and calling is enabled on this number.'
      : 'Twilio accepts the credentials and sends this number’s calls to Buzzi.',
  } as const;
}

/** A connection test's verdict, its steps and, when needed, the voice URL to set. */
export function TestOutcome({ result }: { result: IntegrationTestResult }) {
  const { variant, title, text } = summary(result);
  const voiceUrl = result.voiceUrl;
  return (
    <div className="space-y-4">
      <Alert variant={variant} title={title}>
        {text}
      </Alert>
      <TestSteps
        steps={result.steps}
        fixes={
          voiceUrl && voiceUrl.current !== voiceUrl.expected
            ? { voiceUrl: <VoiceUrlFix voiceUrl={voiceUrl} /> }
            : undefined
        }
      />
    </div>
  );
}
