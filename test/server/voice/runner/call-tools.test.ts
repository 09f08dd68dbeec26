import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations, escalations, tickets } from '../../../../src/server/db/schema/index.js';
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
    expect(session.toolResults[0]?.output).toMatch(/nobody is available.*take_message/s);

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
    await until(() => session.toolResults.length === 2);
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
    ]);
    await runner.end('caller_hangup');
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
