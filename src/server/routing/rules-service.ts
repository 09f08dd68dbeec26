import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  MID_CALL_ACTION_PROBLEM,
  midCallActions,
  type RoutingAction,
  type RoutingConditions,
  type routingRuleBody,
  type routingRulePatch,
} from '../../shared/call-routing.js';
import type { Database } from '../db/client.js';
import {
  callerLists,
  callIntegrationAccounts,
  chatbots,
  routingRules,
} from '../db/schema/index.js';
import { invalid, notFound } from '../http/errors.js';

type Tenant = { companyId: string };
type RuleValues = z.output<typeof routingRuleBody>;
type RulePatch = z.output<typeof routingRulePatch>;

const view = {
  id: routingRules.id,
  name: routingRules.name,
  position: routingRules.position,
  enabled: routingRules.enabled,
  chatbotId: routingRules.chatbotId,
  integrationAccountId: routingRules.integrationAccountId,
  conditions: routingRules.conditions,
  action: routingRules.action,
  createdAt: routingRules.createdAt,
  updatedAt: routingRules.updatedAt,
};

export type RoutingRuleRow = Awaited<ReturnType<typeof listRoutingRules>>[number];

/** The company's rules in evaluation order. */
export async function listRoutingRules(db: Database, tenant: Tenant) {
  return db
    .select(view)
    .from(routingRules)
    .where(eq(routingRules.companyId, tenant.companyId))
    .orderBy(asc(routingRules.position), asc(routingRules.createdAt));
}

/** A new rule goes last: it never changes how calls the earlier rules catch are routed. */
export async function createRoutingRule(db: Database, tenant: Tenant, body: RuleValues) {
  checkMidCallAction(body.conditions, body.action);
  await checkReferences(db, tenant, body);
  return db.transaction(async (tx) => {
    await lockRules(tx, tenant);
    const [last] = await tx
      .select({ position: sql<number>`coalesce(max(${routingRules.position}), -1)::int` })
      .from(routingRules)
      .where(eq(routingRules.companyId, tenant.companyId));
    const [row] = await tx
      .insert(routingRules)
      .values({ ...body, companyId: tenant.companyId, position: (last?.position ?? -1) + 1 })
      .returning(view);
    if (!row) throw new Error('Routing rule insert returned nothing');
    return row;
  });
}

export async function updateRoutingRule(
  db: Database,
  tenant: Tenant,
  id: string,
  patch: RulePatch,
) {
  if (patch.conditions || patch.action) {
    const [saved] = await db
      .select({ conditions: routingRules.conditions, action: routingRules.action })
      .from(routingRules)
      .where(ruleOf(tenant, id));
    if (!saved) throw notFound('Routing rule');
    checkMidCallAction(patch.conditions ?? saved.conditions, patch.action ?? saved.action);
  }
  await checkReferences(db, tenant, patch);
  const [row] = await db
    .update(routingRules)
    .set({ ...patch, updatedAt: new Date() })
    .where(ruleOf(tenant, id))
    .returning(view);
  if (!row) throw notFound('Routing rule');
  return row;
}

export async function deleteRoutingRule(db: Database, tenant: Tenant, id: string): Promise<void> {
  const [row] = await db
    .delete(routingRules)
    .where(ruleOf(tenant, id))
    .returning({ id: routingRules.id });
  if (!row) throw notFound('Routing rule');
}

/** Puts the rules in the given order; `ids` must name each of the company's rules once. */
export async function reorderRoutingRules(db: Database, tenant: Tenant, ids: string[]) {
  await db.transaction(async (tx) => {
    await lockRules(tx, tenant);
    const current = await tx
      .select({ id: routingRules.id })
      .from(routingRules)
      .where(eq(routingRules.companyId, tenant.companyId));
    const known = new Set(current.map((rule) => rule.id));
    if (
      new Set(ids).size !== ids.length ||
      ids.length !== known.size ||
      !ids.every((id) => known.has(id))
    ) {
      throw invalid('ids', 'must list every routing rule of the company exactly once');
    }
    for (const [position, id] of ids.entries()) {
      await tx
        .update(routingRules)
        .set({ position, updatedAt: new Date() })
        .where(ruleOf(tenant, id));
    }
  });
  return listRoutingRules(db, tenant);
}

const ruleOf = (tenant: Tenant, id: string) =>
  and(eq(routingRules.companyId, tenant.companyId), eq(routingRules.id, id));

// Positions are assigned and rewritten one writer at a time per company, also across nodes.
async function lockRules(tx: Pick<Database, 'execute'>, tenant: Tenant) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`routing:${tenant.companyId}`}))`);
}

/** A rule that waits for the caller's intent acts on an answered call: it cannot pick who answers. */
function checkMidCallAction(conditions: RoutingConditions, action: RoutingAction): void {
  if (conditions.intent && !midCallActions.includes(action.type)) {
    throw invalid('action.type', MID_CALL_ACTION_PROBLEM);
  }
}

/** Every id a rule names must be the company's own: another company's is refused as unknown. */
async function checkReferences(db: Database, tenant: Tenant, rule: RulePatch): Promise<void> {
  const { companyId } = tenant;
  if (rule.chatbotId && !(await chatbotOf(db, companyId, rule.chatbotId))) {
    throw invalid('chatbotId', 'is not a chatbot of this company');
  }
  if (rule.action?.type === 'answer') {
    const { chatbotId, agentId } = rule.action;
    const bot = await chatbotOf(db, companyId, chatbotId);
    if (bot?.chatbotType !== 'call') {
      throw invalid('action.chatbotId', 'is not a call chatbot of this company');
    }
    if (agentId && !bot.agentsList.some((agent) => agent.id === agentId)) {
      throw invalid('action.agentId', 'is not an agent of that chatbot');
    }
  }
  if (rule.integrationAccountId) {
    const [account] = await db
      .select({ id: callIntegrationAccounts.id })
      .from(callIntegrationAccounts)
      .where(
        and(
          eq(callIntegrationAccounts.companyId, companyId),
          eq(callIntegrationAccounts.id, rule.integrationAccountId),
        ),
      );
    if (!account) throw invalid('integrationAccountId', 'is not a phone number of this company');
  }
  const listId = rule.conditions?.callerListId;
  if (listId) {
    const [list] = await db
      .select({ id: callerLists.id })
      .from(callerLists)
      .where(and(eq(callerLists.companyId, companyId), eq(callerLists.id, listId)));
    if (!list) throw invalid('conditions.callerListId', 'is not a caller list of this company');
  }
}

async function chatbotOf(db: Database, companyId: string, id: string) {
  const [bot] = await db
    .select({ id: chatbots.id, chatbotType: chatbots.chatbotType, agentsList: chatbots.agentsList })
    .from(chatbots)
    .where(and(eq(chatbots.companyId, companyId), eq(chatbots.id, id)));
  return bot ?? null;
}
