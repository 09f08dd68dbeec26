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
  insertAccount,
  listShownAccounts,
  updateAccountValues,
} from './account-store.js';
import { type AccountTestDeps, testSavedAccount } from './account-tests.js';
import { accountView, type IntegrationAccountView } from './account-view.js';
import { openTwilioCredentials, sealTwilioCredentials } from './credentials.js';
import type { IntegrationTestResult } from './test-result.js';
import type { TwilioCredentials } from './twilio-client.js';
import { verifyTwilioAccount } from './verify-twilio.js';
import { verifyWhatsAppAccount } from './verify-whatsapp.js';
import type { IntegrationWebhookUrls } from './webhook-urls.js';
import {
  newVerifyToken,
  openWhatsAppCredentials,
  sealWhatsAppCredentials,
  type WhatsAppConfig,
  type WhatsAppCredentials,
} from './whatsapp-credentials.js';

type Tenant = { companyId: string };

export type TwilioAccountInput = {
  name: string;
  description?: string | null | undefined;
  chatbotId: string;
  credentials: TwilioCredentials;
  config: { phoneNumber: string };
};

/** A WhatsApp account's settings as the form sends them; the verify token may be left to us. */
export type WhatsAppConfigInput = Omit<WhatsAppConfig, 'verifyToken'> & {
  verifyToken?: string | undefined;
};

export type WhatsAppAccountInput = {
  name: string;
  description?: string | null | undefined;
  chatbotId: string;
  credentials: WhatsAppCredentials;
  config: WhatsAppConfigInput;
};

export type AccountPatch = {
  name?: string | undefined;
  description?: string | null | undefined;
  chatbotId?: string | null | undefined;
  credentials?: TwilioCredentials | WhatsAppCredentials | undefined;
  config?: { phoneNumber: string } | WhatsAppConfigInput | undefined;
};

/** Form values to test before saving; with a saved account's `id`, missing credentials are its own. */
export type UnsavedTestInput =
  | {
      accountType: 'twilio';
      id?: string | undefined;
      credentials?: TwilioCredentials | undefined;
      config: { phoneNumber: string };
    }
  | {
      accountType: 'whatsapp';
      id?: string | undefined;
      credentials?: WhatsAppCredentials | undefined;
      config: { phoneNumberId: string };
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
  webhooks: IntegrationWebhookUrls,
): Promise<IntegrationAccountView> {
  return accountView(await findShownAccount(db, tenant, id), webhooks);
}

export async function listAccountViews(
  db: Database,
  tenant: Tenant,
  webhooks: IntegrationWebhookUrls,
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
  webhooks: IntegrationWebhookUrls,
): Promise<SavedAccount> {
  const phoneNumber = e164Of(input.config.phoneNumber);
  await assertCallChatbot(deps.db, tenant, input.chatbotId);
  const id = await insertAccount(deps.db, tenant, 'twilio', {
    name: input.name,
    description: descriptionOf(input.description),
    chatbotId: input.chatbotId,
    phoneNumber,
    ...sealTwilioCredentials(deps.secretBox, input.credentials),
  });
  const test = await testSavedAccount(deps, await findSealedAccount(deps.db, tenant, id), {
    expectedVoiceUrl: webhooks.twilio.voiceUrl,
  });
  return { account: await shown(deps.db, tenant, id, webhooks), test };
}

const isWhatsAppCredentials = (
  credentials: TwilioCredentials | WhatsAppCredentials,
): credentials is WhatsAppCredentials => 'accessToken' in credentials;

const isWhatsAppConfig = (
  config: { phoneNumber: string } | WhatsAppConfigInput,
): config is WhatsAppConfigInput => 'phoneNumberId' in config;

/** A WhatsApp account's stored config: the number as E.164, the verify token generated if not given. */
function whatsAppConfigOf(
  input: WhatsAppConfigInput,
  currentVerifyToken?: unknown,
): WhatsAppConfig {
  const kept = typeof currentVerifyToken === 'string' ? currentVerifyToken : undefined;
  return {
    businessAccountId: input.businessAccountId,
    phoneNumberId: input.phoneNumberId,
    phoneNumber: e164Of(input.phoneNumber),
    verifyToken: input.verifyToken || kept || newVerifyToken(),
  };
}

/** Saves a WhatsApp Business account, then tests it like a Twilio one. */
export async function createWhatsAppAccount(
  deps: AccountTestDeps,
  tenant: Tenant,
  input: WhatsAppAccountInput,
  webhooks: IntegrationWebhookUrls,
): Promise<SavedAccount> {
  const config = whatsAppConfigOf(input.config);
  await assertCallChatbot(deps.db, tenant, input.chatbotId);
  const id = await insertAccount(deps.db, tenant, 'whatsapp', {
    name: input.name,
    description: descriptionOf(input.description),
    chatbotId: input.chatbotId,
    phoneNumber: config.phoneNumber,
    config,
    ...sealWhatsAppCredentials(deps.secretBox, input.credentials, config.phoneNumberId),
  });
  const test = await testSavedAccount(deps, await findSealedAccount(deps.db, tenant, id), {
    expectedVoiceUrl: null,
  });
  return { account: await shown(deps.db, tenant, id, webhooks), test };
}

/** The credential and config columns a patch of a WhatsApp account writes. */
async function whatsAppPatchValues(
  deps: AccountTestDeps,
  tenant: Tenant,
  id: string,
  patch: AccountPatch,
): Promise<Partial<AccountValues>> {
  const { credentials, config } = patch;
  if (
    (credentials && !isWhatsAppCredentials(credentials)) ||
    (config && !isWhatsAppConfig(config))
  ) {
    throw badRequest(
      'A WhatsApp account takes an access token, an app secret and its WhatsApp settings',
    );
  }
  const values: Partial<AccountValues> = {};
  const current = await findShownAccount(deps.db, tenant, id);
  const next = config ? whatsAppConfigOf(config, current.config.verifyToken) : null;
  if (next)
    Object.assign(values, {
      config: next,
      phoneNumber: next.phoneNumber,
      externalAccountId: next.phoneNumberId,
    });
  if (credentials) {
    const phoneNumberId = next?.phoneNumberId ?? String(current.config.phoneNumberId ?? '');
    Object.assign(values, sealWhatsAppCredentials(deps.secretBox, credentials, phoneNumberId));
  }
  return values;
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
  webhooks: IntegrationWebhookUrls,
): Promise<SavedAccount> {
  const current = await findSealedAccount(deps.db, tenant, id);
  const whatsapp = current.accountType === 'whatsapp';
  const values: Partial<AccountValues> = whatsapp
    ? await whatsAppPatchValues(deps, tenant, id, patch)
    : twilioPatchValues(deps, patch);
  if (patch.name !== undefined) values.name = patch.name;
  if (patch.description !== undefined) values.description = descriptionOf(patch.description);
  if (patch.chatbotId) await assertCallChatbot(deps.db, tenant, patch.chatbotId);
  if (patch.chatbotId !== undefined) values.chatbotId = patch.chatbotId;
  if (Object.keys(values).length > 0) {
    await updateAccountValues(deps.db, tenant, id, values, current.accountType);
  }

  const numberChanged =
    (values.phoneNumber !== undefined && values.phoneNumber !== current.phoneNumber) ||
    (values.externalAccountId !== undefined &&
      values.externalAccountId !== current.externalAccountId);
  const test =
    patch.credentials || numberChanged
      ? await testSavedAccount(deps, await findSealedAccount(deps.db, tenant, id), {
          expectedVoiceUrl: webhooks.twilio.voiceUrl,
        })
      : null;
  return { account: await shown(deps.db, tenant, id, webhooks), test };
}

function twilioPatchValues(deps: AccountTestDeps, patch: AccountPatch): Partial<AccountValues> {
  const { credentials, config } = patch;
  if ((credentials && isWhatsAppCredentials(credentials)) || (config && isWhatsAppConfig(config))) {
    throw badRequest('A Twilio account takes an Account SID, an auth token and a phone number');
  }
  const values: Partial<AccountValues> = {};
  if (config) values.phoneNumber = e164Of(config.phoneNumber);
  if (credentials) Object.assign(values, sealTwilioCredentials(deps.secretBox, credentials));
  return values;
}

/** Tests a saved account again and stores the outcome. */
export async function retestAccount(
  deps: AccountTestDeps,
  tenant: Tenant,
  id: string,
  webhooks: IntegrationWebhookUrls,
): Promise<{ account: IntegrationAccountView; test: IntegrationTestResult }> {
  const test = await testSavedAccount(deps, await findSealedAccount(deps.db, tenant, id), {
    expectedVoiceUrl: webhooks.twilio.voiceUrl,
  });
  return { account: await shown(deps.db, tenant, id, webhooks), test };
}

/** Tests form values without saving anything. */
export async function testUnsavedValues(
  deps: AccountTestDeps,
  tenant: Tenant,
  input: UnsavedTestInput,
  webhooks: IntegrationWebhookUrls,
): Promise<IntegrationTestResult> {
  const saved = input.id ? await findSealedAccount(deps.db, tenant, input.id) : undefined;
  if (saved && saved.accountType !== input.accountType) {
    throw badRequest('These values are of another account type than the saved account');
  }
  if (input.accountType === 'whatsapp') {
    const credentials =
      input.credentials ??
      (saved ? openWhatsAppCredentials(deps.secretBox, saved.credentialsEncrypted) : undefined);
    if (!credentials) throw invalid('credentials', 'enter the access token and app secret');
    return verifyWhatsAppAccount(deps.config, {
      credentials,
      phoneNumberId: input.config.phoneNumberId,
    });
  }
  const phoneNumber = e164Of(input.config.phoneNumber);
  const credentials =
    input.credentials ??
    (saved ? openTwilioCredentials(deps.secretBox, saved.credentialsEncrypted) : undefined);
  if (!credentials) throw invalid('credentials', 'enter the Account SID and auth token');
  return verifyTwilioAccount(deps.config, {
    credentials,
    phoneNumber,
    expectedVoiceUrl: webhooks.twilio.voiceUrl,
  });
}
