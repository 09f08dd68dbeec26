import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../src/server/config.js';
import { KnowledgeRetriever } from '../../../../src/server/knowledge/retrieval.js';
import {
  OfflineBrain,
  offlinePhrases,
} from '../../../../src/server/voice/providers/local/brain/offline-brain.js';
import {
  loadPronunciations,
  Pronunciations,
} from '../../../../src/server/voice/providers/local/brain/pronunciations.js';
import { soundAlikeQuestion } from '../../../../src/server/voice/providers/local/brain/sound-alike.js';
import { pronouncingDictionary } from '../../../../src/server/voice/providers/local/stt/pocketsphinx-bindings.js';
import { createTenants } from '../../../helpers/fixtures.js';
import { createLocalCallBot } from '../../../helpers/local-call-bot.js';
import { startTestApp, type TestApp } from '../../../helpers/test-app.js';

async function answerOf(brain: OfflineBrain, question: string): Promise<string> {
  let text = '';
  await brain.reply(
    question,
    {
      text: (delta) => {
        text += delta;
      },
      toolCall: async () => 'ok',
      usage: () => {},
    },
    new AbortController().signal,
  );
  return text;
}

describe('a misheard word taken for the knowledge word it sounds like', () => {
  let t: TestApp;
  let search: (query: string) => ReturnType<KnowledgeRetriever['search']>;
  let pronunciations: Pronunciations | null;
  beforeAll(async () => {
    t = await startTestApp();
    const tenants = await createTenants(t, { callEnabled: true });
    const bot = await createLocalCallBot(t, tenants.as.adminA);
    const retriever = new KnowledgeRetriever({ db: t.db, vectorColumn: false });
    search = (query) =>
      retriever.search({ companyId: tenants.companyA.id, chatbotId: bot.id, query, limit: 3 });
    // The dictionary pocketsphinx itself decodes with (Debian's pocketsphinx-en-us).
    pronunciations = await loadPronunciations(
      pronouncingDictionary(loadConfig({}).localVoice.pocketsphinxModelDir),
    );
  }, 60_000);
  afterAll(() => t?.close());

  it('answers "business showers" with the business hours', async () => {
    expect(pronunciations).not.toBeNull();
    const literal = new OfflineBrain({ search, endCallPhrase: 'bye' });
    expect(await answerOf(literal, 'What are your business showers?')).toBe(offlinePhrases.unknown);
    const listening = new OfflineBrain({ search, endCallPhrase: 'bye', pronunciations });
    expect(await answerOf(listening, 'What are your business showers?')).toContain(
      'Monday to Friday from 8 am to 6 pm',
    );
  });

  it('still says it does not know when no word sounds like the knowledge', async () => {
    const listening = new OfflineBrain({ search, endCallPhrase: 'bye', pronunciations });
    expect(await answerOf(listening, 'Do you sell business flowers?')).toBe(offlinePhrases.unknown);
    expect(await answerOf(listening, 'What is the weather tomorrow?')).toBe(offlinePhrases.unknown);
  });
});

describe('soundAlikeQuestion', () => {
  const dictionary = Pronunciations.parse(
    [
      'hours AW ER Z',
      'showers SH AW ER Z',
      'parking P AA R K IH NG',
      'barking B AA R K IH NG',
      'marking M AA R K IH NG',
      'cost K AA S T',
      'coast K OW S T',
    ].join('\n'),
  );

  it('replaces a word the passages lack by the one passage word it sounds like', () => {
    expect(soundAlikeQuestion('Business showers?', ['Business hours'], dictionary)).toBe(
      'Business hours?',
    );
  });

  it('leaves words alone that the passages have, or that sound like several of their words', () => {
    expect(soundAlikeQuestion('Business hours?', ['Business hours'], dictionary)).toBeNull();
    expect(soundAlikeQuestion('Is there barking?', ['Parking and marking'], dictionary)).toBeNull();
  });

  it('leaves words alone it cannot pronounce', () => {
    expect(soundAlikeQuestion('Any zzyzx?', ['Business hours'], dictionary)).toBeNull();
  });
});
