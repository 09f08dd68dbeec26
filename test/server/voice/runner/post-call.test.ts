import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChatModel } from '../../../../src/server/chat/create-agent.js';
import { loadConfig } from '../../../../src/server/config.js';
import {
  analyzeOffline,
  type TranscriptLine,
} from '../../../../src/server/voice/runner/offline-analysis.js';
import { analyzeCall } from '../../../../src/server/voice/runner/post-call.js';
import { DEFAULT_URGENT_KEYWORDS } from '../../../../src/shared/chatbot-settings.js';
import { type ChatProviderHarness, chatProviderHarnesses } from '../../../fakes/chat-providers.js';
import { type FakeServer, startFakeServer } from '../../../fakes/fake-http-server.js';
import { logger } from './runner-world.js';

const KEYWORDS = [...DEFAULT_URGENT_KEYWORDS];

const BOOKING: TranscriptLine[] = [
  { speaker: 'agent', text: 'Hello, Alpha Dental, how can I help?' },
  { speaker: 'caller', text: 'Hi. I would like to book an appointment for a cleaning next week.' },
  { speaker: 'agent', text: 'Sure, we have Tuesday at nine. Does that work?' },
  { speaker: 'caller', text: 'Yes. Tuesday at nine works for me. Thanks, goodbye.' },
];

describe('offline post-call analysis', () => {
  it("summarises the caller's request with the agent's answer and files the intent", () => {
    const analysis = analyzeOffline(BOOKING, KEYWORDS);
    expect(analysis).toEqual({
      summary:
        'The caller asked: “I would like to book an appointment for a cleaning next week.” The agent answered: “Sure, we have Tuesday at nine. Does that work?”',
      intent: 'Appointment',
      isUrgent: false,
      answered: true,
      resolved: null,
      sentiment: null,
      analyzedBy: 'offline',
    });
    expect(analyzeOffline(BOOKING, KEYWORDS)).toEqual(analysis);
  });

  it('says when the agent could not answer, and keeps two requests with their own answers', () => {
    const lines: TranscriptLine[] = [
      { speaker: 'agent', text: 'Hello, Alpha Dental.' },
      { speaker: 'caller', text: 'Do you take Kaiser insurance?' },
      {
        speaker: 'agent',
        text: "I'm sorry, I couldn't find that in our information. Would you like me to connect you with a person?",
      },
      { speaker: 'caller', text: 'No. And what are your opening hours on Saturday?' },
      { speaker: 'agent', text: 'On Saturday we are open from 9 am to 1 pm.' },
      { speaker: 'caller', text: 'Okay thanks, goodbye.' },
    ];
    const analysis = analyzeOffline(lines, KEYWORDS);
    expect(analysis.summary).toBe(
      "The caller asked: “Do you take Kaiser insurance?” The agent could not answer: “I'm sorry, I couldn't find that in our information. Would you like me to connect you with a person?” " +
        'The caller asked: “And what are your opening hours on Saturday?” The agent answered: “On Saturday we are open from 9 am to 1 pm.”',
    );
    expect(analysis.answered).toBe(false);
    expect(analysis.summary).not.toContain('goodbye');
  });

  it('files requests for a person, insurance and unknown topics under the fixed intents', () => {
    const intentOf = (text: string) =>
      analyzeOffline([{ speaker: 'caller', text }], KEYWORDS).intent;
    expect(intentOf('Can I talk to a person please?')).toBe('Speak to a person');
    expect(intentOf('Is my treatment covered by Kaiser?')).toBe('Billing/insurance');
    expect(intentOf('Where are you? Is there parking?')).toBe('Hours/location');
    expect(intentOf('Do you sell garden furniture?')).toBe('Other');
  });

  it("marks a call urgent from the caller's words only, with the configured keywords", () => {
    const bleeding: TranscriptLine[] = [
      { speaker: 'caller', text: 'My gum has been bleeding since this morning, what should I do?' },
    ];
    expect(analyzeOffline(bleeding, KEYWORDS)).toMatchObject({
      isUrgent: true,
      intent: 'Emergency',
      answered: false,
      summary:
        'The caller asked: “My gum has been bleeding since this morning, what should I do?” The call ended before an answer.',
    });
    expect(analyzeOffline(bleeding, ['flood']).isUrgent).toBe(false);
    const agentOnly: TranscriptLine[] = [
      { speaker: 'agent', text: 'In an emergency, please call 911.' },
      { speaker: 'caller', text: 'What are your prices for whitening?' },
    ];
    expect(analyzeOffline(agentOnly, KEYWORDS)).toMatchObject({
      isUrgent: false,
      intent: 'Pricing',
    });
  });

  it('says so when the caller said nothing', () => {
    expect(analyzeOffline([{ speaker: 'agent', text: 'Hello?' }], KEYWORDS)).toMatchObject({
      summary: 'The caller did not say anything.',
      intent: 'Other',
      isUrgent: false,
      answered: null,
    });
  });
});

describe.each(chatProviderHarnesses())(
  'post-call analysis with $label',
  (harness: ChatProviderHarness) => {
    let fake: FakeServer;
    const model = () => {
      const config = loadConfig(harness.env(fake.url));
      return buildChatModel(config, { provider: harness.provider, modelId: harness.modelId });
    };

    beforeAll(async () => {
      fake = await startFakeServer(harness.routes);
    });
    afterAll(() => fake?.close());

    it("uses the chatbot's chat model for summary, intent and urgency", async () => {
      harness.queue({
        say: [
          '```json\n{"summary": "The caller booked a cleaning for Tuesday at nine.",',
          ' "intent": "Appointment", "urgent": false, "answered": true, "resolved": true,',
          ' "sentiment": "positive"}\n```',
        ],
      });
      const analysis = await analyzeCall({
        callId: 'call-1',
        lines: BOOKING,
        urgentKeywords: KEYWORDS,
        model: model(),
        logger,
      });
      expect(analysis).toEqual({
        summary: 'The caller booked a cleaning for Tuesday at nine.',
        intent: 'Appointment',
        isUrgent: false,
        answered: true,
        resolved: true,
        sentiment: 'positive',
        analyzedBy: harness.provider,
      });
      const request = fake.requests.filter(harness.isChatRequest).at(-1);
      if (!request) throw new Error('no request reached the fake');
      expect(harness.systemPromptOf(request)).toMatch(/finished phone call/);
      expect(harness.systemPromptOf(request)).toContain('"Speak to a person", "Appointment"');
      expect(harness.transcriptOf(request).join('\n')).toContain(
        'Caller: Hi. I would like to book an appointment for a cleaning next week.',
      );
    });

    it('marks the call urgent on a configured keyword even when the model does not', async () => {
      harness.queue({ say: ['{"summary": "Toothache.", "intent": "Toothache", "urgent": false}'] });
      const analysis = await analyzeCall({
        callId: 'call-2',
        lines: [{ speaker: 'caller', text: 'I am in a lot of pain since yesterday.' }],
        urgentKeywords: KEYWORDS,
        model: model(),
        logger,
      });
      // An intent outside the fixed set is filed under Other.
      expect(analysis).toMatchObject({ intent: 'Other', isUrgent: true, answered: null });
    });

    it('falls back to the offline analysis when the model fails or answers nonsense', async () => {
      harness.queue({ fail: 400, message: 'model overloaded' });
      const failed = await analyzeCall({
        callId: 'call-3',
        lines: BOOKING,
        urgentKeywords: KEYWORDS,
        model: model(),
        logger,
      });
      expect(failed).toEqual(analyzeOffline(BOOKING, KEYWORDS));
      harness.queue({ say: ['Sure! The caller wanted a cleaning.'] });
      const nonsense = await analyzeCall({
        callId: 'call-4',
        lines: BOOKING,
        urgentKeywords: KEYWORDS,
        model: model(),
        logger,
      });
      expect(nonsense.analyzedBy).toBe('offline');
    });
  },
);
