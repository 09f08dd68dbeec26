export type TestStepKey = 'connect' | 'account' | 'token' | 'number' | 'voiceUrl';
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

const STEP_LABELS: Record<TestStepKey, string> = {
  connect: 'Connected to Twilio',
  account: 'Account SID verified',
  token: 'Auth token validated',
  number: 'Phone number found',
  voiceUrl: 'Voice URL points at Buzzi',
};

export function testResult(
  reached: StepOutcome[],
  voiceUrl: IntegrationTestResult['voiceUrl'] = null,
): IntegrationTestResult {
  const steps = (Object.keys(STEP_LABELS) as TestStepKey[]).map((key): TestStep => {
    const outcome = reached.find((step) => step.key === key);
    return {
      key,
      label: STEP_LABELS[key],
      status: outcome?.status ?? 'skipped',
      detail: outcome?.detail ?? null,
    };
  });
  return { ok: !steps.some((step) => step.status === 'failed'), steps, voiceUrl };
}

/** The step that failed the test, if one did. */
export const failedStep = (result: IntegrationTestResult) =>
  result.steps.find((step) => step.status === 'failed');
