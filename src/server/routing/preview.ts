import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import {
  e164Schema,
  type RoutingPreview,
  routingIntents,
  routingRuleBody,
  routingSources,
} from '../../shared/call-routing.js';
import type { Database } from '../db/client.js';
import { callIntegrationAccounts, chatbots } from '../db/schema/index.js';
import { notFound } from '../http/errors.js';
import {
  type CallFacts,
  evaluateIntentRules,
  evaluateRoutingRules,
  menuPrompt,
} from './evaluate-rules.js';
import { loadRoutingContext } from './routing-context.js';

const MAX_UNSAVED_RULES = 100;

export const previewBody = z.strictObject({
  at: z.iso.datetime({ offset: true }),
  callerNumber: e164Schema.optional(),
  source: z.enum(routingSources),
  chatbotId: z.uuid().optional(),
  integrationAccountId: z.uuid().optional(),
  /** The key pressed in the phone menu; absent on a phone call: the menu has not played yet. */
  keypress: z
    .string()
    .regex(/^[0-9*#]?$/)
    .optional(),
  /** What the caller asks for during the call: which intent rule would act then. */
  intent: z.enum(routingIntents).optional(),
  /** Rules as the form holds them, not saved yet; the saved rules without it. */
  rules: z
    .array(routingRuleBody.extend({ id: z.string().max(64).optional() }))
    .max(MAX_UNSAVED_RULES)
    .optional(),
});

type Tenant = { companyId: string };

/** "Test a call": which rule would route a call like this one, and why each rule did or did not. */
export async function previewRouting(
  db: Database,
  tenant: Tenant,
  body: z.output<typeof previewBody>,
): Promise<RoutingPreview> {
  await checkOwnership(db, tenant, body);
  const context = await loadRoutingContext(db, tenant);
  const rules =
    body.rules?.map((rule, index) => ({ ...rule, id: rule.id ?? `unsaved-${index + 1}` })) ??
    context.rules;
  const facts: CallFacts = {
    source: body.source,
    callerNumber: body.callerNumber ?? null,
    chatbotId: body.chatbotId ?? null,
    integrationAccountId: body.integrationAccountId ?? null,
    keypress: body.keypress ?? null,
    canAskKeypress: body.source === 'phone' && body.keypress === undefined,
  };
  const at = new Date(body.at);
  const { businessHours, callerLists } = context;
  const decision = evaluateRoutingRules(rules, facts, at, businessHours, callerLists);
  const { rule, menu } = decision;
  const { intent } = body;
  const during =
    intent && evaluateIntentRules(rules, { ...facts, intent }, at, businessHours, callerLists);
  return {
    ...(intent &&
      during && {
        duringCall: {
          intent,
          matchedRuleId: during.rule?.id ?? null,
          matchedRuleName: during.rule?.name ?? null,
          action: during.rule?.action ?? null,
          reasons: during.reasons,
        },
      }),
    matchedRuleId: rule?.id ?? null,
    matchedRuleName: rule?.name ?? null,
    action: rule
      ? rule.action
      : menu
        ? { type: 'menu', prompt: menuPrompt(menu) }
        : { type: 'default' },
    reasons: decision.reasons,
  };
}

async function checkOwnership(
  db: Database,
  tenant: Tenant,
  body: { chatbotId?: string | undefined; integrationAccountId?: string | undefined },
) {
  if (body.chatbotId) {
    const [bot] = await db
      .select({ id: chatbots.id })
      .from(chatbots)
      .where(and(eq(chatbots.companyId, tenant.companyId), eq(chatbots.id, body.chatbotId)));
    if (!bot) throw notFound('Chatbot');
  }
  if (body.integrationAccountId) {
    const [account] = await db
      .select({ id: callIntegrationAccounts.id })
      .from(callIntegrationAccounts)
      .where(
        and(
          eq(callIntegrationAccounts.companyId, tenant.companyId),
          eq(callIntegrationAccounts.id, body.integrationAccountId),
        ),
      );
    if (!account) throw notFound('Phone number');
  }
}
