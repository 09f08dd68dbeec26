import { randomInt } from 'node:crypto';
import { expect } from 'vitest';
import type { FakeTwilioAccount, FakeTwilioRest } from '../fakes/twilio-rest.js';
import type { ApiClient } from './api-client.js';

export const INTEGRATION_ACCOUNTS = '/api/company/integration-accounts';

export type TestStep = {
  key: string;
  label: string;
  status: 'passed' | 'failed' | 'skipped' | 'warning';
  detail: string | null;
};

export type TestResult = {
  ok: boolean;
  steps: TestStep[];
  voiceUrl: { current: string | null; expected: string } | null;
};

export type AccountView = {
  id: string;
  accountType: string;
  name: string;
  description: string | null;
  chatbotId: string | null;
  chatbotName: string | null;
  config: { phoneNumber: string };
  credentials: { accountSid: string | null; authTokenHint: string | null };
  status: string;
  lastVerifiedAt: string | null;
  lastError: string | null;
  webhooks: { voiceUrl: string; statusCallbackUrl: string; mediaStreamUrl: string };
  createdAt: string;
  updatedAt: string;
};

export type SavedAccount = { account: AccountView; test: TestResult | null };

/** A US number in the 555 range, different in every call. */
export const uniquePhoneNumber = () => `+1555${String(randomInt(10_000_000)).padStart(7, '0')}`;

/** Twilio's own display form of a US number: "(555) 123-4567", as people copy it. */
export const nationalForm = (e164: string) =>
  `+1 (${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;

/** An account in the fake Twilio with one number whose voice webhook is `voiceUrl`. */
export function addFakeTwilioAccount(
  fake: FakeTwilioRest,
  voiceUrl: string | null,
  phoneNumber = uniquePhoneNumber(),
): FakeTwilioAccount {
  return fake.addAccount({ numbers: [{ phoneNumber, voiceUrl }] });
}

export const phoneNumberOf = (account: FakeTwilioAccount) => {
  const number = account.numbers[0];
  if (!number) throw new Error('the fake account has no number');
  return number.phoneNumber;
};

/** The add form's body for a fake Twilio account and its first number. */
export function twilioAccountBody(
  account: FakeTwilioAccount,
  chatbotId: string,
  overrides: Record<string, unknown> = {},
) {
  return {
    accountType: 'twilio',
    name: 'Main line',
    chatbotId,
    credentials: { accountSid: account.sid, authToken: account.authToken },
    config: { phoneNumber: phoneNumberOf(account) },
    ...overrides,
  };
}

/** Saves an integration account through the API as an admin would; expects 201. */
export async function saveTwilioAccount(
  admin: ApiClient,
  body: ReturnType<typeof twilioAccountBody>,
): Promise<{ account: AccountView; test: TestResult }> {
  const res = await admin.post<{ account: AccountView; test: TestResult }>(
    INTEGRATION_ACCOUNTS,
    body,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Each step's status by key, for one readable assertion. */
export const stepStatuses = (test: TestResult) =>
  Object.fromEntries(test.steps.map((step) => [step.key, step.status]));

export const stepOf = (test: TestResult, key: string) => {
  const step = test.steps.find((s) => s.key === key);
  if (!step) throw new Error(`no ${key} step in ${JSON.stringify(test)}`);
  return step;
};
