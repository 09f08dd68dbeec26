import { and, eq } from 'drizzle-orm';
import type { RoutingAction, RoutingIntent } from '../../shared/call-routing.js';
import type { Database } from '../db/client.js';
import { calls, chatbots } from '../db/schema/index.js';
import { recordNotification } from '../notifications/service.js';
import {
  type CallFacts,
  evaluateIntentRules,
  evaluateRoutingRules,
  type MenuOption,
} from './evaluate-rules.js';
import { loadRoutingContext } from './routing-context.js';

/** The rule that routed a call, as the call carries it from its start. */
export type CallRoute = { ruleId: string; ruleName: string; action: RoutingAction };

export type RouteDecision = { route: CallRoute | null; menu: MenuOption[] | null };

/**
 * How the company's rules route a call starting now. A rule that would
 * answer with a chatbot that is gone (or no longer takes calls) is passed
 * over for the default, so a stale rule never drops a call.
 */
export async function routeCall(
  db: Database,
  companyId: string,
  facts: CallFacts,
  now = new Date(),
): Promise<RouteDecision> {
  const context = await loadRoutingContext(db, { companyId });
  if (context.rules.length === 0) return { route: null, menu: null };
  const { rule, menu } = evaluateRoutingRules(
    context.rules,
    facts,
    now,
    context.businessHours,
    context.callerLists,
  );
  if (!rule) return { route: null, menu };
  const { action } = rule;
  if (action.type === 'answer' && !(await takesCalls(db, companyId, action.chatbotId))) {
    return { route: null, menu: null };
  }
  return { route: { ruleId: rule.id, ruleName: rule.name, action }, menu: null };
}

/** The intent rule that acts on a call now that its caller has asked for `intent`, if any. */
export async function routeIntent(
  db: Database,
  companyId: string,
  facts: CallFacts,
  intent: RoutingIntent,
  now = new Date(),
): Promise<CallRoute | null> {
  const context = await loadRoutingContext(db, { companyId });
  const { rule } = evaluateIntentRules(
    context.rules,
    { ...facts, intent },
    now,
    context.businessHours,
    context.callerLists,
  );
  return rule ? { ruleId: rule.id, ruleName: rule.name, action: rule.action } : null;
}

async function takesCalls(db: Database, companyId: string, chatbotId: string) {
  const [bot] = await db
    .select({ id: chatbots.id })
    .from(chatbots)
    .where(
      and(
        eq(chatbots.companyId, companyId),
        eq(chatbots.id, chatbotId),
        eq(chatbots.isActive, true),
        eq(chatbots.chatbotType, 'call'),
      ),
    );
  return bot !== undefined;
}

/**
 * Writes which rule routed the call onto its row; `mark_urgent` also flags
 * it and tells the company's staff through the dashboard's notifications.
 */
export async function recordCallRoute(
  db: Database,
  scope: { companyId: string; callId: string },
  route: CallRoute,
  chatbotId: string | null,
): Promise<void> {
  const urgent = route.action.type === 'mark_urgent';
  await db
    .update(calls)
    .set({
      routingRuleId: route.ruleId,
      routingRuleName: route.ruleName,
      ...(urgent ? { isUrgent: true } : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(calls.companyId, scope.companyId), eq(calls.id, scope.callId)));
  if (urgent) {
    await recordNotification(db, {
      companyId: scope.companyId,
      chatbotId,
      kind: 'urgent_call',
      // One notification per call: urgent calls are never folded together.
      reason: `call:${scope.callId}`,
      title: 'Urgent call',
      body: `A call was marked urgent by the routing rule "${route.ruleName}".`,
      details: { callId: scope.callId, rule: route.ruleName },
    });
  }
}
