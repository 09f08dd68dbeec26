import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusinessHours, RoutingPreview } from '../../../src/shared/call-routing.js';
import type { ApiClient } from '../../helpers/api-client.js';
import { expectError, expectFieldError } from '../../helpers/expect-error.js';
import { createTenants } from '../../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createCallChatbot } from '../../helpers/widget-visitor.js';

const HOURS = '/api/company/business-hours';
const LISTS = '/api/company/caller-lists';
const RULES = '/api/company/routing-rules';

type Rule = { id: string; name: string; position: number; enabled: boolean };

const nineToFive = [{ open: '09:00', close: '17:00' }];
const WEEKDAYS_NINE_TO_FIVE: BusinessHours = {
  timeZone: 'America/New_York',
  weekly: {
    mon: nineToFive,
    tue: nineToFive,
    wed: nineToFive,
    thu: nineToFive,
    fri: nineToFive,
    sat: [],
    sun: [],
  },
  holidays: [{ date: '2026-12-25', name: 'Christmas' }],
};

let t: TestApp;
let as: Awaited<ReturnType<typeof createTenants>>['as'];
let botA: { id: string };
let botB: { id: string };

beforeAll(async () => {
  t = await startTestApp();
  ({ as } = await createTenants(t, { callEnabled: true }));
  botA = await createCallChatbot(as.adminA, 'Front desk');
  botB = await createCallChatbot(as.adminB, 'Beta desk');
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const put = (client: ApiClient, path: string, body: Record<string, unknown>) =>
  client.request('PUT', path, body);

async function createRule(body: Record<string, unknown>, client = as.adminA): Promise<Rule> {
  const res = await client.post<{ rule: Rule }>(RULES, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.rule;
}

describe('business hours', () => {
  it('start unset, are saved by an admin and read by a support agent', async () => {
    const unset = await as.agentA.get<{ businessHours: { configured: boolean } }>(HOURS);
    expect(unset.status).toBe(200);
    expect(unset.body.businessHours.configured).toBe(false);

    const saved = await put(as.adminA, HOURS, WEEKDAYS_NINE_TO_FIVE);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const read = await as.agentA.get<{ businessHours: BusinessHours & { configured: boolean } }>(
      HOURS,
    );
    expect(read.body.businessHours).toEqual({ ...WEEKDAYS_NINE_TO_FIVE, configured: true });
    // Another company's hours are its own.
    const other = await as.adminB.get<{ businessHours: { configured: boolean } }>(HOURS);
    expect(other.body.businessHours.configured).toBe(false);
  });

  it('refuse an unknown time zone and intervals out of order or overlapping', async () => {
    expectFieldError(
      await put(as.adminA, HOURS, { ...WEEKDAYS_NINE_TO_FIVE, timeZone: 'Mars/Olympus' }),
      'timeZone',
    );
    const overlapping = {
      ...WEEKDAYS_NINE_TO_FIVE,
      weekly: {
        ...WEEKDAYS_NINE_TO_FIVE.weekly,
        mon: [
          { open: '09:00', close: '13:00' },
          { open: '12:00', close: '17:00' },
        ],
      },
    };
    expect((await put(as.adminA, HOURS, overlapping)).status).toBe(400);
    const backwards = {
      ...WEEKDAYS_NINE_TO_FIVE,
      weekly: { ...WEEKDAYS_NINE_TO_FIVE.weekly, tue: [{ open: '17:00', close: '09:00' }] },
    };
    expect((await put(as.adminA, HOURS, backwards)).status).toBe(400);
  });

  it('are changed by company admins only', async () => {
    expectError(await put(as.agentA, HOURS, WEEKDAYS_NINE_TO_FIVE), 403, 'forbidden');
    expect((await as.anonymous.get(HOURS)).status).toBe(401);
  });
});

describe('caller lists', () => {
  it('are created with numbers stored E.164, changed and deleted by admins; agents read them', async () => {
    const created = await as.adminA.post<{ callerList: { id: string; numbers: string[] } }>(LISTS, {
      name: 'Blocked',
      kind: 'blocked',
      numbers: ['+1 (900) 555-0100', '+19005550100', '0049 30 1234567'],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.callerList.numbers).toEqual(['+19005550100', '+49301234567']);
    const { id } = created.body.callerList;

    expect((await as.agentA.get(LISTS)).status).toBe(200);
    expectError(await as.agentA.patch(`${LISTS}/${id}`, { name: 'x' }), 403, 'forbidden');
    expectFieldError(
      await as.adminA.post(LISTS, { name: 'Bad', kind: 'vip', numbers: ['call me maybe'] }),
      'numbers.0',
    );
    const renamed = await as.adminA.patch<{ callerList: { name: string } }>(`${LISTS}/${id}`, {
      name: 'Blocked callers',
    });
    expect(renamed.body.callerList.name).toBe('Blocked callers');
    // Another company neither sees nor changes it.
    const listB = await as.adminB.get<{ callerLists: unknown[] }>(LISTS);
    expect(listB.body.callerLists).toEqual([]);
    expectError(await as.adminB.patch(`${LISTS}/${id}`, { name: 'Mine' }), 404, 'not_found');
    expectError(await as.adminB.delete(`${LISTS}/${id}`), 404, 'not_found');
    expect((await as.adminA.delete(`${LISTS}/${id}`)).status).toBe(204);
  });
});

describe('routing rules', () => {
  it('are listed in order, reordered, changed and deleted', async () => {
    const first = await createRule({
      name: 'After hours',
      conditions: { businessHours: 'outside' },
      action: { type: 'take_message' },
    });
    const second = await createRule({
      name: 'Everyone else',
      action: { type: 'answer', chatbotId: botA.id },
    });
    expect([first.position, second.position]).toEqual([0, 1]);

    const reordered = await put(as.adminA, `${RULES}/order`, { ids: [second.id, first.id] });
    expect(reordered.status, JSON.stringify(reordered.body)).toBe(200);
    const listed = await as.agentA.get<{ rules: Rule[] }>(RULES);
    expect(listed.body.rules.map((rule) => rule.id)).toEqual([second.id, first.id]);
    expectFieldError(await put(as.adminA, `${RULES}/order`, { ids: [second.id] }), 'ids');

    const disabled = await as.adminA.patch<{ rule: Rule }>(`${RULES}/${first.id}`, {
      enabled: false,
    });
    expect(disabled.body.rule).toMatchObject({ enabled: false, name: 'After hours' });
    expect((await as.adminA.delete(`${RULES}/${first.id}`)).status).toBe(204);
    expect((await as.adminA.delete(`${RULES}/${second.id}`)).status).toBe(204);
  });

  it('are written by company admins only', async () => {
    expectError(
      await as.agentA.post(RULES, { name: 'x', action: { type: 'take_message' } }),
      403,
      'forbidden',
    );
    const rule = await createRule({ name: 'Mine', action: { type: 'take_message' } });
    expectError(await as.agentA.patch(`${RULES}/${rule.id}`, { name: 'y' }), 403, 'forbidden');
    expectError(await as.agentA.delete(`${RULES}/${rule.id}`), 403, 'forbidden');
    expectError(await put(as.agentA, `${RULES}/order`, { ids: [rule.id] }), 403, 'forbidden');
    await as.adminA.delete(`${RULES}/${rule.id}`);
  });

  it('never reach another company: its rules are not found, its chatbots and lists are refused', async () => {
    const ruleB = await createRule(
      { name: 'Beta rule', action: { type: 'take_message' } },
      as.adminB,
    );
    expectError(await as.adminA.patch(`${RULES}/${ruleB.id}`, { name: 'taken' }), 404, 'not_found');
    expectError(await as.adminA.delete(`${RULES}/${ruleB.id}`), 404, 'not_found');
    expectFieldError(await put(as.adminA, `${RULES}/order`, { ids: [ruleB.id] }), 'ids');
    expectFieldError(
      await as.adminA.post(RULES, { name: 'x', action: { type: 'answer', chatbotId: botB.id } }),
      'action.chatbotId',
    );
    expectFieldError(
      await as.adminA.post(RULES, {
        name: 'x',
        chatbotId: botB.id,
        action: { type: 'take_message' },
      }),
      'chatbotId',
    );
    const listB = await as.adminB.post<{ callerList: { id: string } }>(LISTS, {
      name: 'Beta VIPs',
      kind: 'vip',
      numbers: [],
    });
    expectFieldError(
      await as.adminA.post(RULES, {
        name: 'x',
        conditions: { callerListId: listB.body.callerList.id },
        action: { type: 'take_message' },
      }),
      'conditions.callerListId',
    );
    const rulesA = await as.adminA.get<{ rules: Rule[] }>(RULES);
    expect(rulesA.body.rules.map((rule) => rule.id)).not.toContain(ruleB.id);
  });

  it('refuse an agent the answering chatbot does not have', async () => {
    expectFieldError(
      await as.adminA.post(RULES, {
        name: 'To billing',
        action: { type: 'answer', chatbotId: botA.id, agentId: 'billing' },
      }),
      'action.agentId',
    );
  });

  it('refuse an unknown action and a transfer to a number that is not one', async () => {
    expect(
      (await as.adminA.post(RULES, { name: 'x', action: { type: 'ring_everyone' } })).status,
    ).toBe(400);
    expectFieldError(
      await as.adminA.post(RULES, {
        name: 'x',
        action: { type: 'transfer', phoneNumber: 'front desk' },
      }),
      'action.phoneNumber',
    );
  });
});

describe('intent rules', () => {
  it('act only as an answered call can: never by picking the chatbot, also when patched', async () => {
    expectFieldError(
      await as.adminA.post(RULES, {
        name: 'Appointments to the booking bot',
        conditions: { intent: 'appointment' },
        action: { type: 'answer', chatbotId: botA.id },
      }),
      'action.type',
    );
    expect(
      (await as.adminA.post(RULES, { name: 'x', conditions: { intent: 'gossip' } })).status,
    ).toBe(400);
    const emergencies = await createRule({
      name: 'Emergencies to the on-call dentist',
      conditions: { intent: 'emergency' },
      action: { type: 'transfer', phoneNumber: '+15550009111' },
    });
    expectFieldError(
      await as.adminA.patch(`${RULES}/${emergencies.id}`, {
        action: { type: 'take_message' },
      }),
      'action.type',
    );
    const answering = await createRule({
      name: 'Everything to the front desk',
      action: { type: 'answer', chatbotId: botA.id },
    });
    expectFieldError(
      await as.adminA.patch(`${RULES}/${answering.id}`, { conditions: { intent: 'billing' } }),
      'action.type',
    );
    const preview = await as.agentA.post<RoutingPreview>(`${RULES}/preview`, {
      at: '2026-06-08T16:00:00Z',
      source: 'phone',
      keypress: '',
      intent: 'emergency',
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    // The call starts with the rule without an intent; the emergency rule acts once it is heard.
    expect(preview.body).toMatchObject({
      matchedRuleId: answering.id,
      duringCall: {
        intent: 'emergency',
        matchedRuleId: emergencies.id,
        action: { type: 'transfer', phoneNumber: '+15550009111' },
      },
    });
    expect(preview.body.reasons).toContainEqual(
      expect.stringContaining('it waits for the intent "Emergency", heard during the call'),
    );
    await as.adminA.delete(`${RULES}/${emergencies.id}`);
    await as.adminA.delete(`${RULES}/${answering.id}`);
  });
});

describe('test a call (preview)', () => {
  it('explains which rule matches, with saved or unsaved rules, and never another company’s', async () => {
    await put(as.adminA, HOURS, WEEKDAYS_NINE_TO_FIVE);
    const vips = await as.adminA.post<{ callerList: { id: string } }>(LISTS, {
      name: 'VIP patients',
      kind: 'vip',
      numbers: ['+15551230000'],
    });
    const vipRule = await createRule({
      name: 'VIPs to the desk',
      conditions: { callerListId: vips.body.callerList.id },
      action: { type: 'transfer', phoneNumber: '+15559990000' },
    });
    const afterHours = await createRule({
      name: 'After hours',
      conditions: { businessHours: 'outside' },
      action: { type: 'take_message' },
    });
    // Monday 8 June 2026, 20:00 in New York.
    const evening = '2026-06-09T00:00:00Z';
    const preview = await as.agentA.post<RoutingPreview>(`${RULES}/preview`, {
      at: evening,
      source: 'phone',
      callerNumber: '+1 555 123 0000',
      keypress: '',
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({
      matchedRuleId: vipRule.id,
      matchedRuleName: 'VIPs to the desk',
      action: { type: 'transfer', phoneNumber: '+15559990000' },
    });
    expect(preview.body.reasons[0]).toContain('is on the list "VIP patients"');

    const web = await as.adminA.post<RoutingPreview>(`${RULES}/preview`, {
      at: evening,
      source: 'web',
    });
    expect(web.body.matchedRuleId).toBe(afterHours.id);
    expect(web.body.reasons).toEqual([
      expect.stringContaining('only a phone call can be transferred'),
      expect.stringContaining('Monday 2026-06-08 20:00 America/New_York is outside business hours'),
    ]);

    const noon = await as.adminA.post<RoutingPreview>(`${RULES}/preview`, {
      at: '2026-06-08T16:00:00Z',
      source: 'web',
    });
    expect(noon.body, JSON.stringify(noon.body)).toMatchObject({
      matchedRuleId: null,
      action: { type: 'default' },
    });

    const unsaved = await as.adminA.post<RoutingPreview>(`${RULES}/preview`, {
      at: '2026-06-08T16:00:00Z',
      source: 'web',
      rules: [
        {
          name: 'Draft',
          conditions: { sources: ['web'] },
          action: { type: 'play_and_hangup', message: 'Closed' },
        },
      ],
    });
    expect(unsaved.body).toMatchObject({
      matchedRuleName: 'Draft',
      action: { type: 'play_and_hangup' },
    });

    expectError(
      await as.adminA.post(`${RULES}/preview`, { at: evening, source: 'web', chatbotId: botB.id }),
      404,
      'not_found',
    );
    const seenByB = await as.adminB.post<RoutingPreview>(`${RULES}/preview`, {
      at: evening,
      source: 'web',
    });
    // Company B's own rule, never company A's.
    expect(seenByB.body.matchedRuleName).toBe('Beta rule');
  });
});
