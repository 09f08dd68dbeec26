import { and, eq } from 'drizzle-orm';
import { PHONE_NUMBER_PROBLEM, toE164 } from '../../shared/phone-number.js';
import type { Database } from '../db/client.js';
import { chatbots } from '../db/schema/index.js';
import { badRequest, invalid, notFound } from '../http/errors.js';
import {
  type AccountValues,
  deleteAccount,
  findSealedAccount,
  findShownAccount,
  insertTwilioAccount,
  listShownAccounts,
  updateAccountValues,
} from './account-store.js';
import { type AccountTestDeps, testSavedAccount } from './account-tests.js';
import { accountView, type IntegrationAccountView } from './account-view.js';
import { openTwilioCredentials, sealTwilioCredentials } from './credentials.js';
import type { IntegrationTestResult } from './test-result.js';
import type { TwilioCredentials } from './twilio-client.js';
import { verifyTwilioAccount } from './verify-twilio.js';
import type { TwilioWebhookUrls } from './webhook-urls.js';

type Tenant = { companyId: string };

export type TwilioAccountInput = {
  name: string;
  description?: string | null | undefined;
  chatbotId: string;
  credentials: TwilioCredentials;
  config: { phoneNumber: string };
};

export type AccountPatch = {
  name?: string | undefined;
  description?: string | null | undefined;
  chatbotId?: string | null | undefined;
  credentials?: TwilioCredentials | undefined;
  config?: { phoneNumber: string } | undefined;
};

/** Form values to test before saving; with a saved account's `id`, missing credentials are its own. */
export type UnsavedTestInput = {
  id?: string | undefined;
  credentials?: TwilioCredentials | undefined;
  config: { phoneNumber: string };
};

export type SavedAccount = { account: IntegrationAccountView; test: IntegrationTestResult | null };

function e164Of(phoneNumber: string): string {
  const e164 = toE164(phoneNumber);
  if (!e164) throw invalid('config.phoneNumber', PHONE_NUMBER_PROBLEM);
  return e164;
}

const descriptionOf = (description: string | null | undefined) => description?.trim() || null;

async function assertCallChatbot(db: Database, tenant: Tenant, chatbotId: string): Promise<void> {
  const [bot] = await db
    .select({ chatbotType: chatbots.chatbotType })
    .from(chatbots)
    .where(and(eq(chatbots.companyId, tenant.companyId), eq(chatbots.id, chatbotId)));
  if (!bot) throw notFound('Chatbot');
  if (bot.chatbotType !== 'call') throw invalid('chatbotId', 'must be a call chatbot');
}

async function shown(
  db: Database,
  tenant: Tenant,
  id: string,
  webhooks: TwilioWebhookUrls,
): Promise<IntegrationAccountView> {
  return accountView(await findShownAccount(db, tenant, id), webhooks);
}

export async function listAccountViews(
  db: Database,
  tenant: Tenant,
  webhooks: TwilioWebhookUrls,
): Promise<IntegrationAccountView[]> {
  return (await listShownAccounts(db, tenant)).map((account) => accountView(account, webhooks));
}

export const getAccountView = shown;

export const removeAccount = deleteAccount;

/** Saves a Twilio account, then tests it: `active` when the test passes, else `inactive`. */
export async function createTwilioAccount(
  deps: AccountTestDeps,
  tenant: Tenant,
  input: TwilioAccountInput,
  webhooks: TwilioWebhookUrls,
): Promise<SavedAccount> {
  const phoneNumber = e164Of(input.config.phoneNumber);
  await assertCallChatbot(deps.db, tenant, input.chatbotId);
  const id = await insertTwilioAccount(deps.db, tenant, {
    name: input.name,
    description: descriptionOf(input.description),
    chatbotId: input.chatbotId,
    phoneNumber,
    ...sealTwilioCredentials(deps.secretBox, input.credentials),
  });
  const test = await testSavedAccount(deps, await findSealedAccount(deps.db, tenant, id), {
    expectedVoiceUrl: webhooks.voiceUrl,
  });
  return { account: await shown(deps.db, tenant, id, webhooks), test };
}

/**
 * Changes the given fields; credentials left out stay as they are. A new
 * phone number or new credentials are tested at once (`test`), else `test` is null.
 */
export async function updateAccount(
  deps: AccountTestDeps,
  tenant: Tenant,
  id: string,
  patch: AccountPatch,
  webhooks: TwilioWebhookUrls,
): Promise<SavedAccount> {
  const current = await findSealedAccount(deps.db, tenant, id);
  if (current.accountType !== 'twilio' && (patch.credentials || patch.config)) {
    throw badRequest('Only Twilio accounts can change credentials or phone number so far');
  }
  const values: Partial<AccountValues> = {};
  if (patch.name !== undefined) values.name = patch.name;
  if (patch.description !== undefined) values.description = descriptionOf(patch.description);
  if (patch.chatbotId) await assertCallChatbot(deps.db, tenant, patch.chatbotId);
  if (patch.chatbotId !== undefined) values.chatbotId = patch.chatbotId;
  if (patch.config) values.phoneNumber = e164Of(patch.config.phoneNumber);
  if (patch.credentials)
    Object.assign(values, sealTwilioCredentials(deps.secretBox, patch.credentials));
  if (Object.keys(values).length > 0) await updateAccountValues(deps.db, tenant, id, values);

  const numberChanged =
    values.phoneNumber !== undefined && values.phoneNumber !== current.phoneNumber;
  const test =
    patch.credentials || numberChanged
      ? await testSavedAccount(deps, await findSealedAccount(deps.db, tenant, id), {
          expectedVoiceUrl: webhooks.voiceUrl,
        })
      : null;
  return { account: await shown(deps.db, tenant, id, webhooks), test };
}

/** Tests a saved account again and stores the outcome. */
export async function retestAccount(
  deps: AccountTestDeps,
  tenant: Tenant,
  id: string,
  webhooks: TwilioWebhookUrls,
): Promise<{ account: IntegrationAccountView; test: IntegrationTestResult }> {
  const test = await testSavedAccount(deps, await findSealedAccount(deps.db, tenant, id), {
    expectedVoiceUrl: webhooks.voiceUrl,
  });
  return { account: await shown(deps.db, tenant, id, webhooks), test };
}

/** Tests form values without saving anything. */
export async function testUnsavedValues(
  deps: AccountTestDeps,
  tenant: Tenant,
  input: UnsavedTestInput,
  webhooks: TwilioWebhookUrls,
): Promise<IntegrationTestResult> {
  const phoneNumber = e164Of(input.config.phoneNumber);
  const saved = input.id ? await findSealedAccount(deps.db, tenant, input.id) : undefined;
  if (saved && saved.accountType !== 'twilio')
    throw badRequest('Only Twilio accounts can be tested so far');
  const credentials =
    input.credentials ??
    (saved ? openTwilioCredentials(deps.secretBox, saved.credentialsEncrypted) : undefined);
  if (!credentials) throw invalid('credentials', 'enter the Account SID and auth token');
  return verifyTwilioAccount(deps.config, {
    credentials,
    phoneNumber,
    expectedVoiceUrl: webhooks.voiceUrl,
  });
}
