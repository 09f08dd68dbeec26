import { z } from 'zod';
import { GraphApiError, type GraphConfig, graphBaseUrl, graphRequest } from './meta-graph.js';
import {
  type IntegrationTestResult,
  type StepOutcome,
  testResult,
  WHATSAPP_STEP_LABELS,
} from './test-result.js';
import type { WhatsAppCredentials } from './whatsapp-credentials.js';

export type WhatsAppAccountToVerify = {
  credentials: WhatsAppCredentials;
  phoneNumberId: string;
};

const phoneNumberResource = z.object({
  id: z.string(),
  display_phone_number: z.string().optional(),
  verified_name: z.string().optional(),
});

const callSettings = z.object({
  calling: z.object({ status: z.string().optional() }).optional(),
});

/** Graph's "invalid OAuth access token" code. */
const INVALID_TOKEN = 190;

function graphFailure(error: unknown, base: string): { reached: boolean; detail: string } {
  if (!(error instanceof GraphApiError)) {
    return { reached: false, detail: `Could not reach the Graph API at ${new URL(base).host}` };
  }
  const said = error.graphMessage ? `: ${error.graphMessage.replace(/\.$/, '')}` : '';
  return {
    reached: true,
    detail: `Meta answered HTTP ${error.status}${error.code ? ` (error ${error.code})` : ''}${said}`,
  };
}

/**
 * Tests a WhatsApp Business account the way calls will use it: the Graph API
 * is reachable, the access token reads the phone number id, and (a warning
 * only) calling is enabled on that number. Never throws.
 */
export async function verifyWhatsAppAccount(
  config: GraphConfig,
  account: WhatsAppAccountToVerify,
): Promise<IntegrationTestResult> {
  const { accessToken } = account.credentials;
  const base = graphBaseUrl(config);
  const steps: StepOutcome[] = [];
  const numberPath = `${encodeURIComponent(account.phoneNumberId)}?fields=id,display_phone_number,verified_name`;
  try {
    const found = phoneNumberResource.parse(
      await graphRequest(config, accessToken, { method: 'GET', path: numberPath }),
    );
    steps.push(
      { key: 'connect', status: 'passed', detail: 'The Graph API answered' },
      { key: 'token', status: 'passed', detail: 'Meta accepted the access token' },
      {
        key: 'number',
        status: 'passed',
        detail:
          [found.verified_name, found.display_phone_number].filter(Boolean).join(', ') || found.id,
      },
    );
  } catch (error) {
    const failure = graphFailure(error, base);
    if (!failure.reached)
      return testResult(
        [{ key: 'connect', status: 'failed', detail: failure.detail }],
        null,
        WHATSAPP_STEP_LABELS,
      );
    steps.push({ key: 'connect', status: 'passed', detail: 'The Graph API answered' });
    if (error instanceof GraphApiError && (error.status === 401 || error.code === INVALID_TOKEN)) {
      steps.push({
        key: 'token',
        status: 'failed',
        detail: `${failure.detail}; create a system user access token with whatsapp_business_messaging and whatsapp_business_management again`,
      });
    } else {
      steps.push(
        { key: 'token', status: 'passed', detail: 'Meta accepted the access token' },
        {
          key: 'number',
          status: 'failed',
          detail: `${failure.detail}; check the phone number ID under WhatsApp → API Setup and that the token's system user has access to it`,
        },
      );
    }
    return testResult(steps, null, WHATSAPP_STEP_LABELS);
  }

  const settingsPath = `${encodeURIComponent(account.phoneNumberId)}/settings`;
  try {
    const settings = callSettings.parse(
      await graphRequest(config, accessToken, { method: 'GET', path: settingsPath }),
    );
    const status = settings.calling?.status ?? 'DISABLED';
    steps.push(
      status === 'ENABLED'
        ? { key: 'calling', status: 'passed', detail: 'Calling is enabled on this number' }
        : {
            key: 'calling',
            status: 'warning',
            detail: `Calling is ${status.toLowerCase()} on this number: enable it (POST /${account.phoneNumberId}/settings with calling.status ENABLED, or in WhatsApp Manager) and subscribe the app to the "calls" webhook field`,
          },
    );
  } catch (error) {
    steps.push({
      key: 'calling',
      status: 'warning',
      detail: `The number's calling setting could not be read (${graphFailure(error, base).detail})`,
    });
  }
  return testResult(steps, null, WHATSAPP_STEP_LABELS);
}
