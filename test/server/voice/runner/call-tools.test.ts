import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  calls,
  conversations,
  escalations,
  messages,
  tickets,
} from '../../../../src/server/db/schema/index.js';
import { callInstructions } from '../../../../src/server/voice/runner/call-instructions.js';
import { callSettingsSchema } from '../../../../src/shared/chatbot-settings.js';
import { createCompany } from '../../../helpers/fixtures.js';
import { insertCategory, insertDocument } from '../../../helpers/retrieval.js';
import {
  callRow,
  createRunnerWorld,
  type RunnerWorld,
  startRunner,
  until,
} from './runner-world.js';

let world: RunnerWorld;

beforeAll(async () => {
  world = await createRunnerWorld();
  const category = await insertCategory(world.db, world.company.id, 'Practice');
  await insertDocument(world.db, {
    companyId: world.company.id,
    categoryId: category.id,
    title: 'Opening hours',
    paragraphs: [
      'Alpha Dental is open Monday to Friday from 8 am to 6 pm, and on Saturday from 9 am to 1 pm.',
      'Parking is free behind the building.',
    ],
    status: 'ready',
  });
  const other = await createCompany(world.db, { callEnabled: true });
  const otherCategory = await insertCategory(world.db, other.id, 'Other');
  await insertDocument(world.db, {
    companyId: other.id,
    categoryId: otherCategory.id,
    title: 'Beta opening hours',
    paragraphs: ['Beta Clinic is open on Saturday from 7 am to 11 pm, secret rota.'],
    status: 'ready',
  });
});
afterAll(() => world?.close());

describe('CallRunner tools', () => {
  it("answers search_knowledge_base from the chatbot's own knowledge in the database", async () => {
    const { session, runner } = await startRunner(world, { settings: { greeting: '' } });
    session.emit('tool.call', {
      callId: 'fc_1',
      name: 'search_knowledge_base',
      arguments: { query: 'Saturday opening hours' },
    });
    await until(() => session.toolResults.length === 1);
    const [result] = session.toolResults;
    expect(result?.callId).toBe('fc_1');
    expect(result?.output).toContain('Opening hours');
    expect(result?.output).toContain('on Saturday from 9 am to 1 pm');
    expect(result?.output).not.toContain('Beta');
    await runner.end('caller_hangup');
  });

  it('offers no knowledge search when the chatbot may not use its knowledge base', async () => {
    const { session, runner } = await startRunner(world, {
      settings: { greeting: '', knowledgeBaseAccess: false },
    });
    expect(session.config.tools.map((t) => t.name)).not.toContain('search_knowledge_base');
    session.emit('tool.call', {
      callId: 'fc_2',
      name: 'search_knowledge_base',
      arguments: { query: 'Saturday opening hours' },
    });
    await until(() => session.toolResults.length === 1);
    expect(session.toolResults[0]?.output).toBe(
      'The knowledge base is not available on this call.',
    );
    await runner.end('caller_hangup');
  });

  it('records an escalation with the call in the Inbox and has the agent offer to take a message', async () => {
    const { session, runner, callId } = await startRunner(world, { settings: { greeting: '' } });
    session.emit('tool.call', {
      callId: 'fc_3',
      name: 'escalate_to_human',
      arguments: { reason: 'Caller wants to speak with the dentist' },
    });
    await until(() => session.toolResults.length === 1);
    expect(session.toolResults[0]?.output).toMatch(
      /"All agents are busy\. Can I take a message\?".*name.*number.*best time.*take_message/s,
    );
    // A web call has no caller ID to offer back.
    expect(session.toolResults[0]?.output).not.toMatch(/calling from/);

    const [escalation] = await world.db
      .select()
      .from(escalations)
      .where(eq(escalations.callId, callId));
    expect(escalation).toMatchObject({
      companyId: world.company.id,
      reason: 'Caller wants to speak with the dentist',
      status: 'open',
    });
    const call = await callRow(world, callId);
    expect(call.conversationId).toBe(escalation?.conversationId);
    const [conversation] = await world.db
      .select()
      .from(conversations)
      .where(eq(conversations.id, call.conversationId ?? ''));
    expect(conversation).toMatchObject({
      companyId: world.company.id,
      chatbotId: world.chatbot.id,
      channel: 'voice_call',
      status: 'waiting_human',
    });
    await runner.end('caller_hangup');
  });

  it('takes a message as a ticket for the team', async () => {
    const { session, runner, callId } = await startRunner(world, { settings: { greeting: '' } });
    session.emit('tool.call', {
      callId: 'fc_4',
      name: 'take_message',
      arguments: {
        name: 'Maria Lopez',
        phone: '+1 555 0100',
        message: 'Please call me about my crown.',
      },
    });
    session.emit('tool.call', {
      callId: 'fc_5',
      name: 'take_message',
      arguments: { name: 'Maria' },
    });
    session.emit('tool.call', {
      callId: 'fc_4b',
      name: 'take_message',
      arguments: {
        name: 'Tom Hill',
        phone: '5550199',
        reason: 'A refund for my last visit',
        best_time: 'weekday mornings',
      },
    });
    await until(() => session.toolResults.length === 3);
    expect(session.toolResults.find((r) => r.callId === 'fc_4')?.output).toMatch(/saved/);
    expect(session.toolResults.find((r) => r.callId === 'fc_5')?.output).toMatch(/Ask the caller/);
    const rows = await world.db.select().from(tickets).where(eq(tickets.callId, callId));
    expect(rows).toEqual([
      expect.objectContaining({
        companyId: world.company.id,
        chatbotId: world.chatbot.id,
        name: 'Maria Lopez',
        phone: '+1 555 0100',
        message: 'Please call me about my crown.',
        status: 'open',
      }),
      expect.objectContaining({
        name: 'Tom Hill',
        phone: '5550199',
        message: 'A refund for my last visit\nBest time to call: weekday mornings',
      }),
    ]);
    await runner.end('caller_hangup');
  });

  it('asks models for the callback fields in the take_message schema', async () => {
    const { session, runner } = await startRunner(world, { settings: { greeting: '' } });
    const takeMessage = session.config.tools.find((tool) => tool.name === 'take_message');
    expect(takeMessage?.parameters).toMatchObject({
      properties: {
        name: { type: 'string' },
        phone: { type: 'string' },
        reason: { type: 'string' },
        best_time: { type: 'string' },
      },
      required: ['name', 'phone', 'reason', 'best_time'],
    });
    const rules = callInstructions('You are the front desk.', callSettingsSchema.parse({}));
    expect(rules).toContain('say "All agents are busy. Can I take a message?"');
    expect(rules).toMatch(/name.*number.*read it back.*best time to call.*take_message/);
    await runner.end('caller_hangup');
  });

  it('offers a phone caller their own number back when nobody can take the call', async () => {
    const { session, runner, callId } = await startRunner(world, { settings: { greeting: '' } });
    await world.db.update(calls).set({ callerId: '+15550142' }).where(eq(calls.id, callId));
    session.emit('tool.call', { callId: 'fc_p', name: 'escalate_to_human', arguments: {} });
    await until(() => session.toolResults.length === 1);
    expect(session.toolResults[0]?.output).toMatch(
      /calling from \+15550142: read it back and ask whether it is the best number/,
    );
    await runner.end('caller_hangup');
  });

  it('closes an escalation nobody took as missed when the caller hangs up, with or without a message', async () => {
    const conversationOf = async (callId: string) => {
      const { conversationId } = await callRow(world, callId);
      const [conversation] = await world.db
        .select()
        .from(conversations)
        .where(eq(conversations.id, conversationId ?? ''));
      const notes = await world.db
        .select({ role: messages.role, content: messages.content })
        .from(messages)
        .where(and(eq(messages.conversationId, conversationId ?? '')))
        .orderBy(asc(messages.createdAt));
      const [escalation] = await world.db
        .select()
        .from(escalations)
        .where(eq(escalations.callId, callId));
      return { conversation, notes, escalation };
    };

    const silent = await startRunner(world, { settings: { greeting: '' } });
    silent.session.emit('tool.call', { callId: 'fc_m1', name: 'escalate_to_human', arguments: {} });
    await until(() => silent.session.toolResults.length === 1);
    expect((await conversationOf(silent.callId)).conversation?.status).toBe('waiting_human');
    await silent.runner.end('caller_hangup');
    const missed = await conversationOf(silent.callId);
    expect(missed.conversation).toMatchObject({ status: 'closed', closedAt: expect.any(Date) });
    expect(missed.escalation).toMatchObject({ status: 'resolved' });
    expect(missed.notes).toEqual([
      {
        role: 'system',
        content:
          'Missed escalation: the caller hung up before anyone could join and left no message.',
      },
    ]);

    const left = await startRunner(world, { settings: { greeting: '' } });
    left.session.emit('tool.call', { callId: 'fc_m2', name: 'escalate_to_human', arguments: {} });
    await until(() => left.session.toolResults.length === 1);
    left.session.emit('tool.call', {
      callId: 'fc_m3',
      name: 'take_message',
      arguments: { name: 'Ann', phone: '5550100', reason: 'Billing', best_time: 'noon' },
    });
    await until(() => left.session.toolResults.length === 2);
    await left.runner.end('caller_hangup');
    const withMessage = await conversationOf(left.callId);
    expect(withMessage.conversation?.status).toBe('closed');
    expect(withMessage.notes.at(-1)?.content).toMatch(/left a message, see Tickets/);
    const [ticket] = await world.db.select().from(tickets).where(eq(tickets.callId, left.callId));
    expect(ticket?.conversationId).toBe(withMessage.conversation?.id);

    // A caller who hangs up while the escalation is still being recorded is not left waiting either.
    const quick = await startRunner(world, { settings: { greeting: '' } });
    quick.session.emit('tool.call', { callId: 'fc_m4', name: 'escalate_to_human', arguments: {} });
    await quick.runner.end('caller_hangup');
    expect((await conversationOf(quick.callId)).conversation?.status).toBe('closed');

    // A call that never asked for a person leaves no conversation behind.
    const plain = await startRunner(world, { settings: { greeting: '' } });
    await plain.runner.end('caller_hangup');
    expect((await callRow(world, plain.callId)).conversationId).toBeNull();
  });

  it('ends the call with agent_ended once the agent has said goodbye after end_call', async () => {
    const { session, runner, clock, callId } = await startRunner(world, {
      settings: { greeting: '' },
    });
    const responseId = session.startAnswer();
    session.emit('tool.call', { callId: 'fc_6', name: 'end_call', arguments: {} });
    await until(() => session.toolResults.length === 1);
    session.emit('response.done', { responseId, status: 'completed' });
    await clock.advance(300);
    session.answer('Thanks for calling, goodbye!');
    await clock.advance(1_999);
    expect(runner.utterances.at(-1)?.text).toBe('Thanks for calling, goodbye!');
    await clock.advance(1);
    expect(await runner.finished).toMatchObject({ status: 'completed', endReason: 'agent_ended' });
    expect(await callRow(world, callId)).toMatchObject({ endReason: 'agent_ended' });
  });

  it('answers an unknown tool without failing the call', async () => {
    const { session, runner, leg } = await startRunner(world, { settings: { greeting: '' } });
    session.emit('tool.call', { callId: 'fc_7', name: 'book_appointment', arguments: {} });
    await until(() => session.toolResults.length === 1);
    expect(session.toolResults[0]?.output).toBe('There is no tool named book_appointment.');
    expect(leg.closedWith).toBeNull();
    await runner.end('caller_hangup');
  });
});
