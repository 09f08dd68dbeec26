export type TestStepKey = 'connect' | 'account' | 'token' | 'number' | 'voiceUrl' | 'calling';
export type TestStepStatus = 'passed' | 'failed' | 'skipped' | 'warning';

export type TestStep = {
  key: TestStepKey;
  label: string;
  status: TestStepStatus;
  detail: string | null;
};

/** What a connection test found, step by step, as the dashboard's test dialog shows it. */
export type IntegrationTestResult = {
  ok: boolean;
  steps: TestStep[];
  /** The number's voice URL beside the one Buzzi expects, once the number was found. */
  voiceUrl: { current: string | null; expected: string } | null;
};

/** A step the test got to: every step after the last one reached is skipped. */
export type StepOutcome = { key: TestStepKey; status: TestStepStatus; detail: string };

type StepLabels = Partial<Record<TestStepKey, string>>;

const TWILIO_STEP_LABELS: StepLabels = {
  connect: 'Connected to Twilio',
  account: 'Account SID verified',
  token: 'Auth token validated',
  number: 'Phone number found',
  voiceUrl: 'Voice URL points at Buzzi',
};

/** A WhatsApp Business account's steps, in the order the test takes them. */
export const WHATSAPP_STEP_LABELS: StepLabels = {
  connect: 'Connected to the Meta Graph API',
  token: 'Access token accepted',
  number: 'Phone number ID found',
  calling: 'Calling enabled on the number',
};

export function testResult(
  reached: StepOutcome[],
  voiceUrl: IntegrationTestResult['voiceUrl'] = null,
  labels: StepLabels = TWILIO_STEP_LABELS,
): IntegrationTestResult {
  const steps = (Object.keys(labels) as TestStepKey[]).map((key): TestStep => {
    const outcome = reached.find((step) => step.key === key);
    return {
      key,
      label: labels[key] ?? key,
      status: outcome?.status ?? 'skipped',
      detail: outcome?.detail ?? null,
    };
  });
  return { ok: !steps.some((step) => step.status === 'failed'), steps, voiceUrl };
}

/** The step that failed the test, if one did. */
export const failedStep = (result: IntegrationTestResult) =>
  result.steps.find((step) => step.status === 'failed');
