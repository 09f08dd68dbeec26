import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenAIChatModel } from '../../../../src/server/chat/providers/openai-chat.js';
import type { RetrievedChunk } from '../../../../src/server/knowledge/retrieval.js';
import {
  MODEL_FAILED_ANSWER,
  ModelBrain,
} from '../../../../src/server/voice/providers/local/brain/model-brain.js';
import {
  OfflineBrain,
  offlinePhrases,
} from '../../../../src/server/voice/providers/local/brain/offline-brain.js';
import type {
  BrainOutput,
  VoiceBrain,
} from '../../../../src/server/voice/providers/local/parts.js';
import { callPhrases } from '../../../../src/server/voice/runner/call-phrases.js';
import { TRANSFERRING_OUTPUT } from '../../../../src/server/voice/runner/call-tools.js';
import { type FakeServer, startFakeServer } from '../../../fakes/fake-http-server.js';
import { type OpenAIChatScript, openaiChatRoutes } from '../../../fakes/openai-chat.js';
import { logger } from '../runner/runner-world.js';

const PARKING: RetrievedChunk = {
  chunkId: 'c1',
  documentId: 'd1',
  documentTitle: 'Visiting us',
  heading: 'Parking',
  content: 'Free parking is behind the building. Bicycles go in the yard.',
  score: 1,
  textRank: 0.8,
};

/** Runs one reply, answering each tool call with `toolOutput`. */
async function replyOf(brain: VoiceBrain, callerText: string, toolOutput = 'Recorded.') {
  let text = '';
  const tools: Array<{ name: string; args: Record<string, unknown> }> = [];
  const output: BrainOutput = {
    text: (delta) => {
      text += delta;
    },
    toolCall: async (name, args) => {
      tools.push({ name, args });
      return toolOutput;
    },
    usage: () => {},
  };
  await brain.reply(callerText, output, new AbortController().signal);
  return { text, tools };
}

describe('the offline brain', () => {
  const searches: string[] = [];
  const brain = new OfflineBrain({
    search: async (query) => {
      searches.push(query);
      return /park/i.test(query) ? [PARKING] : [];
    },
    endCallPhrase: 'see you',
  });

  it('answers from the passage that matches, and honestly when none does', async () => {
    expect(await replyOf(brain, 'Is there parking?')).toEqual({
      text: 'Free parking is behind the building.',
      tools: [],
    });
    expect((await replyOf(brain, 'Do you sell bicycles on Mars?')).text).toBe(
      offlinePhrases.unknown,
    );
    expect(searches).toEqual(['Is there parking?', 'Do you sell bicycles on Mars?']);
  });

  it('escalates a request for a person, then takes a message as a ticket when nobody can join', async () => {
    const caller = new OfflineBrain({
      search: async () => [],
      endCallPhrase: 'see you',
      callerNumber: '+15557654321',
    });
    expect(await replyOf(caller, 'Can I speak to a real person please')).toEqual({
      text: 'All agents are busy. Can I take a message?',
      tools: [{ name: 'escalate_to_human', args: { reason: 'The caller asked for a person' } }],
    });
    expect((await replyOf(caller, 'yes')).text).toBe('May I have your name, please?');
    expect((await replyOf(caller, 'my name is ann lee')).text).toBe(
      'Thank you, Ann. Is +1 555 765 4321 the best number to reach you?',
    );
    await replyOf(caller, 'yes');
    await replyOf(caller, 'a question about my bill');
    expect((await replyOf(caller, 'after lunch')).text).toMatch(/^Let me read that back/);
    expect(await replyOf(caller, 'yes')).toEqual({
      text: "Thank you, Ann. I've passed your message to the team, and someone will call you back. Goodbye!",
      tools: [
        {
          name: 'take_message',
          args: {
            name: 'Ann Lee',
            phone: '+15557654321',
            reason: 'a question about my bill',
            best_time: 'after lunch',
          },
        },
        { name: 'end_call', args: {} },
      ],
    });
    // The dialogue is over: the brain answers questions again.
    expect((await replyOf(caller, 'hello')).text).toBe(offlinePhrases.hello);
  });

  it('takes a yes to its offer of a person as asking for one, and only right after the offer', async () => {
    const caller = new OfflineBrain({ search: async () => [], endCallPhrase: 'see you' });
    expect((await replyOf(caller, 'Do you fix cars?')).text).toBe(offlinePhrases.unknown);
    expect(await replyOf(caller, 'yes please')).toEqual({
      text: 'All agents are busy. Can I take a message?',
      tools: [{ name: 'escalate_to_human', args: { reason: 'The caller asked for a person' } }],
    });
    const other = new OfflineBrain({ search: async () => [], endCallPhrase: 'see you' });
    await replyOf(other, 'Do you fix cars?');
    await replyOf(other, 'What about boats?');
    expect(await replyOf(other, 'hello')).toEqual({ text: offlinePhrases.hello, tools: [] });
    // A yes that is not an answer to the offer is a question like any other.
    expect((await replyOf(other, 'yes')).tools).toEqual([]);
  });

  it('keeps what a caller gave when they say goodbye while leaving a message', async () => {
    const caller = new OfflineBrain({ search: null, endCallPhrase: 'see you' });
    await replyOf(caller, 'I want to talk to a person');
    await replyOf(caller, 'yes');
    expect((await replyOf(caller, 'jane doe')).text).toBe(
      'Thank you, Jane. What number can we call you back on?',
    );
    expect(await replyOf(caller, 'goodbye')).toEqual({
      text: callPhrases.farewell,
      tools: [
        {
          name: 'take_message',
          args: { name: 'Jane Doe', phone: '', reason: offlinePhrases.noReason, best_time: '' },
        },
        { name: 'end_call', args: {} },
      ],
    });
  });

  it('says goodbye without a ticket to a caller who declines to leave a message', async () => {
    const caller = new OfflineBrain({ search: null, endCallPhrase: 'see you' });
    await replyOf(caller, 'I want to talk to a person');
    expect(await replyOf(caller, 'no thank you')).toEqual({
      text: 'No problem. Thank you for calling, and goodbye!',
      tools: [{ name: 'end_call', args: {} }],
    });
  });

  it('says nothing of a message when the escalation hands the phone call to a person', async () => {
    const caller = new OfflineBrain({ search: null, endCallPhrase: 'see you' });
    const handedOff = await replyOf(caller, 'I want to talk to a person', TRANSFERRING_OUTPUT);
    expect(handedOff.text).toBe('');
    expect((await replyOf(caller, 'hello')).text).toBe(offlinePhrases.hello);
  });

  it('ends the call on goodbye and on the chatbot’s own end-call phrase', async () => {
    for (const farewell of ['Okay, goodbye!', 'thanks that is all', 'Great, see you']) {
      expect(await replyOf(brain, farewell)).toEqual({
        text: callPhrases.farewell,
        tools: [{ name: 'end_call', args: {} }],
      });
    }
  });

  it('answers thanks and greetings without searching', async () => {
    searches.length = 0;
    expect((await replyOf(brain, 'Thank you very much')).text).toBe(offlinePhrases.welcome);
    expect((await replyOf(brain, 'hello')).text).toBe(offlinePhrases.hello);
    expect(searches).toEqual([]);
  });

  it('without Knowledge Base Access, says it does not know', async () => {
    const closed = new OfflineBrain({ search: null, endCallPhrase: 'goodbye' });
    expect((await replyOf(closed, 'Is there parking?')).text).toBe(offlinePhrases.unknown);
  });
});

describe('the model brain', () => {
  const script: OpenAIChatScript = [];
  let llm: FakeServer;
  beforeAll(async () => {
    llm = await startFakeServer(openaiChatRoutes(script));
  });
  afterAll(() => llm.close());

  const brain = () =>
    new ModelBrain({
      model: new OpenAIChatModel({
        apiKey: 'sk-local',
        baseUrl: `${llm.url}/v1`,
        model: 'llama-local',
        maxRetries: 0,
      }),
      instructions: 'You are the front desk of Alpha Dental.',
      tools: [],
      search: async () => [PARKING],
      logger,
      callId: 'brain-test',
    });
  type Sent = { messages: Array<{ role: string; content: string }> };
  const sent = (i: number) => llm.requests[i]?.body as Sent;

  it('puts the passages in the prompt and keeps the conversation, cut to what the caller heard', async () => {
    const model = brain();
    model.remember('Hello, Alpha Dental.');
    script.push({ text: ['Parking is free ', 'behind the building. ', 'Bikes go in the yard.'] });
    expect((await replyOf(model, 'Where can I park?')).text).toBe(
      'Parking is free behind the building. Bikes go in the yard.',
    );
    expect(sent(0).messages[0]?.content).toContain('Free parking is behind the building.');
    model.correctLastAnswer('Parking is free behind the building.');
    script.push({ text: ['You are welcome.'] });
    await replyOf(model, 'Thanks');
    expect(sent(1).messages.slice(1)).toEqual([
      { role: 'assistant', content: 'Hello, Alpha Dental.' },
      { role: 'user', content: 'Where can I park?' },
      { role: 'assistant', content: 'Parking is free behind the building. …' },
      { role: 'user', content: 'Thanks' },
    ]);
  });

  it('apologises in words when the model server fails', async () => {
    script.push({ error: { status: 500, message: 'The server had an error' } });
    expect((await replyOf(brain(), 'Where can I park?')).text).toBe(MODEL_FAILED_ANSWER);
  });
});
